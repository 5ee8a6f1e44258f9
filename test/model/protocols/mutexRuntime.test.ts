/**
 * The mutual-exclusion protocols hosted for real, over the in-memory network: each runs a workload of
 * entries to completion, and its run conforms to its model (every step replayed, every invariant held).
 */
import { describe, expect, it } from 'vitest';
import { readRun, validateRun } from '../../../impl/validate/index.js';
import { findDeployment } from '../../../model/protocols/registry.js';
import { memoryRun } from '../../helpers/memoryCluster.js';

describe.each([
  ['central-mutex', findDeployment('central-mutex')],
  ['ricart-agrawala', findDeployment('ricart-agrawala')],
  ['lamport-mutex', findDeployment('lamport-mutex')],
  ['token-ring', findDeployment('token-ring')],
])('%s, hosted', (_id, d) => {
  it('makes 40 entries among 3 processes, and the run conforms to the model', async () => {
    const run = await memoryRun(d, { n: 3, entries: 40 });
    expect(run.outcomes.size).toBe(40);
    expect(new Set(run.outcomes.values())).toEqual(new Set(['entered']));
    const report = validateRun(readRun(run.dir), d);
    expect(report).toMatchObject({ verdict: 'conforms', protocol: d.id });
  });
});
