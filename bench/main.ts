/**
 * The benchmark: TwoPhase commit checked exhaustively with 6, 7 and 8 resource managers on the packed
 * engine, and with 7 in the object tier, one row per run, printed as a markdown table.
 *
 * Each row runs in a child process of its own (`node dist/bench/main.js --row twophase 8`), so that its peak
 * resident set size, read from `process.resourceUsage().maxRSS`, is the row's alone. With `--vs-spin`, and
 * where `spin` and `cc` are on the PATH, SPIN checks the same state machine (../shared/bench/twophase.pml,
 * built as ../shared/bench/README.md says, in a temporary directory) for each N, and the table shows SPIN's
 * search time and the ratio of ours to it.
 *
 * The target for TwoPhase with 8 RMs: at most 6 s, at most 32 bytes per distinct state (visited set
 * plus trace index), peak RSS under 200 MB. MB here is 10^6 bytes.
 *
 * @example
 * ```sh
 * npm run bench                 # build, then every row
 * npm run bench -- --vs-spin    # and SPIN beside each row
 * npm run bench -- --runtime     # 2PC as a real cluster instead (see runtime.ts)
 * npm run bench -- --liveness    # what liveness costs on twophase-log (see liveness.ts)
 * ```
 *
 * @module
 */
import { spawnSync } from 'node:child_process';
import { accessSync, constants, copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkSync } from '../checker/check.js';
import { isTemporalProperty } from '../model/core/index.js';
import type { AnyModel } from '../model/core/index.js';
import { findSpec, resolveParams } from '../specs/index.js';

/** One benchmark run: which catalogue entry, and how many resource managers. */
export interface RowSpec {
  /** A catalogue id: `twophase` or `twophase-objects`. */
  readonly model: string;
  readonly rms: number;
}

/** What one run measured. */
export interface RowResult extends RowSpec {
  readonly verdict: string;
  readonly distinct: number;
  readonly generated: number;
  /** The checker's own time, as in `result.stats.seconds`. */
  readonly seconds: number;
  readonly statesPerSecond: number;
  /** Visited set plus trace index, per distinct state. */
  readonly bytesPerState: number;
  /** Peak resident set size of the process that ran the row, in bytes. */
  readonly peakRss: number;
  /** CPU time (user + system) of the process that ran the row, model building included: less noisy than `seconds` on a busy machine. */
  readonly cpuSeconds: number;
}

/** SPIN's figures for TwoPhase with one N. */
export interface SpinResult {
  readonly rms: number;
  /** pan's own "elapsed time" (the search, without compiling). */
  readonly seconds: number;
  readonly stored: number;
  readonly transitions: number;
}

/** The rows of the benchmark, in order. */
export const ROWS: readonly RowSpec[] = [
  { model: 'twophase', rms: 6 },
  { model: 'twophase', rms: 7 },
  { model: 'twophase', rms: 8 },
  { model: 'twophase-objects', rms: 7 },
];

/** The target for TwoPhase with 8 RMs. */
export const TARGET = { model: 'twophase', rms: 8, seconds: 6, bytesPerState: 32, peakRssMB: 200 } as const;

const MB = 1e6;

/**
 * Runs one row in this process: checks the catalogue entry `model` with `rms` RMs (its safety properties:
 * the SPIN and Rumur models beside it check safety, `-DSAFETY`; `--liveness` measures what the temporal
 * properties add) and reads this process's peak RSS afterwards.
 */
export function runRow(row: RowSpec): RowResult {
  const spec = findSpec(row.model);
  const built = spec.build(resolveParams(spec, { rms: row.rms })) as AnyModel;
  const model = { ...built, properties: built.properties.filter((p) => !isTemporalProperty(p)) } as AnyModel;
  const r = checkSync(model);
  const usage = process.resourceUsage();
  return {
    ...row,
    verdict: r.verdict,
    distinct: r.stats.distinct,
    generated: r.stats.generated,
    seconds: r.stats.seconds,
    statesPerSecond: r.stats.statesPerSecond,
    bytesPerState: r.stats.bytesPerState,
    peakRss: usage.maxRSS * 1024,
    cpuSeconds: (usage.userCPUTime + usage.systemCPUTime) / 1e6,
  };
}

/** Runs one row in a fresh child process (`--row <model> <rms>`) and returns what it measured. */
export function measureRow(row: RowSpec): RowResult {
  const child = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--row', row.model, String(row.rms)], {
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  });
  if (child.status !== 0) throw new Error(`bench row ${row.model} rms=${row.rms} failed (status ${child.status}):\n${child.stderr}`);
  return JSON.parse(child.stdout.trim().split('\n').at(-1)!) as RowResult;
}

/** Whether an executable named `name` is on the PATH. */
export function onPath(name: string): boolean {
  for (const dir of (process.env['PATH'] ?? '').split(delimiter)) {
    if (!dir) continue;
    try {
      accessSync(join(dir, name), constants.X_OK);
      return true;
    } catch {
      // not in this directory
    }
  }
  return false;
}

/** The reference Promela model of TwoPhase, beside the repository (../shared/bench). */
export const TWOPHASE_PML = fileURLToPath(new URL('../../../shared/bench/twophase.pml', import.meta.url));

/**
 * Runs SPIN on TwoPhase with `rms` RMs, exactly as ../shared/bench/README.md says, in a temporary directory
 * that is removed afterwards. Throws if a step fails or pan's output cannot be read.
 */
export function runSpin(rms: number): SpinResult {
  const dir = mkdtempSync(join(tmpdir(), 'interleave-spin-'));
  try {
    copyFileSync(TWOPHASE_PML, join(dir, 'twophase.pml'));
    const step = (cmd: string, args: string[]): string => {
      const p = spawnSync(cmd, args, { cwd: dir, encoding: 'utf8', maxBuffer: 16 << 20 });
      if (p.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (status ${p.status}):\n${p.stdout}\n${p.stderr}`);
      return p.stdout;
    };
    step('spin', [`-DN=${rms}`, '-a', 'twophase.pml']);
    step('cc', ['-O2', '-DSAFETY', '-DNOREDUCE', '-DMEMLIM=20000', '-o', 'pan', 'pan.c']);
    const out = step(join(dir, 'pan'), ['-m10000', '-w22']);
    const num = (re: RegExp): number => {
      const m = re.exec(out);
      if (!m) throw new Error(`cannot read ${re} in pan's output:\n${out}`);
      return Number(m[1]);
    };
    return {
      rms,
      seconds: num(/pan: elapsed time ([\d.e+-]+) seconds/),
      stored: num(/(\d+) states, stored/),
      transitions: num(/(\d+) transitions/),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const fmt = (x: number, digits = 0): string => x.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

/** Renders the rows (and SPIN's figures, by N, when given) as a markdown table. */
export function formatTable(rows: readonly RowResult[], spin?: ReadonlyMap<number, SpinResult>): string {
  const head = ['model', 'rms', 'distinct', 'generated', 'seconds', 'CPU s', 'distinct/s', 'B/state', 'peak RSS (MB)', 'RSS B/state'];
  if (spin) head.push('SPIN seconds', 'ours / SPIN');
  const lines = [`| ${head.join(' | ')} |`, `|${head.map((_, i) => (i < 2 ? '---' : '---:')).join('|')}|`];
  for (const r of rows) {
    const cells = [
      r.model,
      String(r.rms),
      fmt(r.distinct),
      fmt(r.generated),
      fmt(r.seconds, 2),
      fmt(r.cpuSeconds, 2),
      fmt(r.statesPerSecond),
      fmt(r.bytesPerState, 1),
      fmt(r.peakRss / MB, 1),
      fmt(r.peakRss / r.distinct, 1),
    ];
    if (spin) {
      const sp = spin.get(r.rms);
      cells.push(sp ? fmt(sp.seconds, 2) : 'n/a', sp && sp.seconds > 0 ? `${fmt(r.seconds / sp.seconds, 2)}x` : 'n/a');
    }
    lines.push(`| ${cells.join(' | ')} |`);
  }
  return lines.join('\n');
}

/** Problems with the rows: counts that differ from the catalogue's reference figures, a verdict other than `holds`. */
export function problems(rows: readonly RowResult[], spin?: ReadonlyMap<number, SpinResult>): string[] {
  const out: string[] = [];
  for (const r of rows) {
    if (r.verdict !== 'holds') out.push(`${r.model} rms=${r.rms}: verdict ${r.verdict}, expected holds`);
    const ref = findSpec('twophase').references?.find((x) => x.params['rms'] === r.rms);
    if (ref && (ref.distinct !== r.distinct || (ref.generated !== undefined && ref.generated !== r.generated))) {
      out.push(`${r.model} rms=${r.rms}: ${r.distinct} distinct / ${r.generated} generated, reference ${ref.distinct} / ${ref.generated}`);
    }
    const sp = spin?.get(r.rms);
    if (sp && (sp.stored !== r.distinct || sp.transitions !== r.generated)) {
      out.push(`${r.model} rms=${r.rms}: SPIN stored ${sp.stored} states and ${sp.transitions} transitions, we ${r.distinct} / ${r.generated}`);
    }
  }
  return out;
}

/** The line saying whether the target is met by the row it concerns. */
export function targetLine(rows: readonly RowResult[]): string {
  const r = rows.find((x) => x.model === TARGET.model && x.rms === TARGET.rms);
  if (!r) return 'target: no twophase rms=8 row';
  const checks = [
    `${fmt(r.seconds, 2)} s <= ${TARGET.seconds} s: ${r.seconds <= TARGET.seconds ? 'met' : 'MISSED'}`,
    `${fmt(r.bytesPerState, 1)} B/state <= ${TARGET.bytesPerState}: ${r.bytesPerState <= TARGET.bytesPerState ? 'met' : 'MISSED'}`,
    `peak RSS ${fmt(r.peakRss / MB, 1)} MB < ${TARGET.peakRssMB} MB: ${r.peakRss / MB < TARGET.peakRssMB ? 'met' : 'MISSED'}`,
  ];
  return `target (twophase, 8 RMs): ${checks.join('; ')}`;
}

/**
 * The command line: `--row <model> <rms>` runs one row and prints it as JSON; `--runtime` runs the 2PC
 * runtime benchmark (`runtime.ts`) instead; otherwise every row.
 */
export function main(argv: readonly string[]): number {
  if (argv.includes('--liveness')) {
    return spawnSync(process.execPath, [fileURLToPath(new URL('./liveness.js', import.meta.url))], { stdio: 'inherit' }).status ?? 1;
  }
  if (argv.includes('--runtime')) {
    // The runtime rows are real processes and sockets: run them in a child of their own, like a row.
    return spawnSync(process.execPath, [fileURLToPath(new URL('./runtime.js', import.meta.url))], { stdio: 'inherit' }).status ?? 1;
  }
  const at = argv.indexOf('--row');
  if (at >= 0) {
    const model = argv[at + 1];
    const rms = Number(argv[at + 2]);
    if (!model || !Number.isInteger(rms)) throw new TypeError('bench: --row needs <model> <rms>, e.g. --row twophase 8');
    process.stdout.write(`${JSON.stringify(runRow({ model, rms }))}\n`);
    return 0;
  }
  const vsSpin = argv.includes('--vs-spin');
  let spin: Map<number, SpinResult> | undefined;
  if (vsSpin) {
    const missing = ['spin', 'cc'].filter((t) => !onPath(t));
    if (missing.length > 0) console.log(`SPIN comparison skipped: ${missing.join(' and ')} not found on PATH`);
    else spin = new Map();
  }
  const rows: RowResult[] = [];
  for (const row of ROWS) {
    rows.push(measureRow(row));
    if (spin && !spin.has(row.rms)) spin.set(row.rms, runSpin(row.rms));
  }
  console.log(formatTable(rows, spin));
  console.log('');
  console.log(targetLine(rows));
  const bad = problems(rows, spin);
  for (const p of bad) console.log(`MISMATCH: ${p}`);
  return bad.length === 0 ? 0 : 1;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) process.exitCode = main(process.argv.slice(2));
