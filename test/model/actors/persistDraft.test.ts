import { describe, expect, it } from 'vitest';
import { EffectRecorder } from '../../../model/actors/index.js';
import { s } from '../../../model/core/index.js';
import type { DraftOf, ValueOf } from '../../../model/core/index.js';

const Durable = s.record({ log: s.array(s.enum(['none', 'precommit', 'commit']), 2), epoch: s.int(0, 3) });
const node = { id: 0, name: 'C', role: 'C', index: 0 };
const topology = { nodes: [node], group: () => [0] };

describe('persist through a draft', () => {
  it('edits the record as of now, leaves the rest as it was, and records the whole new record', () => {
    const ctx = new EffectRecorder<unknown, ValueOf<typeof Durable>, string, string, DraftOf<typeof Durable>>(node, topology as never, () => ({ log: ['precommit', 'none'], epoch: 2 }), Durable);
    ctx.persist((d) => d.log.set(1, 'commit'));
    expect(ctx.durable).toEqual({ log: ['precommit', 'commit'], epoch: 2 });
    ctx.persist((d) => {
      d.epoch = 3;
    });
    expect(ctx.effects).toEqual([
      { kind: 'persist', durable: { log: ['precommit', 'commit'], epoch: 2 } },
      { kind: 'persist', durable: { log: ['precommit', 'commit'], epoch: 3 } },
    ]);
  });

  it('needs the schema', () => {
    const ctx = new EffectRecorder(node, topology as never, () => ({}));
    expect(() => ctx.persist(() => {})).toThrow(/needs the durable record's schema/);
  });
});
