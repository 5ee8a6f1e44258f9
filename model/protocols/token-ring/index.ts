/**
 * Token-ring mutual exclusion as an actor system — the front door: its parameters, the ring under a crash
 * budget (the lost token), its mutant that regenerates the token on a timeout, the checking instance and
 * the deployment.
 *
 * @module
 */
import { intParam, ints } from '../../core/index.js';
import type { ActorSystem, Roles } from '../../actors/index.js';
import { systemForRun } from '../../actors/index.js';
import { CS_PARAM, mutexWorkload } from '../coordination/mutexWorkload.js';
import { crashesParam } from '../coordination/faultParams.js';
import { defineProtocol } from '../protocol.js';
import type { TokenRingVariant } from './mutants.js';
import { tokenRing } from './tokenRing.js';

/** The handlers' variant of a protocol variant: `crash` is the correct ring under other defaults. */
const mutant = (variant: 'crash' | TokenRingVariant | null): TokenRingVariant | null => (variant === 'crash' ? null : variant);

/** The token ring, the ring that loses its token to a crash, its regenerating mutant, and its deployment. */
export const tokenRingProtocol = defineProtocol({
  id: 'token-ring',
  description: 'Token-ring mutual exclusion: one token circulates; only its holder enters (actor system)',
  params: [
    intParam('n', 'processes on the ring', 4, 1, 6),
    crashesParam(0, 2),
    intParam('recovery', '1: a crashed process may restart (without the token); 0: crash-stop', 1, 0, 1),
  ],
  variants: [
    /**
     * The same ring with one crash (crash-stop): when the process holding the token crashes, the token is
     * gone, and once every live process has requested, none can ever enter — a state with nothing enabled
     * while processes wait, which the model does not count as a legal end: the checker reports a deadlock.
     */
    { name: 'crash', description: 'token-ring with one crash (crash-stop): the token holder crashes and the token is lost', mutant: false, defaults: { n: 3, crashes: 1, recovery: 0 } },
    { name: 'regenerate', description: 'token-ring where a process that has not seen the token for a while makes a new one' },
    { name: 'keeps-token', description: 'token-ring whose process holds the token after leaving and may re-enter first: it can hog it forever' },
  ],
  build: (p, variant) => {
    const { n, crashes, recovery } = ints(p, 'n', 'crashes', 'recovery');
    return tokenRing({ n, crashes, recovery: recovery === 1, variant: mutant(variant) });
  },
  // Processes repeatedly entering and leaving their critical section as the token comes round (`entries`
  // in all, `cs` ms inside each time). An idle holder keeps the token for `hold` ms (its `pass` timer)
  // before passing it on, so that an idle ring does not spin. The instance is the catalogue's with the
  // run's crash and loss budgets (crash-recover) and room for its messages in flight: kill the holder and
  // the run stalls, which is the `token-ring-crash` variant's deadlock, for real.
  deployment: {
    params: [
      intParam('n', 'processes on the ring', 3, 1, 6),
      intParam('entries', 'critical-section entries in the run', 200, 1, 1_000_000),
      CS_PARAM,
      intParam('hold', 'how long an idle holder keeps the token, ms', 2, 1, 60_000),
      intParam('lost', "the regenerating mutant's timeout before it makes a token, ms", 50, 1, 60_000),
    ],
    system: (p, budget, variant) =>
      systemForRun(tokenRing({ n: p['n']!, crashes: budget.crashes, drops: budget.drops, capacity: Math.max(p['n']! + 1, budget.inFlight), variant: mutant(variant) }) as unknown as ActorSystem<Roles>, budget),
    timeouts: (p) => ({ pass: p['hold']!, lost: p['lost']! }),
    workload: (p, seed) => mutexWorkload(Array.from({ length: p['n']! }, (_, i) => i), p['entries']!, seed, p['cs']!),
  },
});
