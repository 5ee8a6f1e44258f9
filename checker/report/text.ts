/**
 * The text reporter: a summary of a check, then each counterexample as numbered steps, the action and
 * then only the state variables that changed (`rmState[0]: working -> prepared`). The initial state is
 * printed whole.
 *
 * @module
 */
import { diffValues, formatChange, formatState } from '../../model/core/index.js';
import type { Schema } from '../../model/core/index.js';
import type { CheckResult, Finding, Loop, Stats } from '../result.js';

const int = (n: number): string => Math.round(n).toLocaleString('en-US');

/** One line of statistics: `288 distinct, 1,146 generated, depth 11, 0.01 s (...)`. */
export function formatStats(st: Stats): string {
  const parts = [
    `${int(st.distinct)} distinct`,
    `${int(st.generated)} generated`,
    ...(st.cutOff > 0 ? [`${int(st.cutOff)} cut off by the constraint`] : []),
    `depth ${st.depth}`,
    `${st.seconds.toFixed(2)} s`,
    `${int(st.statesPerSecond)} states/s`,
    `${st.bytesPerState.toFixed(1)} B/state`,
    `collision probability ${st.collisionProbability.toExponential(1)}`,
  ];
  if (st.queue > 0) parts.push(`${int(st.queue)} left in queue`);
  return parts.join(', ');
}

function indent(text: string, by: string): string {
  return text
    .split('\n')
    .map((l) => by + l)
    .join('\n');
}

/**
 * Renders one trace as numbered steps with the changes of each; with the state's `schema` (packed models),
 * sets and multisets show the elements added and removed.
 */
export function formatTrace(trace: Finding['trace'], schema?: Schema, loop?: Loop): string {
  const lines: string[] = [];
  trace.forEach((step, k) => {
    lines.push(`  ${k}. ${step.label}`);
    if (k === 0) lines.push(indent(formatState(step.state), '       '));
    else {
      const changes = diffValues(trace[k - 1]!.state, step.state, schema);
      if (changes.length === 0) lines.push('       (no change)');
      for (const c of changes) lines.push(`       ${formatChange(c)}`);
    }
    if (loop !== undefined && !loop.stutter && k === loop.start) lines.push('     --- the loop starts here ---');
  });
  if (loop !== undefined) lines.push(formatLoop(loop, trace.length));
  return lines.join('\n');
}

/** The line that says how a lasso goes on forever. */
export function formatLoop(loop: Loop, length: number): string {
  return loop.stutter
    ? `  then the behaviour stays in state ${loop.start} forever: no fair action is enabled there`
    : `  the steps ${loop.start + 1}-${length - 1} repeat forever (step ${length - 1} is back in the state of step ${loop.start})`;
}

function describe(f: Finding): string {
  switch (f.kind) {
    case 'always':
      return `Invariant ${f.property} is violated`;
    case 'sometimes':
      return `Goal ${f.property} is unreachable: ${f.message ?? ''}`;
    case 'unreached':
      return `Goal ${f.property} is ${f.message ?? 'unreachable within the bounds'}`;
    case 'deadlock':
      return 'Deadlock: a reachable state has no enabled action';
    case 'error':
      return `The model threw: ${f.message ?? ''}`;
    case 'step':
      return `Action property ${f.property} is violated by the last step`;
    case 'eventually':
    case 'leadsTo':
    case 'alwaysEventually':
    case 'eventuallyAlways':
      return `Temporal property ${f.property} (${f.kind}) is violated by a fair behaviour`;
  }
}

/** The headline of a verdict: `violated (TCConsistent)`. */
export function formatVerdict(r: CheckResult): string {
  const props = r.violations.map((v) => v.property);
  const why = r.verdict === 'incomplete' && r.stoppedBy ? ` (stopped by ${r.stoppedBy})` : '';
  return props.length > 0 && r.verdict !== 'deadlock' ? `${r.verdict} (${props.join(', ')})` : `${r.verdict}${why}`;
}

/** The whole text report of a check; `title` names the instance (`twophase rms=3`), `schema` as in {@link formatTrace}. */
export function formatResult(r: CheckResult, title: string, schema?: Schema): string {
  const out = [`${title}: ${formatVerdict(r)}`, `  ${formatStats(r.stats)}`];
  if (r.stopReason !== undefined) out.push(`  ${r.stopReason}`);
  for (const f of r.violations) {
    const what = f.loop !== undefined ? `lasso, ${f.trace.length - 1} steps` : `shortest trace, ${f.trace.length - 1} steps`;
    out.push('', f.trace.length > 0 ? `${describe(f)}; ${what}:` : describe(f));
    if (f.trace.length > 0) out.push(formatTrace(f.trace, schema, f.loop));
  }
  for (const w of r.witnesses) {
    out.push('', `Goal ${w.property} reached in ${w.trace.length - 1} steps: ${w.trace.slice(1).map((s) => s.label).join(', ') || '(initial state)'}`);
  }
  return out.join('\n');
}
