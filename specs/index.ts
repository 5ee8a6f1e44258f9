/**
 * The catalogue: every protocol with its properties, default instance, mutants and expected verdicts.
 *
 * @module
 */
import { SpecError } from './catalogue.js';
import type { Spec } from './catalogue.js';
import { tcommitSpecs } from './tcommit.js';
import { twoPhaseSpecs } from './twophase.js';
import { messagePassingSpecs } from './messagePassing.js';
import { bakerySpecs } from './bakery.js';
import { messagePassingMutexSpecs } from './messagePassingMutex.js';
import { petersonSpecs } from './peterson.js';
import { pipeSpecs } from './pipe.js';
import { readersWritersSpecs } from './readersWriters.js';
import { semaphoreCsSpecs } from './semaphoreCs.js';
import { changRobertsTlaSpecs } from './changRobertsTla.js';
import { lamportMutexTlaSpecs } from './lamportMutexTla.js';
import { centralMutexSpecs } from './centralMutex.js';
import { ricartAgrawalaSpecs } from './ricartAgrawala.js';
import { lamportMutexSpecs } from './lamportMutex.js';
import { tokenRingSpecs } from './tokenRing.js';
import { changRobertsSpecs } from './changRoberts.js';
import { bullySpecs } from './bully.js';
import { clip } from '../model/core/index.js';

export { SpecError, defaults, enumParam, formatParams, intParam, ints, resolveParams } from './catalogue.js';
export type { Checkable, EnumParam, Expected, IntParam, Param, Params, Reference, Spec } from './catalogue.js';

/** Every entry, protocols first, each followed by its mutants. */
export const catalogue: readonly Spec[] = [
  ...twoPhaseSpecs,
  ...tcommitSpecs,
  ...messagePassingSpecs,
  ...semaphoreCsSpecs,
  ...petersonSpecs,
  ...bakerySpecs,
  ...readersWritersSpecs,
  ...messagePassingMutexSpecs,
  ...pipeSpecs,
  ...lamportMutexTlaSpecs,
  ...changRobertsTlaSpecs,
  ...centralMutexSpecs,
  ...ricartAgrawalaSpecs,
  ...lamportMutexSpecs,
  ...tokenRingSpecs,
  ...changRobertsSpecs,
  ...bullySpecs,
];

/** The entry with id `id`; throws {@link SpecError} listing the known ids if there is none. */
export function findSpec(id: string): Spec {
  const spec = catalogue.find((s) => s.id === id);
  if (!spec) throw new SpecError(`unknown spec '${clip(id)}' (known: ${catalogue.map((s) => s.id).join(', ')})`);
  return spec;
}
