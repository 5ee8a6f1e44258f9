import { createHash } from 'node:crypto';
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openLine, sealLine } from '../../impl/trace/index.js';
import { findDeployment } from '../../model/protocols/registry.js';
import { readRun, validateRun } from '../../impl/validate/index.js';
import { interleave } from '../helpers/cli.js';
import { memoryRun } from '../helpers/memoryCluster.js';

const d = findDeployment('twophase-log');

/**
 * Rewrites line `k` (1-based) of a trace with `edit`, resealing it (its CRC, and the trace's closing seal)
 * so that only the content is wrong — as a node with a bug would have written it.
 */
function reseal(file: string, k: number, edit: (v: Record<string, unknown>) => void): void {
  const lines = readFileSync(file, 'utf8').split('\n');
  const v = openLine(lines[k - 1]!);
  delete v['crc'];
  edit(v);
  lines[k - 1] = sealLine(v).trimEnd();
  const last = lines.length - 2;
  const seal = openLine(lines[last]!);
  if (seal['kind'] === 'seal') {
    const digest = createHash('sha256').update(lines.slice(0, last).map((l) => `${l}\n`).join('')).digest('hex');
    lines[last] = sealLine({ kind: 'seal', steps: seal['steps'], digest }).trimEnd();
  }
  writeFileSync(file, lines.join('\n'));
}

describe('interleave validate', () => {
  it('accepts a conforming run and reports what it replayed', async () => {
    const run = await memoryRun(d, { txs: 10 });
    const v = interleave('validate', run.dir);
    expect(v.code, v.stdout + v.stderr).toBe(0);
    expect(v.stdout).toMatch(/^twophase-log \(participants=3 txs=10 refuse=100 concurrency=8 vote=1000 decision=500\): conforms\n {2}\d+ steps merged/);
    expect(v.stdout).toMatch(/invariants held in every state: agreement, validity, stability/);
  });

  it('reports the first step whose recorded state differs from the model, with where it was recorded', async () => {
    const run = await memoryRun(d, { txs: 10 });
    const file = join(run.dir, 'P2.trace.jsonl');
    reseal(file, 5, (v) => (v['fp'] = '0123456789abcdef'));
    const v = interleave('validate', run.dir);
    expect(v.code).toBe(1);
    expect(v.stdout).toMatch(/does not conform: a step the model does not allow\n {2}at action \d+: .* {3}\[P2\.trace\.jsonl line 5 \(step 3, incarnation 0\)\]\n {2}P2's state after the step differs from the model's \(fingerprint 0123456789abcdef/);
  });

  it('reports effects the model would not produce', async () => {
    const run = await memoryRun(d, { txs: 10, refuse: 0 });
    const file = join(run.dir, 'C.trace.jsonl');
    const lines = readFileSync(file, 'utf8').trimEnd().split('\n');
    const k = lines.findIndex((l) => l.includes('"observation":"commit@3"')) + 1;
    reseal(file, k, (v) => ((v['effects'] as { kind: string; observation?: string }[]).find((e) => e.kind === 'observe')!.observation = 'abort@3'));
    const v = interleave('validate', run.dir);
    expect(v.code).toBe(1);
    expect(v.stdout).toMatch(/effect 1 differs: the model's node does \[observe commit@3; persist #[0-9a-f]{8}; send P1 Decision\(commit, tx 3\);.*\], the real one did \[observe abort@3; persist #[0-9a-f]{8};/);
  });

  it("checks a keyed timer's key: one outside the timer's universe diverges, a malformed one is refused", async () => {
    const run = await memoryRun(d, { txs: 4, refuse: 0 });
    const file = join(run.dir, 'C.trace.jsonl');
    const good = readFileSync(file, 'utf8');
    const k = good.trimEnd().split('\n').findIndex((l) => l.includes('"kind":"setTimer","timer":"vote","key":2')) + 1;
    expect(k).toBeGreaterThan(0);
    const setKey = (key: unknown) => (v: Record<string, unknown>) => ((v['effects'] as { kind: string; key?: unknown }[]).find((e) => e.kind === 'setTimer')!.key = key);
    reseal(file, k, setKey(99));
    const v = interleave('validate', run.dir);
    expect(v.code).toBe(1);
    expect(v.stdout).toMatch(/effect \d+ differs: the model's node does \[.*setTimer vote\(2\).*\], the real one did \[.*setTimer vote\(99\)/);
    writeFileSync(file, good);
    reseal(file, k, setKey({ tx: 2 }));
    const bad = interleave('validate', run.dir);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^interleave: error: trace C\.trace\.jsonl line \d+: a malformed setTimer effect\n$/);
  });

  it('refuses traces that contradict each other (a delivery of a send to another node)', async () => {
    const run = await memoryRun(d, { txs: 4 });
    const file = join(run.dir, 'C.trace.jsonl');
    const lines = readFileSync(file, 'utf8').trimEnd().split('\n');
    const k = lines.findIndex((l) => l.includes('"kind":"send"')) + 1;
    reseal(file, k, (v) => ((v['effects'] as { kind: string; to?: number }[]).find((e) => e.kind === 'send')!.to = 0));
    const v = interleave('validate', run.dir);
    expect(v.code).toBe(2);
    expect(v.stderr).toMatch(/^interleave: error: P1's step \d+ delivers message 0 of C, which was sent to C\n$/);
  });

  it('reports a trace without its seal as a node killed at that step, and still validates it', async () => {
    const run = await memoryRun(d, { txs: 4 });
    const file = join(run.dir, 'P1.trace.jsonl');
    const lines = readFileSync(file, 'utf8').split('\n');
    writeFileSync(file, `${lines.slice(0, -3).join('\n')}\n`);
    const report = validateRun(readRun(run.dir), d);
    expect(report.verdict).toBe('conforms');
    expect(report.notes.killed).toEqual([`P1 killed at step ${lines.length - 5}`]);
    expect(interleave('validate', run.dir).stdout).toMatch(/\n {2}P1 killed at step \d+\n$/);
  });

  it('catches a 2PC mutant that commits on timeout as a validity violation', async () => {
    const mutant = findDeployment('twophase-log-commit-on-timeout');
    const run = await memoryRun(mutant, { txs: 10, refuse: 500, vote: 1 });
    const report = validateRun(readRun(run.dir), mutant);
    expect(report).toMatchObject({ verdict: 'violates', property: 'validity' });
  });

  it('refuses truncated, corrupt, incomplete and mixed-up runs with a one-line error', async () => {
    const run = await memoryRun(d, { txs: 4 });
    const file = join(run.dir, 'P1.trace.jsonl');
    const good = readFileSync(file, 'utf8');
    const one = (r: ReturnType<typeof interleave>) => {
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr.split('\n').filter((l) => l !== '')).toHaveLength(1);
      return r.stderr;
    };

    // Cut inside the seal: unsealed, so a killed node — unless the run's summary says it stopped cleanly.
    writeFileSync(file, good.slice(0, good.length - 25));
    expect(interleave('validate', run.dir).stdout).toMatch(/P1 killed at step \d+ \(its next line, \d+ bytes, was cut off while being written\)/);
    writeFileSync(join(run.dir, 'summary.json'), JSON.stringify({ stoppedCleanly: ['C', 'P1', 'P2', 'P3'] }));
    expect(one(interleave('validate', run.dir))).toMatch(/^interleave: error: trace P1\.trace\.jsonl is truncated: the run stopped P1 cleanly, but its trace does not end with its seal/);
    rmSync(join(run.dir, 'summary.json'));

    writeFileSync(file, good.replace('"kind":"deliver"', '"kind":"delivar"'));
    expect(one(interleave('validate', run.dir))).toMatch(/trace P1\.trace\.jsonl line \d+: corrupt: checksum mismatch/);

    const lines = good.split('\n');
    writeFileSync(file, [...lines.slice(0, 3), ...lines.slice(4)].join('\n'));
    expect(one(interleave('validate', run.dir))).toMatch(/line 4: step 3 where step 2 was expected/);

    // A sealed trace cut short: the last step removed (at a line boundary), the seal kept.
    writeFileSync(file, [...lines.slice(0, -3), ...lines.slice(-2)].join('\n'));
    expect(one(interleave('validate', run.dir))).toMatch(/trace P1\.trace\.jsonl line \d+: the seal counts \d+ steps, the file holds \d+ \(lines were removed or added\)/);

    writeFileSync(file, good);
    renameSync(join(run.dir, 'P3.trace.jsonl'), join(run.dir, 'P3.trace.moved'));
    expect(one(interleave('validate', run.dir))).toMatch(/has no trace for node P3/);

    expect(one(interleave('validate', join(run.dir, 'nowhere')))).toMatch(/cannot read run folder/);
  });
});
