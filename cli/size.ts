/**
 * Sizes on the command line: `--max-memory 2G`, `512M`, `1.5G`, `800K`, or a plain number of bytes. The
 * units are binary (K = 1024 bytes), as memory is counted; a trailing `B` or `iB` is accepted (`2GiB`).
 *
 * @module
 */
import { UsageError } from './errors.js';

const UNITS: Readonly<Record<string, number>> = { '': 1, K: 2 ** 10, M: 2 ** 20, G: 2 ** 30, T: 2 ** 40 };

/** Parses the size given to `--name`; throws {@link UsageError} for anything that is not a positive size. */
export function parseSize(name: string, raw: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*([KMGT]?)(?:i?B)?$/i.exec(raw.trim());
  const bytes = m === null ? NaN : Math.floor(Number(m[1]) * UNITS[m[2]!.toUpperCase()]!);
  if (!(bytes >= 1) || !Number.isSafeInteger(bytes)) {
    // Echo a prefix only: the value may be anything, of any length.
    const shown = raw.length > 40 ? `${raw.slice(0, 40)}...` : raw;
    throw new UsageError(`bad value '${shown}' for --${name}: expected a size such as 512M or 2G`);
  }
  return bytes;
}
