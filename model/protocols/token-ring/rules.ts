/**
 * The seam of the token ring: the rules where a variant may differ from Le Lann's ring, with the ring's
 * own. The handlers (`tokenRing.ts`) call them; a mutant (`mutants.ts`) overrides them.
 *
 * @module
 */
import { s } from '../../core/index.js';
import type { DraftOf } from '../../core/index.js';
import type { Context } from '../../actors/index.js';
import { Phase } from '../coordination/mutexClient.js';

/** The local state of a process: its phase, and whether it holds the token. */
export const tokenRingLocal = s.record({ phase: Phase, token: s.boolean() });

/** The timers a process may use: `pass` (hand the held token on) and `lost` (a variant's loss timeout). */
export type TokenRingTimer = 'pass' | 'lost';

/** What the rules may do to a process's timers. */
export type TokenRingTimers = Pick<Context<unknown, unknown, TokenRingTimer>, 'setTimer' | 'cancelTimer'>;

/** The rules where a variant of the ring may differ from the correct one; `mutants.ts` overrides them. */
export interface TokenRingRules {
  /** The timers a process declares. */
  readonly timers: readonly TokenRingTimer[];
  /** A process is without the token: it has passed it on, or starts (or restarts) without it. */
  withoutToken(ctx: TokenRingTimers): void;
  /** The token has arrived at a process. */
  tokenArrived(ctx: TokenRingTimers): void;
  /** The `lost` timer fired (never, unless a variant arms it). */
  lost(st: DraftOf<typeof tokenRingLocal>, ctx: TokenRingTimers): void;
  /** Whether a process leaving its critical section passes the token on at once (the notes), rather than holding it a while. */
  passesOnRelease(): boolean;
}

const nothing = (): void => {};

/** The rules of the correct ring: only the holder's `pass` timer, and nobody ever makes a token. */
export const tokenRingRules: TokenRingRules = {
  timers: ['pass'],
  withoutToken: nothing,
  tokenArrived: nothing,
  lost: nothing,
  passesOnRelease: () => true,
};
