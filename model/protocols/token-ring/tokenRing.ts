/**
 * Token-ring mutual exclusion, as an actor system, after G. Le Lann, "Distributed Systems — Towards a Formal
 * Approach", IFIP Congress 1977, and Tanenbaum and van Steen, "Distributed Systems", 3rd ed., §6.3.2 "A
 * token-ring algorithm"; course notes, ../shared/reference/ipc-and-coordination-notes.md, "distributed
 * mutual exclusion".
 *
 * Processes `P1..Pn` form a logical ring; one `Token` circulates, and only its holder may be in its critical
 * section. P1 holds it at the start. A process that receives the token enters at once if it is waiting;
 * otherwise it holds the token until its `pass` timer fires (on the runtime, a short pause so that an idle
 * ring does not spin) and passes it to its successor. A process that requests while holding the token
 * enters at once; on leaving it passes the token on. The clients follow {@link MUTEX_INPUTS}.
 *
 * Properties: `atMostOneToken` — the tokens held plus those in flight never exceed one — and
 * `mutualExclusion`. The ring tolerates no crash: a crash of the process holding the token (or of the one
 * it is addressed to, since a message to a crashed process is never delivered) loses the token, and every
 * process that then requests waits forever — the `token-ring-crash` entry shows the checker finding that
 * deadlock. Under crash-stop (`recovery: false`) that is all that can happen; with recovery, a restarted
 * process comes back without the token, and the ring is no better off.
 *
 * @example
 * ```ts
 * checkSync(tokenRing({ n: 3, crashes: 0 })).verdict;                          // 'holds'
 * checkSync(tokenRing({ n: 3, crashes: 1, recovery: false })).verdict;         // 'deadlock'
 * checkSync(tokenRing({ n: 3, crashes: 0, variant: 'regenerate' })).verdict;   // 'violated' (atMostOneToken)
 * ```
 *
 * @module
 */
import { always } from '../../core/index.js';
import { actorSystem, defineActor, messages } from '../../actors/index.js';
import type { ActorSystem, SystemView } from '../../actors/index.js';
import { ENTER, FAIR_MUTEX_INPUTS, MUTEX_INPUTS, everyoneEnters, mutualExclusion, noneWaiting, someoneEnters, starvationFree } from '../coordination/mutexClient.js';
import { countInFlight } from '../coordination/inFlight.js';
import { variantId } from '../protocol.js';
import { tokenRingMutants } from './mutants.js';
import type { TokenRingVariant } from './mutants.js';
import { tokenRingLocal, tokenRingRules } from './rules.js';
import type { TokenRingRules } from './rules.js';

/** The one message: the token. */
export const TokenRingMsg = messages({ Token: {} });

/** Options of {@link tokenRing}. */
export interface TokenRingOptions {
  /** Processes on the ring, 1 to 6. */
  readonly n: number;
  /** Fault budget: crashes. */
  readonly crashes: number;
  /** Whether a crashed process may restart (without the token). @defaultValue true */
  readonly recovery?: boolean;
  /** The mutant to build (`mutants.ts`), or null for the correct protocol. @defaultValue null */
  readonly variant?: TokenRingVariant | null;
  /** Fault budget: messages lost (the network is lossy when positive); a lost token is lost for good. @defaultValue 0 */
  readonly drops?: number;
  /** The network's capacity, to validate a recorded run with more in flight than the protocol's bound. @defaultValue n + 1 */
  readonly capacity?: number;
}

function process(n: number, rules: TokenRingRules) {
  return defineActor({
    kind: 'process',
    state: tokenRingLocal,
    messages: TokenRingMsg,
    timers: rules.timers,
    inputs: MUTEX_INPUTS,
    observations: [ENTER],
    initial: () => ({ phase: 'idle' as const, token: false }),
    onStart(st, ctx) {
      if (ctx.self.index === 0) {
        st.token = true;
        ctx.setTimer('pass');
      } else rules.withoutToken(ctx);
    },
    // A restarted process comes back without the token. (Left to the default, recovery would rerun
    // `onStart`, and a recovered P1 would mint a second token: the checker finds that in 3 steps.)
    onRecover(_st, _durable, ctx) {
      if (ctx.self.index !== 0) rules.withoutToken(ctx);
    },
    onInput(st, input, ctx) {
      const succ = (ctx.self.id + 1) % n;
      if (input === 'request') {
        if (st.phase !== 'idle') return false;
        if (st.token) {
          ctx.cancelTimer('pass');
          st.phase = 'cs';
          ctx.observe(ENTER);
        } else st.phase = 'waiting';
        return true;
      }
      if (st.phase !== 'cs') return false;
      st.phase = 'idle';
      if (!rules.passesOnRelease()) {
        // It holds the token as if just arrived: it passes it when its `pass` timer fires — or re-enters first.
        ctx.setTimer('pass');
        return true;
      }
      st.token = false;
      ctx.send(succ, { type: 'Token' });
      rules.withoutToken(ctx);
      return true;
    },
    onMessage(st, _from, _msg, ctx) {
      st.token = true;
      rules.tokenArrived(ctx);
      if (st.phase === 'waiting') {
        st.phase = 'cs';
        ctx.observe(ENTER);
      } else ctx.setTimer('pass');
    },
    onTimer(st, timer, ctx) {
      if (timer === 'lost') {
        rules.lost(st, ctx);
        return;
      }
      // `pass` is armed only while the token is held outside the critical section.
      st.token = false;
      ctx.send((ctx.self.id + 1) % n, { type: 'Token' });
      rules.withoutToken(ctx);
    },
  });
}

function roles(o: TokenRingOptions) {
  const rules: TokenRingRules = { ...tokenRingRules, ...(o.variant ? tokenRingMutants[o.variant] : {}) };
  return { P: { actor: process(o.n, rules), count: o.n } };
}

/** A token-ring state. */
export type TokenRingView = SystemView<ReturnType<typeof roles>>;

/** The tokens in a state: those held by live processes, plus those in flight. */
export function tokens(st: TokenRingView): number {
  let k = countInFlight(st, (e) => e.msg.type === 'Token');
  for (let i = 0; i < st.nodes.P.length; i++) if (st.nodes.P.get(i).up && st.nodes.P.get(i).local.token) k++;
  return k;
}

/**
 * The token ring with its properties: `atMostOneToken`, `mutualExclusion`, the goals `someoneEnters` and
 * `everyoneEnters`; a state where nothing can happen while a live process waits is a deadlock.
 */
export function tokenRing(o: TokenRingOptions): ActorSystem<ReturnType<typeof roles>> {
  if (!Number.isInteger(o.n) || o.n < 1 || o.n > 6) throw new RangeError(`tokenRing: n must be an integer in [1, 6], got ${o.n}`);
  const P = (st: TokenRingView) => st.nodes.P;
  return actorSystem({
    name: variantId('token-ring', o.variant ?? null),
    roles: roles(o),
    // One token in the correct ring; the regenerating mutant may make one per process.
    network: { kind: 'unordered', lossy: (o.drops ?? 0) > 0, capacity: o.capacity ?? o.n + 1 },
    faults: { crashes: o.crashes, drops: o.drops ?? 0, recovery: o.recovery ?? true },
    properties: [always<TokenRingView>('atMostOneToken', (st) => tokens(st) <= 1), mutualExclusion(P), someoneEnters(P), everyoneEnters(P), ...starvationFree(P, o.n)],
    fairInputs: FAIR_MUTEX_INPUTS,
    isLegalEnd: (st) => noneWaiting(P(st)),
  });
}
