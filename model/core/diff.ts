/**
 * Pretty-printing and diffs of plain state values, for traces and reports.
 *
 * A diff is a list of changed parts, each named by a path (`rm[2]`, `tm`, `msgs`). Given the state's schema,
 * sets and multisets are compared as bags — a change lists the elements added and removed — since their
 * elements have no stable position (a multiset is kept sorted, so one delivery shifts every later element).
 * Without a schema, arrays of equal length are compared element by element and others whole.
 *
 * @module
 */
import type { Schema } from './schema/types.js';

/** One changed part of a state. */
export interface Change {
  /** Where, e.g. `rm[2]` or `net.inflight`. */
  readonly path: string;
  /** The old value; for a bag, the elements removed. */
  readonly before: unknown;
  /** The new value; for a bag, the elements added. */
  readonly after: unknown;
  /** `bag` when `before` and `after` list the elements removed from and added to a set or multiset. */
  readonly kind?: 'bag';
}

/** A compact one-line rendering of a plain value: `{tm: init, rm: [working, prepared]}`. */
export function formatValue(v: unknown): string {
  if (v === null || v === undefined) return String(v);
  if (typeof v === 'string') return /^[\w.:-]+$/.test(v) ? v : JSON.stringify(v);
  if (typeof v !== 'object') return String(v);
  if (Array.isArray(v)) return `[${v.map(formatValue).join(', ')}]`;
  if (v instanceof Set) return `{${[...v].map(formatValue).join(', ')}}`;
  if (v instanceof Map) return `{${[...v].map(([k, e]) => `${formatValue(k)} -> ${formatValue(e)}`).join(', ')}}`;
  return `{${Object.entries(v as object).map(([k, e]) => `${k}: ${formatValue(e)}`).join(', ')}}`;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Set) && !(v instanceof Map);
}

function same(a: unknown, b: unknown): boolean {
  return formatValue(a) === formatValue(b);
}

/** The elements of `a` not matched by an element of `b`, counting repetitions. */
function minus(a: readonly unknown[], b: readonly unknown[]): unknown[] {
  const left = b.map(formatValue);
  const out: unknown[] = [];
  for (const x of a) {
    const i = left.indexOf(formatValue(x));
    if (i >= 0) left.splice(i, 1);
    else out.push(x);
  }
  return out;
}

function walkSchema(schema: Schema, path: string, a: unknown, b: unknown, out: Change[]): void {
  switch (schema.kind) {
    case 'record':
      if (isRecord(a) && isRecord(b)) {
        // Two values of a variant compare field by field only within one arm; another arm is a new value.
        if (schema.arms !== undefined) {
          if (a['type'] !== b['type']) break;
          for (const k of schema.arms[a['type'] as string] ?? []) walkSchema(schema.fields[k]!, path ? `${path}.${k}` : k, a[k], b[k], out);
          return;
        }
        for (const [k, f] of Object.entries(schema.fields)) walkSchema(f, path ? `${path}.${k}` : k, a[k], b[k], out);
        return;
      }
      break;
    case 'array':
      if (Array.isArray(a) && Array.isArray(b) && a.length === b.length) {
        a.forEach((e, i) => walkSchema(schema.of, `${path}[${i}]`, e, b[i], out));
        return;
      }
      break;
    case 'map':
      if (isRecord(a) && isRecord(b)) {
        for (const k of Object.keys(a)) walkSchema(schema.of, `${path}[${k}]`, a[k], b[k], out);
        return;
      }
      break;
    case 'set':
    case 'multiset':
      if (Array.isArray(a) && Array.isArray(b)) {
        const removed = minus(a, b);
        const added = minus(b, a);
        if (removed.length + added.length > 0) out.push({ path: path || '(state)', before: removed, after: added, kind: 'bag' });
        return;
      }
      break;
    default:
      break;
  }
  if (!same(a, b)) out.push({ path: path || '(state)', before: a, after: b });
}

function walk(path: string, a: unknown, b: unknown, out: Change[]): void {
  if (Array.isArray(a) && Array.isArray(b) && a.length === b.length) {
    a.forEach((e, i) => walk(`${path}[${i}]`, e, b[i], out));
    return;
  }
  if (isRecord(a) && isRecord(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const k of keys) walk(path ? `${path}.${k}` : k, a[k], b[k], out);
    return;
  }
  if (!same(a, b)) out.push({ path: path || '(state)', before: a, after: b });
}

/**
 * The parts that differ between two states, in field order. With the state's `schema`, sets and multisets
 * are compared as bags (see the module comment).
 */
export function diffValues(before: unknown, after: unknown, schema?: Schema): Change[] {
  const out: Change[] = [];
  if (schema) walkSchema(schema, '', before, after, out);
  else walk('', before, after, out);
  return out;
}

/** One change as text: `rm[0]: working -> prepared`, or for a bag `msgs: +Commit -Prepared(1)`. */
export function formatChange(c: Change): string {
  if (c.kind !== 'bag') return `${c.path}: ${formatValue(c.before)} -> ${formatValue(c.after)}`;
  const parts = [...(c.after as unknown[]).map((x) => `+${formatValue(x)}`), ...(c.before as unknown[]).map((x) => `-${formatValue(x)}`)];
  return `${c.path}: ${parts.join(' ')}`;
}

/** A multi-line rendering of a whole state: one `path = value` line per top-level field. */
export function formatState(v: unknown): string {
  if (!isRecord(v)) return formatValue(v);
  return Object.entries(v)
    .map(([k, e]) => `${k} = ${formatValue(e)}`)
    .join('\n');
}
