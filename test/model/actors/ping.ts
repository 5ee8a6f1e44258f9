/**
 * Two nodes pinging, the smallest actor system whose state counts can be counted by hand: A sends
 * `pings` numbered pings to B at start; B records each ping and answers it with a pong of the same number;
 * A records each pong.
 *
 * @module
 */
import { match } from 'ts-pattern';
import { s } from '../../../model/core/index.js';
import { actorSystem, defineActor, messages } from '../../../model/actors/index.js';
import type { FaultBudget, NetworkOptions } from '../../../model/actors/index.js';

export const PingMsg = messages({ Ping: { n: s.int(0, 1) }, Pong: { n: s.int(0, 1) } });

const Got = s.record({ got: s.set(s.int(0, 1)) });

/** A: sends its pings at start (and again on recovery), records pongs. */
export function pinger(pings: number) {
  return defineActor({
    kind: 'pinger',
    state: Got,
    messages: PingMsg,
    initial: () => ({ got: [] }),
    onStart(_st, ctx) {
      for (let n = 0; n < pings; n++) ctx.send(ctx.topology.group('B')[0]!, { type: 'Ping', n });
    },
    onMessage(st, _from, msg) {
      if (msg.type === 'Pong') st.got.add(msg.n);
    },
  });
}

/** B: records pings, answers each with a pong. */
export const ponger = defineActor({
  kind: 'ponger',
  state: Got,
  messages: PingMsg,
  initial: () => ({ got: [] }),
  onMessage(st, from, msg, ctx) {
    match(msg)
      .with({ type: 'Ping' }, (m) => {
        st.got.add(m.n);
        ctx.send(from, { type: 'Pong', n: m.n });
      })
      .with({ type: 'Pong' }, () => {})
      .exhaustive();
  },
});

/** The ping system with `pings` pings (1 or 2) on `network`, within `faults`. */
export function pingSystem(pings: number, network: NetworkOptions, faults: Partial<FaultBudget> = {}) {
  return actorSystem({
    name: 'ping',
    roles: { A: { actor: pinger(pings), count: 1 }, B: { actor: ponger, count: 1 } },
    network,
    faults,
  });
}
