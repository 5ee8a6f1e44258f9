import { appendFileSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { NO_FAULTS, resolveDeploymentParams } from '../../../model/actors/index.js';
import { findDeployment } from '../../../model/protocols/deployments.js';
import { NodeHost } from '../../../impl/node/index.js';
import { LOG_HEADER, RECORD_OVERHEAD, frameRecord, scanRecords } from '../../../impl/log/index.js';
import { MemoryNetwork, memoryLogger } from '../../../impl/transport/index.js';
import { readTrace } from '../../../impl/trace/index.js';
import { readRun } from '../../../cli/validate/runTraces.js';
import { validateRun } from '../../../cli/validate/conformance.js';
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
    expect(logger.lines.some((l) => /warn: P1: log: torn record at byte \d+: 7 of 40 payload bytes; dropped 15 bytes/.test(l))).toBe(true);
    expect(statSync(log).size).toBeGreaterThanOrEqual(size);
    expect(records(log).slice(0, before.length)).toEqual(before);
    // The recovery step ran on the last complete record: the model, recovering from what it persisted, agrees.
    const steps = readTrace(join(run.dir, 'P1.trace.jsonl')).steps;
    expect(steps[steps.length - 1]!.kind).toBe('recover');
    expect(validateRun(readRun(run.dir), d)).toMatchObject({ verdict: 'conforms', counts: { crashes: 1 } });
  });

  it('undoes a durable record whose step never reached the trace (killed between fsync and trace line)', async () => {
    const run = await memoryRun(d, given);
    const log = join(run.dir, 'P2.log');
    const before = records(log);
    // A complete record of a step that was never traced: it claims every transaction committed.
    const rogue = before[before.length - 1]!.slice();
    rogue.fill(rogue[1]!, 1);
    const framed = new Uint8Array(RECORD_OVERHEAD + rogue.length);
    frameRecord(rogue, framed, 0);
    appendFileSync(log, framed);

    const { logger } = await restart(run.dir, 2);
    expect(logger.lines.some((l) => /removed 1 record\(s\) of a step that was never recorded/.test(l))).toBe(true);
    expect(records(log).slice(0, before.length)).toEqual(before);
    expect(validateRun(readRun(run.dir), d)).toMatchObject({ verdict: 'conforms' });
  });
});
