import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readTrace } from '../../../impl/trace/index.js';
import { interleave } from '../../helpers/cli.js';

// A's messages to C arrive 150 ms late and a third of all frames are held back for up to 40 ms: C sees
// B's reply to A's message before the message itself.
const FAULTS = 'A->C.delay=150ms,reorder=0.3,window=40ms,seed=5';

function run(id: string, ...extra: string[]): { dir: string; stdout: string } {
  const dir = mkdtempSync(join(tmpdir(), `il-${id}-`));
  const r = interleave('run', id, '--transport', 'tcp', '--dir', dir, '--faults', FAULTS, '--quiet', ...extra);
  expect(r.code, r.stderr).toBe(0);
  return { dir, stdout: r.stdout };
}

describe('causal multicast as a real cluster over TCP with injected reordering', () => {
  it('holds back a reply that overtakes its cause, and the run conforms', () => {
    const { dir, stdout } = run('causal-bss');
    expect(stdout).toMatch(/6 done of 6 begun/);
    // Each member delivers the other two members' two messages each.
    expect(stdout).toMatch(/deliveries {3}A 4, B 4, C 4/);
    expect(JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8')).deliveries).toEqual({ A: 4, B: 4, C: 4 });
    // Hold-back happened: some message arrived at C and was delivered by a later step, not on arrival.
    const c = readTrace(join(dir, 'C.trace.jsonl')).steps;
    const arrivals = c.filter((s) => s.kind === 'deliver');
    const heldBack = arrivals.filter((s) => !s.effects.some((e) => e.kind === 'deliver'));
    expect(heldBack.length).toBeGreaterThan(0);
    expect(arrivals.flatMap((s) => s.effects.filter((e) => e.kind === 'deliver'))).toHaveLength(4);
    const v = interleave('validate', dir);
    expect(v.stdout).toMatch(/causal-bss \(members=3 multicasts=2\): conforms/);
    expect(v.stdout).toMatch(/causalDelivery/);
    expect(v.code).toBe(0);
  }, 30_000);

  it('catches the deliver-on-arrival mutant under the same faults as a causal-delivery violation', () => {
    // The mutant may also discard an overtaken message as a duplicate, so not every multicast completes:
    // bound the run by time.
    const { dir } = run('causal-bss-deliver-on-arrival', '--duration', '2s');
    const v = interleave('validate', dir);
    expect(v.stdout).toMatch(/does not conform: invariant causalDelivery is violated/);
    expect(v.stdout).toMatch(/at action \d+: deliver {2}[ABC] -> [ABC] : m\[[\d,]+\] {3}\[[ABC]\.trace\.jsonl line \d+ \(step \d+, incarnation 0\)\]/);
    expect(v.code).toBe(1);
    expect(readFileSync(join(dir, 'run.json'), 'utf8')).toContain(FAULTS);
  }, 30_000);
});
