/**
 * Argument helpers shared by the commands: `--param k=v` lists.
 *
 * @module
 */
import { clip } from '../model/core/index.js';
import { UsageError } from './errors.js';

/** Parses repeated `--param name=value` options into a record; rejects malformed or repeated ones. */
export function parseParams(list: readonly string[] | undefined): Record<string, string> {
  // No prototype: a parameter called constructor or __proto__ is a name like any other.
  const out: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const item of list ?? []) {
    const eq = item.indexOf('=');
    if (eq <= 0) throw new UsageError(`bad --param '${clip(item)}': expected name=value`);
    const name = item.slice(0, eq).trim();
    if (Object.hasOwn(out, name)) throw new UsageError(`parameter ${clip(name)} given twice`);
    out[name] = item.slice(eq + 1).trim();
  }
  return out;
}
