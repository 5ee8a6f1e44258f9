import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { commands } from '../../cli/commands/index.js';
import { CLIP_LENGTH, clip } from '../../model/core/index.js';
import { CLI, interleave } from '../helpers/cli.js';
import type { CliRun } from '../helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'interleave-papercuts-'));

/** A user error: exit 2, one short line on stderr, no stack trace. */
function oneLineError(r: CliRun, pattern: RegExp): string {
  expect(r.code, r.stderr).toBe(2);
  const lines = r.stderr.trimEnd().split('\n');
  expect(lines, r.stderr).toHaveLength(1);
  expect(lines[0]).toMatch(/^interleave: error: /);
  expect(lines[0]).toMatch(pattern);
  expect(r.stderr).not.toMatch(/\n\s+at /);
  return lines[0]!;
}

/** Words that satisfy a command's required arguments, so that parsing gets as far as the flags. */
const placeholders = (name: string): string[] => {
  const c = commands.find((x) => x.name === name)!;
  return c.args.filter((a) => !a.optional).map(() => (name === 'run' ? 'twophase-log' : 'x'));
};

describe('help', () => {
  it('interleave --help, -h and help print the overview of every command and its flags, exit 0', () => {
    const overview = interleave('help');
    expect(overview.code).toBe(0);
    for (const c of commands) {
      expect(overview.stdout).toContain(`  ${c.name}`);
      for (const [flag, f] of Object.entries(c.flags)) if (flag !== 'help') expect(overview.stdout).toContain(f.help);
    }
    expect(interleave('--help')).toEqual(overview);
    expect(interleave('-h')).toEqual(overview);
    // With no command at all, the overview answers a mistake.
    expect(interleave()).toMatchObject({ code: 2, stdout: overview.stdout });
  });

  it.each(commands.map((c) => c.name))('%s: --help, -h and help COMMAND print its usage with every flag described, exit 0', (name) => {
    const c = commands.find((x) => x.name === name)!;
    const r = interleave(name, '--help');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(new RegExp(`^usage: interleave ${name}\\b`));
    for (const [flag, f] of Object.entries(c.flags)) expect(r.stdout).toMatch(new RegExp(`\\n  (-\\w, )?--${flag}\\b[^\\n]* {2}${f.help.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\n`));
    expect(interleave(name, '-h')).toEqual(r);
    expect(interleave('help', name)).toEqual(r);
    // Help wins over what else is wrong with the line: a missing argument, an unknown option.
    expect(interleave(name, '--bogus', '-h')).toEqual(r);
  });

  it('help for an unknown command is a one-line error naming it', () => {
    oneLineError(interleave('help', 'frobnicate'), /unknown command 'frobnicate' \(commands: list, check, replay, run, validate, log, help, version\)/);
  });

  it("the README's usage block is the overview, as interleave help prints it", () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const m = /<!-- usage: begin[^\n]*-->\n```text\n([\s\S]*?)```\n<!-- usage: end -->/.exec(readme);
    expect(m, 'README.md has no usage block between <!-- usage: begin --> and <!-- usage: end -->').not.toBeNull();
    expect(m![1], 'paste the output of `node dist/cli/main.js help` into the README usage block').toBe(interleave('help').stdout);
  });
});

describe('unknown options and bad values', () => {
  it.each(commands.map((c) => c.name))('%s: an unknown option is one line naming it, exit 2', (name) => {
    oneLineError(interleave(name, ...placeholders(name), '--bogus'), /unknown option '--bogus' for \w+ \(see interleave \w+ --help\)/);
    oneLineError(interleave(name, ...placeholders(name), '-q'), /unknown option '-q'/);
  });

  const intFlags = commands.flatMap((c) => Object.entries(c.flags).filter(([, f]) => f.kind === 'int').map(([flag]) => [c.name, flag] as const));

  it('there are numeric flags to check', () => expect(intFlags.length).toBeGreaterThanOrEqual(5));

  it.each(intFlags)('%s --%s refuses what is not a positive integer, saying so', (name, flag) => {
    for (const bad of ['-5', '0', '1.5', '1e6', 'ten', '99999999999999999999', '']) {
      oneLineError(interleave(name, ...placeholders(name), `--${flag}`, bad), new RegExp(`--${flag} must be a positive integer .*got '${bad.replace('.', '\\.')}'`));
    }
    // The = form too, and a value that looks like an option is still the flag's value.
    oneLineError(interleave(name, ...placeholders(name), `--${flag}=-5`), /must be a positive integer/);
  });

  it('a flag without its value says what it needs', () => {
    oneLineError(interleave('check', 'twophase', '--max-states'), /--max-states needs a value \(--max-states N\)/);
    oneLineError(interleave('check', 'twophase', '--trace-out', '--json'), /--trace-out needs a value/);
    oneLineError(interleave('check', 'twophase', '--json=yes'), /--json takes no value/);
  });

  it('a negative duration and a bad choice say what is expected', () => {
    oneLineError(interleave('run', 'twophase-log', '--duration', '-5s'), /bad --duration '-5s': expected a positive number/);
    oneLineError(interleave('check', 'twophase', '--engine', 'turbo'), /bad value 'turbo' for --engine: expected packed or generic/);
  });

  it('too many arguments', () => oneLineError(interleave('check', 'twophase', 'tcommit'), /check takes at most 1 \(SPEC\); unexpected 'tcommit'/));
});

describe('echoed input is cut short', () => {
  it('clip keeps short input, cuts long input to a prefix with its length, and keeps it on one line', () => {
    expect(clip('rms')).toBe('rms');
    const long = 'x'.repeat(1_000_000);
    expect(clip(long)).toBe(`${'x'.repeat(CLIP_LENGTH)}… (1000000 chars)`);
    expect(clip('a\nb\u0000')).toBe('a\\nb\\u0000');
    // A surrogate pair at the cut stays whole (or goes whole).
    expect(clip(`${'x'.repeat(CLIP_LENGTH - 1)}😀${'y'.repeat(10)}`)).toBe(`${'x'.repeat(CLIP_LENGTH - 1)}… (${CLIP_LENGTH + 11} chars)`);
  });

  it('a 100 KB parameter name, option or spec name is not printed back in full', () => {
    const huge = 'p'.repeat(100_000);
    for (const args of [
      ['check', 'twophase', '--param', `${huge}=3`],
      ['check', 'twophase', '--param', huge],
      ['check', 'twophase', `--${huge}`],
      ['check', huge],
      ['check', 'twophase', '--max-states', huge],
      ['run', 'twophase-log', '--faults', `kill=${huge}@1s`],
    ]) {
      const line = oneLineError(interleave(...args), /… \(\d+ chars\)/);
      // The echo is 60 characters; the rest of the line is the message's own (an unknown spec lists the known ones).
      expect(line, args.join(' ').slice(0, 40)).not.toContain('p'.repeat(CLIP_LENGTH + 1));
      expect(line.length).toBeLessThan(1500);
    }
  });

  it('a newline in an echoed value does not break the one-line rule', () => {
    oneLineError(interleave('check', 'twophase', '--param', 'r\nms=3'), /unknown parameter 'r\\nms'/);
  });

  it("a trace file's 10 MB property name is not printed back in full", () => {
    const file = join(dir, 'huge-claim.json');
    expect(interleave('check', 'twophase-eager-commit', '--trace-out', file).code).toBe(1);
    const tf = JSON.parse(readFileSync(file, 'utf8')) as { property: string; spec: string };
    tf.property = 'P'.repeat(10_000_000);
    writeFileSync(file, JSON.stringify(tf));
    const r = interleave('replay', file);
    expect(r.code).toBe(1);
    expect(r.stdout.length).toBeLessThan(1000);
    expect(r.stdout).toMatch(/the file names P{60}… \(10000000 chars\), which is no property/);
    tf.property = 'TCConsistent';
    tf.spec = 'S'.repeat(10_000_000);
    writeFileSync(file, JSON.stringify(tf));
    expect(oneLineError(interleave('replay', file), /unknown spec 'S{60}… \(10000000 chars\)'/).length).toBeLessThan(2000);
  });
});

describe('a reader that goes away (| head)', () => {
  /** Runs the CLI with its stdout into `reader` in bash; returns the CLI's exit code and both stderrs. */
  const piped = (args: string, reader: string) => {
    const r = spawnSync('bash', ['-c', `"$0" "$1" ${args} | ${reader}; echo "exit \${PIPESTATUS[0]}" >&2`, process.execPath, CLI], { encoding: 'utf8', timeout: 60_000 });
    const code = Number(/exit (\d+)\n$/.exec(r.stderr)?.[1]);
    return { code, stdout: r.stdout, stderr: r.stderr.replace(/exit \d+\n$/, '') };
  };

  it('exits quietly with 141 when the pipe is closed before it writes', () => {
    for (const args of ['list', 'help', 'check twophase-eager-commit', 'check twophase --json']) {
      const r = piped(args, 'true');
      expect(r.stderr, args).toBe('');
      expect(r.code, args).toBe(141);
    }
  });

  it('check ... | head -2 prints two lines and no stack trace', () => {
    const r = piped('check twophase-eager-commit --param rms=4', 'head -2');
    expect(r.stdout.split('\n')).toHaveLength(3);
    expect(r.stderr).toBe('');
    expect([0, 1, 141]).toContain(r.code);
  });
});

describe('run --dir on an unusable path', () => {
  /** Runs with a short timeout: an unusable folder must fail at once, never hang. */
  const run = (d: string, opts: { uid?: number } = {}): CliRun => {
    const r = spawnSync(process.execPath, [CLI, 'run', 'twophase-log', '--param', 'txs=2', '--quiet', '--dir', d], { encoding: 'utf8', timeout: 15_000, ...(opts.uid !== undefined ? { uid: opts.uid, gid: opts.uid } : {}) });
    expect(r.error, 'the command hung').toBeUndefined();
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  };

  it('a file, or a path under a file', () => {
    const file = join(dir, 'a-file');
    writeFileSync(file, 'x');
    oneLineError(run(file), /cannot use .*a-file as the run's folder: .*a-file is a file, not a folder/);
    oneLineError(run(join(file, 'sub', 'dir')), /cannot use .*a-file\/sub\/dir as the run's folder: .*a-file is a file, not a folder/);
  });

  it('/proc/x, where Node\'s recursive mkdir loops forever', () => {
    oneLineError(run('/proc/x'), /cannot use \/proc\/x as the run's folder: mkdir \/proc\/x: ENOENT/);
    oneLineError(run('/proc/x/y/z'), /mkdir \/proc\/x: ENOENT/);
  });

  it('a folder it cannot write in', () => {
    const ro = mkdtempSync(join(tmpdir(), 'interleave-ro-'));
    chmodSync(ro, 0o555);
    // Root writes anywhere: try as nobody, which cannot.
    const as = process.getuid?.() === 0 ? { uid: 65534 } : {};
    oneLineError(run(ro, as), /cannot write in it \(EACCES/);
    oneLineError(run(join(ro, 'run'), as), /mkdir .*\/run: EACCES/);
  });

  it('a folder that already holds a run', () => {
    const used = join(dir, 'used');
    const first = run(used);
    expect(first.code, first.stderr).toBe(0);
    oneLineError(run(used), /already holds a run/);
  }, 60_000);

  it('a bad fault node leaves no run folder behind', () => {
    const d = join(dir, 'never-made');
    oneLineError(interleave('run', 'twophase-log', '--dir', d, '--faults', 'kill=nobody@1s'), /no node 'nobody'/);
    expect(spawnSync('test', ['-e', d]).status).toBe(1);
  });
});

describe('faults that did not happen', () => {
  const summaryOf = (d: string) => JSON.parse(readFileSync(join(d, 'summary.json'), 'utf8')) as { faults: { kills: number; unfired: unknown[] } };

  it('a kill scheduled after the run ended is flagged in summary.json and the printed summary', () => {
    const d = join(dir, 'unfired');
    const r = interleave('run', 'twophase-log', '--param', 'txs=4', '--quiet', '--dir', d, '--faults', 'kill=P1@30s,restart@1s');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/\n {2}not fired {4}kill P1 at 30\.0 s \(the run ended first\)\n/);
    expect(summaryOf(d).faults).toMatchObject({ kills: 0, unfired: [{ kind: 'kill', node: 'P1', at: 30_000, why: 'the run ended first' }] });
  }, 60_000);

  it('a kill past --duration is flagged, and so is a restart that would have brought back a node left down', () => {
    const d = join(dir, 'unfired-duration');
    const r = interleave('run', 'twophase-log', '--param', 'txs=20', '--quiet', '--dir', d, '--duration', '1500ms', '--faults', 'kill=P1@300ms,restart@30s,kill=C@100s');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('  not fired    restart P1 at 30.3 s (the run ended first); kill C at 100.0 s (the run ended first)\n');
    expect(summaryOf(d).faults).toMatchObject({ kills: 1, unfired: [{ kind: 'restart', node: 'P1', at: 30_300 }, { kind: 'kill', node: 'C', at: 100_000 }] });
  }, 60_000);

  it('a run whose faults all happened says nothing of the kind', () => {
    const d = join(dir, 'all-fired');
    const r = interleave('run', 'twophase-log', '--param', 'txs=40', '--quiet', '--dir', d, '--duration', '2s', '--faults', 'kill=P2@300ms,restart@300ms');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).not.toContain('not fired');
    expect(summaryOf(d).faults).toMatchObject({ kills: 1, unfired: [] });
  }, 60_000);
});
