/**
 * The client of a deployed 2PC with logs: transaction k is begun at the coordinator (input `k`, operation
 * k); with probability `refuse`/1000 one participant, chosen at random, is first told to refuse it. An
 * operation completes when the coordinator is seen to commit or abort it. A `begin` sent to a coordinator
 * just before it was killed may die with it, unread; so when the coordinator restarts, the client offers
 * the `begin` of every transaction still open again. One the coordinator had begun is decided by its
 * recovery (and observed there), and it refuses the second `begin`; one it had not begins now.
 *
 * @module
 */
import { workloadRandom } from '../../actors/index.js';
import type { DeploymentParams, Effect, Reaction, Workload, WorkloadInput } from '../../actors/index.js';
import { observation } from './vocabulary.js';

/** The client of a run: begins transactions, has some refused, completes them on the coordinator's decision. */
export function twoPhaseLogWorkload(p: DeploymentParams, seed: number): Workload {
  const n = p['participants']!;
  const txs = p['txs']!;
  const refuse = p['refuse']! / 1000;
  const random = workloadRandom(seed);
  const outcomes = new Map<string, { tx: number; outcome: string }>();
  for (let tx = 0; tx < txs; tx++) {
    outcomes.set(observation(txs, 'commit', tx), { tx, outcome: 'committed' });
    outcomes.set(observation(txs, 'abort', tx), { tx, outcome: 'aborted' });
  }
  let next = 0;
  const coordinatorId = 0;
  /** Transactions begun and not yet seen decided. */
  const open = new Set<number>();
  return {
    operations: txs,
    concurrency: p['concurrency']!,
    start(max) {
      const out: WorkloadInput[] = [];
      for (; max > 0 && next < txs; max--, next++) {
        if (random() < refuse) out.push({ node: 1 + Math.floor(random() * n), input: next });
        out.push({ node: coordinatorId, input: next, op: next });
        open.add(next);
      }
      return out;
    },
    react(node: number, e: Effect): Reaction {
      if (node !== coordinatorId || e.kind !== 'observe') return {};
      const o = outcomes.get(e.observation);
      if (!o) return {};
      open.delete(o.tx);
      return { completes: [{ op: o.tx, outcome: o.outcome }] };
    },
    // The coordinator refuses a `begin` only for a transaction it has already begun: the one offered again
    // after its restart, whose outcome its recovery observed. A participant refuses a `refuse` for a
    // transaction it has already voted on. Neither needs anything more from the client.
    refused: () => ({}),
    restarted(node) {
      return node === coordinatorId ? { inputs: [...open].map((tx) => ({ node: coordinatorId, input: tx })) } : {};
    },
  };
}
