/**
 * The fault-budget parameters of a checking instance, worded once: how many crashes, losses and
 * duplications the checker may inject (each a range from 0).
 *
 * @example
 * ```ts
 * params: [n, crashesParam(1, 3, ' (crash-recover; a restart holds an election)'), dropsParam(1, 3)]
 * ```
 *
 * @module
 */
import { intParam } from '../../core/index.js';
import type { IntParam } from '../../core/index.js';

/** `crashes`: at most `max`, `def` by default; `detail` follows "fault budget: crashes" in its description. */
export function crashesParam(def: number, max: number, detail = ''): IntParam {
  return intParam('crashes', `fault budget: crashes${detail}`, def, 0, max);
}

/** `drops`: messages lost, at most `max`, `def` by default. */
export function dropsParam(def: number, max: number): IntParam {
  return intParam('drops', 'fault budget: messages lost', def, 0, max);
}

/** `duplicates`: messages duplicated, at most `max`, `def` by default. */
export function duplicatesParam(def: number, max: number): IntParam {
  return intParam('duplicates', 'fault budget: messages duplicated', def, 0, max);
}
