/**
 * The send path of the checker: a message a handler sends, written straight into the packed words of a
 * network slot through a draft (generated setters), instead of building its flat record
 * ({@link MessageSchema.toFlat}) and encoding that generically. Only kinds whose fields are all scalars take
 * this path; {@link SlotEncoder.encode} returns null for the others (and for an unknown kind, a missing
 * field or a value outside its schema), and the caller falls back to the general path, which reports such errors as before.
 *
 * @module
 */
import { draftOf } from '../../core/index.js';
import type { Schema } from '../../core/index.js';
import type { MessageSchema } from '../messages.js';

type Any = any; // eslint-disable-line @typescript-eslint/no-explicit-any

function isLeaf(s: Schema): boolean {
  return s.kind === 'enum' || s.kind === 'boolean' || s.kind === 'int';
}

/** Writes messages into slot words of one network. */
export class SlotEncoder {
  private readonly words: Int32Array;
  private readonly draft: Any;
  /** Per kind, its fields, or null if one of them is not a scalar. */
  private readonly fields = new Map<string, readonly string[] | null>();

  /**
   * `slot` is the schema of a network slot: the envelope `{ from, to, msg }` if `envelope`, else the flat
   * message itself; `words` is its size in words (the network's `slotWords`).
   */
  constructor(
    msgs: MessageSchema,
    slot: Schema,
    words: number,
    private readonly envelope: boolean,
  ) {
    this.words = new Int32Array(words);
    const d = draftOf(slot);
    d.bind(this.words, 0);
    this.draft = d.view;
    for (const k of msgs.kinds) {
      const fs = Object.entries(msgs.cases[k]!);
      this.fields.set(k, fs.every(([, s]) => isLeaf(s)) ? fs.map(([f]) => f) : null);
    }
  }

  /** The slot words of `msg` sent from `from` to `to` (valid until the next call), or null: take the general path. */
  encode(from: number, to: number, msg: unknown): Int32Array | null {
    const m = msg as Record<string, unknown>;
    const fields = this.fields.get(m['type'] as string);
    if (fields === undefined || fields === null) return null;
    for (let k = 0; k < fields.length; k++) if (!(fields[k]! in m)) return null;
    this.words.fill(0);
    let d = this.draft;
    try {
      if (this.envelope) {
        d.from = from;
        d.to = to;
        d = d.msg;
      }
      d.type = m['type'];
      for (let k = 0; k < fields.length; k++) d[fields[k]!] = m[fields[k]!];
    } catch {
      return null; // a value out of its schema: the general path reports it, in its own words
    }
    return this.words;
  }
}
