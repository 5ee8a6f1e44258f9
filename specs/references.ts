/**
 * Independent figures: state counts that TLC or SPIN published (or that SPIN gives on the models of
 * `../shared/bench/`) for the same state machine as one of our variants, by variant id. `check` compares
 * its counts with them, and a difference is a failure.
 *
 * @module
 */
import type { Reference } from './catalogue.js';

/** TwoPhase: TLC's published figures, and SPIN's on ../shared/bench/twophase.pml (its "transitions" are TLC's "generated"). */
const twoPhase: readonly Reference[] = [
  { by: 'SPIN', params: { rms: 2 }, distinct: 56, generated: 154 },
  { by: 'TLC', params: { rms: 3 }, distinct: 288, generated: 1146, depth: 11 },
  { by: 'SPIN', params: { rms: 4 }, distinct: 1568, generated: 8258 },
  { by: 'SPIN', params: { rms: 5 }, distinct: 8832, generated: 58146 },
  { by: 'SPIN', params: { rms: 6 }, distinct: 50816, generated: 402306 },
  { by: 'SPIN', params: { rms: 7 }, distinct: 296448, generated: 2744706 },
  { by: 'TLC', params: { rms: 8 }, distinct: 1745408, generated: 18507778 },
];

/** The reference figures of each variant that has some. */
export const references: Readonly<Record<string, readonly Reference[]>> = {
  twophase: twoPhase,
  // The object tier is slower: its figures stop where a check stays short.
  'twophase-objects': twoPhase.filter((r) => (r.params['rms'] as number) <= 6),
  tcommit: [{ by: 'TLC', params: { rms: 3 }, distinct: 34, generated: 94, depth: 7 }],
  peterson: [{ by: 'TLC', params: {}, distinct: 42, generated: 77 }],
  'lamport-mutex-tla': [{ by: 'TLC', params: { n: 3, maxClock: 6 }, distinct: 724274, generated: 2729079, depth: 61 }],
  'chang-roberts-tla': [{ by: 'TLC', params: { n: 3 }, distinct: 137, generated: 227, depth: 10 }],
  // MCAlternatingBit.cfg (Data = {d1, d2}, queues of at most 2); SentLeadsToRcvd holds.
  'alternating-bit': [{ by: 'TLC', params: {}, distinct: 240, generated: 1392, depth: 10 }],
  // MCEcho.cfg: TLC's 116 generated include a Terminating stutter in each of the 3 final states (113 here).
  echo: [{ by: 'TLC', params: {}, distinct: 75, depth: 16 }],
  'hour-clock': [{ by: 'TLC', params: {}, distinct: 12, generated: 24, depth: 1 }],
  // MCLiveInternalMemory.cfg, as the TLA+ Examples' manifest records it (its liveness property holds).
  'internal-memory': [{ by: 'TLC', params: {}, distinct: 4408, generated: 21400, depth: 10 }],
};
