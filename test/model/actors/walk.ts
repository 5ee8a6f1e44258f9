/**
 * Drives a model by hand: from its (single) initial state, takes the actions whose formatted labels are
 * given, in order, failing loudly if one is not offered or not enabled.
 *
 * @module
 */
import { tierOf } from '../../../checker/tier.js';
import type { AnyModel } from '../../../model/core/index.js';

/** One state of a walk: the action that led there (a trace step), the labels offered there. */
export interface Stop {
  readonly action: unknown;
  readonly label: string;
  readonly offered: readonly string[];
  readonly state: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

/** The states visited by taking `labels` from the initial state (the first stop is the initial state). */
export function walk(model: AnyModel, labels: readonly string[]): Stop[] {
  const tier = tierOf(model);
  let st = tier.initialStates()[0];
  const stops: Stop[] = [];
  const stop = (action: unknown, label: string) => {
    const acts = tier.actions(st);
    stops.push({ action, label, offered: acts.filter((a) => tier.next(st, a) !== undefined).map((a) => tier.label(a)), state: tier.decode(st) });
    return acts;
  };
  let acts = stop(null, 'init');
  for (const label of labels) {
    const a = acts.find((x) => tier.label(x) === label);
    if (a === undefined) throw new Error(`walk: '${label}' is not offered; offered: ${stops.at(-1)!.offered.join(' | ')}`);
    const next = tier.next(st, a);
    if (next === undefined) throw new Error(`walk: '${label}' is disabled`);
    st = next;
    acts = stop(a, label);
  }
  return stops;
}
