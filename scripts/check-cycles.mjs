#!/usr/bin/env node
// Checks that no module of the project imports itself through others, type-only imports included (they
// still tie the modules' meanings together, and tools that follow them see the circle). Prints each
// circle as a line of files and exits 1 if there is one; CI runs it beside the layer check.
// Usage: node scripts/check-cycles.mjs [REPO_ROOT]
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const root = resolve(process.argv[2] ?? '.');
const folders = ['model', 'checker', 'specs', 'cli', 'impl', 'bench'];
const files = [];
const walk = (dir) => {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path);
    else if (path.endsWith('.ts')) files.push(path);
  }
};
for (const f of folders) walk(join(root, f));

// Static imports and re-exports of relative modules: `import ... from './x.js'`, `export ... from '../y.js'`.
const edges = new Map();
for (const f of files) {
  const text = readFileSync(f, 'utf8');
  const to = [];
  for (const m of text.matchAll(/(?:^|\n)\s*(?:import|export)\s[^;]*?from\s+['"](\.{1,2}\/[^'"]+)['"]/g)) to.push(resolve(dirname(f), m[1].replace(/\.js$/, '.ts')));
  edges.set(f, to.filter((t) => t !== f));
}

// Tarjan's strongly connected components: every component of more than one file is a circle.
let next = 0;
const index = new Map();
const low = new Map();
const stack = [];
const onStack = new Set();
const circles = [];
const visit = (v) => {
  index.set(v, next);
  low.set(v, next++);
  stack.push(v);
  onStack.add(v);
  for (const w of edges.get(v) ?? []) {
    if (!edges.has(w)) continue;
    if (!index.has(w)) {
      visit(w);
      low.set(v, Math.min(low.get(v), low.get(w)));
    } else if (onStack.has(w)) low.set(v, Math.min(low.get(v), index.get(w)));
  }
  if (low.get(v) !== index.get(v)) return;
  const component = [];
  let w;
  do {
    w = stack.pop();
    onStack.delete(w);
    component.push(relative(root, w));
  } while (w !== v);
  if (component.length > 1) circles.push(component.sort());
};
for (const f of files) if (!index.has(f)) visit(f);
for (const c of circles) console.log(`import circle: ${c.join(' <-> ')}`);
process.exit(circles.length > 0 ? 1 : 0);
