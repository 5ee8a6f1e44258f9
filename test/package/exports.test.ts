import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const tsc = join(repo, 'node_modules', 'typescript', 'bin', 'tsc');

/** A scratch project outside the repository that depends on the package by path (node_modules/interleave → the repo). */
function scratchProject(): string {
  const dir = mkdtempSync(join(tmpdir(), 'il-consumer-'));
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module', dependencies: { interleave: `file:${repo}` } }));
  mkdirSync(join(dir, 'node_modules'));
  symlinkSync(repo, join(dir, 'node_modules', 'interleave'), 'dir');
  return dir;
}

const model = `
import { actorSystem, always, checkSync, defineActor, defineModel, messages, s } from 'interleave';

const State = s.record({ n: s.int(0, 3) });
const counter = defineModel(State)({
  name: 'counter',
  initialStates: () => [{ n: 0 }],
  actions: () => ['inc'],
  next: (st, _a, out) => (st.n < 3 ? ((out.n = st.n + 1), true) : false),
  properties: [always('small', (st) => st.n <= 2)],
});

const Msg = messages({ Ping: {} });
const pinger = defineActor({ kind: 'pinger', state: s.record({}), messages: Msg, initial: () => ({}), onStart: (_st, ctx) => ctx.send(1, { type: 'Ping' }), onMessage() {} });
const ponger = defineActor({ kind: 'ponger', state: s.record({ got: s.boolean() }), messages: Msg, initial: () => ({ got: false }), onMessage: (st) => { st.got = true; } });
const ping = actorSystem({ name: 'ping', roles: { A: { actor: pinger, count: 1 }, B: { actor: ponger, count: 1 } }, network: { kind: 'unordered', lossy: true, capacity: 1 }, faults: { drops: 1 } });

const a = checkSync(counter);
const b = checkSync(ping);
console.log(JSON.stringify({ counter: [a.verdict, a.violations[0]?.property, a.stats.distinct], ping: [b.verdict, b.stats.distinct] }));
`;

describe('the package, used from another project', () => {
  it("imports models, actor systems and the checker from 'interleave', and nothing internal", () => {
    const dir = scratchProject();
    writeFileSync(join(dir, 'check.mjs'), model);
    const r = spawnSync(process.execPath, ['check.mjs'], { cwd: dir, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toEqual({ counter: ['violated', 'small', 4], ping: ['holds', 3] });
    // The package's files are not its API: a deep import is refused by the exports map.
    writeFileSync(join(dir, 'deep.mjs'), "import { fp } from 'interleave/checker/index.js';\nconsole.log(typeof fp);\n");
    const deep = spawnSync(process.execPath, ['deep.mjs'], { cwd: dir, encoding: 'utf8' });
    expect(deep.status).not.toBe(0);
    expect(deep.stderr).toMatch(/ERR_PACKAGE_PATH_NOT_EXPORTED/);
  });

  it('type-checks a TypeScript consumer against the published declarations', () => {
    const dir = scratchProject();
    writeFileSync(join(dir, 'check.ts'), model);
    writeFileSync(
      join(dir, 'tsconfig.json'),
      JSON.stringify({ compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, noEmit: true, skipLibCheck: true, types: [] }, files: ['check.ts'] }),
    );
    const r = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.json'], { cwd: dir, encoding: 'utf8' });
    expect(r.stdout + r.stderr).toBe('');
    expect(r.status).toBe(0);
  });
});
