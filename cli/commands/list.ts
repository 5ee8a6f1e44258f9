/**
 * `interleave list [--json]`: the catalogue.
 *
 * @module
 */
import { catalogue } from '../../specs/index.js';
import type { Param } from '../../specs/index.js';
import { defineCommand } from '../flags.js';

function paramJson(p: Param): object {
  return p.type === 'int'
    ? { name: p.name, type: p.type, default: p.default, min: p.min, max: p.max, description: p.description }
    : { name: p.name, type: p.type, default: p.default, values: p.values, description: p.description };
}

/** `interleave list`: prints the catalogue. */
export const listCommand = defineCommand({
  name: 'list',
  args: [],
  summary: 'the catalogue of specs and mutants, with expected verdicts',
  flags: { json: { kind: 'boolean', help: 'print the catalogue as JSON: [{ id, description, params, expected, mutantOf }]' } },
  run: ({ values }) => listMain(values.json === true),
});

function listMain(json: boolean): number {
  if (json) {
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
