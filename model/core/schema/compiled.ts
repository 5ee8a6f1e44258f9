/**
 * Generated accessors: the record fields and scalar arrays of a view or draft, compiled to JavaScript with
 * their word offsets, shifts and masks as constants, so that V8 sees a monomorphic getter with no indirect
 * call. This is the checker's hot path: every guard and update of a packed model goes through it (measured
 * on TwoPhase with 8 RMs: 2.9 s of CPU with per-field closures, see the commit for the figure after).
 *
 * @module
 */
import { SchemaError, clearVariant } from './codec.js';
import type { Layout, ScalarCodec } from './layout.js';
import { clip } from '../clip.js';

/** Where a view reads: a word array and the offset of the state in it. */
export interface Cursor {
  w: Int32Array;
  b: number;
}

type Scalar = Layout & { kind: 'scalar' };

/** The symbols under which a record view keeps its cursor and its child views. */
const CURSOR = Symbol('cursor');
const CHILDREN = Symbol('children');

/** Collects the values a generated class closes over, as named arguments of its factory. */
class Env {
  readonly names: string[] = [];
  readonly values: unknown[] = [];
  bind(v: unknown): string {
    const name = `e${this.names.length}`;
    this.names.push(name);
    this.values.push(v);
    return name;
  }
  build<T>(src: string): T {
    // eslint-disable-next-line @typescript-eslint/no-implied-eval
    return new Function(...this.names, src)(...this.values) as T;
  }
}

function describe(v: unknown): string {
  return clip(JSON.stringify(v) ?? String(v));
}

/** A thrower for a value that is not of `codec`, naming the path (and the element key, for arrays). */
function invalid(codec: ScalarCodec, what: string): (v: unknown, k?: unknown) => never {
  return (v, k) => {
    throw new SchemaError(k === undefined ? what : `${what}[${String(k)}]`, `expected ${codec.expected}, got ${describe(v)}`);
  };
}

/** The expression reading scalar `f` whose word is at `c.b + <idx>`, where `idx` is an expression. */
function readExpr(env: Env, f: Scalar, idx: string, shift: string): string {
  const width = f.field.width;
  const raw = width === 32 ? `(c.w[c.b + ${idx}] >>> 0)` : `((c.w[c.b + ${idx}] >>> ${shift}) & ${(1 << width) - 1})`;
  const s = f.schema;
  switch (s.kind) {
    case 'enum':
      return `${env.bind(s.values)}[${raw}]`;
    case 'boolean':
      return `(${raw} !== 0)`;
    case 'int':
      return `(${raw} + ${s.min})`;
    default:
      throw new Error('unreachable: not a scalar');
  }
}

/**
 * Statements writing `v` into scalar `f` whose word is at `c.b + <idx>`; `key` is the element key's
 * variable, for error messages, in arrays.
 */
function writeStmts(env: Env, f: Scalar, idx: string, shift: string, what: string, key = '', cursor = 'c'): string {
  const toCode = env.bind(f.codec.toCode);
  const bad = env.bind(invalid(f.codec, what));
  const width = f.field.width;
  const check = `const code = ${toCode}(v); if (code < 0) ${bad}(v${key ? `, ${key}` : ''});`;
  if (width === 0) return check;
  const c = cursor === 'c' ? 'this.c' : `this[${cursor}]`;
  if (width === 32) return `${check} const c = ${c}; c.w[c.b + ${idx}] = code | 0;`;
  const mask = (1 << width) - 1;
  return `${check} const c = ${c}, j = c.b + ${idx}, s = ${shift}; c.w[j] = (c.w[j] & ~(${mask} << s)) | ((code & ${mask}) << s);`;
}

/**
 * The class of a record view (or draft, if `writable`) at word offset `off`: scalar fields are generated
 * accessors, composite fields return the child views passed to the constructor in field order.
 */
export function recordClass(layout: Layout & { kind: 'record' }, off: number, writable: boolean, path: string): new (c: Cursor, children: unknown[]) => object {
  const env = new Env();
  // The cursor and the children live under symbols, so that no field name can collide with them.
  const C = env.bind(CURSOR);
  const K = env.bind(CHILDREN);
  // Fields are own enumerable accessors (so a view lists its fields like the plain object it stands for),
  // defined from one shared descriptor table: every instance gets the same shape and the same functions.
  // A variant's field that not every arm has reads as undefined in another arm (as in its decoded value) and
  // cannot be written there; writing a new tag zeroes the other fields, which share bits across arms.
  const variant = layout.variant;
  const tagCode = variant === undefined ? '' : `((c.w[c.b + ${off + variant.tag.field.word}] >>> ${variant.tag.field.shift}) & ${(1 << variant.tag.field.width) - 1})`;
  const guard = (name: string, onOther: string): string => {
    const has = variant?.has.get(name);
    return has === undefined ? '' : `if (${env.bind(has)}[${tagCode}] !== 1) ${onOther}; `;
  };
  const noField = (name: string): string => {
    const bad = env.bind((tag: unknown) => {
      throw new SchemaError(path || 'value', `a ${describe(tag)} has no field ${describe(name)}`);
    });
    return `${bad}(this.type)`;
  };
  let src = 'const D = { ';
  layout.fields.forEach(([name, f], i) => {
    const key = JSON.stringify(name);
    if (f.kind !== 'scalar') {
      const g = guard(name, 'return undefined');
      src += `${key}: { enumerable: true, get() { ${g === '' ? '' : `const c = this[${C}]; ${g}`}return this[${K}][${i}]; } }, `;
      return;
    }
    const idx = String(off + f.field.word);
    src += `${key}: { enumerable: true, get() { const c = this[${C}]; ${guard(name, 'return undefined')}return ${readExpr(env, f, idx, String(f.field.shift))}; }`;
    if (writable) {
      const what = path ? `${path}.${name}` : name;
      if (variant !== undefined && name === 'type') {
        const clear = env.bind((w: Int32Array, b: number) => clearVariant(layout, w, b));
        src += `, set(v) { const before = this.type; ${writeStmts(env, f, idx, String(f.field.shift), what, '', C)} if (v !== before) { const c = this[${C}]; ${clear}(c.w, c.b + ${off}); } }`;
      } else src += `, set(v) { { const c = this[${C}]; ${guard(name, noField(name))}} ${writeStmts(env, f, idx, String(f.field.shift), what, '', C)} }`;
    }
    src += ' }, ';
  });
  src += '}; ';
  src += 'return class RecordView { constructor(c, k) { ';
  src += `Object.defineProperty(this, ${C}, { value: c }); Object.defineProperty(this, ${K}, { value: k }); `;
  src += 'Object.defineProperties(this, D); Object.freeze(this); } };';
  return env.build(src);
}

/**
 * A class extending `base` whose `get(key)` (and for drafts `set(key, v)`) reads an array (or map) of
 * scalars at word offset `off`: the element's position comes from two small tables, its decoding is inlined.
 * The constructor takes the cursor, then whatever `base` takes.
 */
export function scalarArrayClass<B extends new (...args: never[]) => object>(
  base: B,
  layout: Layout & { kind: 'array' },
  off: number,
  writable: boolean,
  path: string,
): B {
  const env = new Env();
  const elems = layout.elems as Scalar[];
  const first = elems[0]!;
  const words = env.bind(Int32Array.from(elems, (e) => off + e.field.word));
  const shifts = env.bind(Int32Array.from(elems, (e) => e.field.shift));
  const n = elems.length;
  const keys = layout.keys;
  const fail = env.bind((k: unknown): never => {
    throw new RangeError(`${path || 'array'}: no element ${describe(k)} (${keys ? keys.expected : `length ${n}`})`);
  });
  // A map over an int range from 0 indexes like an array; other keys go through their codec.
  const direct = keys === null || (keys.fromCode(0) === 0 && typeof keys.fromCode(0) === 'number');
  const index = direct ? 'const i = k;' : `const i = ${env.bind(keys!.toCode)}(k);`;
  const guard = `if (!(i >= 0 && i < ${n} && (i | 0) === i)) ${fail}(k);`;
  const Base = env.bind(base);
  let src = `return class ScalarArray extends ${Base} { `;
  src += `get(k) { ${index} ${guard} const c = this.c; return ${readExpr(env, first, `${words}[i]`, `${shifts}[i]`)}; } `;
  if (writable) src += `set(k, v) { ${index} ${guard} ${writeStmts(env, first, `${words}[i]`, `${shifts}[i]`, path || 'array', 'k')} } `;
  return env.build(`${src}};`);
}
