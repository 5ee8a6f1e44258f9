/**
 * Where the runtime reports what happened on its links: an injected logger of one-line messages.
 *
 * Connections closed for malformed input, links lost and re-established, frames dropped by a full queue:
 * each is one line, so that a node's log can be grepped and a test can assert on it. The transport never
 * writes to the console itself; tests pass a {@link memoryLogger} and read its lines.
 *
 * @module
 */

/** Receives one-line messages: `info` for the normal life of links, `warn` for rejected input and losses. */
export interface Logger {
  /** A normal event (a link established, a peer connected). */
  info(line: string): void;
  /** Something was rejected or lost (a malformed frame, a dropped connection, a full queue). */
  warn(line: string): void;
}

/** Replaces line breaks and other control characters so that a message stays on one line. */
export function oneLine(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim();
}

/** A logger that writes `info` lines to stdout and `warn` lines to stderr, each prefixed by its level. */
export const consoleLogger: Logger = {
  info: (line) => process.stdout.write(`info ${oneLine(line)}\n`),
  warn: (line) => process.stderr.write(`warn ${oneLine(line)}\n`),
};

/** A logger that keeps its lines (`'info: …'`, `'warn: …'`) in memory, for tests. */
export function memoryLogger(): Logger & { readonly lines: string[] } {
  const lines: string[] = [];
  return {
    lines,
    info: (line) => lines.push(`info: ${oneLine(line)}`),
    warn: (line) => lines.push(`warn: ${oneLine(line)}`),
  };
}

/** A logger that discards everything. */
export const silentLogger: Logger = { info: () => {}, warn: () => {} };
