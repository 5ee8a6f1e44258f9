/**
 * The token ring: the protocol, the protocol under a crash budget (the lost token), and a mutant that
 * regenerates the token on a timeout.
 *
 * @module
 */
import { tokenRing } from '../model/protocols/token-ring/tokenRing.js';
import type { TokenRingOptions } from '../model/protocols/token-ring/tokenRing.js';
import { intParam } from '../model/core/index.js';
import type { Params } from '../model/core/index.js';
import type { Spec } from './catalogue.js';

const params = (n: number, crashes: number, recovery: number) => [
  intParam('n', 'processes on the ring', n, 1, 6),
  intParam('crashes', 'fault budget: crashes', crashes, 0, 2),
  intParam('recovery', '1: a crashed process may restart (without the token); 0: crash-stop', recovery, 0, 1),
];

const build = (mutation: TokenRingOptions['mutation']) => (p: Params) =>
  tokenRing({ n: p['n'] as number, crashes: p['crashes'] as number, recovery: p['recovery'] === 1, mutation });

/** The token-ring entries of the catalogue. */
export const tokenRingSpecs: readonly Spec[] = [
  {
    id: 'token-ring',
    description: 'Token-ring mutual exclusion: one token circulates; only its holder enters (actor system)',
    params: params(4, 0, 1),
    build: build(undefined),
    expected: 'holds',
    mutantOf: null,
  },
  {
    /**
     * The same ring with one crash (crash-stop): when the process holding the token crashes, the token is
     * gone, and once every live process has requested, none can ever enter — a state with nothing enabled
     * while processes wait, which the model does not count as a legal end: the checker reports a deadlock.
     */
    id: 'token-ring-crash',
    description: 'token-ring with one crash (crash-stop): the token holder crashes and the token is lost',
    params: params(3, 1, 0),
    build: build(undefined),
    expected: 'deadlock',
    mutantOf: null,
  },
  {
    id: 'token-ring-regenerate',
    description: 'token-ring where a process that has not seen the token for a while makes a new one',
    params: params(4, 0, 1),
    build: build('regenerate'),
    expected: 'violated:atMostOneToken',
    mutantOf: 'token-ring',
  },
];
