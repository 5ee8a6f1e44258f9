import { describe, expect, it } from 'vitest';
import { SchemaError, decode, diffValues, draftOf, encode, pack, s } from '../../../../model/core/index.js';
import { wireDecode, wireEncode } from '../../../../impl/wire/index.js';

const Msg = s.variant({
  VoteReq: { tx: s.int(0, 3) },
  Vote: { tx: s.int(0, 3), yes: s.boolean() },
  Decision: { tx: s.int(0, 3), commit: s.boolean() },
});

describe('s.variant', () => {
  it('packs the tag, a shared field once, and the arms\' own fields overlaid: as wide as the largest arm', () => {
    expect(Object.keys(Msg.fields)).toEqual(['type', 'tx', 'yes', 'commit']);
    const w = encode(Msg, { type: 'VoteReq', tx: 2 } as never);
    expect(decode(Msg, w)).toEqual({ type: 'VoteReq', tx: 2 });
    const layout = pack(Msg).layout as { fields: readonly (readonly [string, { field?: unknown }])[] };
    const at = Object.fromEntries(layout.fields.map(([name, f]) => [name, f.field]));
    expect(at['yes']).toEqual(at['commit']);
    expect(at['tx']).not.toEqual(at['yes']);
    // Two arms of 20 bits each: one word, where the union of the arms would take two.
    const Wide = s.variant({ A: { a: s.int(0, 2 ** 20 - 1) }, B: { b: s.int(0, 2 ** 20 - 1) } });
    expect(pack(Wide).words).toBe(1);
    expect(decode(Wide, encode(Wide, { type: 'B', b: 2 ** 20 - 1 } as never))).toEqual({ type: 'B', b: 2 ** 20 - 1 });
  });

  it('packs equal values equally whatever the words held before, through a draft too', () => {
    const w = encode(Msg, { type: 'Vote', tx: 1, yes: true } as never);
    const d = draftOf(Msg);
    d.bind(w, 0);
    const v = d.view as unknown as { type: string; tx: number; yes?: boolean; commit?: boolean };
    expect(v.commit).toBeUndefined(); // not a field of a Vote (its bits are yes's)
    v.type = 'Decision'; // a new arm starts from zero
    expect([v.tx, v.commit, v.yes]).toEqual([0, false, undefined]);
    v.tx = 1;
    expect([...w]).toEqual([...encode(Msg, { type: 'Decision', tx: 1, commit: false } as never)]);
    expect(() => (v.yes = true)).toThrow('a "Decision" has no field "yes"');
  });

  it('refuses a missing field of the own arm, a field of another arm, an unknown field and an unknown tag', () => {
    expect(() => encode(Msg, { type: 'Vote', tx: 1 } as never)).toThrow(SchemaError);
    expect(() => encode(Msg, { type: 'Vote', tx: 1, yes: true, maybe: 1 } as never)).toThrow(/unknown field/);
    expect(() => encode(Msg, { type: 'Vote', tx: 1, yes: true, commit: false } as never)).toThrow('a "Vote" has no field "commit"');
    expect(() => encode(Msg, { type: 'Abort', tx: 1 } as never)).toThrow(SchemaError);
    expect(() => s.variant({ A: { x: s.int(0, 1) }, B: { x: s.boolean() } })).toThrow(/different schemas/);
  });

  it('is the tag and its own arm on the wire, and reads back as such', () => {
    const bytes = wireEncode(Msg, { type: 'Decision', tx: 1, commit: true } as never);
    expect(wireDecode(Msg, bytes)).toEqual({ type: 'Decision', tx: 1, commit: true });
    expect(bytes.length).toBeLessThan(wireEncode(s.record(Msg.fields), { type: 'Decision', tx: 1, yes: false, commit: true } as never).length);
  });

  it('diffs field by field within one arm, and as a new value across arms', () => {
    expect(diffValues({ type: 'Vote', tx: 0, yes: false }, { type: 'Vote', tx: 0, yes: true }, Msg).map((c) => c.path)).toEqual(['yes']);
    expect(diffValues({ type: 'Vote', tx: 0, yes: false }, { type: 'VoteReq', tx: 0 }, Msg)).toHaveLength(1);
  });
});
