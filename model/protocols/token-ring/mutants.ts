/**
 * The mutants of the token ring: each overrides rules of {@link TokenRingRules}, and the correct handlers
 * stay as the ring is written.
 *
 * @module
 */
import type { TokenRingRules } from './rules.js';

/** Each mutant's overrides of the ring's rules, by variant name. */
export const tokenRingMutants = {
  /**
   * A process that has not held the token for a while (its `lost` timer fires) assumes the token lost and
   * makes a new one — a timeout cannot tell a lost token from a slow one.
   */
  regenerate: {
    /** `pass`, and the loss timeout `lost`. */
    timers: ['pass', 'lost'],
    /** Without the token, a process arms its loss timeout. */
    withoutToken: (ctx) => ctx.setTimer('lost'),
    /** The token's arrival disarms it. */
    tokenArrived: (ctx) => ctx.cancelTimer('lost'),
    /** On the timeout, the process makes a token of its own and holds it as if it had arrived. */
    lost: (st, ctx) => {
      st.token = true;
      ctx.setTimer('pass');
    },
  },
  /**
   * A process leaving its critical section holds on to the token until its `pass` timer fires, and may
   * re-enter first: still exclusive, and everyone can get in, but one process may hog the token forever.
   */
  'keeps-token': {
    /** Holds it on release. */
    passesOnRelease: () => false,
  },
} satisfies Record<string, Partial<TokenRingRules>>;

/** The name of a mutant of the token ring. */
export type TokenRingVariant = keyof typeof tokenRingMutants;
