import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readTrace } from '../../../impl/trace/index.js';
import { interleave } from '../../helpers/cli.js';

describe('a 2PC participant that misses the decision', () => {
  it('queries on its decision timeout and is not left uncertain; the run conforms', () => {
    const dir = mkdtempSync(join(tmpdir(), 'il-2pc-decision-'));
    // A third of the coordinator's frames to P1 are lost: votes requests (the vote timer aborts those) and
    // decisions (P1 has voted yes and only its own query can tell it the outcome).
    const run = interleave(
      'run', 'twophase-log', '--param', 'txs=60', '--param', 'decision=40', '--param', 'vote=200', '--transport', 'unix', '--dir', dir,
      '--faults', 'C->P1.loss=0.33,seed=3', '--quiet',
    );
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/operations {3}60 done of 60 begun/);
    const json = JSON.parse(interleave('log', join(dir, 'P1.log'), '--json').stdout) as { records: { kind: string; value?: { log: string[] } }[] };
    const last = json.records.filter((r) => r.kind === 'state').at(-1)!.value!.log;
    expect(last).not.toContain('precommit');
    const steps = readTrace(join(dir, 'P1.trace.jsonl')).steps;
    const queries = steps.filter((s) => s.kind === 'timeout' && s.timer === 'decision');
    expect(queries.length).toBeGreaterThan(0);
    // The timer is per transaction: each query asks about the transaction whose timer fired.
    expect(queries.every((q) => q.kind === 'timeout' && typeof q.key === 'number' && q.effects.every((e) => e.kind !== 'send' || (e.msg as { tx: number }).tx === q.key))).toBe(true);
    expect(queries.every((q) => q.effects.some((e) => e.kind === 'send' && (e.msg as { type: string }).type === 'Query'))).toBe(true);
    const v = interleave('validate', dir);
    expect(v.stdout).toMatch(/: conforms\n/);
    expect(v.code).toBe(0);
  }, 60_000);
});
