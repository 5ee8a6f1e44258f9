import { appendFileSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { NO_FAULTS, resolveDeploymentParams } from '../../../model/actors/index.js';
import { findDeployment } from '../../../model/protocols/registry.js';
import { NodeHost, decodeNodeLogRecord } from '../../../impl/node/index.js';
import { LOG_HEADER, RECORD_OVERHEAD, frameRecord, scanRecords } from '../../../impl/log/index.js';
import { MemoryNetwork, memoryLogger } from '../../../impl/transport/index.js';
import { readTrace } from '../../../impl/trace/index.js';
import { readRun, validateRun } from '../../../impl/validate/index.js';
import { memoryRun } from '../../helpers/memoryCluster.js';

const d = findDeployment('twophase-log');
const given = { txs: 12, participants: 3, refuse: 250 };

/** Restarts node `name` of the run in `dir` alone, lets it recover, and stops it. */
async function restart(dir: string, id: number) {
  const params = resolveDeploymentParams(d, given);
  const system = d.system(params, NO_FAULTS);
  const names = system.topology.nodes.map((n) => n.name);
  const logger = memoryLogger();
  const host = await NodeHost.start({
    system,
    node: id,
    protocol: d.id,
    params,
    timeouts: d.timeouts(params),
    network: new MemoryNetwork(),
    addresses: names.map((n) => ({ kind: 'memory' as const, name: n })),
    logPath: join(dir, `${names[id]}.log`),
    tracePath: join(dir, `${names[id]}.trace.jsonl`),
    logger,
  });
  await host.settled();
  await host.stop();
  return { logger, incarnation: host.incarnation };
}

function records(file: string): Uint8Array[] {
  return scanRecords(new Uint8Array(readFileSync(file)), LOG_HEADER.length, 1 << 24).records;
}

describe('node recovery from its log', () => {
  it('ignores a torn record at the tail and keeps every complete one', async () => {
    const run = await memoryRun(d, given);
    expect(run.outcomes.size).toBe(12);
    const log = join(run.dir, 'P1.log');
    const before = records(log);
    const size = statSync(log).size;
    expect(before.length).toBeGreaterThan(2);
    // A half-written record, as a kill during the write leaves it: a header announcing 40 bytes, 7 written.
    const torn = new Uint8Array(RECORD_OVERHEAD + 40);
    frameRecord(new Uint8Array(40).fill(1), torn, 0);
    appendFileSync(log, torn.subarray(0, RECORD_OVERHEAD + 7));

    const { logger, incarnation } = await restart(run.dir, 1);
    expect(incarnation).toBe(1);
    expect(logger.lines.some((l) => /warn: P1: log: torn record at byte \d+: 7 of 40 payload bytes; cut 15 bytes/.test(l))).toBe(true);
    expect(statSync(log).size).toBeGreaterThanOrEqual(size);
    expect(records(log).slice(0, before.length)).toEqual(before);
    // The recovery step ran on the last complete record: the model, recovering from what it persisted, agrees.
    const steps = readTrace(join(run.dir, 'P1.trace.jsonl')).steps;
    expect(steps[steps.length - 1]!.kind).toBe('recover');
    expect(validateRun(readRun(run.dir), d)).toMatchObject({ verdict: 'conforms', counts: { crashes: 1 } });
  });

  it('keeps a durable record whose step never reached the trace, recovers from it, and records the gap', async () => {
    const run = await memoryRun(d, given);
    const log = join(run.dir, 'P2.log');
    const before = records(log);
    // A complete state record of a step that was never traced (killed between its fsync and its trace line).
    const last = [...before].reverse().find((r) => decodeNodeLogRecord(r).kind === 'state')!;
    const rogue = last.slice();
    rogue.fill(rogue[2]!, 2);
    const framed = new Uint8Array(RECORD_OVERHEAD + rogue.length);
    frameRecord(rogue, framed, 0);
    appendFileSync(log, framed);

    const { logger } = await restart(run.dir, 2);
    expect(logger.lines.some((l) => /P2: trace: incomplete after step \d+: the log holds 1 more state record/.test(l))).toBe(true);
    // Nothing of the log was removed: the record is still there, followed by the new incarnation's mark.
    const after = records(log);
    expect(after.slice(0, before.length + 1)).toEqual([...before, rogue]);
    const steps = readTrace(join(run.dir, 'P2.trace.jsonl')).steps;
    const rec = steps[steps.length - 1]!;
    expect(rec).toMatchObject({ kind: 'recover', gap: { records: 1, incarnations: 0 } });
    const report = validateRun(readRun(run.dir), d);
    expect(report.verdict).toBe('partial');
    expect(report.notes.gaps).toEqual([expect.stringMatching(/^trace of P2 incomplete after step \d+; its log holds 1 more state record$/)]);
  });

  it("never forgets a coordinator's decision when its trace lost its last lines (power loss)", async () => {
    const run = await memoryRun(d, given);
    const path = join(run.dir, 'C.trace.jsonl');
    const lines = readFileSync(path, 'utf8').split('\n').slice(0, -1);
    const before = records(join(run.dir, 'C.log'));
    // The review's reproduction (`head -n -2`), made exact: cut the trace just before the step that logged
    // the last commit decision, as a power loss can, although that decision left and was acknowledged.
    const decided = lines.findLastIndex((l) => l.includes('"persist"') && /"observation":"commit@/.test(l));
    expect(decided).toBeGreaterThan(0);
    writeFileSync(path, `${lines.slice(0, decided).join('\n')}\n`);
    await restart(run.dir, 0);
    expect(records(join(run.dir, 'C.log')).slice(0, before.length)).toEqual(before);
    const rec = readTrace(path).steps.at(-1)!;
    expect(rec.kind).toBe('recover');
    expect(rec.kind === 'recover' && rec.gap!.records).toBeGreaterThanOrEqual(1);
    // The recovery step aborts nothing the client was told was committed.
    const aborted = rec.effects.flatMap((e) => (e.kind === 'observe' && /^abort@/.test(e.observation) ? [Number(e.observation.slice(6))] : []));
    for (const tx of aborted) expect(run.outcomes.get(tx)).not.toBe('committed');
    const tx = Number(/"observation":"commit@(\d+)"/.exec(lines[decided]!)![1]);
    expect(run.outcomes.get(tx)).toBe('committed');
    expect(rec.effects).toContainEqual({ kind: 'observe', observation: `commit@${tx}` });
    expect(['conforms', 'partial']).toContain(validateRun(readRun(run.dir), d).verdict);
  });

  it('recovers from the whole log when the trace is deleted or emptied, as a new incarnation past every number used', async () => {
    for (const damage of ['delete', 'empty'] as const) {
      const run = await memoryRun(d, given);
      const path = join(run.dir, 'P1.trace.jsonl');
      const old = readTrace(path).steps;
      const before = records(join(run.dir, 'P1.log'));
      if (damage === 'delete') rmSync(path);
      else writeFileSync(path, '');
      const { incarnation, logger } = await restart(run.dir, 1);
      expect(incarnation).toBe(1);
      expect(records(join(run.dir, 'P1.log')).slice(0, before.length)).toEqual(before);
      expect(logger.lines.some((l) => /P1: trace: incomplete after step -1: the log holds \d+ more state record/.test(l))).toBe(true);
      const steps = readTrace(path).steps;
      expect(steps).toHaveLength(1);
      expect(steps[0]).toMatchObject({ kind: 'recover', inc: 1 });
      // Its clock is past every clock the lost trace held.
      expect(steps[0]!.vc[1]).toBeGreaterThan(old.at(-1)!.vc[1]!);
    }
  });

  it('refuses to start on a log zeroed in the middle, names the file and offset, and changes neither log nor trace', async () => {
    const run = await memoryRun(d, given);
    const log = join(run.dir, 'P1.log');
    const trace = join(run.dir, 'P1.trace.jsonl');
    const bytes = readFileSync(log);
    const mid = Math.floor(bytes.length / 2);
    bytes.fill(0, mid, mid + 64);
    writeFileSync(log, bytes);
    const before = { log: readFileSync(log), trace: readFileSync(trace), mtime: statSync(log).mtimeMs };
    await expect(restart(run.dir, 1)).rejects.toThrow(new RegExp(`P1: cannot start: log ${log.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: damaged at byte \\d+ .*followed by intact records`));
    expect(readFileSync(log).equals(before.log)).toBe(true);
    expect(statSync(log).mtimeMs).toBe(before.mtime);
    expect(readFileSync(trace).equals(before.trace)).toBe(true);
  });
});
