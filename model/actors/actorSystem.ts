/**
 * Actor systems: a set of actors, a network semantics, a fault budget and properties, compiled to a
 * Level-0 packed `Model` whose actions are the events of a distributed run — deliver a message, drop
 * or duplicate one, fire a timer, crash or recover a node, offer a client input. The checker then explores
 * every order of these events within the budget: every delivery order the network allows, every loss and
 * duplication up to `drops` and `duplicates`, every crash up to `crashes` at every point, and every
 * recovery.
 *
 * Faults. A crash (at most `crashes` in a run) stops a node: its volatile state is reset, its timers are
 * disarmed, messages to it stay in flight (undeliverable while it is down). With `recovery` (the default)
 * the node may later restart: `onRecover` gets its durable record (crash-recover); without, it stays down
 * (crash-stop). Timers fire nondeterministically: an armed timer may fire at any step, which models every
 * possible timeout length at once. A state where nothing can happen is a legal end by default (a quiet
 * system), not a deadlock.
 *
 * @example
 * ```ts
 * const ping = actorSystem({
 *   name: 'ping',
 *   roles: { A: { actor: pinger, count: 1 }, B: { actor: ponger, count: 1 } },
 *   network: { kind: 'unordered', lossy: true, capacity: 2 },
 *   faults: { drops: 1 },
 *   properties: [always('bounded', (st) => st.nodes.B.get(0).local.pings <= 1)],
 * });
 * checkSync(ping).verdict;   // 'holds'
 * ```
 *
 * This module is the front: the checks of a definition;
 * the compiler proper is `compileActors.ts`, as `threads.ts` and `compileThreads.ts` are for thread systems,
 * and the types both use are in `actorSystemTypes.ts`, as `threadSystem.ts` is for them.
 *
 * @module
 */
import type { AnyActor } from './actor.js';
import type { MessageSchema } from './messages.js';
import type { Roles } from './systemState.js';
import { topology } from './topology.js';
import type { FaultBudget } from './faultBudget.js';
import type { ActorSystem, ActorSystemDefinition } from './actorSystemTypes.js';
import { compileActors } from './compileActors.js';

function misuse(name: string, message: string): never {
  throw new TypeError(`actorSystem(${name}): ${message}`);
}

/** Compiles an actor system to a packed model; throws a `TypeError` naming the first ill-formed part of `def`. */
export function actorSystem<R extends Roles>(def: ActorSystemDefinition<R>): ActorSystem<R> {
  const { name } = def;
  const roles = Object.entries(def.roles);
  if (roles.length === 0) misuse(name, 'needs at least one role');
  const topo = topology(Object.fromEntries(roles.map(([role, r]) => [role, r.count])));
  const actorOf: AnyActor[] = topo.nodes.map((n) => def.roles[n.role]!.actor);
  const msgs = actorOf[0]!.messages as MessageSchema;
  for (const a of actorOf) if (a.messages !== msgs) misuse(name, `actor ${a.kind} uses another message schema; all actors of a system share one`);

  const faults: FaultBudget = { crashes: 0, drops: 0, duplicates: 0, recovery: true, ...def.faults };
  for (const k of ['crashes', 'drops', 'duplicates'] as const) {
    if (!Number.isInteger(faults[k]) || faults[k] < 0) misuse(name, `fault budget ${k} must be a non-negative integer, got ${faults[k]}`);
  }
  if (def.inputs !== undefined && (!Number.isInteger(def.inputs) || def.inputs < 0)) misuse(name, `the input budget must be a non-negative integer, got ${def.inputs}`);
  if (faults.drops > 0 && def.network.lossy !== true) misuse(name, `drops = ${faults.drops} needs a lossy network`);
  if (def.network.fairLoss === true && def.network.lossy !== true) misuse(name, 'fairLoss needs a lossy network');
  if (def.network.fairLoss === true && faults.drops > 0) misuse(name, `a fair-loss network loses without a budget; drops = ${faults.drops} does not apply`);
  if (faults.duplicates > 0 && def.network.kind === 'duplicating') misuse(name, 'a duplicating network duplicates freely; the duplicates budget does not apply');
  return compileActors({ def, topology: topo, actorOf, messages: msgs, faults });
}
