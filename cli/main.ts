#!/usr/bin/env node
/**
 * The `interleave` executable: runs {@link main} with the process's arguments.
 *
 * ```
 * interleave list [--json]
 * interleave check [SPEC] [--param k=v]... [--json] [--trace-out FILE] [--max-depth N] [--max-states N] [--continue]
 * interleave replay FILE
 * ```
 *
 * Errors of usage or input print one line, `interleave: error: ...`, and exit 2.
 *
 * @module
 */
import { main } from './run.js';

process.exitCode = await main(process.argv.slice(2));
