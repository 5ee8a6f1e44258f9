/**
 * The figures of a run: operations and their outcomes, throughput, latency percentiles, faults, and the
 * fsyncs the nodes' logs made per operation — and their one-screen rendering.
 *
 * @example
 * ```ts
 * percentile([5, 1, 9, 3], 0.5);   // 3 (nearest rank)
 * ```
 *
 * @module
 */

/** The `p`-quantile (0 < p <= 1) of `values` by nearest rank, or NaN if there are none. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]!;
}

/**
 * A kill or restart of the fault schedule that did not happen: a kill asked for by name (`kill=P1@20s`,
 * the first of an `every=` series) whose time had not come when the run ended, or that found its node
 * already down; a restart that would have brought back a node left down at the end, or that found its
 * node up. Later repetitions of an `every=` kill and random kills are not listed when the run ends first:
 * they were never promised.
 */
export interface UnfiredFault {
  readonly kind: 'kill' | 'restart';
  readonly node: string;
  /** When it was scheduled, in ms since the run began. */
  readonly at: number;
  readonly why: 'the run ended first' | 'the node was already down' | 'the node was already up';
}

/** At most this many unfired faults are printed; summary.json lists them all. */
const UNFIRED_SHOWN = 5;

/** The summary's line of faults that did not happen, or none. */
function unfiredLines(s: RunSummary): string[] {
  const list = s.faults.unfired;
  if (list.length === 0) return [];
  const shown = list.slice(0, UNFIRED_SHOWN).map((f) => `${f.kind} ${f.node} at ${(f.at / 1000).toFixed(1)} s (${f.why})`);
  const more = list.length > UNFIRED_SHOWN ? `; and ${list.length - UNFIRED_SHOWN} more (see summary.json)` : '';
  return [`  not fired    ${shown.join('; ')}${more}`];
}

/** What a cluster run did. */
export interface RunSummary {
  readonly protocol: string;
  readonly params: Readonly<Record<string, number>>;
  readonly transport: string;
  /** How the links were secured: mutual TLS on TCP, plain TCP, or Unix sockets in a private folder. */
  readonly links: 'mutual TLS 1.3' | 'insecure' | 'unix sockets (dir 0700)';
  readonly dir: string;
  /** Why the run ended: every operation done, the duration elapsed, no progress for a while, or Ctrl-C. */
  readonly ended: 'done' | 'duration' | 'stalled' | 'interrupted';
  readonly seconds: number;
  /** Operations of the workload, begun, and finished. */
  readonly operations: { readonly total: number; readonly started: number; readonly done: number };
  readonly outcomes: Readonly<Record<string, number>>;
  /** Finished operations per second of the run. */
  readonly throughput: number;
  /** Messages each node delivered to its application, by node name (empty if the protocol delivers none). */
  readonly deliveries: Readonly<Record<string, number>>;
  /** Milliseconds from an operation's first input to its outcome. */
  readonly latency: { readonly p50: number; readonly p99: number; readonly max: number };
  /** Seconds into the run when the last operation finished (NaN if none did): a stall shows as a gap before the end. */
  readonly lastDone: number;
  /** The workload's names for its figures (entries/s and the longest wait of a mutual-exclusion run). */
  readonly figures?: { readonly rate: string; readonly latency: string };
  readonly faults: {
    readonly kills: number;
    readonly restarts: number;
    /** Of the kills, those that were power losses (the node also lost its unsynced writes). */
    readonly powerLosses: number;
    /** Frames dropped and copied by injected link faults (from every incarnation's transport). */
    readonly lost: number;
    readonly duplicated: number;
    /**
     * Frames and connections the nodes refused: malformed input, missed deadlines, messages whose envelope
     * or handler refused them (from every incarnation's counters).
     */
    readonly refused: number;
    /** The link faults injected, as given. */
    readonly spec: string;
    /** Kills and restarts of the schedule that did not happen (see {@link UnfiredFault}), in time order. */
    readonly unfired: readonly UnfiredFault[];
    /** The assumptions of the protocol's model that the faults broke (`reorder on links that ... assumes FIFO`). */
    readonly brokenAssumptions: readonly string[];
  };
  /** Durable-log activity of every node, summed over incarnations. */
  readonly log: { readonly fsyncs: number; readonly commits: number; readonly records: number; readonly fsyncsPerOperation: number };
  readonly steps: number;
  /** The nodes that stopped cleanly when the run ended (the others were down or had to be killed). */
  readonly stoppedCleanly: readonly string[];
}

/** The client's acknowledgements in a run folder, one JSON line per finished operation: `{ op, outcome, t }`. */
export const ACKS_FILE = 'acks.jsonl';

const ms = (x: number) => (Number.isFinite(x) ? `${x.toFixed(1)} ms` : 'n/a');

/**
 * A run stopped with operations open and nothing finished for this long is reported as stalled: a
 * protocol that lost its token, or waits for a node that is down, makes no progress however long it runs.
 */
export const STALLED_AFTER_S = 1;

/** What each kind of link security means, after its name in the summary. */
const LINK_NOTES: Record<RunSummary['links'], string> = {
  'mutual TLS 1.3': ' (every node proves its id with a certificate of the cluster CA)',
  insecure: ' (plain TCP: any local user can connect and claim to be any node)',
  'unix sockets (dir 0700)': ' (sockets 0600: only this user can connect)',
};

/** The summary as lines of text. */
export function formatSummary(s: RunSummary): string {
  const outcomes = Object.entries(s.outcomes)
    .map(([k, v]) => `${v} ${k}`)
    .join(', ');
  const ended = { done: 'all operations done', duration: 'duration elapsed', stalled: 'stalled (no progress)', interrupted: 'stopped by Ctrl-C' }[s.ended];
  const open = s.operations.started - s.operations.done;
  const since = Number.isFinite(s.lastDone) ? s.seconds - s.lastDone : s.seconds;
  const stalled =
    open > 0 && since >= STALLED_AFTER_S
      ? [`  stalled      no operation finished in the last ${since.toFixed(1)} s of the run (${Number.isFinite(s.lastDone) ? `last at ${s.lastDone.toFixed(1)} s` : 'none finished'}), ${open} open`]
      : [];
  const latency = s.figures
    ? `  ${s.figures.latency.padEnd(12)} p50 ${ms(s.latency.p50)}, p99 ${ms(s.latency.p99)}, longest ${ms(s.latency.max)}`
    : `  latency      p50 ${ms(s.latency.p50)}, p99 ${ms(s.latency.p99)}, max ${ms(s.latency.max)}`;
  return [
    `${s.protocol} over ${s.transport}: ${ended} after ${s.seconds.toFixed(1)} s`,
    `  operations   ${s.operations.done} done of ${s.operations.started} begun (${s.operations.total} in the workload)${outcomes ? `: ${outcomes}` : ''}`,
    `  throughput   ${s.throughput.toFixed(1)} ${s.figures?.rate ?? 'operations/s'}`,
    latency,
    ...(Object.keys(s.deliveries).length > 0 ? [`  deliveries   ${Object.entries(s.deliveries).map(([k, v]) => `${k} ${v}`).join(', ')}`] : []),
    ...stalled,
    `  security     links: ${s.links}${LINK_NOTES[s.links]}`,
    `  faults       ${s.faults.kills} kills${s.faults.powerLosses > 0 ? ` (${s.faults.powerLosses} power losses)` : ''}, ${s.faults.restarts} restarts, ${s.faults.lost} frames lost, ${s.faults.duplicated} duplicated, ${s.faults.refused} refused (${s.faults.spec})`,
    ...s.faults.brokenAssumptions.map((b) => `  ASSUMPTION   broken: ${b}; validate reports it instead of conformance`),
    ...unfiredLines(s),
    `  logs         ${s.log.fsyncs} fsyncs, ${s.log.records} records in ${s.log.commits} commits, ${Number.isFinite(s.log.fsyncsPerOperation) ? s.log.fsyncsPerOperation.toFixed(2) : 'n/a'} fsyncs per operation`,
    `  steps        ${s.steps}`,
    `  traces in    ${s.dir}  (check them: interleave validate ${s.dir})`,
  ].join('\n');
}
