import { describe, expect, it } from 'vitest';
import { checkSync } from '../../../checker/index.js';
import { s } from '../../../model/core/index.js';
import { actorSystem, defineActor, messages } from '../../../model/actors/index.js';

/** A node that starts with a value among several and says it to its peer on start. */
const Msg = messages({ Hi: { v: s.int(0, 2) } });
const node = defineActor({
  kind: 'node',
  state: s.record({ v: s.int(0, 2), heard: s.int(0, 3) }),
  messages: Msg,
  initial: () => ({ v: 0, heard: 3 }),
  onStart(st, ctx) {
    ctx.send(1 - ctx.self.id, { type: 'Hi', v: st.v });
  },
  onMessage(st, _from, msg) {
    st.heard = msg.v;
  },
});
const roles = { P: { actor: node, count: 2 } };

describe('several initial states', () => {
  it('start the system once per choice, each after the start handlers', () => {
    const one = checkSync(actorSystem({ name: 'one', roles, network: { kind: 'unordered', capacity: 2 } }));
    expect([one.stats.initial, one.stats.distinct]).toEqual([1, 4]);
    const choices = [
      [{ v: 1, heard: 3 }, { v: 2, heard: 3 }],
      [{ v: 2, heard: 3 }, undefined], // the second node takes its actor's initial
    ];
    const sys = actorSystem({ name: 'two', roles, network: { kind: 'unordered', capacity: 2 }, initialChoices: choices });
    const r = checkSync(sys);
    expect([r.stats.initial, r.stats.distinct]).toEqual([2, 8]);
    const inits = [...sys.initialStates()] as unknown as { nodes: { P: { local: { v: number } }[] }; net: unknown[] }[];
    expect(inits.map((st) => st.nodes.P.map((p) => p.local.v))).toEqual([[1, 2], [2, 0]]);
    expect(inits.every((st) => st.net.length === 2)).toBe(true);
  });
});
