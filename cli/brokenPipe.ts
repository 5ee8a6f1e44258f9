/**
 * What the CLI does when the reader of its output goes away (`interleave check | head -2`): it stops at
 * once, silently, with exit code {@link EXIT_BROKEN_PIPE}. Node ignores SIGPIPE, so a write to a closed
 * pipe fails with EPIPE, and an unhandled stream error would print a stack trace.
 *
 * @module
 */

/**
 * The exit code after a broken pipe: 128 + SIGPIPE (13), what a shell reports for a program the signal
 * killed, as `yes | head -1` would. A reader that stopped reading has what it wanted, but the command's
 * own verdict (holds, violated) was never printed in full, so 0 would claim too much.
 */
export const EXIT_BROKEN_PIPE = 141;

/** Makes EPIPE on `stream` end the process quietly with {@link EXIT_BROKEN_PIPE}; other errors still throw. */
export function exitQuietlyOnBrokenPipe(stream: NodeJS.WriteStream): void {
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(EXIT_BROKEN_PIPE);
    throw e;
  });
}
