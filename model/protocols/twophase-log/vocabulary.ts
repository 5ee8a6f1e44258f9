/**
 * The vocabulary shared by the coordinator and the participants of two-phase commit with logs: the
 * messages, the stable-storage log, and the observations the properties are stated over.
 *
 * Every message carries a transaction id and every piece of state is kept per transaction, so the
 * runtime can run many transactions through the same handlers; the model checks one or two.
 *
 * @module
 */
import { s } from '../../core/index.js';
import { messages } from '../../actors/index.js';

/** What a node's log says about one transaction. */
export const LogRecord = s.enum(['none', 'precommit', 'commit', 'abort']);

/** The durable record of a node: one log record per transaction. */
export function txLog(txs: number) {
  return s.record({ log: s.array(LogRecord, txs) });
}

/** The plain value of a log record. */
export type LogValue = (typeof LogRecord.values)[number];

/** The messages of 2PC with `txs` transactions; with one, traces leave out the transaction id. */
export function twoPhaseLogMessages(txs: number) {
  const Tx = s.int(0, txs - 1);
  const at = (tx: number) => (txs === 1 ? '' : `tx ${tx}`);
  const args = (...xs: string[]) => {
    const shown = xs.filter((x) => x !== '');
    return shown.length === 0 ? '' : `(${shown.join(', ')})`;
  };
  return messages(
    {
      /** Coordinator to participant: can you commit? */
      VoteReq: { tx: Tx },
      /** Participant to coordinator: its vote. */
      Vote: { tx: Tx, yes: s.boolean() },
      /** The outcome, from the coordinator or, in recovery, from another participant. */
      Decision: { tx: Tx, commit: s.boolean() },
      /** An uncertain participant asks what was decided. */
      Query: { tx: Tx },
    },
    {
      format: (m) => {
        switch (m.type) {
          case 'VoteReq':
          case 'Query':
            return `${m.type}${args(at(m.tx))}`;
          case 'Vote':
            return `Vote${args(m.yes ? 'yes' : 'no', at(m.tx))}`;
          case 'Decision':
            return `Decision${args(m.commit ? 'commit' : 'abort', at(m.tx))}`;
        }
      },
    },
  );
}

/** The message schema of an instance. */
export type TwoPhaseLogMessages = ReturnType<typeof twoPhaseLogMessages>;

/**
 * What a node may be seen doing for a transaction: voting yes, committing, aborting. (A no vote is not
 * observed: no property needs it, and remembering it would only split states.)
 */
export type Observed = 'yes' | 'commit' | 'abort';

/** The name of an observation: `commit` with one transaction, `commit@1` with several. */
export function observation(txs: number, what: Observed, tx: number): string {
  return txs === 1 ? what : `${what}@${tx}`;
}

/** Every observation name of an instance. */
export function observations(txs: number, kinds: readonly Observed[]): string[] {
  return Array.from({ length: txs }, (_, tx) => kinds.map((k) => observation(txs, k, tx))).flat();
}
