/**
 * The seam of 2PC with logs: the rules where a variant may differ from the course notes ("2PC Algorithm
 * for Coordinator", "2PC Algorithm for Participant"), with the notes' own. The handlers
 * (`coordinator.ts`, `participant.ts`) call them; a mutant (`mutants.ts`) overrides some.
 *
 * @module
 */
import type { LogValue } from './vocabulary.js';

/** The part of a node's context the log rules use: its durable log, and the `flush` timer of a deferred write. */
export interface LogContext {
  /** The durable record as of now. */
  readonly durable: { readonly log: readonly LogValue[] };
  /** Writes the durable record through a draft of it. */
  persist(recipe: (draft: { readonly log: { set(tx: number, value: LogValue): void } }) => void): void;
  /** Arms the `flush` timer, which writes deferred records. */
  setTimer(timer: 'flush'): void;
}

/** The per-transaction local state a log rule may mark: a record decided but not yet written. */
export interface Unlogged {
  /** Whether the transaction's record still waits for the `flush` timer. */
  unlogged: boolean;
}

/** Writes `record` as transaction `tx`'s entry of the node's log. */
export function writeLog(ctx: LogContext, tx: number, record: LogValue): void {
  ctx.persist((d) => d.log.set(tx, record));
}

/** The rules where a variant of 2PC with logs may differ from the notes; `mutants.ts` overrides them. */
export interface TwoPhaseLogRules {
  /** The coordinator's timers besides its per-transaction `vote`: `flush` if a decision may wait to be logged. */
  readonly coordinatorTimers: readonly 'flush'[];
  /** The participant's timers besides `decision`: `flush` if a precommit may wait to be logged. */
  readonly participantTimers: readonly 'flush'[];
  /** Coordinator: "log the decision, then send it" — make `record` durable before the `Decision` leaves. */
  logDecision(ctx: LogContext, t: Unlogged, tx: number, record: 'commit' | 'abort'): void;
  /** Coordinator: "wait for the votes with a timeout" — arm transaction `tx`'s vote timer. */
  waitForVotes(ctx: { setTimer(timer: 'vote', tx: number): void }, tx: number): void;
  /** Coordinator: whether it commits when a transaction's vote timer fires with votes missing ("abort on timeout"). */
  commitsOnTimeout(): boolean;
  /** Participant: "log precommit, then vote yes" — make precommit durable before the `Vote` leaves. */
  logPrecommit(ctx: LogContext, t: Unlogged, tx: number): void;
}

/** The rules as the course notes state them: stable storage first, abort on timeout. */
export const twoPhaseLogRules: TwoPhaseLogRules = {
  coordinatorTimers: [],
  participantTimers: [],
  logDecision: (ctx, _t, tx, record) => writeLog(ctx, tx, record),
  waitForVotes: (ctx, tx) => ctx.setTimer('vote', tx),
  commitsOnTimeout: () => false,
  logPrecommit: (ctx, _t, tx) => writeLog(ctx, tx, 'precommit'),
};
