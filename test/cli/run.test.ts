import { describe, expect, it } from 'vitest';
import { interleave } from '../helpers/cli.js';

describe('interleave run: usage', () => {
  it('reports bad input on one line with exit 2, before starting anything', () => {
    const cases: [string[], RegExp][] = [
      [['run', 'twophase-log', '--faults', 'kill=nobody@1s'], /no node 'nobody' \(nodes: C, P1, P2, P3; or KIND-N with kinds coordinator, participant\)/],
      [['run', 'twophase-log', '--faults', 'loss=2'], /bad probability '2' in 'loss=2'/],
      [['run', 'twophase-log', '--param', 'txs=5000'], /bad value '5000' for parameter txs of twophase-log: expected an integer in \[2, 1024\]/],
      [['run', 'twophase-log', '--param', 'rms=3'], /unknown parameter 'rms' for twophase-log/],
      [['run', 'twophase-log', '--transport', 'udp'], /bad value 'udp' for --transport: expected tcp or unix/],
      [['run', 'twophase-log', '--duration', '10'], /bad --duration '10'/],
      [['run', 'twophase-log', '--threads', '2'], /--threads and --iterations apply to threads systems/],
      [['run', 'token-ring-crash'], /token-ring-crash has no deployment to run/],
      [['run'], /usage: interleave run PROTOCOL/],
    ];
    for (const [args, why] of cases) {
      const r = interleave(...args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr, args.join(' ')).toMatch(why);
      expect(r.stderr.trim().split('\n'), args.join(' ')).toHaveLength(1);
    }
  });

  it('runs a threads system of the catalogue on real threads', () => {
    const r = interleave('run', 'peterson', '--iterations', '2000');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/no violation observed/);
  });

  it('lists run and validate in its usage', () => {
    expect(interleave('help').stdout).toMatch(/run PROTOCOL \[options\][\s\S]*validate DIR \[--json\]/);
  });
});
