/**
 * Argument helpers shared by the commands: `--param k=v` lists and positive integer options.
 *
 * @module
 */
import { UsageError } from './errors.js';

/** Parses repeated `--param name=value` options into a record; rejects malformed or repeated ones. */
export function parseParams(list: readonly string[] | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const item of list ?? []) {
    const eq = item.indexOf('=');
    if (eq <= 0) throw new UsageError(`bad --param '${item}': expected name=value`);
    const name = item.slice(0, eq).trim();
    if (name in out) throw new UsageError(`parameter ${name} given twice`);
    out[name] = item.slice(eq + 1).trim();
  }
  return out;
}

/** Parses an optional positive integer option (`--max-states 1e6` is refused: digits only). */
export function positiveInt(name: string, raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  if (!/^\d+$/.test(raw) || Number(raw) < 1 || !Number.isSafeInteger(Number(raw))) {
    throw new UsageError(`bad value '${raw}' for --${name}: expected a positive integer`);
  }
  return Number(raw);
}
