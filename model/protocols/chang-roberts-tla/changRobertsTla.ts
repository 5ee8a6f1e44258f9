/**
 * Chang and Roberts' leader election on a unidirectional ring, a faithful port of Stephan Merz's
 * `ChangRoberts.tla` (TLA+ Examples, `specifications/chang_roberts`; the PlusCal algorithm's translation),
 * after E. Chang, R. Roberts, "An improved algorithm for decentralized extrema-finding in circular
 * configurations of processes", CACM 22(5), 1979.
 *
 * Node i has identity `Id[i] = i` (as in `MCChangRoberts.tla`); any set of nodes may initiate, so there is one
 * initial state per choice of initiators. `msgs[n]` is the set of identities waiting at node n. An initiator
 * first sends its identity to its successor (`n0`); then (`n1`) a node takes any waiting identity: a node that
 * has lost forwards it; a candidate that sees a smaller identity loses and forwards it; a larger one is
 * swallowed; its own identity makes it win. The smallest initiator wins. With N = 3, TLC reports 137
 * distinct states, 227 generated, depth 10 (`MCChangRoberts.cfg`, deadlock checking off: a ring with no
 * message in flight is finished, which `isLegalEnd` says here).
 *
 * @module
 */
import { defineModel, weakFairness } from '../../core/index.js';
import type { Model } from '../../core/index.js';
import { variantId } from '../protocol.js';
import { changRobertsTlaMutants } from './mutants.js';
import type { ChangRobertsTlaVariant } from './mutants.js';
import { changRobertsTlaProperties } from './properties.js';
import { changRobertsState, changRobertsTlaRules } from './rules.js';
import type { ChangRobertsState, ChangRobertsTlaRules } from './rules.js';

/** An action: `n0(self)`, or `n1(self)` taking identity `id` from its messages. */
export type ChangRobertsAction = { readonly type: 'n0'; readonly self: number } | { readonly type: 'n1'; readonly self: number; readonly id: number };

/** Options of {@link changRobertsTla}. */
export interface ChangRobertsOptions {
  /** The ring size, 1 to 8. */
  readonly n: number;
  /** The mutant to build (`mutants.ts`), or null for the correct model. @defaultValue null */
  readonly variant?: ChangRobertsTlaVariant | null;
}

/** The ChangRoberts model on a ring of `n` nodes. */
export function changRobertsTla(options: ChangRobertsOptions): Model<ChangRobertsState, ChangRobertsAction> {
  const { n } = options;
  const variant = options.variant ?? null;
  const rules: ChangRobertsTlaRules = { ...changRobertsTlaRules, ...(variant === null ? {} : changRobertsTlaMutants[variant]) };
  if (!Number.isInteger(n) || n < 1 || n > 8) throw new RangeError(`changRobertsTla: n must be an integer in [1, 8], got ${n}`);
  const succ = (i: number): number => (i === n ? 1 : i + 1);
  const actions: ChangRobertsAction[] = [];
  for (let self = 1; self <= n; self++) {
    actions.push({ type: 'n0', self });
    for (let id = 1; id <= n; id++) actions.push({ type: 'n1', self, id });
  }
  const byNode = <T>(f: (i: number) => T): Record<number, T> => Object.fromEntries(Array.from({ length: n }, (_, k) => [k + 1, f(k + 1)]));
  return defineModel(changRobertsState(n))({
    name: variantId('chang-roberts-tla', variant),
    // initiator \in [Node -> BOOLEAN]: one initial state per subset of initiators, in TLC's order.
    initialStates: () =>
      Array.from({ length: 2 ** n }, (_, bits) => {
        const init = (i: number): boolean => ((bits >> (i - 1)) & 1) === 1;
        return {
          msgs: byNode((): number[] => []),
          pc: byNode(() => 'n0' as const),
          initiator: byNode(init),
          state: byNode((i) => (init(i) ? ('cand' as const) : ('lost' as const))),
        };
      }),
    actions: () => actions,
    next(st, a, out) {
      const self = a.self;
      if (a.type === 'n0') {
        if (st.pc.get(self) !== 'n0') return false;
        if (st.initiator.get(self)) out.msgs.get(succ(self)).add(self);
        out.pc.set(self, 'n1');
        return true;
      }
      const id = a.id;
      if (st.pc.get(self) !== 'n1' || !st.msgs.get(self).has(id)) return false;
      out.msgs.get(self).delete(id);
      if (st.state.get(self) === 'lost') out.msgs.get(succ(self)).add(id);
      else if (id < self) {
        rules.seesSmaller(out, self);
        out.msgs.get(succ(self)).add(id);
      } else if (id === self) rules.seesOwn(out, self);
      return true;
    },
    properties: changRobertsTlaProperties(n),
    // fair process (node \in Node): \A self \in Node : WF_vars(node(self)).
    fairness: [weakFairness<ChangRobertsAction>('WF(node(self))', (a) => String(a.self))],
    isLegalEnd(st) {
      for (let i = 1; i <= n; i++) if (st.msgs.get(i).size > 0) return false;
      return true;
    },
    formatAction: (a) => (a.type === 'n0' ? `n0(${a.self})` : `n1(${a.self}) takes ${a.id}`),
  });
}
