import { describe, expect, it } from 'vitest';
import { checkSync } from '../../../checker/check.js';
import { catalogue, defaults } from '../../../specs/index.js';
import type { Spec } from '../../../specs/index.js';

const threadSpecs = catalogue.filter((s) => 'system' in s.build(defaults(s)));

function verdictOf(spec: Spec): string {
  const r = checkSync(spec.build(defaults(spec)));
  if (r.verdict !== 'violated') return r.verdict;
  return `violated:${r.violations[0]!.property}`;
}

describe('threads entries of the catalogue', () => {
  it('lists every algorithm of the critical-section issue and a mutant of each', () => {
    const ids = threadSpecs.map((s) => s.id);
    for (const id of ['semaphore-cs', 'peterson', 'filter-lock', 'bakery', 'readers-writers', 'token-channel-mutex', 'rendezvous-mutex', 'pipe']) {
      expect(ids).toContain(id);
      expect(threadSpecs.some((s) => s.mutantOf === id)).toBe(true);
    }
  });

  it.each(threadSpecs.map((s) => [s.id, s] as const))('%s gives its expected verdict', (_id, spec) => {
    expect(verdictOf(spec)).toBe(spec.expected);
  });
});
