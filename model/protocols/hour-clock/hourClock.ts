/**
 * The hour clock of Lamport's "Specifying Systems" with its liveness condition, a port of `LiveHourClock.tla`
 * (`LSpec == HC /\ WF_hr(HCnxt)`) of the TLA+ Examples: `hr` starts at any hour and ticks round 1..12.
 * TLC reports 12 distinct states, 24 generated, depth 1 (every state is initial), and the properties hold:
 * `AllTimes == \A n \in 1..12 : []<>(hr = n)` and `TypeInvariance == []HCini` — so does this model.
 * (`AlwaysTick`, a formula over steps `[]<><<HCnxt>>_hr`, is not ported: temporal properties here are over
 * states.) The variant `no-fairness` drops `WF_hr(HCnxt)`: the clock may stop, and `AllTimes` fails.
 *
 * @module
 */
import { always, alwaysEventually, defineModel, s, weakFairness } from '../../core/index.js';
import type { Model, ViewOf } from '../../core/index.js';
import { variantId } from '../protocol.js';

/** The state: the hour. */
export const HourClockState = s.record({ hr: s.int(1, 12) });

/** The one action, `HCnxt`. */
export type HourClockAction = 'HCnxt';

/** `LSpec`, or `HC` without fairness for the variant `no-fairness`. */
export function hourClock(variant: 'no-fairness' | null = null): Model<typeof HourClockState, HourClockAction> {
  type V = ViewOf<typeof HourClockState>;
  return defineModel(HourClockState)({
    name: variantId('hour-clock', variant),
    initialStates: () => Array.from({ length: 12 }, (_, i) => ({ hr: i + 1 })),
    actions: () => ['HCnxt'],
    next(st, _a, out) {
      out.hr = st.hr !== 12 ? st.hr + 1 : 1;
      return true;
    },
    properties: [always<V>('TypeInvariance', (st) => st.hr >= 1 && st.hr <= 12), ...Array.from({ length: 12 }, (_, i) => alwaysEventually<V>(`AllTimes(${i + 1})`, (st) => st.hr === i + 1))],
    ...(variant === null ? { fairness: [weakFairness<HourClockAction>('WF_hr(HCnxt)')] } : {}),
  });
}
