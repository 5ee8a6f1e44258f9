/**
 * The messages in flight of a system on an `unordered` network, for properties that speak of them ("at most
 * one token, held or in transit"; "once no message is in flight to a live node, ...") and for state
 * constraints that bound them. An unordered network is a multiset of envelopes `(from, to, msg)` in the
 * system state's field `net` (see `model/actors/network.ts`), `msg` in the flat form of the message schema:
 * its tag `type` and every kind's fields.
 *
 * @example
 * ```ts
 * always('atMostOneToken', (st) => tokensHeld(st) + countInFlight(st, (e) => e.msg.type === 'Token') <= 1)
 * ```
 *
 * @module
 */

/** A message in flight on an unordered network. */
export interface Envelope {
  readonly from: number;
  readonly to: number;
  /** The flat form of the message: `type` and the fields of every kind (absent ones zero). */
  readonly msg: { readonly type: string } & Readonly<Record<string, unknown>>;
}

interface Bag {
  readonly size: number;
  get(i: number): Envelope;
}

/** The envelopes in flight in a system state on an unordered network, in canonical order, repetitions included. */
export function envelopes(st: { readonly net: unknown }): Envelope[] {
  const bag = st.net as Bag;
  const out: Envelope[] = [];
  for (let i = 0, n = bag.size; i < n; i++) out.push(bag.get(i));
  return out;
}

/** The number of messages in flight (repetitions counted) on an unordered network. */
export function inFlightCount(st: { readonly net: unknown }): number {
  return (st.net as Bag).size;
}

/** The number of messages in flight that satisfy `pred`. */
export function countInFlight(st: { readonly net: unknown }, pred: (e: Envelope) => boolean): number {
  const bag = st.net as Bag;
  let k = 0;
  for (let i = 0, n = bag.size; i < n; i++) if (pred(bag.get(i))) k++;
  return k;
}
