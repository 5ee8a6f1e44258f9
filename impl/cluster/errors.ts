/**
 * The launcher's error, in a module of its own so that the launcher's helpers (the run folder) can throw
 * it without importing the launcher.
 *
 * @module
 */

/** Thrown for a run that cannot start (a folder in use or unusable, a node that does not come up). */
export class ClusterError extends Error {
  override readonly name: string = 'ClusterError';
}
