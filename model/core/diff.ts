/**
 * Pretty-printing and diffs of plain state values, for traces and reports.
 *
 * A diff is a list of changed leaves, each named by a path (`rm[2]`, `tm`, `msgs`); sets and
 * multisets (arrays at a leaf path whose length changed) are reported whole, since element-wise paths into
 * a bag say little.
 *
 * @module
 */

/** One changed part of a state. */
export interface Change {
  /** Where, e.g. `rm[2]` or `net.inflight`. */
  readonly path: string;
  readonly before: unknown;
  readonly after: unknown;
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

/** The leaves that differ between two states, in field order. */
export function diffValues(before: unknown, after: unknown): Change[] {
  const out: Change[] = [];
  walk('', before, after, out);
  return out;
}

/** A multi-line rendering of a whole state: one `path = value` line per top-level field. */
export function formatState(v: unknown): string {
  if (!isRecord(v)) return formatValue(v);
  return Object.entries(v)
    .map(([k, e]) => `${k} = ${formatValue(e)}`)
    .join('\n');
}
