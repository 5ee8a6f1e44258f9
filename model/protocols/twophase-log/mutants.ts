/**
 * The mutants of 2PC with logs: each overrides rules of {@link TwoPhaseLogRules}, and the correct handlers
 * stay as the course notes write them. A deferred write marks the transaction `unlogged` and arms the
 * `flush` timer, whose firing writes it: the window between the message and the record is a real step.
 *
 * @module
 */
import type { LogContext, TwoPhaseLogRules, Unlogged } from './rules.js';

const defer = (ctx: LogContext, t: Unlogged) => {
  t.unlogged = true;
  ctx.setTimer('flush');
};

/** Each mutant's overrides of the rules of 2PC with logs, by variant name. */
export const twoPhaseLogMutants = {
  /** A participant votes yes at once and logs precommit in a later step. */
  'vote-before-log': {
    participantTimers: ['flush'],
    /** Marks precommit unlogged and arms `flush`: the `Vote` leaves before the record is durable. */
    logPrecommit: (ctx, t) => defer(ctx, t),
  },
  /** The coordinator sends its decision at once and logs it in a later step. */
  'decide-before-log': {
    coordinatorTimers: ['flush'],
    /** Marks the decision unlogged and arms `flush`: the `Decision` leaves before the record is durable. */
    logDecision: (ctx, t) => defer(ctx, t),
  },
  /** The coordinator commits when the vote timer fires, instead of aborting. */
  'commit-on-timeout': {
    /** Commits on timeout. */
    commitsOnTimeout: () => true,
  },
  /** The coordinator waits for the votes without a timeout: a lost vote leaves it waiting forever. */
  'no-vote-timeout': {
    /** Arms no timer. */
    waitForVotes: () => {},
  },
} satisfies Record<string, Partial<TwoPhaseLogRules>>;

/** The name of a mutant of 2PC with logs. */
export type TwoPhaseLogVariant = keyof typeof twoPhaseLogMutants;
