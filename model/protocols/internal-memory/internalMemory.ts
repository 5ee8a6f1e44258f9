/**
 * The internal memory of Lamport's "Specifying Systems" (§5.3 and, with liveness, §8.4), a faithful port of
 * `InternalMemory.tla` with `LiveInternalMemory.tla` and the model `MCLiveInternalMemory` of the TLA+
 * Examples: processors issue a read or write request (`Req`), the memory performs it (`Do`), then answers
 * (`Rsp`); the interface variable `memInt` holds the last request or reply, `<<p, d>>`.
 *
 * ```
 * Req(p) == ctl[p] = "rdy" /\ \E req \in MReq : memInt' = <<p, req>> /\ buf'[p] = req /\ ctl'[p] = "busy"
 * Do(p)  == ctl[p] = "busy" /\ mem' = (Wr ? mem with the write : mem) /\ buf'[p] = (Wr ? NoVal : mem[adr]) /\ ctl'[p] = "done"
 * Rsp(p) == ctl[p] = "done" /\ memInt' = <<p, buf[p]>> /\ ctl'[p] = "rdy"
 * LISpec == ISpec /\ \A p \in Proc : WF_vars(Do(p) \/ Rsp(p))
 * LivenessProperty == \A p \in Proc : (ctl[p] = "busy") ~> (ctl[p] = "rdy")
 * ```
 *
 * With `Proc = {p1, p2}`, `Adr = {a1, a2, a3}`, `Val = {v1, v2}` TLC reports 4,408 distinct states, 21,400
 * generated, depth 10, and the property holds; so does this model. (The configuration also checks the
 * fairness formula `Liveness` as a property; fairness is not a property here, so that check is not
 * ported.) The variant `unfair-rsp` declares weak fairness on `Do` alone: a processor whose answer is ready
 * may then never get it, and `LivenessProperty` fails.
 *
 * @module
 */
import { defineModel, leadsTo, s, weakFairness } from '../../core/index.js';
import type { Model, ViewOf } from '../../core/index.js';
import { variantId } from '../protocol.js';

const PROC = ['p1', 'p2'] as const;
const ADR = ['a1', 'a2', 'a3'] as const;
const VAL = ['v1', 'v2'] as const;

/** The requests, `MReq`: a read of an address or a write of a value to one. */
const REQUESTS = [...ADR.map((a) => `Rd ${a}`), ...ADR.flatMap((a) => VAL.map((v) => `Wr ${a} ${v}`))];

/** What a buffer or the interface may hold: a request, a value, or `NoVal`. */
const Datum = s.enum([...REQUESTS, ...VAL, 'NoVal']);

/** The state: the memory, each processor's control state and buffer, and the interface variable. */
export const InternalMemoryState = s.record({
  mem: s.array(s.enum(VAL), ADR.length),
  ctl: s.array(s.enum(['rdy', 'busy', 'done']), PROC.length),
  buf: s.array(Datum, PROC.length),
  memInt: s.record({ p: s.enum(PROC), d: Datum }),
});

/** An action: `Req(p)` with its request, `Do(p)`, `Rsp(p)`. */
export type InternalMemoryAction = { readonly type: 'Req'; readonly p: number; readonly req: string } | { readonly type: 'Do'; readonly p: number } | { readonly type: 'Rsp'; readonly p: number };

/** The variants: the spec as written, or with weak fairness on `Do` alone. */
export type InternalMemoryVariant = 'unfair-rsp';

const actions: InternalMemoryAction[] = PROC.flatMap((_, p) => [...REQUESTS.map((req) => ({ type: 'Req' as const, p, req })), { type: 'Do' as const, p }, { type: 'Rsp' as const, p }]);

/** `LISpec` of `MCLiveInternalMemory` with its `LivenessProperty` (one `leadsTo` per processor). */
export function internalMemory(variant: InternalMemoryVariant | null = null): Model<typeof InternalMemoryState, InternalMemoryAction> {
  type V = ViewOf<typeof InternalMemoryState>;
  // IInit: every memory contents; MCInitMemInt = {<<CHOOSE p \in Proc : TRUE, NoVal>>}.
  const inits = VAL.flatMap((x) => VAL.flatMap((y) => VAL.map((z) => [x, y, z] as const)));
  return defineModel(InternalMemoryState)({
    name: variantId('internal-memory', variant),
    initialStates: () => inits.map((mem) => ({ mem: [...mem], ctl: ['rdy', 'rdy'] as ('rdy' | 'busy' | 'done')[], buf: ['NoVal', 'NoVal'], memInt: { p: 'p1' as const, d: 'NoVal' } })),
    actions: () => actions,
    next(st, a, out) {
      const { p } = a;
      switch (a.type) {
        case 'Req':
          if (st.ctl.get(p) !== 'rdy') return false;
          out.memInt.p = PROC[p]!;
          out.memInt.d = a.req as never;
          out.buf.set(p, a.req as never);
          out.ctl.set(p, 'busy');
          return true;
        case 'Do': {
          if (st.ctl.get(p) !== 'busy') return false;
          const [op, adr, val] = (st.buf.get(p) as string).split(' ');
          const i = ADR.indexOf(adr as never);
          if (op === 'Wr') {
            out.mem.set(i, val as never);
            out.buf.set(p, 'NoVal');
          } else out.buf.set(p, st.mem.get(i));
          out.ctl.set(p, 'done');
          return true;
        }
        case 'Rsp':
          if (st.ctl.get(p) !== 'done') return false;
          out.memInt.p = PROC[p]!;
          out.memInt.d = st.buf.get(p);
          out.ctl.set(p, 'rdy');
          return true;
      }
    },
    properties: PROC.map((name, p) => leadsTo<V>(`LivenessProperty(${name})`, (st) => st.ctl.get(p) === 'busy', (st) => st.ctl.get(p) === 'rdy')),
    // Liveness2 == \A p \in Proc : WF_vars(Do(p) \/ Rsp(p)); the variant: \A p : WF_vars(Do(p)) only.
    fairness: [weakFairness<InternalMemoryAction>('WF(Do(p) \\/ Rsp(p))', (a) => (a.type === 'Req' || (variant === 'unfair-rsp' && a.type === 'Rsp') ? null : PROC[a.p]!))],
    formatAction: (a) => (a.type === 'Req' ? `Req(${PROC[a.p]}, ${a.req})` : `${a.type}(${PROC[a.p]})`),
  });
}
