/**
 * The soak's independent checker of 2PC decisions. It trusts neither the nodes' traces nor their reports:
 * it reads what each node's durable log holds at the end (its last state record: one entry per
 * transaction, `none`, `precommit`, `commit` or `abort`) and what the client was told (the launcher's
 * `acks.jsonl`), and counts
 *
 * - **lost**: an acknowledged decision the logs do not hold — the coordinator's log does not say it, or
 *   (for a commit) a participant's log has no record of its yes vote;
 * - **contradicting**: a transaction that one log (or the acknowledgement) says committed and another says
 *   aborted;
 * - **uncertain**: participants whose log still says `precommit` at the end (blocked, as 2PC may be while
 *   the coordinator is down; not a safety violation).
 *
 * @example
 * ```ts
 * checkDecisions(['commit'], [['commit'], ['commit']], [{ op: 0, outcome: 'committed' }]);
 * // { acknowledged: 1, lost: 0, contradicting: 0, uncertain: 0, problems: [] }
 * ```
 *
 * @module
 */

/** One acknowledgement the client received: transaction `op` committed or aborted. */
export interface Ack {
  readonly op: number;
  readonly outcome: string;
}

/** What {@link checkDecisions} found. */
export interface DecisionCheck {
  readonly acknowledged: number;
  readonly lost: number;
  readonly contradicting: number;
  /** (participant, transaction) pairs still in `precommit`. */
  readonly uncertain: number;
  /** One line per lost or contradicting transaction (at most 20). */
  readonly problems: readonly string[];
}

const decision = { committed: 'commit', aborted: 'abort' } as Readonly<Record<string, string>>;

/**
 * Checks the final logs (the coordinator's, then each participant's, one entry per transaction) against
 * the acknowledgements (see the module documentation).
 */
export function checkDecisions(coordinator: readonly string[], participants: readonly (readonly string[])[], acks: readonly Ack[]): DecisionCheck {
  const problems: string[] = [];
  /** Counts `tx` in `set` and says why, keeping the first 20 reasons. */
  const flag = (set: Set<number>, tx: number, why: string): void => {
    set.add(tx);
    if (problems.length < 20) problems.push(why);
  };
  const lostTx = new Set<number>();
  const contradictingTx = new Set<number>();
  const acked = new Map<number, string>();
  for (const a of acks) {
    const d = decision[a.outcome];
    if (d === undefined) throw new Error(`acks: transaction ${a.op} has an unknown outcome ${JSON.stringify(a.outcome)}`);
    const before = acked.get(a.op);
    if (before !== undefined && before !== d) flag(contradictingTx, a.op, `tx ${a.op}: acknowledged both ${before} and ${d}`);
    acked.set(a.op, d);
  }
  const txs = coordinator.length;
  for (let tx = 0; tx < txs; tx++) {
    const all = [coordinator[tx]!, ...participants.map((p) => p[tx] ?? 'none')];
    const ack = acked.get(tx);
    if (all.includes('commit') && all.includes('abort')) flag(contradictingTx, tx, `tx ${tx}: logs disagree (${all.join(' ')})`);
    if (ack !== undefined && all.includes(ack === 'commit' ? 'abort' : 'commit')) flag(contradictingTx, tx, `tx ${tx}: acknowledged ${ack}, but a log says otherwise (${all.join(' ')})`);
    if (ack === undefined) continue;
    if (coordinator[tx] !== ack) flag(lostTx, tx, `tx ${tx}: acknowledged ${ack}, but the coordinator's log says ${coordinator[tx]}`);
    if (ack === 'commit') {
      participants.forEach((p, i) => {
        if ((p[tx] ?? 'none') === 'none') flag(lostTx, tx, `tx ${tx}: acknowledged commit, but participant ${i + 1}'s log has no record of its vote`);
      });
    }
  }
  let uncertain = 0;
  for (const p of participants) for (const v of p) if (v === 'precommit') uncertain++;
  for (const tx of contradictingTx) lostTx.delete(tx);
  return { acknowledged: acked.size, lost: lostTx.size, contradicting: contradictingTx.size, uncertain, problems };
}
