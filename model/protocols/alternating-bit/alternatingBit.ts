/**
 * The alternating-bit protocol of Lamport's "Specifying Systems" (§14.3), a faithful port of
 * `AlternatingBit.tla` with the model `MCAlternatingBit` of the TLA+ Examples: a sender and a receiver over
 * two lossy FIFO queues (`msgQ`, `ackQ`), fair-loss links as TLA+ states them — losses are unbounded and
 * counted nowhere, retransmission (`ReSndMsg`, `SndAck`) weakly fair, and reception (`RcvMsg`, `RcvAck`)
 * strongly fair, so a message sent infinitely often is received.
 *
 * With `Data = {d1, d2}` and queues of at most 2 (the model's `SeqConstraint`) TLC reports 240 distinct
 * states, 1,392 generated, depth 10, and `SentLeadsToRcvd` holds; so does this model. (A loss budget of k
 * drops instead, as the actor layer's `drops`, would give 192 + 240k.) `ABCSpec`, the refinement of the
 * abstract spec, is not ported. The variant `weak-receive` weakens the reception to weak fairness: every
 * copy may then be lost, and `SentLeadsToRcvd` fails.
 *
 * @module
 */
import { defineModel, leadsTo, s, strongFairness, weakFairness } from '../../core/index.js';
import type { Model, ViewOf } from '../../core/index.js';
import { variantId } from '../protocol.js';

const DATA = ['d1', 'd2'] as const;
/** The model's queue bound (`msgQLen = ackQLen = 2`); a successor may hold one more, which the constraint cuts. */
const QLEN = 2;

/** The state of `AlternatingBit`. */
export const AlternatingBitState = s.record({
  msgQ: s.seq(s.record({ bit: s.int(0, 1), d: s.enum(DATA) }), QLEN + 1),
  ackQ: s.seq(s.int(0, 1), QLEN + 1),
  sBit: s.int(0, 1),
  sAck: s.int(0, 1),
  rBit: s.int(0, 1),
  sent: s.enum(DATA),
  rcvd: s.enum(DATA),
});

/** The actions of `ABNext`, a loss naming the position it takes from its queue. */
export type AlternatingBitAction =
  | { readonly type: 'SndNewValue'; readonly d: (typeof DATA)[number] }
  | { readonly type: 'ReSndMsg' | 'RcvMsg' | 'SndAck' | 'RcvAck' }
  | { readonly type: 'LoseMsg' | 'LoseAck'; readonly i: number };

const actions: AlternatingBitAction[] = [
  ...DATA.map((d) => ({ type: 'SndNewValue' as const, d })),
  { type: 'ReSndMsg' },
  { type: 'RcvMsg' },
  { type: 'SndAck' },
  { type: 'RcvAck' },
  ...Array.from({ length: QLEN + 1 }, (_, i) => ({ type: 'LoseMsg' as const, i })),
  ...Array.from({ length: QLEN + 1 }, (_, i) => ({ type: 'LoseAck' as const, i })),
];

/** `ABSpec` under `SeqConstraint`, with `SentLeadsToRcvd` (a `leadsTo` per datum). */
export function alternatingBit(variant: 'weak-receive' | null = null): Model<typeof AlternatingBitState, AlternatingBitAction> {
  type V = ViewOf<typeof AlternatingBitState>;
  const receive = variant === 'weak-receive' ? weakFairness : strongFairness;
  return defineModel(AlternatingBitState)({
    name: variantId('alternating-bit', variant),
    // ABInit: sBit \in {0, 1}, sAck = rBit = sBit, sent and rcvd any datum.
    initialStates: () =>
      [0, 1].flatMap((bit) => DATA.flatMap((sent) => DATA.map((rcvd) => ({ msgQ: [], ackQ: [], sBit: bit, sAck: bit, rBit: bit, sent, rcvd })))),
    actions: () => actions,
    next(st, a, out) {
      switch (a.type) {
        case 'SndNewValue':
          if (st.sAck !== st.sBit) return false;
          out.sent = a.d;
          out.sBit = 1 - st.sBit;
          out.msgQ.push({ bit: 1 - st.sBit, d: a.d });
          return true;
        case 'ReSndMsg':
          if (st.sAck === st.sBit) return false;
          out.msgQ.push({ bit: st.sBit, d: st.sent });
          return true;
        case 'RcvMsg': {
          if (st.msgQ.length === 0) return false;
          const head = out.msgQ.shift() as { bit: number; d: (typeof DATA)[number] };
          out.rBit = head.bit;
          out.rcvd = head.d;
          return true;
        }
        case 'SndAck':
          out.ackQ.push(st.rBit);
          return true;
        case 'RcvAck':
          if (st.ackQ.length === 0) return false;
          out.sAck = out.ackQ.shift() as number;
          return true;
        case 'LoseMsg':
          if (a.i >= st.msgQ.length) return false;
          out.msgQ.removeAt(a.i);
          return true;
        case 'LoseAck':
          if (a.i >= st.ackQ.length) return false;
          out.ackQ.removeAt(a.i);
          return true;
      }
    },
    // SeqConstraint.
    within: (st) => st.msgQ.length <= QLEN && st.ackQ.length <= QLEN,
    properties: DATA.map((d) => leadsTo<V>(`SentLeadsToRcvd(${d})`, (st) => st.sent === d && st.sBit !== st.sAck, (st) => st.rcvd === d)),
    // ABFairness == WF(ReSndMsg) /\ WF(SndAck) /\ SF(RcvMsg) /\ SF(RcvAck); losses and new values are unfair.
    fairness: [
      weakFairness<AlternatingBitAction>('WF(ReSndMsg), WF(SndAck)', (a) => (a.type === 'ReSndMsg' || a.type === 'SndAck' ? a.type : null)),
      receive<AlternatingBitAction>('SF(RcvMsg), SF(RcvAck)', (a) => (a.type === 'RcvMsg' || a.type === 'RcvAck' ? a.type : null)),
    ],
    isLegalEnd: () => true,
    formatAction: (a) => ('d' in a ? `${a.type}(${a.d})` : 'i' in a ? `${a.type}(${a.i + 1})` : a.type),
  });
}
