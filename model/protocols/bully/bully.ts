/**
 * The Bully algorithm for leader election, as an actor system, after H. Garcia-Molina, "Elections in a
 * Distributed Computing System", IEEE Transactions on Computers C-31(1), 1982, as presented by Tanenbaum and
 * van Steen, "Distributed Systems", 3rd ed., §6.4.1; course notes, ../shared/reference/ipc-and-coordination-
 * notes.md, "leader selection".
 *
 * Processes `P1..Pn` have priorities 1..n (their ids plus one); the live process of highest priority should
 * lead. A process holds an election when its client tells it to (input `elect`: the client suspects the
 * leader, as a failure detector would after killing it) and when it restarts after a crash: it sends
 * `Election` to every process above it and arms its `answer` timer. A process receiving `Election` from
 * below answers `Ok` and holds an election of its own (the "bully" step). A process that gets an `Ok`
 * stops and waits for the winner's announcement (timer `coordinator`; if it fires first, it starts over);
 * a process whose `answer` timer fires with no `Ok` in, or that has nobody above it, wins: it observes
 * `elected` and sends `Coordinator` to everyone. A process accepts an announcement from above; one from
 * below it contests by holding an election.
 *
 * The algorithm assumes a synchronous system — a timeout that fires proves the silent process dead. Here
 * timers fire nondeterministically, so every timeout may be premature: a process may declare itself
 * leader while the `Ok` that should have stopped it is still in flight, and two processes may both
 * believe themselves leader for a while. What the protocol does guarantee is stated over quiet states:
 *
 * `quiescentSingleLeader`: in every state where no message is in flight to a live process, no two live
 * processes both have `leader = self` (messages to a crashed process do not count: they are lost to it
 * unless it restarts, and a restart starts an election, which is not quiet).
 *
 * `electionTerminates` (liveness, `electionUnderWay ~> ¬electionUnderWay`): every election ends — the
 * network falls quiet with every live process back in phase `normal` — under the actor layer's fairness
 * (deliveries, timers and recoveries weakly fair), once the client stops asking: with `elections`, the
 * client asks for at most that many (an input budget); a client that may ask for ever keeps an election
 * going for ever, and the checker shows that loop. What Bully does *not* promise here is that the election
 * ends with every live process following the highest live one: that needs its synchronous timeouts. With a
 * premature `answer` timeout a lower process announces itself, its announcement may reach a process after
 * the top one's, and the network falls quiet with that process following the lower leader (the tests show
 * the lasso). So agreement is stated as the safety of quiet states above, and termination as liveness.
 *
 * The check covers crashes (crash-recover, within the `crashes` budget) at every point. Elections may be
 * held over and over, so the messages in flight are unbounded: the model explores only states with at
 * most `maxInFlight` messages in flight (a state constraint, as TLC's `CONSTRAINT`).
 *
 * @example
 * ```ts
 * checkSync(bully({ n: 3, crashes: 1, maxInFlight: 4 })).verdict;                              // 'holds'
 * checkSync(bully({ n: 3, crashes: 1, maxInFlight: 4, variant: 'stubborn-leader' })).verdict;  // 'violated'
 * ```
 *
 * @module
 */
import { match } from 'ts-pattern';
import { always, leadsTo, s, sometimes } from '../../core/index.js';
import type { DraftOf, RecordSchema } from '../../core/index.js';
import { actorSystem, defineActor, messages } from '../../actors/index.js';
import type { ActorContext, ActorSystem, SystemView } from '../../actors/index.js';
import { envelopes, inFlightCount } from '../coordination/inFlight.js';
import { variantId } from '../protocol.js';
import { bullyMutants } from './mutants.js';
import type { BullyVariant } from './mutants.js';
import { bullyRules } from './rules.js';
import type { BullyRules } from './rules.js';

/** Options of {@link bully}. */
export interface BullyOptions {
  /** Processes, 1 to 5. */
  readonly n: number;
  /** Fault budget: crashes (crashed processes may restart). */
  readonly crashes: number;
  /** The state constraint: only states with at most this many messages in flight are explored. */
  readonly maxInFlight: number;
  /**
   * The client asks for at most this many elections in a behaviour (an input budget): a client that
   * suspects the leader without end keeps an election from ever ending. @defaultValue unbounded
   */
  readonly elections?: number;
  /**
   * A mutant of `mutants.ts` (`'stubborn-leader'`: a process that believes itself leader ignores
   * announcements, even from above), or the correct protocol. @defaultValue the correct one
   */
  readonly variant?: BullyVariant | null;
}

/** The messages; `Coordinator` is the winner's announcement (its sender is the new leader). */
export const BullyMsg = messages({ Election: {}, Ok: {}, Coordinator: {} });

/** The observation of a process that declares itself leader. */
export const ELECTED = 'elected';

const Phase = s.enum(['normal', 'electing', 'waiting']);

function process(n: number, rules: BullyRules) {
  const Local = s.record({ phase: Phase, leader: s.int(0, n) });
  type Ctx = ActorContext<(typeof BullyMsg)['cases'], RecordSchema<{}>, 'answer' | 'coordinator', typeof ELECTED>;
  type L = DraftOf<typeof Local>;
  /** `leader` holds a priority, 1..n (0: unknown); process id k has priority k + 1. */
  const win = (st: L, ctx: Ctx) => {
    st.leader = ctx.self.id + 1;
    st.phase = 'normal';
    ctx.cancelTimer('answer');
    ctx.cancelTimer('coordinator');
    ctx.observe(ELECTED);
    for (let q = 0; q < n; q++) if (q !== ctx.self.id) ctx.send(q, { type: 'Coordinator' });
  };
  const holdElection = (st: L, ctx: Ctx) => {
    if (ctx.self.id === n - 1) return win(st, ctx);
    st.phase = 'electing';
    ctx.cancelTimer('coordinator');
    ctx.setTimer('answer');
    for (let q = ctx.self.id + 1; q < n; q++) ctx.send(q, { type: 'Election' });
  };
  return defineActor({
    kind: 'process',
    state: Local,
    messages: BullyMsg,
    timers: ['answer', 'coordinator'] as const,
    inputs: ['elect'] as const,
    observations: [ELECTED],
    initial: () => ({ phase: 'normal' as const, leader: 0 }),
    onRecover(st, _durable, ctx) {
      holdElection(st, ctx);
    },
    onInput(st, _input, ctx) {
      if (st.phase !== 'normal') return false;
      holdElection(st, ctx);
      return true;
    },
    onMessage(st, from, msg, ctx) {
      // A switch rather than ts-pattern here: this handler runs on every delivery the checker explores, and
      // match() cost ~10% of the check's CPU (bully default instance, profiled once the actor layer was fast).
      switch (msg.type) {
        case 'Election':
          ctx.send(from, { type: 'Ok' });
          if (rules.bulliesOnElection(st.phase, st.leader, ctx.self.id + 1)) holdElection(st, ctx);
          break;
        case 'Ok':
          if (st.phase !== 'electing') return;
          st.phase = 'waiting';
          ctx.cancelTimer('answer');
          ctx.setTimer('coordinator');
          break;
        case 'Coordinator':
          if (from > ctx.self.id) {
            if (!rules.acceptsFromAbove(st.leader, ctx.self.id + 1)) return;
            st.leader = from + 1;
            st.phase = 'normal';
            ctx.cancelTimer('answer');
            ctx.cancelTimer('coordinator');
          } else if (st.phase === 'normal') holdElection(st, ctx);
          break;
        default:
          throw new TypeError(`bully: unknown message ${JSON.stringify(msg satisfies never)}`);
      }
    },
    onTimer(st, timer, ctx) {
      if (timer === 'answer') win(st, ctx);
      else holdElection(st, ctx);
    },
  });
}

function roles(o: BullyOptions) {
  const rules: BullyRules = { ...bullyRules, ...(o.variant ? bullyMutants[o.variant] : {}) };
  return { P: { actor: process(o.n, rules), count: o.n } };
}

/** A Bully state. */
export type BullyView = SystemView<ReturnType<typeof roles>>;

/** The live processes with `leader = self`, by id. */
export function liveSelfLeaders(st: BullyView): number[] {
  const out: number[] = [];
  for (let i = 0; i < st.nodes.P.length; i++) {
    const p = st.nodes.P.get(i);
    if (p.up && p.local.leader === i + 1) out.push(i);
  }
  return out;
}

/** Whether no message is in flight to a live process. */
export function quiet(st: BullyView): boolean {
  return envelopes(st).every((e) => !st.nodes.P.get(e.to).up);
}

/** The highest priority of a live process (0: none is live). */
export function highestLive(st: BullyView): number {
  for (let i = st.nodes.P.length - 1; i >= 0; i--) if (st.nodes.P.get(i).up) return i + 1;
  return 0;
}

/** Whether an election is under way: a message is in flight to a live process, or a live process is electing or waiting. */
export function electionUnderWay(st: BullyView): boolean {
  if (!quiet(st)) return true;
  for (let i = 0; i < st.nodes.P.length; i++) if (st.nodes.P.get(i).up && st.nodes.P.get(i).local.phase !== 'normal') return true;
  return false;
}

/** Whether the election is over: quiet, and every live process follows the highest live one. */
export function settled(st: BullyView): boolean {
  if (electionUnderWay(st)) return false;
  const top = highestLive(st);
  for (let i = 0; i < st.nodes.P.length; i++) if (st.nodes.P.get(i).up && st.nodes.P.get(i).local.leader !== top) return false;
  return true;
}

/**
 * The Bully algorithm with its properties `quiescentSingleLeader` and `electionTerminates` (see the module) and the goals `elected`
 * and `electedAfterLeaderCrash` (the top-priority process is down, the state is quiet, and every live
 * process follows the highest live one: the election after killing the leader has completed).
 */
export function bully(o: BullyOptions): ActorSystem<ReturnType<typeof roles>> {
  const { n, maxInFlight } = o;
  if (!Number.isInteger(n) || n < 1 || n > 5) throw new RangeError(`bully: n must be an integer in [1, 5], got ${n}`);
  if (!Number.isInteger(maxInFlight) || maxInFlight < 1) throw new RangeError(`bully: maxInFlight must be a positive integer, got ${maxInFlight}`);
  return actorSystem({
    name: variantId('bully', o.variant ?? null),
    roles: roles(o),
    // A stored state has at most maxInFlight messages; one step adds at most n (an Ok and n - 1 more).
    network: { kind: 'unordered', capacity: maxInFlight + n },
    faults: { crashes: o.crashes },
    ...(o.elections === undefined ? {} : { inputs: o.elections }),
    properties: [
      always<BullyView>('quiescentSingleLeader', (st) => !quiet(st) || liveSelfLeaders(st).length <= 1),
      leadsTo<BullyView>('electionTerminates', electionUnderWay, (st) => !electionUnderWay(st)),
      sometimes<BullyView>('elected', (st) => liveSelfLeaders(st).length === 1),
      sometimes<BullyView>('electedAfterLeaderCrash', (st) => {
        // The top process is down, all is quiet, and every live process follows the highest live one.
        if (n < 2 || st.nodes.P.get(n - 1).up || !quiet(st)) return false;
        let top = n - 2;
        while (top >= 0 && !st.nodes.P.get(top).up) top--;
        for (let i = 0; i <= top; i++) if (st.nodes.P.get(i).up && st.nodes.P.get(i).local.leader !== top + 1) return false;
        return true;
      }),
    ],
    within: (st) => inFlightCount(st) <= maxInFlight,
  });
}
