/**
 * The seam of the rendezvous mutex: the rules where a variant may differ from the course notes, with the
 * notes' own. The model (`rendezvousMutex.ts`) reads them once, at construction; a mutant (`mutants.ts`)
 * overrides one.
 *
 * @module
 */

/** Where the server goes after accepting a request: `busy` waits for the release, `idle` does not. */
export type ServerLabel = 'idle' | 'busy';

/** The rules where a variant of the rendezvous mutex may differ; `mutants.ts` overrides them. */
export interface RendezvousMutexRules {
  /** The server's next label once it has accepted a request: it waits for that client's release. */
  afterRequest(): ServerLabel;
  /** How a waiting client is served: `strong` (blocked on the channel until the server takes it) or `weak` (polled). */
  readonly fairness: 'weak' | 'strong';
}

/** The rules as the course notes state them. */
export const rendezvousRules: RendezvousMutexRules = {
  afterRequest: () => 'busy',
  fairness: 'strong',
};
