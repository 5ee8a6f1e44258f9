import { describe, expect, it } from 'vitest';
import { SchemaError, decode, diffValues, encode, pack, s } from '../../../../model/core/index.js';
import { wireDecode, wireEncode } from '../../../../impl/wire/index.js';

const Msg = s.variant({
  VoteReq: { tx: s.int(0, 3) },
  Vote: { tx: s.int(0, 3), yes: s.boolean() },
  Decision: { tx: s.int(0, 3), commit: s.boolean() },
});

describe('s.variant', () => {
  it('packs the tag beside the union of the arms (a shared field once), and decodes only the own arm', () => {
    expect(Object.keys(Msg.fields)).toEqual(['type', 'tx', 'yes', 'commit']);
    const w = encode(Msg, { type: 'VoteReq', tx: 2 } as never);
    expect(decode(Msg, w)).toEqual({ type: 'VoteReq', tx: 2 });
    // Absent fields pack as zero, so equal messages pack equally whichever fields were spelled out.
    expect([...encode(Msg, { type: 'VoteReq', tx: 2, yes: false, commit: false } as never)]).toEqual([...w]);
    expect(pack(Msg).words).toBe(1);
  });

  it('refuses a missing field of the own arm, an unknown field and an unknown tag', () => {
    expect(() => encode(Msg, { type: 'Vote', tx: 1 } as never)).toThrow(SchemaError);
    expect(() => encode(Msg, { type: 'Vote', tx: 1, yes: true, maybe: 1 } as never)).toThrow(/unknown field/);
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
