/**
 * Message schemas: a protocol's messages as a tagged union, a variant of the schema layer (`s.variant`).
 *
 * A protocol has several kinds of message (`VoteReq`, `Vote`, `Decision`), each with its own fields, and a
 * handler wants to match on the kind and see exactly that kind's fields — the discriminated unions that
 * ts-pattern narrows. The packed state, on the other hand, needs one fixed layout per network slot. So a
 * message is packed as the tag, the fields several kinds share (a transaction id, stored once), and each
 * kind's own fields overlaid on the other kinds' — a slot as wide as the largest kind, what a kind does not
 * use zero, which keeps the packed form canonical; decoded, in traces and diffs, and on the wire (the tag, then the kind's own fields, as an
 * XDR discriminated union) a message has its own kind's fields only.
 *
 * @example
 * ```ts
 * const Msg = messages({
 *   VoteReq: { tx: s.int(0, 1) },
 *   Vote: { tx: s.int(0, 1), yes: s.boolean() },
 * });
 * type M = MessageOf<typeof Msg>;   // { type: 'VoteReq'; tx: number } | { type: 'Vote'; tx: number; yes: boolean }
 * match(msg).with({ type: 'Vote' }, (m) => m.yes).with({ type: 'VoteReq' }, () => false).exhaustive();
 * Msg.format({ type: 'Vote', tx: 0, yes: true });   // 'Vote(tx=0, yes=true)'
 * ```
 *
 * @module
 */
import { decode, formatValue, pack, s } from '../core/index.js';
import type { EnumSchema, RecordSchema, Schema, ValueOf } from '../core/index.js';

/** The fields of one kind of message. */
export type MessageFields = { readonly [field: string]: Schema };

/** The kinds of message of a protocol, each with its fields. */
export type MessageCases = { readonly [kind: string]: MessageFields };

/** Flattens an intersection for readable hovers. */
type Simplify<T> = { [k in keyof T]: T[k] } & {};

/** The plain value of one message: a discriminated union on `type`. */
export type MessageValue<C extends MessageCases> = {
  [K in keyof C & string]: Simplify<{ readonly type: K } & { readonly [f in keyof C[K]]: ValueOf<C[K][f]> }>;
}[keyof C & string];

/** A schema for the messages of a protocol, made by {@link messages}. */
export interface MessageSchema<C extends MessageCases = MessageCases> {
  readonly kind: 'messages';
  /** The kinds with their fields, as given. */
  readonly cases: C;
  /** The kinds, in declaration order. */
  readonly kinds: readonly (keyof C & string)[];
  /** The variant schema (`s.variant`): packed as the tag `type`, the shared fields and the largest kind's own fields. */
  readonly flat: RecordSchema<{ readonly type: EnumSchema<keyof C & string> } & MessageFields>;
  /** The message as a value of {@link MessageSchema.flat}: its tag and its kind's fields, checked present. */
  toFlat(msg: MessageValue<C>): Record<string, unknown>;
  /** The message a flat record denotes (only the fields of its kind). */
  fromFlat(flat: unknown): MessageValue<C>;
  /** A one-line rendering for traces and diagrams. */
  format(msg: MessageValue<C>): string;
}

/** The message type of a message schema. */
export type MessageOf<M> = M extends MessageSchema<infer C> ? MessageValue<C> : never;

/** Options of {@link messages}. */
export interface MessagesOptions<C extends MessageCases> {
  /** How a message reads in traces. @defaultValue `Kind(field=value, ...)`, or `Kind` without fields */
  readonly format?: (msg: MessageValue<C>) => string;
}

/** The plain value that zero words decode to: the first enum value, false, the minimum, empty collections. */
export function zeroValue<S extends Schema>(schema: S): ValueOf<S> {
  return decode(schema, new Int32Array(pack(schema).words));
}

function defaultFormat(msg: Record<string, unknown>): string {
  const fields = Object.entries(msg).filter(([k]) => k !== 'type');
  return fields.length === 0 ? String(msg['type']) : `${String(msg['type'])}(${fields.map(([k, v]) => `${k}=${formatValue(v)}`).join(', ')})`;
}

/**
 * A message schema from its kinds. A field name used by several kinds must have the same schema in each
 * (it is stored once); the tag is the field `type`, which no kind may declare.
 */
export function messages<const C extends MessageCases>(cases: C, options: MessagesOptions<C> = {}): MessageSchema<C> {
  const kinds = Object.keys(cases) as (keyof C & string)[];
  // s.variant checks the arms: at least one, no field named `type`, a shared field with one schema.
  const flat = s.variant(cases) as unknown as MessageSchema<C>['flat'];
  const fieldsOf = new Map(kinds.map((k) => [k as string, Object.keys(cases[k]!)]));
  const format = options.format ?? (defaultFormat as (m: MessageValue<C>) => string);
  return {
    kind: 'messages',
    cases,
    kinds,
    flat,
    toFlat(msg) {
      const m = msg as Record<string, unknown>;
      const fields = fieldsOf.get(m['type'] as string);
      if (fields === undefined) throw new TypeError(`messages: unknown kind ${JSON.stringify(m['type'])} (kinds: ${kinds.join(', ')})`);
      const out: Record<string, unknown> = { type: m['type'] };
      for (const f of fields) {
        if (!(f in m)) throw new TypeError(`messages: a ${String(m['type'])} message needs the field '${f}'`);
        out[f] = m[f];
      }
      return out;
    },
    fromFlat(flat) {
      const v = flat as Record<string, unknown>;
      const out: Record<string, unknown> = { type: v['type'] };
      for (const f of fieldsOf.get(v['type'] as string) ?? []) out[f] = v[f];
      return out as MessageValue<C>;
    },
    format,
  };
}
