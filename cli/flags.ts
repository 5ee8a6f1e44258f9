/**
 * Commands and their flags as data: each command declares its arguments and flags once, with a one-line
 * description of each, and its parsing, its `--help` text and the README's usage block all come from that
 * declaration (`cli/commands/index.ts` holds the table of commands).
 *
 * Parsing is strict: an unknown option, a value missing or given to a switch, or a bad number is a
 * {@link UsageError} that names the option (its echoed input cut by {@link clip}). A string flag takes the
 * next word as its value even when it begins with a single `-`, so `--max-states -5` is read as the value
 * `-5` and refused as not a positive integer (node:util's parseArgs would call it "ambiguous"); a word
 * beginning with `--` is always an option. `--` ends the options. `-h` and `--help` anywhere before `--`
 * ask for the command's usage, whatever else is wrong with the line.
 *
 * @example
 * ```ts
 * const check = defineCommand({
 *   name: 'check', args: [{ name: 'SPEC', optional: true }], summary: 'check one spec',
 *   flags: { 'max-states': { kind: 'int', value: 'N', help: 'stop after N distinct states' } },
 *   run: ({ values, args }) => ((values['max-states'] ?? Infinity) > 10 && args.length === 1 ? 0 : 1),   // a number, not a string
 * });
 * await check.main(['twophase', '--max-states', '100'], signal);
 * ```
 *
 * @module
 */
import { clip } from '../model/core/index.js';
import { UsageError } from './errors.js';

interface FlagBase {
  /** What the flag does, in one line (the `--help` text). */
  readonly help: string;
  /** A one-letter alias, `-x`. */
  readonly short?: string;
}

/** A switch: `--json`. */
export interface BooleanFlag extends FlagBase {
  readonly kind: 'boolean';
}

/** A flag with a value: `--dir DIR` or `--dir=DIR`; `list` may be repeated, `int` is a positive integer. */
export interface ValueFlag extends FlagBase {
  readonly kind: 'string' | 'list' | 'int';
  /** The value's placeholder in the usage: `N`, `FILE`, `NAME=VALUE`. */
  readonly value: string;
  /** The only values allowed, if the flag is a choice (shown in the usage as `a|b`). */
  readonly choices?: readonly string[];
}

/** One flag of a command. */
export type Flag = BooleanFlag | ValueFlag;

/** A command's flags by name (without the leading `--`). */
export type Flags = Readonly<Record<string, Flag>>;

/** The parsed value of a flag: true for a switch, every value of a list, a number, or one of the choices. */
export type FlagValue<G extends Flag> = G extends BooleanFlag
  ? boolean
  : G extends { readonly kind: 'list' }
    ? string[]
    : G extends { readonly kind: 'int' }
      ? number
      : G extends { readonly choices: readonly (infer C)[] }
        ? C
        : string;

/** The parsed flags of a command; a flag that was not given is absent. */
export type FlagValues<F extends Flags> = { -readonly [K in keyof F]?: FlagValue<F[K]> };

/** A positional argument. */
export interface Arg {
  /** Its name in the usage: `SPEC`, `FILE`. */
  readonly name: string;
  readonly optional?: boolean;
}

/** What a command's `run` is given. */
export interface Invocation<F extends Flags> {
  readonly values: FlagValues<F>;
  /** The positional arguments, as many as the command declares (the optional ones may be missing). */
  readonly args: readonly string[];
  /** Aborted on Ctrl-C: a long command stops and still reports. */
  readonly signal: AbortSignal;
}

/** A command as declared: its usage and what it does. */
export interface CommandDef<F extends Flags> {
  readonly name: string;
  readonly args: readonly Arg[];
  /** What the command does, in one line. */
  readonly summary: string;
  readonly flags: F;
  /** The exit codes, in one line, for `--help`. */
  readonly exits?: string;
  /** Runs the command; returns its exit code. */
  readonly run: (inv: Invocation<F>) => number | Promise<number>;
}

/** A command of the table, its flag types erased. */
export interface Command {
  readonly name: string;
  readonly args: readonly Arg[];
  readonly summary: string;
  /** The declared flags and `--help`, which every command has. */
  readonly flags: Flags;
  readonly exits?: string;
  /** Parses `argv` (what follows the command's name) and runs the command, or prints its usage for `--help`. */
  main(argv: readonly string[], signal: AbortSignal): Promise<number>;
}

/** The flag every command has. */
export const HELP_FLAG: BooleanFlag = { kind: 'boolean', short: 'h', help: 'print this usage and exit' };

/** The result of {@link parseCommandLine}. */
export interface Parsed {
  readonly values: Record<string, boolean | number | string | string[]>;
  readonly args: readonly string[];
  /** `-h` or `--help` was given. */
  readonly help: boolean;
}

const MAX_INT = Number.MAX_SAFE_INTEGER;

/** The value of an `int` flag, or why it is not a positive integer. */
function positiveInt(option: string, raw: string): number {
  if (!/^\d+$/.test(raw) || Number(raw) < 1 || Number(raw) > MAX_INT) {
    throw new UsageError(`${option} must be a positive integer (at most ${MAX_INT}), got '${clip(raw)}'`);
  }
  return Number(raw);
}

/** `interleave NAME ARGS [options]`: the synopsis of a command. */
export function synopsis(c: Pick<Command, 'name' | 'args' | 'flags'>): string {
  const args = c.args.map((a) => (a.optional ? `[${a.name}]` : a.name));
  const own = Object.entries(c.flags).filter(([name]) => name !== 'help');
  // A command with one or two flags shows them; more would make the synopsis a second copy of the list.
  const opts = own.length === 0 ? [] : own.length <= 2 ? own.map(([name, f]) => `[${flagSyntax(name, f)}]`) : ['[options]'];
  return [c.name, ...args, ...opts].join(' ');
}

/** `--name VALUE` (or `-h, --help`) as the usage shows a flag. */
export function flagSyntax(name: string, f: Flag): string {
  const long = `--${name}`;
  const value = f.kind === 'boolean' ? '' : ` ${f.choices ? f.choices.join('|') : f.value}`;
  return `${f.short ? `-${f.short}, ` : ''}${long}${value}`;
}

/**
 * Parses a command's words against its declaration. Throws a {@link UsageError} for an unknown option,
 * a missing or unexpected value, a bad number or choice, or a wrong number of arguments — unless help
 * was asked for, which wins.
 */
export function parseCommandLine(c: Pick<Command, 'name' | 'args' | 'flags'>, argv: readonly string[]): Parsed {
  const values: Record<string, boolean | number | string | string[]> = {};
  const args: string[] = [];
  let help = false;
  let problem: UsageError | null = null;
  const fail = (message: string) => {
    problem ??= new UsageError(message);
  };
  const see = `see interleave ${c.name} --help`;
  const byShort = new Map(Object.entries(c.flags).flatMap(([name, f]) => (f.short ? [[f.short, name] as const] : [])));
  for (let i = 0; i < argv.length; i++) {
    const word = argv[i]!;
    if (word === '--') {
      args.push(...argv.slice(i + 1));
      break;
    }
    let name: string;
    let inline: string | undefined;
    if (word.startsWith('--')) {
      const eq = word.indexOf('=');
      name = eq < 0 ? word.slice(2) : word.slice(2, eq);
      inline = eq < 0 ? undefined : word.slice(eq + 1);
    } else if (word.startsWith('-') && word.length > 1) {
      const long = byShort.get(word.slice(1));
      if (long === undefined) {
        fail(`unknown option '${clip(word)}' for ${c.name} (${see})`);
        continue;
      }
      name = long;
    } else {
      args.push(word);
      continue;
    }
    const flag = Object.hasOwn(c.flags, name) ? c.flags[name] : undefined;
    const option = `--${clip(name)}`;
    if (flag === undefined) {
      fail(`unknown option '${option}' for ${c.name} (${see})`);
      continue;
    }
    if (flag.kind === 'boolean') {
      if (inline !== undefined) fail(`${option} takes no value`);
      else if (name === 'help') help = true;
      else values[name] = true;
      continue;
    }
    let raw = inline;
    if (raw === undefined) {
      const next = argv[i + 1];
      if (next === undefined || next.startsWith('--')) {
        fail(`${option} needs a value (${flagSyntax(name, flag)})`);
        continue;
      }
      raw = next;
      i++;
    }
    try {
      if (flag.choices && !flag.choices.includes(raw)) throw new UsageError(`bad value '${clip(raw)}' for ${option}: expected ${flag.choices.join(' or ')}`);
      if (flag.kind === 'list') values[name] = [...((values[name] as string[] | undefined) ?? []), raw];
      else values[name] = flag.kind === 'int' ? positiveInt(option, raw) : raw;
    } catch (e) {
      if (!(e instanceof UsageError)) throw e;
      fail(e.message);
    }
  }
  if (help) return { values, args, help };
  if (problem) throw problem;
  const required = c.args.filter((a) => !a.optional).length;
  if (args.length < required) throw new UsageError(`usage: interleave ${synopsis(c)} (${see})`);
  if (args.length > c.args.length) {
    const extra = args.slice(c.args.length).map((a) => `'${clip(a)}'`);
    throw new UsageError(`${c.name} takes ${c.args.length === 0 ? 'no arguments' : `at most ${c.args.length} (${c.args.map((a) => a.name).join(' ')})`}; unexpected ${extra.slice(0, 3).join(' ')}${extra.length > 3 ? ` and ${extra.length - 3} more` : ''}`);
  }
  return { values, args, help };
}

/** The usage of one command: synopsis, summary, every flag with its description, exit codes. */
export function formatCommandUsage(c: Command): string {
  const rows = Object.entries(c.flags).map(([name, f]) => [flagSyntax(name, f), f.help] as const);
  const width = Math.max(...rows.map(([s]) => s.length));
  const lines = [`usage: interleave ${synopsis(c)}`, '', c.summary, '', 'options:', ...rows.map(([s, h]) => `  ${s.padEnd(width)}  ${h}`)];
  if (c.exits) lines.push('', `exit codes: ${c.exits}`);
  return `${lines.join('\n')}\n`;
}

/** Declares a command: its flags typed for its `run`, `--help` added. */
export function defineCommand<F extends Flags>(def: CommandDef<F>): Command {
  const flags: Flags = { ...def.flags, help: HELP_FLAG };
  const command: Command = {
    name: def.name,
    args: def.args,
    summary: def.summary,
    flags,
    ...(def.exits !== undefined ? { exits: def.exits } : {}),
    async main(argv, signal) {
      const parsed = parseCommandLine(command, argv);
      if (parsed.help) {
        process.stdout.write(formatCommandUsage(command));
        return 0;
      }
      // The parser produced exactly the value types FlagValues<F> names, flag by flag.
      return def.run({ values: parsed.values as FlagValues<F>, args: parsed.args, signal });
    },
  };
  return command;
}
