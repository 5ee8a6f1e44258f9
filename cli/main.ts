#!/usr/bin/env node
/**
 * The `interleave` executable: runs {@link main} with the process's arguments.
 *
 * ```
 * interleave list [--json]
 * interleave check [SPEC] [--param k=v]... [--json] [--msc] [--trace-out FILE] [--max-depth N] [--max-states N] [--continue]
 * interleave replay FILE
 * interleave run PROTOCOL [--param k=v]... [--transport tcp|unix] [--dir DIR] [--duration 10s] [--faults SPEC]
 * interleave validate DIR
 * ```
 *
 * Errors of usage or input print one line, `interleave: error: ...`, and exit 2.
 *
 * @module
 */
import { main } from './run.js';

process.exitCode = await main(process.argv.slice(2));
