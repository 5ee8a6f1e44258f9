import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectConformsAfterKills, interleave } from '../../helpers/cli.js';

/** Runs `protocol` for real over Unix sockets with `faults`, then validates it; returns both outputs. */
function runAndValidate(protocol: string, faults: string, ...params: string[]) {
  const dir = mkdtempSync(join(tmpdir(), `il-honest-${protocol}-`));
  const run = interleave('run', protocol, ...params.flatMap((p) => ['--param', p]), '--transport', 'unix', '--dir', dir, '--duration', '2s', '--faults', faults, '--quiet');
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  return { run, validate: interleave('validate', dir) };
}

describe('validate accepts honest runs', () => {
  // Each deployment validates against a system with the run's whole budget (systemForRun): an earlier
  // version dropped the duplicate budget in five deployments, so these runs "did not conform".
  // Every step of such a run is one the model allows. Whether the protocol survives the copies is another
  // matter: a duplicated Release can make central-mutex's coordinator grant twice, and then the run really
  // broke mutual exclusion — validate says so, right after the copy, rather than "a step the model does not
  // allow".
  it.each(['central-mutex', 'ricart-agrawala', 'lamport-mutex'])('%s with frames really duplicated is replayed step by step', (protocol) => {
    const { validate } = runAndValidate(protocol, 'dup=0.1,seed=2');
    expect(validate.stdout).toMatch(/, [1-9]\d* copies;/);
    expect(validate.stdout).not.toMatch(/a step the model does not allow/);
    if (validate.code === 0) expect(validate.stdout).toMatch(/: conforms\n/);
    else {
      expect(validate.stdout).toMatch(/: does not conform: invariant mutualExclusion is violated\n[\s\S]*after:\n[\s\S]*duplicate {2}/);
      expect(validate.code).toBe(1);
    }
  }, 30_000);

  it('bully with lost frames and a killed leader conforms', () => {
    const { validate } = runAndValidate('bully', 'loss=0.2,seed=5,kill=P3@700ms,restart@500ms', 'elections=3');
    expectConformsAfterKills(validate);
    expect(validate.stdout).toMatch(/1 crashes, [1-9]\d* never received/);
  }, 30_000);

  it('lamport-mutex with a node killed and restarted conforms: frames lost with it are explained by the crash', () => {
    const { validate } = runAndValidate('lamport-mutex', 'kill=P2@700ms,restart@300ms');
    expectConformsAfterKills(validate);
    expect(validate.stdout).toMatch(/1 crashes/);
  }, 30_000);

  it('a run that reorders links lamport-mutex assumes FIFO is flagged when run and not judged by validate (exit 4)', () => {
    const { run, validate } = runAndValidate('lamport-mutex', 'reorder=0.3,window=20ms,seed=1');
    expect(run.stdout).toMatch(/\n {2}ASSUMPTION {3}broken: reorder on links that lamport-mutex's model assumes FIFO; validate reports it instead of conformance\n/);
    expect(validate.stdout).toMatch(/^lamport-mutex \(.*\): not judged: the run broke an assumption of the model\n {2}P\d delivered message \d+ of P\d \(P\d\.trace\.jsonl line \d+\) after message \d+ \(line \d+\), on a link the model assumes FIFO\n/);
    expect(validate.code).toBe(4);
  }, 30_000);
});
