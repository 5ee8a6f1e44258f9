#!/usr/bin/env node
/**
 * The `interleave` executable: runs {@link main} with the process's arguments. `interleave help` lists
 * the commands and their flags (`cli/commands/index.ts`); `interleave COMMAND --help` shows one.
 *
 * Errors of usage or input print one line, `interleave: error: ...`, and exit 2. When the reader of the
 * output goes away (`| head`), the process exits at once with 141 and prints nothing.
 *
 * @module
 */
import { exitQuietlyOnBrokenPipe } from './brokenPipe.js';
import { main } from './run.js';

exitQuietlyOnBrokenPipe(process.stdout);
exitQuietlyOnBrokenPipe(process.stderr);
process.exitCode = await main(process.argv.slice(2));
