/**
 * The 2PC coordinator with a log (course notes, "2PC Algorithm for Coordinator" and "2PC Protocol -
 * Recovery"). For each transaction a client begins: log a precommit record, multicast a vote request, wait
 * for the votes with a timeout (a `vote` timer per transaction); commit if every participant votes yes in
 * time, abort otherwise; log the decision, then send it. It answers a participant's query once it has decided.
 *
 * Recovery from the log: precommit without a decision (failure before deciding) — abort, which is safe
 * because a decision is logged before it is sent, and tell the participants; a decision — send it again.
 * No record: the coordinator never began the transaction (it logs precommit in the very step that begins
 * one, before any vote request leaves), so there is nothing to abort — the notes' "failure before
 * precommit: abort" is about a transaction in progress, and a transaction the client has not begun yet
 * is not one. It stays open, and the client may still begin it. (Aborting every transaction without a
 * record, as an earlier version did, also aborted all those not yet begun: after one crash, most of a
 * run's later transactions.)
 *
 * Where a variant may differ (logging the decision, the timeout's outcome) it calls a rule of `rules.ts`;
 * the mutants of `mutants.ts` override them: `decide-before-log` sends its decision at once and logs it in
 * a later step (a `flush` timer); `commit-on-timeout` commits when the vote timer fires instead of aborting;
 * `no-vote-timeout` waits for the votes without a timeout.
 *
 * @module
 */
import { s } from '../../core/index.js';
import type { DraftOf } from '../../core/index.js';
import { defineActor, plainTimers } from '../../actors/index.js';
import type { ActorContext } from '../../actors/index.js';
import { writeLog } from './rules.js';
import type { TwoPhaseLogRules } from './rules.js';
import { observation, observations, txLog } from './vocabulary.js';
import type { LogValue, TwoPhaseLogMessages } from './vocabulary.js';

/** The coordinator of `participants` participants and `txs` transactions, following `rules`. */
export function coordinator(participants: number, txs: number, Msg: TwoPhaseLogMessages, rules: TwoPhaseLogRules) {
  const Durable = txLog(txs);
  const State = s.record({
    tx: s.array(
      s.record({
        phase: s.enum(['init', 'waiting', 'committed', 'aborted']),
        /** The participants (by index) that voted yes. */
        yes: s.set(s.int(0, participants - 1)),
        /** Decided, not yet logged (a deferred write: `decide-before-log` only). */
        unlogged: s.boolean(),
      }),
      txs,
    ),
  });
  type Ctx = ActorContext<TwoPhaseLogMessages['cases'], typeof Durable, 'vote' | 'flush', string>;
  type Draft = DraftOf<typeof State>;

  const decide = (st: Draft, tx: number, commit: boolean, ctx: Ctx) => {
    const t = st.tx.get(tx);
    t.phase = commit ? 'committed' : 'aborted';
    ctx.observe(observation(txs, commit ? 'commit' : 'abort', tx));
    rules.logDecision(ctx, t, tx, commit ? 'commit' : 'abort');
    ctx.broadcast(ctx.topology.group('P'), { type: 'Decision', tx, commit });
    ctx.cancelTimer('vote', tx);
  };

  return defineActor({
    kind: 'coordinator',
    state: State,
    durable: Durable,
    messages: Msg,
    timers: { vote: s.int(0, txs - 1), ...plainTimers(rules.coordinatorTimers) },
    inputs: Array.from({ length: txs }, (_, tx) => tx),
    observations: observations(txs, ['commit', 'abort']),
    initial: () => ({ tx: Array.from({ length: txs }, () => ({ phase: 'init' as const, yes: [], unlogged: false })) }),
    initialDurable: { log: Array<LogValue>(txs).fill('none') },
    formatInput: (tx) => (txs === 1 ? 'begin' : `begin tx ${tx}`),
    onInput(st, tx, ctx) {
      const t = st.tx.get(tx);
      if (t.phase !== 'init') return false;
      writeLog(ctx, tx, 'precommit');
      t.phase = 'waiting';
      ctx.broadcast(ctx.topology.group('P'), { type: 'VoteReq', tx });
      rules.waitForVotes(ctx, tx);
    },
    onMessage(st, from, msg, ctx) {
      const t = st.tx.get(msg.tx);
      if (msg.type === 'Vote') {
        if (t.phase !== 'waiting') return;
        if (!msg.yes) return decide(st, msg.tx, false, ctx);
        t.yes.add(ctx.topology.nodes[from]!.index);
        if (t.yes.size === participants) decide(st, msg.tx, true, ctx);
      } else if (msg.type === 'Query') {
        if (t.phase === 'committed' || t.phase === 'aborted') ctx.send(from, { type: 'Decision', tx: msg.tx, commit: t.phase === 'committed' });
      }
    },
    onTimer(st, timer, ctx, tx) {
      if (timer === 'vote') {
        // Votes of transaction `tx` missing at its deadline: abort it (the others keep their own timers).
        if (st.tx.get(tx as number).phase === 'waiting') decide(st, tx as number, rules.commitsOnTimeout(), ctx);
        return;
      }
      if (timer === 'flush') {
        for (let tx = 0; tx < txs; tx++) {
          const t = st.tx.get(tx);
          if (!t.unlogged) continue;
          t.unlogged = false;
          writeLog(ctx, tx, t.phase === 'committed' ? 'commit' : 'abort');
        }
      }
    },
    onRecover(st, durable, ctx) {
      durable.log.forEach((record, tx) => {
        const t = st.tx.get(tx);
        // No record: never begun (see the module documentation); it stays in `init`.
        if (record === 'none') return;
        if (record === 'precommit') {
          // Failed before deciding (a decision is logged before it is sent): abort, and say so.
          decide(st, tx, false, ctx);
        } else {
          t.phase = record === 'commit' ? 'committed' : 'aborted';
          ctx.observe(observation(txs, record, tx));
          ctx.broadcast(ctx.topology.group('P'), { type: 'Decision', tx, commit: record === 'commit' });
        }
      });
    },
  });
}
