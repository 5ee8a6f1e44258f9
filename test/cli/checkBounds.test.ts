import { describe, expect, it } from 'vitest';
import { interleave } from '../helpers/cli.js';

describe('interleave check within bounds', () => {
  it('--max-memory stops a search that would grow without bound: incomplete, exit 3, one line saying why', () => {
    const r = interleave('check', 'twophase', '--param', 'rms=16', '--max-memory', '1K', '--quiet');
    expect(r.code).toBe(3);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('twophase rms=16: incomplete (stopped by max-memory)');
    expect(lines[2]).toMatch(/^ {2}stopped: [\d.]+ MiB resident, over the memory limit of 0\.0 MiB after 65,536 distinct states; raise the limit \(--max-memory\)/);
    const j = JSON.parse(interleave('check', 'twophase', '--param', 'rms=16', '--max-memory', '1K', '--quiet', '--json').stdout);
    expect(j).toMatchObject({ verdict: 'incomplete', stoppedBy: 'max-memory', stats: { distinct: 65536 } });
  });

  it('--max-memory takes a size, and refuses a malformed one in one line', () => {
    expect(interleave('check', 'twophase', '--max-memory', '512M', '--quiet').code).toBe(0);
    const r = interleave('check', 'twophase', '--max-memory', '2X');
    expect([r.code, r.stderr]).toEqual([2, "interleave: error: bad value '2X' for --max-memory: expected a size such as 512M or 2G\n"]);
  });

  it('a goal that a small bound cuts off is unreached within the bounds, exit 3, not violated', () => {
    const r = interleave('check', 'lamport-mutex', '--param', 'maxClock=5', '--quiet');
    expect(r.code).toBe(3);
    expect(r.stdout).toContain('lamport-mutex n=3 maxClock=5: unreached (everyoneEnters)');
    expect(r.stdout).toContain('7,497 distinct, 27,377 generated, 8,561 cut off by the constraint, depth 17');
    expect(r.stdout).toContain('Goal everyoneEnters is unreachable within the bounds (8,561 successors cut off)');
    const j = JSON.parse(interleave('check', 'bully', '--param', 'maxInFlight=1', '--json').stdout);
    expect(j).toMatchObject({ verdict: 'unreached', stats: { distinct: 9, cutOff: 27 } });
    expect(j.violations.map((v: { kind: string; property: string }) => `${v.kind} ${v.property}`)).toEqual(['unreached elected', 'unreached electedAfterLeaderCrash']);
  });
});
