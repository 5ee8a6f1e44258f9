/**
 * The hour clock with liveness (`LiveHourClock` of "Specifying Systems") — the front door: no parameters, the
 * variant without fairness, the checking instance.
 *
 * @module
 */
import { defineProtocol } from '../protocol.js';
import { hourClock } from './hourClock.js';

/** The live hour clock, and its variant that may stop. */
export const hourClockProtocol = defineProtocol({
  id: 'hour-clock',
  description: "Lamport's hour clock with WF_hr(HCnxt) (LiveHourClock of Specifying Systems): every hour comes round forever",
  params: [],
  variants: [{ name: 'no-fairness', description: 'hour-clock without its fairness condition: the clock may stop' }],
  build: (_p, variant) => hourClock(variant === 'no-fairness' ? 'no-fairness' : null),
});
