/**
 * A protocol of the user's own, in a folder outside the repository that imports only from 'interleave':
 * checked with its parameters and variants, its counterexample replayed from the trace file alone, and its
 * deployment run as real processes and validated — the commands that end the README's "Writing a model".
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CLI } from '../helpers/cli.js';

const repo = fileURLToPath(new URL('../..', import.meta.url));

/** The echo protocol: a client's ping at A goes to B, which answers; A's client sees the pong. */
const echo = `
import { actorSystem, always, defineActor, defineProtocol, intParam, messages, s, systemForRun } from 'interleave';

const Msg = messages({ Ping: { n: s.int(0, 3) }, Pong: { n: s.int(0, 3) } });

/** The rule where the variants differ: when A tells its client the pong came. */
const rules = {
  correct: { pongNow: false },
  'pong-first': { pongNow: true },
};

function echo(variant, size, capacity, drops) {
  const rule = rules[variant ?? 'correct'];
  const A = defineActor({
    kind: 'client-side', state: s.record({ waiting: s.boolean(), n: s.int(0, 3) }), messages: Msg,
    inputs: ['ping'], observations: ['ponged'],
    initial: () => ({ waiting: false, n: 0 }),
    onInput(st, _input, ctx) {
      if (st.waiting) return false;
      st.waiting = true;
      ctx.send(ctx.topology.group('B')[0], { type: 'Ping', n: st.n });
      if (rule.pongNow) ctx.observe('ponged');
      return true;
    },
    onMessage(st, _from, msg, ctx) {
      if (msg.type !== 'Pong' || !st.waiting || msg.n !== st.n) return;
      st.waiting = false;
      st.n = (st.n + 1) % size;
      if (!rule.pongNow) ctx.observe('ponged');
    },
  });
  const B = defineActor({
    kind: 'server-side', state: s.record({}), messages: Msg, observations: ['pinged'], initial: () => ({}),
    onMessage(_st, from, msg, ctx) {
      if (msg.type !== 'Ping') return;
      ctx.observe('pinged');
      ctx.send(from, { type: 'Pong', n: msg.n });
    },
  });
  return actorSystem({
    name: variant ? 'echo-' + variant : 'echo',
    roles: { A: { actor: A, count: 1 }, B: { actor: B, count: 1 } },
    network: { kind: 'unordered', lossy: drops > 0, capacity },
    faults: { drops },
    properties: [always('pongAfterPing', (st) => !st.nodes.A.get(0).seen.has('ponged') || st.nodes.B.get(0).seen.has('pinged'))],
  });
}

export default defineProtocol({
  id: 'echo',
  description: 'a ping answered by a pong',
  params: [intParam('size', 'ping numbers', 2, 1, 4)],
  variants: [{ name: 'pong-first', description: 'echo whose client side reports the pong before it comes' }],
  build: (p, variant) => echo(variant, p.size, 2, 0),
  deployment: {
    params: [intParam('pings', 'pings in the run', 5, 1, 1000)],
    system: (p, budget, variant) => systemForRun(echo(variant, 4, Math.max(2, budget.inFlight), budget.drops), budget),
    timeouts: () => ({}),
    workload: (p) => {
      let next = 0;
      let open = false;
      return {
        operations: p.pings,
        concurrency: 1,
        start: (max) => (open || max < 1 || next >= p.pings ? [] : ((open = true), [{ node: 0, input: 'ping', op: next++ }])),
        react: (node, e) => (node === 0 && e.kind === 'observe' && e.observation === 'ponged' ? ((open = false), { completes: [{ op: next - 1, outcome: 'ponged' }] }) : {}),
        refused: () => ({}),
      };
    },
  },
});
`;

function project(): string {
  const dir = mkdtempSync(join(tmpdir(), 'il-proto-'));
  mkdirSync(join(dir, 'node_modules'));
  symlinkSync(repo, join(dir, 'node_modules', 'interleave'), 'dir');
  writeFileSync(join(dir, 'echo.mjs'), echo);
  return dir;
}

const cli = (cwd: string, ...args: string[]) => {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', timeout: 90_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};

describe('a protocol of your own', () => {
  it('is checked with --param and --variant, and its counterexample replays from the trace file alone', () => {
    const dir = project();
    const ok = cli(dir, 'check', './echo.mjs', '--param', 'size=3');
    expect(ok.stderr).toBe('');
    expect(ok.stdout).toMatch(/^echo size=3: holds\n/);
    expect(ok.code).toBe(0);

    const bad = cli(dir, 'check', './echo.mjs', '--variant', 'pong-first', '--trace-out', 'cex.json');
    expect(bad.stdout).toMatch(/^echo-pong-first size=2: violated \(pongAfterPing\)\n/);
    expect(bad.code).toBe(1);
    expect(JSON.parse(readFileSync(join(dir, 'cex.json'), 'utf8'))).toMatchObject({ spec: 'echo-pong-first', params: { size: 2 }, module: join(dir, 'echo.mjs') });
    const replayed = cli(repo, 'replay', join(dir, 'cex.json'));
    expect(replayed.stdout).toMatch(/^echo-pong-first size=2: replays \(1 steps\); pongAfterPing violated at step 1\n$/);
    expect(replayed.code).toBe(0);

    expect(cli(dir, 'check', './echo.mjs', '--variant', 'nope')).toMatchObject({ code: 2, stderr: "interleave: error: ./echo.mjs has no variant 'nope' (variants: pong-first)\n" });
    expect(cli(repo, 'check', 'lamport-mutex', '--variant', 'nope')).toMatchObject({ code: 2, stderr: "interleave: error: lamport-mutex has no variant 'nope' (variants: no-acks, release-to-waiting)\n" });
    expect(cli(repo, 'check', 'lamport-mutex', '--variant', 'no-acks')).toMatchObject({ code: 1, stdout: expect.stringMatching(/^lamport-mutex-no-acks n=3 maxClock=7: violated \(mutualExclusion\)\n/) });
    expect(cli(dir, 'check', './echo.mjs', '--param', 'size=9')).toMatchObject({ code: 2, stderr: "interleave: error: bad value '9' for parameter size of echo: expected an integer in [1, 4]\n" });
  });

  it('runs as real processes, and the run validates against the module it came from', () => {
    const dir = project();
    const run = cli(dir, 'run', './echo.mjs', '--param', 'pings=5', '--transport', 'unix', '--dir', 'run', '--quiet');
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(/operations {3}5 done of 5 begun/);
    expect(run.code).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, 'run', 'run.json'), 'utf8'))).toMatchObject({ protocol: 'echo', module: join(dir, 'echo.mjs') });
    const v = cli(repo, 'validate', join(dir, 'run'));
    expect(v.stdout).toMatch(/^echo \(pings=5\): conforms\n/);
    expect(v.code).toBe(0);
  }, 60_000);
});
