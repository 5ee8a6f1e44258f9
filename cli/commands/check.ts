/**
 * `interleave check [SPEC] [options]`: checks one catalogue entry, or, with no SPEC, every entry's default
 * instance against its expected verdict and reference figures.
 *
 * Exit codes for one spec: 0 holds, 1 violated / deadlock / error, 3 incomplete or unreached (no bug found,
 * but not everything established: a goal may lie beyond the bounds); for the catalogue: 0 if
 * every entry gives what is expected, 1 otherwise; 2 for bad usage.
 *
 * @module
 */
import { closeSync, openSync, unlinkSync, writeSync } from 'node:fs';
import { check, formatResult, renderMsc, replay, resultJson, writeTraceFile } from '../../checker/index.js';
import type { CheckResult, Progress, RunOptions } from '../../checker/index.js';
import { catalogue, defaults, findSpec, formatParams, resolveParams } from '../../specs/index.js';
import type { Checkable, Params, Spec } from '../../specs/index.js';
import { clip } from '../../model/core/index.js';
import { parseParams } from '../args.js';
import { parseSize } from '../size.js';
import { UsageError } from '../errors.js';
import { defineCommand } from '../flags.js';
import type { Flags, Invocation } from '../flags.js';
import { resolveTarget } from '../userModule.js';

/** The flags of `check`: one line each, from which its parsing and its usage come. */
const options = {
  param: { kind: 'list', value: 'NAME=VALUE', help: 'set a parameter (repeatable), e.g. --param rms=5' },
  variant: { kind: 'string', value: 'NAME', help: "check the protocol's variant NAME (a mutant): check P --variant V is check P-V" },
  json: { kind: 'boolean', help: 'print the result as JSON' },
  'trace-out': { kind: 'string', value: 'FILE', help: 'write the first counterexample as a trace file' },
  'max-depth': { kind: 'int', value: 'N', help: 'do not explore states at BFS level N or deeper (initial states: level 1)' },
  'max-states': { kind: 'int', value: 'N', help: 'stop after N distinct states' },
  'max-memory': { kind: 'string', value: 'SIZE', help: 'stop, as incomplete, once resident memory passes SIZE (512M, 2G; default half the machine, at most 16G)' },
  continue: { kind: 'boolean', help: 'keep going after a violation; report each property once' },
  'no-deadlock': { kind: 'boolean', help: 'do not report states without enabled actions' },
  engine: { kind: 'string', value: 'ENGINE', choices: ['packed', 'generic'], help: 'the search engine for packed models (default packed)' },
  quiet: { kind: 'boolean', help: 'no progress lines on stderr' },
  msc: { kind: 'boolean', help: 'also print the trace as a Mermaid sequence diagram' },
} as const satisfies Flags;

const int = (n: number): string => Math.round(n).toLocaleString('en-US');

function progressPrinter(prefix: string, quiet: boolean): ((p: Progress) => void) | undefined {
  if (quiet) return undefined;
  return (p) =>
    process.stderr.write(
      `${prefix}progress: ${p.seconds.toFixed(0)} s, generated ${int(p.generated)}, distinct ${int(p.distinct)}, queue ${int(p.queue)}, depth ${p.depth}, ${int(p.rate)} states/s\n`,
    );
}

/** What `expected` means for a result: does the verdict match? */
export function matchesExpected(spec: Spec, r: CheckResult): boolean {
  if (spec.expected === 'holds' || spec.expected === 'deadlock') return r.verdict === spec.expected;
  const prop = spec.expected.slice('violated:'.length);
  return r.verdict === 'violated' && r.violations.some((v) => v.property === prop);
}

/** The reference figure for exactly these parameters, if the catalogue has one. */
function referenceFor(spec: Checkable, params: Params) {
  return spec.references?.find((ref) => Object.entries(ref.params).every(([k, v]) => params[k] === v));
}

/** Compares a result with the reference figures; returns the mismatches, empty if none. */
function referenceMismatches(spec: Checkable, params: Params, r: CheckResult): string[] {
  const ref = referenceFor(spec, params);
  if (!ref || r.verdict === 'incomplete') return [];
  const out: string[] = [];
  if (r.stats.distinct !== ref.distinct) out.push(`distinct ${r.stats.distinct}, ${ref.by} ${ref.distinct}`);
  if (ref.generated !== undefined && r.stats.generated !== ref.generated) out.push(`generated ${r.stats.generated}, ${ref.by} ${ref.generated}`);
  if (ref.depth !== undefined && r.stats.depth !== ref.depth) out.push(`depth ${r.stats.depth}, ${ref.by} ${ref.depth}`);
  return out;
}

/** `interleave check`. */
export const checkCommand = defineCommand({
  name: 'check',
  args: [{ name: 'SPEC', optional: true }],
  summary: 'check one spec (a catalogue id, or a module such as ./model.js whose default export is a protocol or a model), or with no SPEC every catalogue entry',
  flags: options,
  exits: 'SPEC: 0 holds, 1 violated / deadlock / error, 3 incomplete or a goal unreached within the bounds; catalogue: 0 all as expected, 1 not; 2 bad usage',
  run: checkMain,
});

/** Checks one spec or the catalogue; returns the exit code. */
async function checkMain({ values, args: positionals, signal }: Invocation<typeof options>): Promise<number> {
  const engine = values.engine;
  const run: RunOptions = {
    signal,
    ...(values['max-depth'] !== undefined ? { maxDepth: values['max-depth'] } : {}),
    ...(values['max-states'] !== undefined ? { maxStates: values['max-states'] } : {}),
    ...(values['max-memory'] !== undefined ? { maxMemory: parseSize('max-memory', values['max-memory']) } : {}),
    continueAfterViolation: values.continue ?? false,
    checkDeadlock: !(values['no-deadlock'] ?? false),
    ...(engine !== undefined ? { engine } : {}),
  };
  if (positionals.length === 0) {
    if (values.param || values.variant !== undefined || values['trace-out'] || values.msc) throw new UsageError('--param, --variant, --trace-out and --msc need a spec: interleave check SPEC ...');
    return checkCatalogue(run, values.json ?? false, values.quiet ?? false);
  }
  if (values.json && values.msc) throw new UsageError('--msc draws a diagram and --json prints JSON: choose one');
  const target = await resolveTarget(positionals[0]!, values.variant);
  const spec: Checkable = target.checkable;
  const params = resolveParams(spec, parseParams(values.param));
  const model = spec.build(params);
  // Open the trace file before a search that may take long, so a bad path fails at once, not after it.
  const out = values['trace-out'];
  let fd: number | undefined;
  if (out !== undefined) {
    try {
      fd = openSync(out, 'w');
    } catch (e) {
      throw new UsageError(`cannot write ${clip(out)}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
  }
  const r = await check(model, { ...run, onProgress: progressPrinter('', values.quiet ?? false) });
  const title = `${spec.id}${spec.params.length ? ` ${formatParams(params)}` : ''}`;
  if (values.json) process.stdout.write(`${JSON.stringify(resultJson(spec.id, params, r), null, 2)}\n`);
  else {
    process.stdout.write(`${formatResult(r, title, model.tier === 'packed' ? model.state : undefined)}\n`);
    const mism = referenceMismatches(spec, params, r);
    const ref = referenceFor(spec, params);
    if (ref && r.verdict !== 'incomplete') {
      process.stdout.write(mism.length ? `  DIFFERS from ${ref.by}: ${mism.join('; ')}\n` : `  matches ${ref.by}'s figures for this instance\n`);
    }
  }
  if (values.msc) {
    const shown = r.violations.find((v) => v.trace.length > 0) ?? r.witnesses[0];
    if (shown) process.stdout.write(`\n${shown.kind === 'sometimes' ? 'Witness of' : 'Counterexample to'} ${shown.property} as a sequence diagram:\n\n\`\`\`mermaid\n${renderMsc(model, shown.trace, shown.loop).trimEnd()}\n\`\`\`\n`);
    else process.stderr.write('no trace to draw: nothing was violated and no goal was reached\n');
  }
  if (out !== undefined && fd !== undefined) {
    const finding = r.violations.find((v) => v.trace.length > 0);
    if (finding) writeSync(fd, writeTraceFile(spec.id, params, finding, target.module));
    closeSync(fd);
    if (finding) {
      if (!values.json) process.stdout.write(`trace of ${finding.property} written to ${out}\n`);
    } else {
      unlinkSync(out);
      process.stderr.write(`no counterexample to write to ${out}\n`);
    }
  }
  return r.verdict === 'holds' ? 0 : r.verdict === 'incomplete' || r.verdict === 'unreached' ? 3 : 1;
}

interface Row {
  readonly spec: Spec;
  readonly params: Params;
  readonly result: CheckResult;
  readonly problems: readonly string[];
}

/** Checks every catalogue entry's default instance; a row is good if its verdict, figures and traces are. */
async function checkCatalogue(run: RunOptions, json: boolean, quiet: boolean): Promise<number> {
  const rows: Row[] = [];
  for (const spec of catalogue) {
    if (run.signal?.aborted) break;
    const params = defaults(spec);
    const model = spec.build(params);
    const result = await check(model, { ...run, onProgress: progressPrinter(`${spec.id}: `, quiet) });
    const problems: string[] = [];
    if (!matchesExpected(spec, result)) problems.push(`expected ${spec.expected}`);
    problems.push(...referenceMismatches(spec, params, result));
    for (const v of result.violations) {
      if (v.trace.length === 0) continue;
      const rep = replay(model, v.trace);
      if (!rep.ok) problems.push(`trace of ${v.property} does not replay at step ${rep.step}: ${rep.reason}`);
    }
    rows.push({ spec, params, result, problems });
    if (!json) printRow(rows.length === 1, spec, params, result, problems);
  }
  const bad = rows.filter((r) => r.problems.length > 0);
  if (json) {
    const out = rows.map((r) => ({ ...resultJson(r.spec.id, r.params, r.result), expected: r.spec.expected, ok: r.problems.length === 0, problems: r.problems }));
    process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
  } else {
    const skipped = catalogue.length - rows.length;
    process.stdout.write(`\n${rows.length - bad.length} of ${catalogue.length} entries as expected${skipped ? ` (${skipped} not checked: interrupted)` : ''}\n`);
    for (const r of bad) process.stdout.write(`  ${r.spec.id}: ${r.problems.join('; ')}\n`);
  }
  return bad.length === 0 && rows.length === catalogue.length ? 0 : 1;
}

const HEADERS = ['spec', 'params', 'verdict', 'expected', 'distinct', 'generated', 'depth', 'seconds'] as const;

/**
 * Column widths, known before any entry is checked (rows are printed as they finish): ids, default
 * parameters and expected verdicts come from the catalogue; a verdict is as wide as an expectation unless
 * it differs, and then the row says MISMATCH anyway.
 */
function columnWidths(specs: readonly Spec[]): number[] {
  const widest = (xs: string[]): number => Math.max(...xs.map((x) => x.length));
  const text = [specs.map((s) => s.id), specs.map((s) => formatParams(defaults(s))), specs.map((s) => s.expected), specs.map((s) => s.expected)];
  return HEADERS.map((h, i) => Math.max(h.length, i < 4 ? widest(text[i]!) : [11, 12, 5, 7][i - 4]!));
}

function printRow(header: boolean, spec: Spec, params: Params, r: CheckResult, problems: readonly string[]): void {
  const widths = columnWidths(catalogue);
  const line = (cells: readonly string[]): string => cells.map((c, i) => (i >= 4 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ').trimEnd();
  if (header) process.stdout.write(`${line(HEADERS)}\n`);
  const verdict = r.verdict === 'violated' || r.verdict === 'unreached' ? `${r.verdict}:${r.violations[0]?.property ?? '?'}` : r.verdict;
  const cells = [spec.id, formatParams(params), verdict, spec.expected, int(r.stats.distinct), int(r.stats.generated), String(r.stats.depth), r.stats.seconds.toFixed(2)];
  process.stdout.write(`${line(cells)}${problems.length ? '  <- MISMATCH' : ''}\n`);
}

