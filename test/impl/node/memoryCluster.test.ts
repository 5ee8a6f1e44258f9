import { describe, expect, it } from 'vitest';
import { findDeployment } from '../../../model/protocols/registry.js';
import { readRun, validateRun } from '../../../impl/validate/index.js';
import { memoryRun } from '../../helpers/memoryCluster.js';

describe('node hosts over an in-memory network', () => {
  it('runs 2PC transactions to completion and the run conforms to the model', async () => {
    const d = findDeployment('twophase-log');
    const run = await memoryRun(d, { txs: 30, participants: 3, refuse: 200 });
    expect(run.outcomes.size).toBe(30);
    const outcomes = [...run.outcomes.values()];
    expect(outcomes).toContain('committed');
    expect(outcomes).toContain('aborted');
    const report = validateRun(readRun(run.dir), d);
    expect(report).toMatchObject({ verdict: 'conforms' });
  });
});
