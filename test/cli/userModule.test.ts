import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CLI } from '../helpers/cli.js';
import { spawnSync } from 'node:child_process';

const repo = fileURLToPath(new URL('../..', import.meta.url));

/** A folder outside the repository with the package installed by path and a model module in it. */
function project(model: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'il-user-'));
  mkdirSync(join(dir, 'node_modules'));
  symlinkSync(repo, join(dir, 'node_modules', 'interleave'), 'dir');
  writeFileSync(join(dir, 'crossing.mjs'), model);
  return dir;
}

const run = (dir: string, ...args: string[]) => {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};

const crossing = (guard: string) => `
import { always, defineModel, s } from 'interleave';
const Light = s.enum(['red', 'green', 'yellow']);
const State = s.record({ lights: s.array(Light, 2) });
const next = { red: 'green', green: 'yellow', yellow: 'red' };
export default defineModel(State)({
  name: 'crossing',
  initialStates: () => [{ lights: ['red', 'red'] }],
  actions: () => [0, 1],
  next(st, i, out) {
    if (${guard}) return false;
    out.lights.set(i, next[st.lights.get(i)]);
    return true;
  },
  properties: [always('not both green', (st) => !(st.lights.get(0) === 'green' && st.lights.get(1) === 'green'))],
});
`;

describe('a model of your own', () => {
  it('is checked from its module, and its counterexample replays from the trace file alone', () => {
    const dir = project(crossing("st.lights.get(i) === 'red' && st.lights.get(1 - i) === 'yellow'"));
    const c = run(dir, 'check', './crossing.mjs', '--trace-out', 'cex.json');
    expect(c.stderr).toBe('');
    expect(c.stdout).toMatch(/^crossing: violated \(not both green\)\n {2}5 distinct, 5 generated, depth 3,/);
    expect(c.code).toBe(1);
    expect(JSON.parse(readFileSync(join(dir, 'cex.json'), 'utf8'))).toMatchObject({ spec: 'crossing', module: join(dir, 'crossing.mjs') });
    const r = run(repo, 'replay', join(dir, 'cex.json'));
    expect(r.stdout).toBe('crossing: replays (2 steps); not both green violated at step 2\n');
    expect(r.code).toBe(0);
  });

  it('holds when it is right, and says on one line what is wrong with a module that is not a model', () => {
    const dir = project(crossing("st.lights.get(i) === 'red' && st.lights.get(1 - i) !== 'red'"));
    expect(run(dir, 'check', './crossing.mjs')).toMatchObject({ code: 0, stdout: expect.stringMatching(/^crossing: holds\n {2}5 distinct, 7 generated, depth 3,/) });
    writeFileSync(join(dir, 'nothing.mjs'), 'export const x = 1;\n');
    expect(run(dir, 'check', './nothing.mjs')).toMatchObject({ code: 2, stderr: "interleave: error: ./nothing.mjs: its default export is neither a protocol nor a model (export default defineProtocol(...), defineModel(...), actorSystem(...) or threads(...))\n" });
    writeFileSync(join(dir, 'broken.mjs'), 'export default (;\n');
    expect(run(dir, 'check', './broken.mjs')).toMatchObject({ code: 2, stderr: expect.stringMatching(/^interleave: error: cannot import \.\/broken\.mjs: .+\n$/) });
    expect(run(dir, 'check', './crossing.mjs', '--param', 'n=2')).toMatchObject({ code: 2, stderr: "interleave: error: unknown parameter 'n' for crossing (parameters: none)\n" });
    expect(run(dir, 'check', './absent.mjs')).toMatchObject({ code: 2, stderr: expect.stringMatching(/no module \.\/absent\.mjs/) });
  });
});
