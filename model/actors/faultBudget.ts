/**
 * The fault budget of an actor system: how many crashes, losses and copies a check explores, and whether a
 * crashed node recovers. Its own module, so that the action lister (`enabled.ts`) and the compiler
 * (`compileActors.ts`) both use it without importing each other.
 *
 * @module
 */

/** The fault budget of a check. */
export interface FaultBudget {
  /** At most this many crashes in a run (of any nodes). @defaultValue 0 */
  readonly crashes: number;
  /** At most this many messages lost (needs a lossy network). @defaultValue 0 */
  readonly drops: number;
  /** At most this many messages duplicated (not on a duplicating network, which duplicates freely). @defaultValue 0 */
  readonly duplicates: number;
  /** Whether a crashed node may recover (crash-recover) or stays down (crash-stop). @defaultValue true */
  readonly recovery: boolean;
}
