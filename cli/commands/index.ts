/**
 * The table of commands. Each command declares its arguments and flags in its own module
 * (`defineCommand`); this list is the CLI: `main` dispatches on it, and `interleave help` (and so the
 * README's usage block, which a test keeps equal to it) is printed from it. Adding a command is one entry
 * here; adding a flag is one entry in its command's flags.
 *
 * @module
 */
import { readFileSync } from 'node:fs';
import { clip } from '../../model/core/index.js';
import { UsageError } from '../errors.js';
import { defineCommand, flagSyntax, formatCommandUsage, synopsis } from '../flags.js';
import type { Command } from '../flags.js';
import { checkCommand } from './check.js';
import { listCommand } from './list.js';
import { logCommand } from './log.js';
import { replayCommand } from './replay.js';
import { runCommand } from './runCluster.js';
import { validateCommand } from './validate.js';

const helpCommand = defineCommand({
  name: 'help',
  args: [{ name: 'COMMAND', optional: true }],
  summary: 'this overview, or the usage of one command',
  flags: {},
  run: ({ args }) => {
    const name = args[0];
    process.stdout.write(name === undefined ? formatOverview() : formatCommandUsage(findCommand(name)));
    return 0;
  },
});

const versionCommand = defineCommand({
  name: 'version',
  args: [],
  summary: 'the version',
  flags: {},
  run: () => {
    const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string };
    process.stdout.write(`${pkg.version}\n`);
    return 0;
  },
});

/** Every command of `interleave`, in the order the overview lists them. */
export const commands: readonly Command[] = [listCommand, checkCommand, replayCommand, runCommand, validateCommand, logCommand, helpCommand, versionCommand];

/** The command called `name`; a {@link UsageError} naming the known ones if there is none. */
export function findCommand(name: string): Command {
  const c = commands.find((x) => x.name === name);
  if (!c) throw new UsageError(`unknown command '${clip(name)}' (commands: ${commands.map((x) => x.name).join(', ')})`);
  return c;
}

/** `interleave help`: every command with its flags, one line each (the README's usage block). */
export function formatOverview(): string {
  const rows: [string, string][] = [];
  for (const c of commands) {
    rows.push([`  ${synopsis(c)}`, c.summary]);
    for (const [name, f] of Object.entries(c.flags)) if (name !== 'help') rows.push([`      ${flagSyntax(name, f)}`, f.help]);
  }
  const width = Math.max(...rows.map(([s]) => s.length));
  return [
    'usage: interleave <command> [options]',
    '',
    'commands:',
    ...rows.map(([s, h]) => `${s.padEnd(width)}  ${h}`),
    '',
    "'interleave help COMMAND' or 'interleave COMMAND --help' shows one command's usage and exit codes.",
    "Bad usage or input prints one line, 'interleave: error: ...', and exits 2.",
    '',
  ].join('\n');
}
