/**
 * The catalogue: every variant of every protocol of the registry, with the verdict its default instance
 * must give (`verdicts.ts`) and the independent figures that exist for it (`references.ts`).
 *
 * @module
 */
import { ProtocolError, clip } from '../model/core/index.js';
import { entries, protocols } from '../model/protocols/registry.js';
import type { ProtocolEntry } from '../model/protocols/protocol.js';
import type { Spec } from './catalogue.js';
import { references } from './references.js';
import { verdicts } from './verdicts.js';

export { ProtocolError, defaults, enumParam, formatParams, intParam, ints, resolveParams } from '../model/core/index.js';
export type { EnumParam, IntParam, Param, Params } from '../model/core/index.js';
export type { Checkable, Expected, Reference, Spec } from './catalogue.js';
export { references } from './references.js';
export { verdicts } from './verdicts.js';

/** The catalogue entry of one variant: the registry's entry, with what checking it must find. */
function spec(e: ProtocolEntry): Spec {
  const expected = verdicts[e.id];
  if (expected === undefined) throw new ProtocolError(`specs/verdicts.ts has no verdict for ${e.id}`);
  const refs = references[e.id];
  return {
    ...e,
    expected,
    mutantOf: e.variant !== null && e.variant.mutant !== false ? e.protocol.id : null,
    ...(refs ? { references: refs } : {}),
  };
}

/** Every variant of every protocol, in the registry's order, each protocol followed by its variants. */
export const catalogue: readonly Spec[] = entries.map(spec);

for (const id of Object.keys(verdicts)) {
  if (!catalogue.some((s) => s.id === id)) throw new ProtocolError(`specs/verdicts.ts has a verdict for ${id}, which no protocol declares`);
}

/**
 * The entry with id `id`; throws {@link ProtocolError} if there is none, naming the protocols (each
 * variant's id is its protocol's, a dash and its name) and the variants of a protocol `id` starts with.
 */
export function findSpec(id: string): Spec {
  const found = catalogue.find((s) => s.id === id);
  if (found) return found;
  const bases = protocols.map((p) => p.id);
  // The protocol `id` names, if it starts with one (the longest: twophase-log over twophase).
  const base = bases.filter((b) => id.startsWith(`${b}-`)).sort((a, b) => b.length - a.length)[0];
  const near = base === undefined ? [] : entries.filter((e) => e.protocol.id === base && e.variant !== null).map((e) => e.id);
  const hint = near.length > 0 ? `; the variants of ${base}: ${near.join(', ')}` : '';
  throw new ProtocolError(`unknown spec '${clip(id)}' (protocols: ${bases.join(', ')}${hint}; interleave list shows every variant)`);
}
