/**
 * Birman–Schiper–Stephenson causal multicast and its mutant that delivers on arrival (the classic causality
 * violation: a reply overtakes the message it answers).
 *
 * @module
 */
import { causalBss } from '../model/protocols/causal-bss/causalBss.js';
import type { CausalBssOptions } from '../model/protocols/causal-bss/causalBss.js';
import { intParam, ints } from '../model/core/index.js';
import type { Params } from '../model/core/index.js';
import type { Spec } from './catalogue.js';

const params = [
  intParam('members', 'group size', 3, 2, 4),
  intParam('multicasts', 'messages each member may multicast', 1, 1, 2),
  intParam('crashes', 'fault budget: crashes (members keep no durable state, so a crash breaks duplicate-freedom and causal order)', 0, 0, 1),
  intParam('drops', 'fault budget: messages lost', 0, 0, 2),
  intParam('duplicates', 'fault budget: messages duplicated', 1, 0, 2),
];

function build(mutation: CausalBssOptions['mutation']) {
  return (p: Params) =>
    causalBss({ ...ints(p, 'members', 'multicasts', 'crashes', 'drops', 'duplicates'), mutation });
}

/** The causal-multicast entries of the catalogue. */
export const causalBssSpecs: readonly Spec[] = [
  {
    id: 'causal-bss',
    description: 'Birman-Schiper-Stephenson causal multicast with vector timestamps; causalDelivery, noDuplicateDelivery, deliveredWereSent',
    params,
    build: build(undefined),
    expected: 'holds',
    mutantOf: null,
  },
  {
    id: 'causal-bss-deliver-on-arrival',
    description: 'causal-bss whose members deliver messages as they arrive',
    params,
    build: build('deliver-on-arrival'),
    expected: 'violated:causalDelivery',
    mutantOf: 'causal-bss',
  },
];
