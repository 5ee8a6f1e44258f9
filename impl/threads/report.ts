/**
 * The text rendering of a real-thread run.
 *
 * @example
 * ```ts
 * process.stdout.write(formatThreadsReport(await runThreads(peterson(), { iterations: 1e6 }), { mutant: false }));
 * ```
 *
 * @module
 */
import { bugObserved } from './runner.js';
import type { ThreadsRunReport } from './runner.js';

const num = (n: number): string => n.toLocaleString('en-US');

function rate(perSecond: number): string {
  if (perSecond >= 1e6) return `${(perSecond / 1e6).toFixed(2)} M/s`;
  if (perSecond >= 1e3) return `${(perSecond / 1e3).toFixed(1)} k/s`;
  return `${perSecond.toFixed(0)} /s`;
}

/** Options of {@link formatThreadsReport}. */
export interface ReportOptions {
  /** The system is a deliberately broken variant: say whether the hardware showed its bug. */
  readonly mutant: boolean;
}

/** Renders a run as lines of text (ending with a newline). */
export function formatThreadsReport(r: ThreadsRunReport, options: ReportOptions): string {
  const lines: string[] = [];
  lines.push(`${r.system}: ${r.threads} threads (worker_threads over a SharedArrayBuffer, Atomics), ${num(r.iterations)} iterations each`);
  lines.push(`  section entries    ${num(r.passes)} in ${r.seconds.toFixed(2)} s (${rate(r.throughput)})`);
  lines.push(`  overlaps observed  ${num(r.overlaps)}`);
  lines.push(`  counter            ${num(r.counter)} (expected ${num(r.expectedCounter)}${r.counter === r.expectedCounter ? '' : `: ${num(r.expectedCounter - r.counter)} updates lost`})`);
  if (r.stoppedBy === 'stall') lines.push(`  stalled            every thread blocked: ${r.stoppedAt.map((s) => `${s.process} at ${s.label}`).join(', ')}`);
  if (r.stoppedBy === 'time-limit') lines.push(`  time limit         stopped at ${r.stoppedAt.map((s) => `${s.process} at ${s.label}`).join(', ')}`);
  for (const e of r.errors) lines.push(`  error              ${e}`);
  if (r.atomicity.length > 0) {
    lines.push('  atomic in the model, not on hardware:');
    for (const a of r.atomicity) {
      const what = a.variables.length > 1 ? `touches ${a.variables.length} shared variables` : 'reads then writes one shared variable';
      lines.push(`    ${a.program} ${a.step}: ${what} (${a.variables.join(', ')})${a.variables.length > 1 && a.readModifyWrite ? ', with a read-modify-write' : ''}`);
    }
  }
  for (const b of r.bounds) {
    lines.push(`  beyond the model:  ${b.variable} reached ${b.observed[1]} (the checker explored ${b.bounds[0]}..${b.bounds[1]})`);
  }
  const bug = bugObserved(r);
  if (options.mutant) {
    lines.push(bug ? '  verdict            the hardware shows the bug' : '  verdict            the hardware did not show the bug in this run (the checker\'s counterexample still stands)');
  } else {
    lines.push(bug ? '  verdict            VIOLATION observed on hardware' : r.errors.length > 0 ? '  verdict            the run failed' : '  verdict            no violation observed');
  }
  return `${lines.join('\n')}\n`;
}
