/**
 * The 2PC participant with a log (course notes, "2PC Algorithm for Participant" and "2PC Protocol -
 * Recovery"). On a vote request it either logs precommit and votes yes, or — if its client refused the
 * transaction (input `refuse`) — votes no; then it waits for the decision, applies it and logs it. Asked
 * by another participant, it answers with the decision if it knows it, and if it has not voted yet it
 * aborts (it may: the coordinator cannot commit without its vote) and answers abort — the cooperative
 * termination protocol.
 *
 * With `decisionTimer` (the runtime deployment), a participant that voted yes and has not heard the
 * decision asks again when that transaction's `decision` timer fires — the coordinator and the other
 * participants, as after a recovery — and re-arms it while the transaction is still uncertain: a lost
 * `Decision` or a coordinator that recovered without resending one no longer leaves it blocked for good. The checked
 * instances (`twoPhaseLog`) keep it off: every state in which the timer may fire would be explored with and
 * without the query in flight, for safety properties that do not depend on it (the query only asks).
 *
 * Recovery from the log: precommit without a decision (uncertain) — ask the coordinator and, since it may
 * be down, the other participants; a decision — apply it. No record: the participant had not voted (it
 * logs precommit before a yes vote and abort before a no), so the coordinator cannot have committed
 * without it, and nothing needs undoing. It is back in `working`, as before it heard of the transaction:
 * a vote request still to come gets a fresh vote, a decision is applied, and a query finds it working
 * and aborts the transaction (the cooperative termination rule). Aborting every transaction without a
 * record, as an earlier version did, also aborted all those the coordinator had not begun yet.
 *
 * Logging precommit before the vote is a rule of `rules.ts`; the mutant `vote-before-log` of `mutants.ts`
 * overrides it: it votes yes at once and logs precommit in a later step (a `flush` timer).
 *
 * @module
 */
import { s } from '../../core/index.js';
import type { DraftOf } from '../../core/index.js';
import { defineActor, plainTimers } from '../../actors/index.js';
import type { ActorContext } from '../../actors/index.js';
import { twoPhaseLogRules, writeLog } from './rules.js';
import type { TwoPhaseLogRules } from './rules.js';
import { observation, observations, txLog } from './vocabulary.js';
import type { LogValue, TwoPhaseLogMessages } from './vocabulary.js';

/** Options of {@link participant}. */
export interface ParticipantOptions {
  /** The rules it follows (a mutant's overrides merged in). @defaultValue the course notes' */
  readonly rules?: TwoPhaseLogRules;
  /** Whether an uncertain participant queries on a `decision` timeout (see the module documentation). @defaultValue false */
  readonly decisionTimer?: boolean;
}

/** A participant of a system with `txs` transactions. */
export function participant(txs: number, Msg: TwoPhaseLogMessages, options: ParticipantOptions = {}) {
  const { rules = twoPhaseLogRules, decisionTimer = false } = options;
  const Durable = txLog(txs);
  const State = s.record({
    tx: s.array(
      s.record({
        state: s.enum(['working', 'prepared', 'committed', 'aborted']),
        /** Voted yes, precommit not yet logged (a deferred write: `vote-before-log` only). */
        unlogged: s.boolean(),
      }),
      txs,
    ),
  });
  type Ctx = ActorContext<TwoPhaseLogMessages['cases'], typeof Durable, 'flush' | 'decision', string>;
  type Draft = DraftOf<typeof State>;

  const apply = (st: Draft, tx: number, commit: boolean, ctx: Ctx) => {
    const t = st.tx.get(tx);
    const wasPrepared = t.state === 'prepared';
    t.state = commit ? 'committed' : 'aborted';
    t.unlogged = false;
    writeLog(ctx, tx, commit ? 'commit' : 'abort');
    ctx.observe(observation(txs, commit ? 'commit' : 'abort', tx));
    if (decisionTimer && wasPrepared) ctx.cancelTimer('decision', tx);
  };
  /** Everyone who may know the outcome: the coordinator and the other participants. */
  const ask = (tx: number, ctx: Ctx) => {
    const others = [...ctx.topology.group('C'), ...ctx.topology.group('P').filter((p) => p !== ctx.self.id)];
    ctx.broadcast(others, { type: 'Query', tx });
  };

  return defineActor({
    kind: 'participant',
    state: State,
    durable: Durable,
    messages: Msg,
    timers: { ...plainTimers(rules.participantTimers), ...(decisionTimer ? { decision: s.int(0, txs - 1) } : {}) },
    inputs: Array.from({ length: txs }, (_, tx) => tx),
    observations: observations(txs, ['yes', 'commit', 'abort']),
    initial: () => ({ tx: Array.from({ length: txs }, () => ({ state: 'working' as const, unlogged: false })) }),
    initialDurable: { log: Array<LogValue>(txs).fill('none') },
    formatInput: (tx) => (txs === 1 ? 'refuse' : `refuse tx ${tx}`),
    onInput(st, tx, ctx) {
      if (st.tx.get(tx).state !== 'working') return false;
      apply(st, tx, false, ctx);
    },
    onMessage(st, from, msg, ctx) {
      const t = st.tx.get(msg.tx);
      switch (msg.type) {
        case 'VoteReq':
          if (t.state === 'working') {
            if (decisionTimer) ctx.setTimer('decision', msg.tx);
            t.state = 'prepared';
            rules.logPrecommit(ctx, t, msg.tx);
            ctx.observe(observation(txs, 'yes', msg.tx));
            ctx.send(from, { type: 'Vote', tx: msg.tx, yes: true });
          } else if (t.state === 'prepared') ctx.send(from, { type: 'Vote', tx: msg.tx, yes: true });
          else if (t.state === 'aborted') ctx.send(from, { type: 'Vote', tx: msg.tx, yes: false });
          return;
        case 'Decision':
          if (t.state === 'working' || t.state === 'prepared') apply(st, msg.tx, msg.commit, ctx);
          return;
        case 'Query':
          if (t.state === 'working') apply(st, msg.tx, false, ctx);
          if (t.state === 'committed' || t.state === 'aborted') ctx.send(from, { type: 'Decision', tx: msg.tx, commit: t.state === 'committed' });
          return;
        case 'Vote':
          return;
      }
    },
    onTimer(st, timer, ctx, key) {
      if (timer === 'decision') {
        const tx = key as number;
        if (st.tx.get(tx).state !== 'prepared') return;
        ask(tx, ctx);
        ctx.setTimer('decision', tx);
        return;
      }
      for (let tx = 0; tx < txs; tx++) {
        const t = st.tx.get(tx);
        if (!t.unlogged) continue;
        t.unlogged = false;
        writeLog(ctx, tx, 'precommit');
      }
    },
    onRecover(st, durable, ctx) {
      durable.log.forEach((record, tx) => {
        // No record: never voted (see the module documentation); it stays `working`.
        if (record === 'none') return;
        if (record === 'precommit') {
          st.tx.get(tx).state = 'prepared';
          ask(tx, ctx);
          if (decisionTimer) ctx.setTimer('decision', tx);
        } else {
          st.tx.get(tx).state = record === 'commit' ? 'committed' : 'aborted';
          ctx.observe(observation(txs, record, tx));
        }
      });
    },
  });
}
