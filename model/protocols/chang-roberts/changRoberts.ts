/**
 * Chang and Roberts' leader election on a unidirectional ring, the actor version, after E. Chang, R. Roberts,
 * "An improved algorithm for decentralized extrema-finding in circular configurations of processes", CACM
 * 22(5), 1979, in the form of N. Lynch, "Distributed Algorithms", §3.3 (LCR) with the announcement round
 * of Tanenbaum and van Steen's ring election; course notes, ../shared/reference/ipc-and-coordination-
 * notes.md, "leader selection". The faithful port of Merz's `ChangRoberts.tla` is `chang-roberts-tla`.
 *
 * Processes `P1..Pn` sit on a ring, each sending only to its successor; their identities `id` are a
 * permutation of 1..n, any permutation (the `ids` option; `'all'` checks every one at once, as one initial
 * state each). A client starts an election at a process (input `elect`, accepted by a process that knows no
 * leader and is not already taking part): it marks itself a participant and sends `Election(id)`. A process receiving `Election(u)`
 * forwards it if u is larger than its own identity; if u is smaller, it swallows it, and, if it was not
 * yet a participant, sends its own identity instead; if u is its own identity, its message went round the
 * whole ring unbeaten: it is the leader, observes `elected` and sends `Elected(id)` round the ring so that
 * everyone learns the leader and stops being a participant. The largest identity wins; at most n² election
 * messages. The catalogue's instances neither crash nor lose messages (the algorithm has no way to
 * tolerate either). A deployed run may kill and restart a process (the `crashes` budget, to validate it):
 * a restarted process has forgotten the leader and takes part in elections again; messages sent to it
 * while it was down wait for it, so an election held meanwhile completes once it is back.
 *
 * Properties:
 * - `atMostOneLeader`: never two processes with `leader = id` (each believing itself the leader);
 * - `quiescentAgreement`: in every state with no message in flight, either no process knows a leader, or
 *   every process knows the same one, the largest identity n. After a crash a restarted process knows no
 *   leader while the others still know n, so then only the second half holds: any leader known is n.
 *
 * @example
 * ```ts
 * checkSync(changRoberts({ n: 4, ids: 'all' })).verdict;                            // 'holds'
 * checkSync(changRoberts({ n: 4, ids: 'all', variant: 'forward-all' })).verdict;    // 'violated'
 * ```
 *
 * @module
 */
import { always, leadsTo, s, sometimes } from '../../core/index.js';
import { actorSystem, defineActor, messages } from '../../actors/index.js';
import type { ActorSystem, SystemView } from '../../actors/index.js';
import { inFlightCount } from '../coordination/inFlight.js';
import { variantId } from '../protocol.js';
import { changRobertsMutants } from './mutants.js';
import type { ChangRobertsVariant } from './mutants.js';
import { changRobertsRules } from './rules.js';
import type { ChangRobertsRules } from './rules.js';

/** Options of {@link changRoberts}. */
export interface ChangRobertsOptions {
  /** Processes on the ring, 1 to 6. */
  readonly n: number;
  /**
   * The identities around the ring, `ids[i]` that of `P(i+1)`: a permutation of 1..n, or `'all'` for one
   * initial state per permutation.
   */
  readonly ids: readonly number[] | 'all';
  /**
   * A mutant of `mutants.ts` (`'forward-all'`: a process forwards smaller identities too), or the correct
   * protocol. @defaultValue the correct one
   */
  readonly variant?: ChangRobertsVariant | null;
  /** Fault budget: crashes (a crashed process restarts with its initial state); only with fixed `ids`. @defaultValue 0 */
  readonly crashes?: number;
  /** The network's capacity, to validate a recorded run with more in flight. @defaultValue 2n² */
  readonly capacity?: number;
}

/** The observation of the process that wins an election. */
export const ELECTED = 'elected';

/** The messages on a ring of `n`. */
export function changRobertsMessages(n: number) {
  const Id = s.int(1, n);
  return messages({ Election: { id: Id }, Elected: { id: Id } }, { format: (m) => `${m.type}(${m.id})` });
}

function process(n: number, ids: readonly number[], rules: ChangRobertsRules) {
  return defineActor({
    kind: 'process',
    state: s.record({ id: s.int(1, n), participant: s.boolean(), leader: s.int(0, n) }),
    messages: changRobertsMessages(n),
    inputs: ['elect'] as const,
    observations: [ELECTED],
    initial: (node) => ({ id: ids[node.index]!, participant: false, leader: 0 }),
    onInput(st, _input, ctx) {
      // A client starts an election only where no leader is known: the ring has no failures, so a known
      // leader stays the leader (and unbounded re-elections would pile announcements up in the network).
      if (st.participant || st.leader !== 0) return false;
      st.participant = true;
      ctx.send((ctx.self.id + 1) % n, { type: 'Election', id: st.id });
      return true;
    },
    onMessage(st, _from, msg, ctx) {
      const succ = (ctx.self.id + 1) % n;
      // A switch rather than ts-pattern here: this handler runs on every delivery the checker explores, and
      // match() cost ~17% of the check's CPU (chang-roberts default instance, profiled).
      switch (msg.type) {
        case 'Election': {
          const u = msg.id;
          if (u > st.id) {
            st.participant = true;
            ctx.send(succ, msg);
          } else if (u < st.id) {
            if (rules.forwardsSmaller(u, st.id)) ctx.send(succ, msg);
            if (!st.participant) {
              st.participant = true;
              ctx.send(succ, { type: 'Election', id: st.id });
            }
          } else {
            st.leader = st.id;
            st.participant = false;
            ctx.observe(ELECTED);
            ctx.send(succ, { type: 'Elected', id: st.id });
          }
          break;
        }
        case 'Elected': {
          const u = msg.id;
          if (u === st.id && rules.stopsAnnouncement()) return; // the announcement went round
          st.leader = u;
          st.participant = false;
          ctx.send(succ, msg);
          break;
        }
        default:
          throw new TypeError(`chang-roberts: unknown message ${JSON.stringify(msg satisfies never)}`);
      }
    },
  });
}

function roles(n: number, ids: readonly number[], rules: ChangRobertsRules) {
  return { P: { actor: process(n, ids, rules), count: n } };
}

/** A Chang–Roberts state. */
export type ChangRobertsView = SystemView<ReturnType<typeof roles>>;

/** The permutations of 1..n in lexicographic order. */
export function permutations(n: number): number[][] {
  if (n === 0) return [[]];
  const out: number[][] = [];
  for (const rest of permutations(n - 1)) for (let at = 0; at <= rest.length; at++) out.push([...rest.slice(0, at), n, ...rest.slice(at)]);
  return out.sort((a, b) => {
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
    return 0;
  });
}

/** How many processes believe themselves the leader. */
export function selfLeaders(st: ChangRobertsView): number {
  let k = 0;
  for (let i = 0; i < st.nodes.P.length; i++) {
    const p = st.nodes.P.get(i).local;
    if (p.leader === p.id) k++;
  }
  return k;
}

/**
 * Chang–Roberts on a ring of `n`, with its properties `atMostOneLeader`, `quiescentAgreement` and the goal
 * `elected`. With `ids: 'all'` the model has one initial state per permutation (the handlers read the
 * identity from the state, never from the options), so one check covers every placement of identities.
 */
export function changRoberts(o: ChangRobertsOptions): ActorSystem<ReturnType<typeof roles>> {
  const { n } = o;
  if (!Number.isInteger(n) || n < 1 || n > 6) throw new RangeError(`changRoberts: n must be an integer in [1, 6], got ${n}`);
  const identity = Array.from({ length: n }, (_, i) => i + 1);
  if (o.ids !== 'all' && [...o.ids].sort((a, b) => a - b).join() !== identity.join()) {
    throw new RangeError(`changRoberts: ids must be a permutation of 1..${n}, got [${o.ids.join(', ')}]`);
  }
  // Under 'all' the identities are set in the initial states only; a restarted process would take its
  // identity from `initial` (the identity permutation), not the one it had, and two processes could share one.
  if (o.ids === 'all' && (o.crashes ?? 0) > 0) throw new RangeError('changRoberts: crashes need fixed ids (with ids: \'all\', a restarted process would lose its identity)');
  const ids = o.ids === 'all' ? identity : o.ids;
  const rules: ChangRobertsRules = { ...changRobertsRules, ...(o.variant ? changRobertsMutants[o.variant] : {}) };
  return actorSystem({
    name: variantId('chang-roberts', o.variant ?? null),
    roles: roles(n, ids, rules),
    // ids 'all': one initial state per placement of the identities round the ring.
    ...(o.ids === 'all' ? { initialChoices: permutations(n).map((perm) => perm.map((id) => ({ id, participant: false, leader: 0 }))) } : {}),
    // Each process initiates at most once, and each identity travels at most once per initiation it
    // provokes: 2n² bounds the correct ring and the mutant's extra forwarding alike.
    network: { kind: 'unordered', capacity: o.capacity ?? 2 * n * n },
    faults: { crashes: o.crashes ?? 0 },
    properties: [
      always<ChangRobertsView>('atMostOneLeader', (st) => selfLeaders(st) <= 1),
      always<ChangRobertsView>('quiescentAgreement', (st) => {
        if (inFlightCount(st) > 0) return true;
        const first = st.nodes.P.get(0).local.leader;
        // Agreement is required only while nobody has crashed: a restarted process knows no leader.
        const agree = st.faults.crashes === 0;
        for (let i = 0; i < n; i++) {
          const leader = st.nodes.P.get(i).local.leader;
          if ((agree && leader !== first) || (leader !== 0 && leader !== n)) return false;
        }
        return true;
      }),
      sometimes<ChangRobertsView>('elected', (st) => selfLeaders(st) === 1),
      // Termination: once an election is under way, the ring falls quiet with every process knowing the
      // largest identity as leader. (With crashes a restarted process knows no leader until the next
      // election: the property is stated for the crash-free ring. A process may stay a participant: on an
      // unordered network an Election may overtake the Elected before it, and a finished process that gets
      // a late Election takes part again, which the largest identity's owner then swallows.)
      ...((o.crashes ?? 0) === 0
        ? [
            leadsTo<ChangRobertsView>(
              'electionTerminates',
              (st) => {
                for (let i = 0; i < n; i++) if (st.nodes.P.get(i).local.participant) return true;
                return false;
              },
              (st) => {
                if (inFlightCount(st) > 0) return false;
                for (let i = 0; i < n; i++) if (st.nodes.P.get(i).local.leader !== n) return false;
                return true;
              },
            ),
          ]
        : []),
    ],
  });
}
