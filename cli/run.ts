/**
 * The `interleave` command as a function, so that it can be called in-process.
 *
 * @module
 */
import { findCommand, formatOverview } from './commands/index.js';
import { isUserError } from './errors.js';

/** Runs the CLI with `argv` (without the node and script paths); returns the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  const [command, ...rest] = argv;
  const controller = new AbortController();
  let interrupts = 0;
  const onInt = (): void => {
    if (++interrupts > 1) process.exit(130);
    process.stderr.write('interrupted: finishing the report (Ctrl-C again to quit at once)\n');
    controller.abort();
  };
  process.on('SIGINT', onInt);
  try {
    if (command === undefined || command === '--help' || command === '-h') {
      process.stdout.write(formatOverview());
      // With nothing to do, the overview is an answer to a mistake: exit 2, as for bad usage.
      return command === undefined ? 2 : 0;
    }
    if (command === '--version') return await findCommand('version').main([], controller.signal);
    return await findCommand(command).main(rest, controller.signal);
  } catch (e) {
    if (isUserError(e)) {
      process.stderr.write(`interleave: error: ${oneLine(e.message)}\n`);
      return 2;
    }
    const msg = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
    process.stderr.write(`interleave: internal error: ${oneLine(msg)}${process.env['INTERLEAVE_DEBUG'] ? `\n${(e as Error).stack}` : ' (set INTERLEAVE_DEBUG=1 for the stack)'}\n`);
    return 1;
  } finally {
    process.off('SIGINT', onInt);
  }
}

/** The longest error line printed. */
const MAX_LINE = 4000;

/**
 * The first line of a message, and at most {@link MAX_LINE} characters of it: messages quote their input
 * through `clip`, so this only catches one that forgot to (or an internal error quoting a huge value).
 */
function oneLine(message: string): string {
  const first = message.split('\n')[0]!;
  return first.length > MAX_LINE ? `${first.slice(0, MAX_LINE)}… (${first.length} chars)` : first;
}
