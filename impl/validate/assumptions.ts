/**
 * The assumptions a run must respect to be judged against its model at all. A model of a protocol that
 * assumes FIFO links (Lamport's mutual exclusion: "messages sent from one process to another are received
 * in the order sent") says nothing about a run whose frames were reordered; replaying such a run would
 * report "does not conform" for what is really a broken premise (and lamport-mutex really let two
 * processes into the critical section that way). So before replaying, `validate` checks the traces for it
 * and, if the run broke an assumption, says which and where — a verdict of its own.
 *
 * The check reads only the receivers' traces: on a FIFO link the sender's sequence numbers of the messages
 * a receiver delivers from one sender never go down (a copy made by the network directly follows its
 * original, so equal numbers are allowed; lost messages are gaps, also allowed).
 *
 * @example
 * ```ts
 * brokenFifo(readRun('runs/1'));   // null, or 'P2 delivered message 12 of P1 after message 13 ...'
 * ```
 *
 * @module
 */
import type { RunTraces } from './runTraces.js';

/** Where the first frame that overtook an earlier one on a FIFO link was delivered, as one line; null if none did. */
export function brokenFifo(run: RunTraces): string | null {
  const names = run.header.nodes;
  for (const t of run.traces) {
    const last = new Map<number, { seq: number; n: number }>();
    for (const st of t.steps) {
      if (st.kind !== 'deliver') continue;
      const prev = last.get(st.from);
      if (prev && st.seq < prev.seq) {
        return `${t.header.name} delivered message ${st.seq} of ${names[st.from]} (${t.header.name}.trace.jsonl line ${st.n + 2}) after message ${prev.seq} (line ${prev.n + 2}), on a link the model assumes FIFO`;
      }
      last.set(st.from, { seq: st.seq, n: st.n });
    }
  }
  return null;
}
