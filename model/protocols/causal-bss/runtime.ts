/**
 * Causal multicast (BSS), deployed. The client is reactive, so that messages are causally related:
 * member A multicasts first, and every member, each time it delivers a message from another, multicasts
 * its next message, until each has multicast `multicasts` times. An operation is one multicast; it
 * completes when every other member has delivered it. Run it with injected delay or reordering
 * (`--faults A->C.delay=150ms`) and a reply overtakes the message it answers, which the correct protocol
 * holds back and the `deliver-on-arrival` mutant does not. The instance is the catalogue's
 * ({@link causalBss}) with the run's fault budgets.
 *
 * @example
 * ```ts
 * const d = causalBssDeployments[0]!;   // 'causal-bss'
 * d.system({ members: 3, multicasts: 2 }, { crashes: 0, drops: 0, duplicates: 0, inFlight: 12 });
 * ```
 *
 * @module
 */
import type { ActorSystem, Deployment, DeploymentParams, Reaction, Roles, Workload, WorkloadInput } from '../../actors/index.js';
import { systemForRun } from '../../actors/index.js';
import { causalBss } from './causalBss.js';

/** The reactive client (see the module documentation). */
function causalBssWorkload(p: DeploymentParams): Workload {
  const n = p['members']!;
  const k = p['multicasts']!;
  const sent = Array<number>(n).fill(0);
  const deliveries = new Map<number, number>();
  let started = false;
  const multicast = (node: number): WorkloadInput[] => (sent[node]! < k ? [{ node, input: 'multicast', op: node * k + sent[node]!++ }] : []);
  return {
    operations: n * k,
    concurrency: n * k,
    start(max) {
      if (started || max < 1) return [];
      started = true;
      return multicast(0);
    },
    react(node, e): Reaction {
      if (e.kind !== 'deliver') return {};
      const T = (e.msg as { T: number[] }).T;
      const op = e.from * k + T[e.from]! - 1;
      const count = (deliveries.get(op) ?? 0) + 1;
      deliveries.set(op, count);
      return { inputs: multicast(node), ...(count === n - 1 ? { completes: [{ op, outcome: 'delivered' }] } : {}) };
    },
    refused: () => ({}),
  };
}

function deployment(mutation: 'deliver-on-arrival' | undefined, description: string): Deployment {
  return {
    id: mutation ? `causal-bss-${mutation}` : 'causal-bss',
    description,
    params: [
      { type: 'int', name: 'members', description: 'group size (members A, B, C, D)', default: 3, min: 2, max: 4 },
      { type: 'int', name: 'multicasts', description: 'multicasts per member', default: 2, min: 1, max: 2 },
    ],
    system: (p, budget) =>
      systemForRun(
        causalBss({
          members: p['members']!,
          multicasts: p['multicasts']!,
          drops: budget.drops,
          duplicates: budget.duplicates,
          crashes: budget.crashes,
          ...(mutation ? { mutation } : {}),
        }) as unknown as ActorSystem<Roles>,
        budget,
      ),
    timeouts: () => ({}),
    workload: causalBssWorkload,
  };
}

/** Causal multicast and its mutant, deployed. */
export const causalBssDeployments: readonly Deployment[] = [
  deployment(undefined, 'Causal multicast after Birman, Schiper and Stephenson (vector timestamps, hold-back)'),
  deployment('deliver-on-arrival', 'causal-bss whose members deliver what arrives at once'),
];
