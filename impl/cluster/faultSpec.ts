/**
 * The fault schedule of a run, from its command-line form (`--faults SPEC`): which nodes to kill and when
 * to restart them, and which faults to inject on the links.
 *
 * ```text
 * kill=participant-1@2s,restart@3s            kill P1 2 s into the run, restart it 3 s after the kill
 * kill=C@1s,restart@500ms,every=4s            ... and again every 4 s
 * kill=P1@2s,restart@1s,kill=C@5s,restart@1s  several kills
 * random,seed=7                               seeded random kills (one node down at a time) and mild
 *                                             message faults
 * random,seed=7,mean=2s,down=1s               kills every 2 s on average, each node down for 1 s
 * random,seed=7,after=3s                      the first random kill no earlier than 3 s (default 1 s)
 * random,powerloss=0.3                        30 % of the random kills are power losses (see below)
 * kill=P1@2s,powerloss,restart@1s             a power loss of P1: killed, and it loses unsynced writes
 * kill=all@4s,restart@1s                      every node killed at once
 * loss=0.01,dup=0.01,delay=1-5ms              loss, duplication and delay on every link
 * reorder=0.2,window=50ms                     hold back 20 % of the frames for up to 50 ms
 * A->C.delay=150ms                            one link only: every frame from A to C 150 ms late
 * ```
 *
 * A node is named as in traces (`C`, `P1`) or by its actor's kind and its number among the nodes of
 * that kind (`participant-1`, `coordinator`). Times take `ms` or `s`. Message faults are those of
 * `impl/transport` (`FaultPlan`), seeded by `seed` (default 1) and the link's name, so a run's fault
 * decisions are reproducible; the timing of real processes is not.
 *
 * @example
 * ```ts
 * const spec = parseFaultSpec('kill=participant-1@2s,restart@3s,loss=0.01');
 * const plan = resolveFaultSpec(spec, topology, actorKinds);   // kills by node id, link plans
 * ```
 *
 * @module
 */
import type { FaultPlan } from '../transport/index.js';
import { prng } from '../transport/index.js';
import { clip } from '../../model/core/index.js';

/** A bad `--faults` specification; the message is one line. */
export class FaultSpecError extends Error {
  override readonly name = 'FaultSpecError';
}

/** The message faults of a link, as written (probabilities and milliseconds). */
export interface LinkFaultSpec {
  loss?: number;
  duplicate?: number;
  delay?: { min: number; max: number };
  reorder?: number;
  reorderWindow?: number;
}

/** A scheduled kill, with node names unresolved (`all`: every node). */
export interface KillSpec {
  node: string;
  at: number;
  restartAfter: number | null;
  every: number | null;
  /** A power loss rather than a plain kill: the node also loses what it wrote but did not fsync. */
  powerLoss: boolean;
}

/** A parsed fault specification. */
export interface FaultSpec {
  readonly text: string;
  readonly seed: number;
  readonly kills: readonly KillSpec[];
  /** Random kills: mean time between kills, downtime, and the time before the first, in ms; null if not random. */
  readonly random: { readonly mean: number; readonly down: number; readonly after: number; readonly powerLoss: number } | null;
  /** Faults on every link. */
  readonly links: LinkFaultSpec;
  /** Faults on one link, `from->to` with names unresolved. */
  readonly perLink: readonly { readonly from: string; readonly to: string; readonly faults: LinkFaultSpec }[];
}

/** No faults. */
export const NO_FAULT_SPEC: FaultSpec = { text: 'none', seed: 1, kills: [], random: null, links: {}, perLink: [] };

function time(item: string, v: string): number {
  const m = /^(\d+(?:\.\d+)?)(ms|s)$/.exec(v);
  if (!m) throw new FaultSpecError(`bad time '${clip(v)}' in '${clip(item)}': expected a number with ms or s (500ms, 2s)`);
  return Number(m[1]) * (m[2] === 's' ? 1000 : 1);
}

function probability(item: string, v: string): number {
  const p = Number(v);
  if (!/^\d*\.?\d+$/.test(v) || !(p >= 0 && p <= 1)) throw new FaultSpecError(`bad probability '${clip(v)}' in '${clip(item)}': expected a number in [0, 1]`);
  return p;
}

function linkFault(target: LinkFaultSpec, item: string, key: string, v: string): boolean {
  switch (key) {
    case 'loss':
      target.loss = probability(item, v);
      return true;
    case 'dup':
      target.duplicate = probability(item, v);
      return true;
    case 'reorder':
      target.reorder = probability(item, v);
      return true;
    case 'window':
      target.reorderWindow = Math.max(1, time(item, v));
      return true;
    case 'delay': {
      const range = /^(\d+(?:\.\d+)?)-(\d+(?:\.\d+)?)(ms|s)$/.exec(v);
      if (range) {
        const k = range[3] === 's' ? 1000 : 1;
        const min = Number(range[1]) * k;
        const max = Number(range[2]) * k;
        if (max < min) throw new FaultSpecError(`bad delay '${clip(v)}' in '${clip(item)}': the range must not be decreasing`);
        target.delay = { min, max };
      } else {
        const t = time(item, v);
        target.delay = { min: t, max: t };
      }
      return true;
    }
    default:
      return false;
  }
}

/** Parses the `--faults` text; throws {@link FaultSpecError} naming the bad item. */
export function parseFaultSpec(text: string): FaultSpec {
  const kills: KillSpec[] = [];
  const links: LinkFaultSpec = {};
  const perLink: { from: string; to: string; faults: LinkFaultSpec }[] = [];
  let seed = 1;
  let random: { mean: number; down: number; after: number; powerLoss: number } | null = null;
  let powerLoss: number | null = null;
  let mean: number | null = null;
  let down: number | null = null;
  let after: number | null = null;
  const items = text
    .split(',')
    .map((x) => x.trim())
    .filter((x) => x !== '');
  if (items.length === 0) throw new FaultSpecError('empty --faults specification');
  for (const item of items) {
    if (item === 'random') {
      random = { mean: 3000, down: 1000, after: 1000, powerLoss: 0 };
      continue;
    }
    if (item === 'powerloss') {
      const last = kills[kills.length - 1];
      if (!last) throw new FaultSpecError(`'powerloss' must follow a kill=NODE@TIME (or give random mode powerloss=P)`);
      last.powerLoss = true;
      continue;
    }
    if (item === 'none') continue;
    const eq = item.indexOf('=');
    const at = item.indexOf('@');
    if (item.startsWith('restart@')) {
      const last = kills[kills.length - 1];
      if (!last) throw new FaultSpecError(`'${clip(item)}' must follow a kill=NODE@TIME`);
      last.restartAfter = time(item, item.slice('restart@'.length));
      continue;
    }
    if (eq < 0) throw new FaultSpecError(`bad fault '${clip(item)}': expected random, kill=NODE@TIME, restart@DELAY, or KEY=VALUE`);
    const key = item.slice(0, eq);
    const v = item.slice(eq + 1);
    const link = /^(.+?)->([^.]+)\.(\w+)$/.exec(key);
    if (link) {
      let entry = perLink.find((l) => l.from === link[1] && l.to === link[2]);
      if (!entry) perLink.push((entry = { from: link[1]!, to: link[2]!, faults: {} }));
      if (!linkFault(entry.faults, item, link[3]!, v)) throw new FaultSpecError(`unknown link fault '${clip(link[3]!)}' in '${clip(item)}' (loss, dup, delay, reorder, window)`);
      continue;
    }
    if (linkFault(links, item, key, v)) continue;
    switch (key) {
      case 'kill': {
        if (at < 0) throw new FaultSpecError(`bad kill '${clip(item)}': expected kill=NODE@TIME`);
        kills.push({ node: item.slice(eq + 1, at), at: time(item, item.slice(at + 1)), restartAfter: null, every: null, powerLoss: false });
        break;
      }
      case 'every': {
        const last = kills[kills.length - 1];
        if (!last) throw new FaultSpecError(`'${clip(item)}' must follow a kill=NODE@TIME`);
        last.every = time(item, v);
        if (last.every <= 0) throw new FaultSpecError(`'${clip(item)}': the period must be positive`);
        break;
      }
      case 'seed':
        if (!/^\d+$/.test(v)) throw new FaultSpecError(`bad seed '${clip(v)}': expected a non-negative integer`);
        seed = Number(v);
        break;
      case 'mean':
        mean = time(item, v);
        break;
      case 'down':
        down = time(item, v);
        break;
      case 'after':
        after = time(item, v);
        break;
      case 'powerloss':
        powerLoss = probability(item, v);
        break;
      default:
        throw new FaultSpecError(`unknown fault '${clip(key)}' in '${clip(item)}' (kill, restart, every, powerloss, random, seed, mean, down, after, loss, dup, delay, reorder, window, FROM->TO.KEY)`);
    }
  }
  if ((mean !== null || down !== null || after !== null || powerLoss !== null) && random === null) throw new FaultSpecError(`mean=, down=, after= and powerloss= apply to random kills: add 'random'`);
  if (random !== null) {
    random = { mean: mean ?? random.mean, down: down ?? random.down, after: after ?? random.after, powerLoss: powerLoss ?? 0 };
    if (random.mean <= 0) throw new FaultSpecError('mean= must be positive');
    // Random mode also perturbs the network a little, unless told otherwise (reordering only where the
    // model does not assume FIFO links: see resolveFaultSpec).
    if (links.delay === undefined) links.delay = { min: 0, max: 2 };
    if (links.loss === undefined) links.loss = 0.001;
  }
  for (const k of kills) if (k.every !== null && k.restartAfter !== null && k.restartAfter >= k.every) throw new FaultSpecError(`kill of ${k.node}: restart@ must come before the next kill (every=)`);
  return { text, seed, kills, random, links, perLink };
}

/** One kill or restart at a time since the run began. */
export interface FaultEvent {
  readonly at: number;
  readonly kind: 'kill' | 'restart';
  readonly node: number;
  /** A kill that is a power loss (see {@link KillSpec}). */
  readonly powerLoss?: boolean;
}

/** A fault specification resolved against a system's nodes. */
export interface FaultSchedule {
  /** Kills and restarts in time order, up to `horizon`. */
  readonly events: readonly FaultEvent[];
  /**
   * The events of `events` asked for by name: the first kill of each `kill=` item and its restart. A run
   * that ends before one of these did not test what was asked, and its summary says so. Later
   * repetitions of an `every=` kill and random kills are not promises: the run may end before them.
   */
  readonly promised: ReadonlySet<FaultEvent>;
  /** The message faults of the link from `from` to `to` (node ids), if any. */
  linkPlan(from: number, to: number): FaultPlan | undefined;
}

/** Resolves a node name: `P1`, or `participant-1` (kind, then number among that kind), or a kind with one node. */
export function resolveNode(name: string, nodes: readonly { readonly name: string; readonly kind: string }[]): number {
  const direct = nodes.findIndex((n) => n.name === name);
  if (direct >= 0) return direct;
  const m = /^(.*?)(?:-(\d+))?$/.exec(name)!;
  const ofKind = nodes.map((n, id) => ({ n, id })).filter((x) => x.n.kind === m[1]);
  const k = m[2] === undefined ? (ofKind.length === 1 ? 1 : NaN) : Number(m[2]);
  const hit = ofKind[k - 1];
  if (!hit) {
    const kinds = [...new Set(nodes.map((n) => n.kind))];
    throw new FaultSpecError(`no node '${clip(name)}' (nodes: ${nodes.map((n) => n.name).join(', ')}; or KIND-N with kinds ${kinds.join(', ')})`);
  }
  return hit.id;
}

function plan(seed: number, f: LinkFaultSpec): FaultPlan | undefined {
  if (f.loss === undefined && f.duplicate === undefined && f.delay === undefined && f.reorder === undefined) return undefined;
  return {
    seed,
    ...(f.loss !== undefined ? { loss: f.loss } : {}),
    ...(f.duplicate !== undefined ? { duplicate: f.duplicate } : {}),
    ...(f.delay !== undefined ? { delay: f.delay } : {}),
    ...(f.reorder !== undefined ? { reorder: f.reorder } : {}),
    ...(f.reorderWindow !== undefined ? { reorderWindow: f.reorderWindow } : {}),
  };
}

/** What the model of the protocol assumes of its links, which a fault plan may or may not respect. */
export interface LinkAssumptions {
  /** The model's links are FIFO (TCP-like): a frame is never overtaken by one sent after it on its link. */
  readonly fifo: boolean;
}

/** The random mode's reordering, where the model allows it: 1 % of frames held back up to 20 ms. */
const RANDOM_REORDER = { reorder: 0.01, reorderWindow: 20 } as const;

/**
 * The assumptions of the model that `spec` breaks, one line each (empty if none): explicit reordering on a
 * protocol whose model assumes FIFO links. A run that breaks one is still run — it shows what happens
 * then — but its summary says so, and `validate` gives it a verdict of its own.
 */
export function brokenAssumptions(spec: FaultSpec, assumes: LinkAssumptions, protocol: string): string[] {
  if (!assumes.fifo) return [];
  const reordered = [spec.links, ...spec.perLink.map((l) => ({ ...spec.links, ...l.faults }))].some((f) => (f.reorder ?? 0) > 0);
  return reordered ? [`reorder on links that ${protocol}'s model assumes FIFO`] : [];
}

/**
 * Resolves `spec` against the nodes (name and actor kind, by id), scheduling kills up to `horizon` ms. The
 * first kill of each `kill=` item is scheduled even past the horizon: a run that ends before it must say
 * that it never happened (the launcher lists it as not fired), not drop it silently. Random mode's default
 * reordering is applied only if the model's links are not FIFO (`assumes`).
 */
export function resolveFaultSpec(
  spec: FaultSpec,
  nodes: readonly { readonly name: string; readonly kind: string }[],
  horizon: number,
  assumes: LinkAssumptions = { fifo: false },
): FaultSchedule {
  if (spec.random && !assumes.fifo && spec.links.reorder === undefined) spec = { ...spec, links: { ...RANDOM_REORDER, ...spec.links } };
  const events: FaultEvent[] = [];
  const promised = new Set<FaultEvent>();
  for (const k of spec.kills) {
    const targets = k.node === 'all' ? nodes.map((_, id) => id) : [resolveNode(k.node, nodes)];
    for (const node of targets) {
      for (let t = k.at; t === k.at || t < horizon; t += k.every ?? Infinity) {
        const pair: FaultEvent[] = [{ at: t, kind: 'kill', node, ...(k.powerLoss ? { powerLoss: true } : {}) }];
        if (k.restartAfter !== null) pair.push({ at: t + k.restartAfter, kind: 'restart', node });
        events.push(...pair);
        if (t === k.at) for (const e of pair) promised.add(e);
        if (k.every === null) break;
      }
    }
  }
  if (spec.random) {
    const r = prng(spec.seed, 'kills');
    for (let t = spec.random.after; ; ) {
      t += -Math.log(1 - r()) * spec.random.mean;
      if (t >= horizon) break;
      const node = Math.floor(r() * nodes.length);
      // Drawn only when asked for, so that a seed gives the same kills as before power losses existed.
      const powerLoss = spec.random.powerLoss > 0 && r() < spec.random.powerLoss;
      events.push({ at: t, kind: 'kill', node, ...(powerLoss ? { powerLoss: true } : {}) }, { at: t + spec.random.down, kind: 'restart', node });
      t += spec.random.down;
    }
  }
  events.sort((a, b) => a.at - b.at);
  const links = new Map<string, FaultPlan | undefined>();
  for (const l of spec.perLink) {
    const from = resolveNode(l.from, nodes);
    const to = resolveNode(l.to, nodes);
    links.set(`${from}>${to}`, plan(spec.seed, { ...spec.links, ...l.faults }));
  }
  const all = plan(spec.seed, spec.links);
  return { events, promised, linkPlan: (from, to) => (links.has(`${from}>${to}`) ? links.get(`${from}>${to}`) : all) };
}
