/**
 * A small seeded pseudo-random generator, so that injected faults are reproducible from a seed.
 *
 * Fault injection must be deterministic given its seed: a run that lost a message can be rerun and lose
 * the same one. The generator is sfc32 (Chris Doty-Humphrey's Small Fast Counting generator, from
 * PractRand), seeded through splitmix32 from a 32-bit seed and a stream name, so that each link gets its own
 * independent stream: the faults on one link do not depend on how sends on other links interleave.
 *
 * @example
 * ```ts
 * const r = prng(42, 'n0->n1');
 * r();  // the same number in [0, 1) on every run
 * ```
 *
 * @module
 */

/** FNV-1a hash of a string to 32 bits (used to mix a stream name into a seed). */
function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/**
 * A generator of numbers in `[0, 1)` determined by `seed` (any 32-bit integer) and `stream` (a name that
 * separates independent streams from one seed).
 */
export function prng(seed: number, stream = ''): () => number {
  let x = (seed ^ fnv1a(stream)) >>> 0;
  const splitmix = (): number => {
    x = (x + 0x9e3779b9) | 0;
    let z = x;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
  let a = splitmix();
  let b = splitmix();
  let c = splitmix();
  let d = 1;
  const next = (): number => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  // Discard a few outputs so that similar seeds do not start with correlated values.
  for (let i = 0; i < 12; i++) next();
  return next;
}
