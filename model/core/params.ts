/**
 * Parameters: the one vocabulary for the knobs of a protocol — of its checking instance and of its
 * deployment alike — with one resolver and one error.
 *
 * A parameter is an integer in a range or one of a set of names, with a default. {@link resolveParams} turns
 * what a user typed (`--param rms=4`) into values: it fills in defaults, converts and range-checks, and
 * throws a {@link ProtocolError} whose message is one line naming the problem.
 *
 * @example
 * ```ts
 * const owner = { id: 'twophase', params: [intParam('rms', 'resource managers', 3, 1, 16)] };
 * resolveParams(owner, { rms: '4' });   // { rms: 4 }
 * resolveParams(owner, { rms: '99' });  // throws: bad value '99' for parameter rms of twophase: ...
 * ```
 *
 * @module
 */
import { clip } from './clip.js';

/** An integer parameter. */
export interface IntParam {
  readonly type: 'int';
  readonly name: string;
  readonly description: string;
  readonly default: number;
  readonly min: number;
  readonly max: number;
}

/** A parameter that takes one of a fixed set of names. */
export interface EnumParam {
  readonly type: 'enum';
  readonly name: string;
  readonly description: string;
  readonly default: string;
  readonly values: readonly string[];
}

/** A parameter of a protocol, its checking instance or its deployment. */
export type Param = IntParam | EnumParam;

/** Parameter values by name. */
export type Params = Readonly<Record<string, number | string>>;

/** Something with parameters: a protocol, one of its variants, a deployment. */
export interface Parameterised {
  /** Named in errors. */
  readonly id: string;
  readonly params: readonly Param[];
}

/** Thrown for an unknown protocol, variant or parameter, or a bad value; its message is one line, fit for a user. */
export class ProtocolError extends Error {
  override readonly name = 'ProtocolError';
}

/** An integer parameter. */
export function intParam(name: string, description: string, def: number, min: number, max: number): IntParam {
  return { type: 'int', name, description, default: def, min, max };
}

/** A parameter with named values. */
export function enumParam(name: string, description: string, def: string, values: readonly string[]): EnumParam {
  return { type: 'enum', name, description, default: def, values };
}

/**
 * The integer parameters `names` of resolved parameters `p`, typed, for passing on to a model's options:
 * `causalBss({ ...ints(p, 'members', 'multicasts') })`.
 */
export function ints<K extends string>(p: Params, ...names: K[]): Record<K, number> {
  const out = {} as Record<K, number>;
  for (const n of names) {
    const v = p[n];
    if (typeof v !== 'number') throw new TypeError(`parameter ${n} is not a resolved integer (got ${JSON.stringify(v)})`);
    out[n] = v;
  }
  return out;
}

/** The default values of `owner`'s parameters. */
export function defaults(owner: Pick<Parameterised, 'params'>): Params {
  return Object.fromEntries(owner.params.map((p) => [p.name, p.default]));
}

/**
 * Resolves `given` (strings from a command line, or values) against the parameters of `owner`: fills in
 * defaults, converts and range-checks values. Throws {@link ProtocolError} naming the problem.
 */
export function resolveParams(owner: Parameterised, given: Readonly<Record<string, string | number>>): Params {
  const out: Record<string, number | string> = { ...defaults(owner) };
  for (const [name, raw] of Object.entries(given)) {
    const p = owner.params.find((q) => q.name === name);
    if (!p) {
      const known = owner.params.map((q) => q.name).join(', ') || 'none';
      throw new ProtocolError(`unknown parameter '${clip(name)}' for ${owner.id} (parameters: ${known})`);
    }
    if (p.type === 'int') {
      const v = typeof raw === 'number' ? raw : /^-?\d+$/.test(raw.trim()) ? Number(raw) : NaN;
      if (!Number.isSafeInteger(v) || v < p.min || v > p.max) {
        throw new ProtocolError(`bad value '${clip(raw)}' for parameter ${name} of ${owner.id}: expected an integer in [${p.min}, ${p.max}]`);
      }
      out[name] = v;
    } else {
      const v = String(raw);
      if (!p.values.includes(v)) throw new ProtocolError(`bad value '${clip(raw)}' for parameter ${name} of ${owner.id}: expected one of ${p.values.join(', ')}`);
      out[name] = v;
    }
  }
  return out;
}

/** Formats parameters as `rms=3 crashes=1`. */
export function formatParams(params: Params): string {
  return Object.entries(params)
    .map(([k, v]) => `${k}=${v}`)
    .join(' ');
}
