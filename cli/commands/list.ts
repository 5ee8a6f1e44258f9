/**
 * `interleave list [--json]`: the catalogue.
 *
 * @module
 */
import { parseArgs } from 'node:util';
import { catalogue } from '../../specs/index.js';
import type { Param } from '../../specs/index.js';

function paramJson(p: Param): object {
  return p.type === 'int'
    ? { name: p.name, type: p.type, default: p.default, min: p.min, max: p.max, description: p.description }
    : { name: p.name, type: p.type, default: p.default, values: p.values, description: p.description };
}

/** Prints the catalogue; returns the exit code. */
export function listCommand(argv: readonly string[]): number {
  const { values } = parseArgs({ args: [...argv], options: { json: { type: 'boolean' } }, strict: true, allowPositionals: false });
  if (values.json) {
    const rows = catalogue.map((s) => ({ id: s.id, description: s.description, params: s.params.map(paramJson), expected: s.expected, mutantOf: s.mutantOf }));
    process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
    return 0;
  }
  const width = Math.max(...catalogue.map((s) => s.id.length));
  const expWidth = Math.max(...catalogue.map((s) => s.expected.length));
  for (const s of catalogue) {
    const params = s.params.map((p) => `${p.name}=${p.default}`).join(' ');
    process.stdout.write(`${s.id.padEnd(width)}  ${s.expected.padEnd(expWidth)}  ${s.description}${params ? ` [${params}]` : ''}\n`);
  }
  return 0;
}
