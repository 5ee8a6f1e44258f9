/**
 * The Echo algorithm (Chang's echo, as the PlusCal algorithm `Echo.tla` of the TLA+ Examples, by Merz): the
 * initiator sends `m` to its neighbours; a node's first `m` makes its sender the node's parent and the node
 * sends `m` on to its other neighbours; once a node has heard from every neighbour it sends `c` to its
 * parent; the initiator is done when it has heard from all of its own. The parent links form a spanning tree.
 *
 * A faithful port of `MCEcho` (three nodes, fully meshed, initiator `a`), step for step: PlusCal's labels
 * `n0` (the initiator's multicast, a skip for the others), the loop test of `n1` once every neighbour was
 * heard from, and `n2` (the `c` to the parent) are steps of their own, modelled as timers (armed exactly when
 * the step is next, so they count as the pc does); a receive at `n1` is a guarded receive — a message that
 * arrives while the node is not at `n1` with neighbours left to hear from stays in the inbox. TLC reports 75
 * distinct states and depth 16, and so does this model; TLC's 116 generated count the stuttering step of
 * PlusCal's `Terminating` in each of the three final states (one per spanning tree), which is not a
 * transition here: 113. Without the guard every delivery is enabled, and the model had 139 states.
 *
 * Properties: TLC's `AncestorProperties` and `ParentChild` (invariants), and termination, checked here under
 * the actor layer's fairness: `eventually(all Done)`. The mutant `no-echo` forgets the `c` to the parent:
 * safe, but the initiator waits forever.
 *
 * @module
 */
import { always, eventually, s } from '../../core/index.js';
import { actorSystem, defineActor, messages } from '../../actors/index.js';
import type { ActorSystem, SystemView } from '../../actors/index.js';
import { variantId } from '../protocol.js';

const NODES = 3;
/** `NoNode`: the parent of a node that has none. */
const NO_NODE = NODES;

const EchoMsg = messages({ m: {}, c: {} }, { format: (msg) => msg.type });

/** The variants: the algorithm, or a node that forgets its echo. */
export type EchoVariant = 'no-echo';

function node(variant: EchoVariant | null) {
  const neighbours = (self: number) => Array.from({ length: NODES }, (_, k) => k).filter((k) => k !== self);
  return defineActor({
    kind: 'node',
    state: s.record({ pc: s.enum(['n0', 'n1', 'n2', 'Done']), parent: s.int(0, NO_NODE), children: s.set(s.int(0, NODES - 1)), rcvd: s.int(0, NODES - 1) }),
    messages: EchoMsg,
    timers: ['n0', 'exit', 'n2'],
    initial: () => ({ pc: 'n0' as const, parent: NO_NODE, children: [], rcvd: 0 }),
    onStart(_st, ctx) {
      ctx.setTimer('n0');
    },
    onTimer(st, timer, ctx) {
      const self = ctx.self.id;
      if (timer === 'n0') {
        // n0: the initiator multicasts "m" to its neighbours; every node goes on to its loop.
        if (self === 0) ctx.broadcast(neighbours(self), { type: 'm' });
        st.pc = 'n1';
      } else if (timer === 'exit') {
        // n1's loop test, now false: on to n2.
        st.pc = 'n2';
        ctx.setTimer('n2');
      } else {
        // n2: a non-initiator acknowledges its parent.
        if (self !== 0 && variant !== 'no-echo') ctx.send(st.parent, { type: 'c' });
        st.pc = 'Done';
      }
    },
    onMessage(st, from, msg, ctx) {
      const self = ctx.self.id;
      // `with (msg \in inbox[self])` runs only at n1 while neighbours are left: else the message waits.
      if (st.pc !== 'n1' || st.rcvd === NODES - 1) return false;
      st.rcvd++;
      if (self !== 0 && st.rcvd === 1) {
        st.parent = from;
        ctx.broadcast(neighbours(self).filter((k) => k !== from), { type: 'm' });
      }
      if (msg.type === 'c') st.children.add(from);
      if (st.rcvd === NODES - 1) ctx.setTimer('exit');
      return true;
    },
  });
}

const roles = (variant: EchoVariant | null) => ({ N: { actor: node(variant), count: NODES } });

/** An Echo state. */
export type EchoView = SystemView<ReturnType<typeof roles>>;

/** Echo on the fully meshed three-node graph of `MCEcho`, initiator node 0 (`a`). */
export function echo(variant: EchoVariant | null = null): ActorSystem<ReturnType<typeof roles>> {
  const local = (st: EchoView, n: number) => st.nodes.N.get(n).local;
  const allDone = (st: EchoView) => {
    for (let n = 0; n < NODES; n++) if (local(st, n).pc !== 'Done') return false;
    return true;
  };
  return actorSystem({
    name: variantId('echo', variant),
    roles: roles(variant),
    // Each node sends m to each other node at most once, and c to its parent once.
    network: { kind: 'unordered', capacity: NODES * NODES },
    properties: [
      // ParentChild: n is a child of m only if m is n's parent; at the end, if and only if.
      always<EchoView>('ParentChild', (st) => {
        for (let m = 0; m < NODES; m++) {
          for (let n = 0; n < NODES; n++) {
            const child = local(st, m).children.has(n);
            const isParent = local(st, n).parent === m;
            if (child && !isParent) return false;
            if (isParent && local(st, m).pc === 'Done' && !child) return false;
          }
        }
        return true;
      }),
      // AncestorProperties: at the end, the initiator is an ancestor of every other node, and no cycle.
      always<EchoView>('AncestorProperties', (st) => {
        if (!allDone(st)) return true;
        for (let n = 1; n < NODES; n++) {
          let k = n;
          for (let steps = 0; k !== 0; steps++) {
            if (steps > NODES) return false;
            k = local(st, k).parent;
            if (k === NO_NODE) return false;
          }
        }
        return local(st, 0).parent === NO_NODE;
      }),
      eventually<EchoView>('terminates', allDone),
    ],
  });
}
