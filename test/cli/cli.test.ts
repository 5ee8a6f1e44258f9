import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { catalogue } from '../../specs/index.js';
import { interleave } from '../helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'interleave-cli-'));

/** A user error: exit 2, exactly one line on stderr naming the problem, no stack trace. */
function expectUserError(args: string[], pattern: RegExp): void {
  const r = interleave(...args);
  expect(r.code).toBe(2);
  const lines = r.stderr.trimEnd().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^interleave: error: /);
  expect(lines[0]).toMatch(pattern);
  expect(r.stderr).not.toMatch(/\n\s+at /);
}

describe('interleave check', () => {
  it('reports TLC\'s figures for twophase with 3 RMs as JSON', () => {
    const r = interleave('check', 'twophase', '--param', 'rms=3', '--json');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j).toMatchObject({ spec: 'twophase', params: { rms: 3 }, verdict: 'holds', violations: [] });
    expect(j.stats).toMatchObject({ initial: 1, distinct: 288, generated: 1146, depth: 11 });
    expect(j.witnesses.map((w: { property: string }) => w.property).sort()).toEqual(['AllAborted', 'AllCommitted']);
  });

  it('prints a counterexample as numbered steps with only the changed variables', () => {
    const r = interleave('check', 'twophase-eager-commit', '--param', 'rms=2');
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('twophase-eager-commit rms=2: violated (TCConsistent)');
    expect(r.stdout).toContain('  1. RMPrepare(0)\n       rmState[0]: working -> prepared\n       msgs.prepared: +0\n');
    expect(r.stdout).toContain('  5. RMChooseToAbort(1)\n       rmState[1]: working -> aborted');
  });

  it('writes a trace that replay accepts, and rejects a tampered one at the right step', () => {
    const file = join(dir, 'eager.json');
    expect(interleave('check', 'twophase-eager-commit', '--trace-out', file).code).toBe(1);
    const ok = interleave('replay', file);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toBe('twophase-eager-commit rms=3: replays (5 steps); TCConsistent violated at step 5\n');

    const tf = JSON.parse(readFileSync(file, 'utf8'));
    tf.trace[3].state.tmState = 'aborted';
    const bad = join(dir, 'tampered.json');
    writeFileSync(bad, JSON.stringify(tf));
    const r = interleave('replay', bad);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/does not replay at step 3: TMCommit leads to a different state/);
  });

  it('replays object-tier traces (sets written as arrays)', () => {
    const file = join(dir, 'objects.json');
    expect(interleave('check', 'twophase-objects-eager-commit', '--trace-out', file).code).toBe(1);
    const r = interleave('replay', file);
    expect(r.stdout).toMatch(/replays \(5 steps\); TCConsistent violated at step 5/);
    expect(r.code).toBe(0);
  });

  it('says incomplete, never holds, when a bound stops the search', () => {
    const r = interleave('check', 'twophase', '--max-states', '100', '--json');
    expect(r.code).toBe(3);
    expect(JSON.parse(r.stdout)).toMatchObject({ verdict: 'incomplete', stoppedBy: 'max-states', stats: { distinct: 100 } });
    const d = JSON.parse(interleave('check', 'twophase', '--max-depth', '3', '--json').stdout);
    expect(d).toMatchObject({ verdict: 'incomplete', stoppedBy: 'max-depth', stats: { depth: 3 } });
  });

  it('reports a deadlock as its own verdict', () => {
    const r = interleave('check', 'twophase-lost-commit', '--json');
    const j = JSON.parse(r.stdout);
    expect(j.verdict).toBe('deadlock');
    expect(j.violations[0].property).toBe('deadlock');
    expect(r.code).toBe(1);
  });

  it('checks the whole catalogue and every entry gives its expected verdict', () => {
    const r = interleave('check', '--json', '--quiet');
    expect(r.code).toBe(0);
    const rows = JSON.parse(r.stdout) as { spec: string; ok: boolean; problems: string[] }[];
    expect(rows.map((x) => x.spec)).toEqual(catalogue.map((s) => s.id));
    expect(rows.filter((x) => !x.ok)).toEqual([]);
  }, 300_000);
});

describe('interleave list', () => {
  it('lists the catalogue as JSON with the documented fields', () => {
    const r = interleave('list', '--json');
    expect(r.code).toBe(0);
    const rows = JSON.parse(r.stdout);
    expect(rows.length).toBe(catalogue.length);
    const eager = rows.find((x: { id: string }) => x.id === 'twophase-eager-commit');
    expect(eager).toMatchObject({ expected: 'violated:TCConsistent', mutantOf: 'twophase' });
    expect(eager.params[0]).toMatchObject({ name: 'rms', default: 3 });
    for (const row of rows) {
      expect(Object.keys(row).sort()).toEqual(['description', 'expected', 'id', 'mutantOf', 'params']);
      expect(row.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      if (row.mutantOf) expect(row.id.startsWith(`${row.mutantOf}-`)).toBe(true);
    }
  });
});

describe('bad input', () => {
  it('an unknown spec', () => expectUserError(['check', 'nonesuch'], /unknown spec 'nonesuch' \(protocols: twophase, twophase-objects, tcommit,/));
  it('an unknown parameter', () => expectUserError(['check', 'twophase', '--param', 'rm=3'], /unknown parameter 'rm' for twophase \(parameters: rms\)/));
  it('a value out of range', () => expectUserError(['check', 'twophase', '--param', 'rms=0'], /bad value '0' for parameter rms .* \[1, 16\]/));
  it('a value that is not a number', () => expectUserError(['check', 'twophase', '--param', 'rms=three'], /bad value 'three'/));
  it('a malformed --param', () => expectUserError(['check', 'twophase', '--param', 'rms'], /bad --param 'rms': expected name=value/));
  it('a bad bound', () => expectUserError(['check', 'twophase', '--max-states', '-5'], /--max-states/));
  it('an unknown option', () => expectUserError(['check', 'twophase', '--bogus'], /--bogus/));
  it('an unknown command', () => expectUserError(['frobnicate'], /unknown command 'frobnicate'/));
  it('a missing trace file', () => expectUserError(['replay', join(dir, 'absent.json')], /cannot read .*absent\.json: ENOENT/));
  it('a trace file that is not JSON', () => {
    const f = join(dir, 'notjson.json');
    writeFileSync(f, '{"format": "interleave-trace", ');
    expectUserError(['replay', f], /not JSON/);
  });
  it('a trace file of another format', () => {
    const f = join(dir, 'other.json');
    writeFileSync(f, JSON.stringify({ hello: 1 }));
    expectUserError(['replay', f], /not an interleave trace file/);
  });
  it('a trace file whose steps lack a state', () => {
    const f = join(dir, 'nostate.json');
    writeFileSync(f, JSON.stringify({ format: 'interleave-trace', version: 1, spec: 'twophase', params: {}, trace: [{ action: null }] }));
    expectUserError(['replay', f], /trace step 0 must be an object with "action" and "state"/);
  });
  it('a trace file naming an unknown spec', () => {
    const f = join(dir, 'unknown.json');
    writeFileSync(f, JSON.stringify({ format: 'interleave-trace', version: 1, spec: 'nope', params: {}, trace: [{ action: null, state: {} }] }));
    expectUserError(['replay', f], /unknown spec 'nope'/);
  });
  it('a trace whose state does not fit the schema does not replay, naming the field', () => {
    const f = join(dir, 'badstate.json');
    writeFileSync(f, JSON.stringify({ format: 'interleave-trace', version: 1, spec: 'tcommit', params: { rms: 2 }, trace: [{ action: null, state: { rmState: ['working', 'flying'] } }] }));
    const r = interleave('replay', f);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/step 0: the recorded state is not a state of tcommit: rmState\[1\]: expected one of working, prepared, committed, aborted, got "flying"/);
  });
});

describe('interleave check --msc', () => {
  it('draws the counterexample of an actor system as a Mermaid sequence diagram', () => {
    const r = interleave('check', 'causal-bss-deliver-on-arrival', '--msc');
    expect(r.code).toBe(1);
    const block = r.stdout.slice(r.stdout.indexOf('```mermaid\n'));
    expect(block).toMatch(/^```mermaid\nsequenceDiagram\n  participant n0 as A\n  participant n1 as B\n  participant n2 as C\n/);
    // The classic violation: C answers A's message, and B delivers the answer while A's message to it,
    // causally before, is still in flight (the arrow to B ends the diagram).
    expect(block.indexOf('n0--)n1: m[1,0,0]')).toBeGreaterThan(0);
    expect(block.indexOf('n2->>n1: m[1,0,1]')).toBeGreaterThan(block.indexOf('n0--)n1: m[1,0,0]'));
    expect(block).not.toContain('n0->>n1: m[1,0,0]');
    expect(block.trimEnd().endsWith('```')).toBe(true);
  });

  it('shows multiset changes of a trace as elements added and removed', () => {
    const r = interleave('check', 'causal-bss-deliver-on-arrival');
    expect(r.stdout).toContain('  2. deliver  A -> C : m[1,0,0]\n');
    expect(r.stdout).toContain('       net: -{from: 0, to: 2, msg: {type: Msg, T: [1, 0, 0]}}\n');
  });

  it('refuses --msc without a spec', () => expectUserError(['check', '--msc'], /need a spec/));
});

describe('review fixes: claims, paths and combinations', () => {
  it('a trace file naming a property the spec does not have does not pass replay', () => {
    const file = join(dir, 'claims.json');
    expect(interleave('check', 'twophase-eager-commit', '--trace-out', file).code).toBe(1);
    const tf = JSON.parse(readFileSync(file, 'utf8'));
    tf.property = 'NoSuchProperty';
    writeFileSync(file, JSON.stringify(tf));
    const r = interleave('replay', file);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/names NoSuchProperty, which is no property of this spec \(properties: TCConsistent, AllCommitted, AllAborted, AllDecide\)/);
    tf.property = 'error';
    writeFileSync(file, JSON.stringify(tf));
    expect(interleave('replay', file).stdout).toMatch(/says the model throws in the last state, but it does not/);
    tf.property = 'AllAborted';
    writeFileSync(file, JSON.stringify(tf));
    expect(interleave('replay', file).stdout).toMatch(/says the trace reaches AllAborted, but its last state does not satisfy it/);
  });

  it('accepts a deadlock trace that does end in a deadlock', () => {
    const file = join(dir, 'deadlock.json');
    expect(interleave('check', 'twophase-lost-commit', '--trace-out', file).code).toBe(1);
    const r = interleave('replay', file);
    expect(r.stdout).toMatch(/replays \(7 steps\); the last state is a deadlock/);
    expect(r.code).toBe(0);
  });

  it('refuses an unwritable --trace-out before searching', () => expectUserError(['check', 'twophase', '--trace-out', join(dir, 'no', 'such', 'dir.json')], /cannot write .*dir\.json: ENOENT/));
  it('refuses --json with --msc (the diagram would corrupt the JSON)', () => expectUserError(['check', 'twophase', '--json', '--msc'], /choose one/));
});
