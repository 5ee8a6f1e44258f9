/**
 * Errors the CLI turns into a one-line message and exit code 2: bad usage, unknown spec or parameter,
 * malformed input files.
 *
 * @module
 */
import { ProtocolError, SchemaError } from '../model/core/index.js';
import { TraceFileError } from '../checker/index.js';

/** A mistake in how the command was called. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** Whether `e` is a user's mistake (exit 2, one line) rather than a bug. */
export function isUserError(e: unknown): e is Error {
  if (e instanceof UsageError || e instanceof ProtocolError || e instanceof TraceFileError || e instanceof SchemaError) return true;
  // node:util parseArgs reports unknown or malformed options with these codes.
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS');
}
