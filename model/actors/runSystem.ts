/**
 * The system a recorded run is validated against: a protocol's system with the run's fault budget, room
 * for what the run had in flight, and the crash semantics of real processes.
 *
 * Every deployment builds its validating system through {@link systemForRun}, so none can forget part of
 * the run's budget (an earlier version let five deployments drop the duplicate budget, and bully the loss
 * budget too, so that every run that really duplicated a frame "did not conform"). What it changes, and
 * why each change is honest:
 *
 * - the fault budget is the run's: as many crashes, losses and copies as the traces show;
 * - the network holds at least the most messages the run had in flight (per link on FIFO: an upper bound);
 * - the network is lossy if the run lost messages that no crash explains (the runtime's link faults lose
 *   them on purpose, and the model then has to say whether the protocol tolerates it);
 * - no input budget: a run's clients asked what they asked, and every input the traces show is taken;
 * - `lossOnCrash`: a message in flight to or from a node that is down may be lost outside the budget, as
 *   the connections of a killed process reset. Without it a frame lost with its killed receiver can never
 *   be explained on a reliable FIFO link, and every later frame on that link is blocked behind it.
 *
 * Validation replays the run's own actions through this system, one per step, so a larger budget admits no
 * behaviour the traces do not show; it only stops a true run from being refused for lack of room.
 *
 * @example
 * ```ts
 * system: (p, budget) => systemForRun(centralMutex({ n: p['n']! }), budget),
 * ```
 *
 * @module
 */
import type { RunBudget } from './deployment.js';
import { actorSystem } from './actorSystem.js';
import type { ActorSystem } from './actorSystemTypes.js';
import type { Roles } from './systemState.js';

/** `system` rebuilt to validate a run with `budget` (see the module documentation). */
export function systemForRun<R extends Roles>(system: ActorSystem<R>, budget: RunBudget): ActorSystem<R> {
  const def = system.definition;
  const duplicating = def.network.kind === 'duplicating';
  // The run's clients were not budgeted: every input the traces show is taken.
  const { inputs: _budget, ...unbudgeted } = def;
  return actorSystem({
    ...unbudgeted,
    network: {
      ...def.network,
      lossy: def.network.lossy === true || budget.drops > 0,
      lossOnCrash: true,
      capacity: Math.max(def.network.capacity, budget.inFlight, 1),
    },
    faults: {
      ...def.faults,
      crashes: budget.crashes,
      drops: budget.drops,
      // A duplicating network copies freely; it has no duplicate budget.
      duplicates: duplicating ? 0 : budget.duplicates,
    },
  });
}
