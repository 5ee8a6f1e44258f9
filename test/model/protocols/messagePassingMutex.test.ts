import { describe, expect, it } from 'vitest';
import { checkSync } from '../../../checker/check.js';
import { rendezvousMutex } from '../../../model/protocols/rendezvous-mutex/rendezvousMutex.js';
import { tokenChannelMutex } from '../../../model/protocols/token-channel-mutex/tokenChannelMutex.js';

describe('token-channel-mutex', () => {
  it('holds: the one token is the semaphore', () => {
    const r = checkSync(tokenChannelMutex({ n: 3 }));
    expect(r.verdict).toBe('holds');
    expect(r.stats).toMatchObject({ distinct: 7, generated: 10, depth: 3 });
  });

  it('catches two tokens in the channel', () => {
    const r = checkSync(tokenChannelMutex({ n: 3, variant: 'two-tokens' }));
    expect(r.verdict).toBe('violated');
    expect(r.violations[0]!.trace.map((t) => t.label)).toEqual(['init', 'P0: receive(token) -> cs', 'P1: receive(token) -> cs']);
  });
});

describe('rendezvous-mutex', () => {
  it('holds, and the server always knows who is inside', () => {
    const r = checkSync(rendezvousMutex({ n: 3 }));
    expect(r.verdict).toBe('holds');
    expect(r.stats).toMatchObject({ distinct: 7, generated: 10, depth: 3 });
  });

  it('catches a server that does not wait for the release; entering is a joint step', () => {
    const r = checkSync(rendezvousMutex({ n: 3, variant: 'no-release-wait' }));
    expect(r.verdict).toBe('violated');
    expect(r.violations.map((v) => v.property)).toEqual(['mutualExclusion(cs)', 'serverKnowsHolder']);
    expect(r.violations[0]!.trace.map((t) => t.label)).toEqual([
      'init',
      'C0: send(request) -> cs || S0: receive(request) -> idle',
      'C1: send(request) -> cs || S0: receive(request) -> idle',
    ]);
  });
});
