/**
 * The membership of an actor system: its roles, in declaration order, each with a number of nodes. Node ids
 * count through the roles in order; a role of one node is named after the role (`C`), the nodes of a larger
 * role are numbered from 1 (`P1`, `P2`, `P3`).
 *
 * @example
 * ```ts
 * const t = topology({ C: 1, P: 3 });
 * t.nodes.map((n) => n.name);   // ['C', 'P1', 'P2', 'P3']
 * t.group('P');                 // [1, 2, 3]
 * ```
 *
 * @module
 */
import type { NodeInfo, Topology } from './effects.js';

/** The topology of roles with the given node counts, in the order given. */
export function topology(counts: Readonly<Record<string, number>>): Topology {
  const nodes: NodeInfo[] = [];
  const groups = new Map<string, number[]>();
  for (const [role, count] of Object.entries(counts)) {
    if (!Number.isInteger(count) || count < 1 || count > 64) throw new TypeError(`topology: role ${role} needs 1 to 64 nodes, got ${count}`);
    const ids: number[] = [];
    for (let index = 0; index < count; index++) {
      const id = nodes.length;
      nodes.push({ id, name: count === 1 ? role : `${role}${index + 1}`, role, index });
      ids.push(id);
    }
    groups.set(role, ids);
  }
  if (new Set(nodes.map((n) => n.name)).size !== nodes.length) {
    throw new TypeError(`topology: node names clash (${nodes.map((n) => n.name).join(', ')}); rename a role`);
  }
  return {
    nodes,
    group(role) {
      const ids = groups.get(role);
      if (ids === undefined) throw new TypeError(`topology: no role ${role} (roles: ${[...groups.keys()].join(', ')})`);
      return ids;
    },
  };
}
