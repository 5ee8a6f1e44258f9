/**
 * Models from the user's own modules: `interleave check ./my-model.js` and `replay` of a trace it wrote.
 *
 * An argument that names a file (it contains a `/`, or ends in `.js`, `.mjs` or `.cjs`) is imported, and its
 * default export must be a model (`defineModel`, `defineObjectModel`, `actorSystem` or `threads`, from
 * `'interleave'`). The model is checked as it is: it has no parameters (a module that wants them exports a
 * model built for its own defaults). `.ts` modules are not loaded here — Node 20 cannot import TypeScript by
 * itself, and a loader of our own would tie the CLI to one compiler: compile them first, or run the CLI
 * under a TypeScript loader (`node --import tsx dist/cli/main.js check ./model.ts`), which Node then uses.
 * A trace file written from a module records the module's absolute path, so `replay FILE` finds it again.
 *
 * @example
 * ```sh
 * interleave check ./crossing.mjs --trace-out cex.json
 * interleave replay cex.json
 * ```
 *
 * @module
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { clip } from '../model/core/index.js';
import type { AnyModel } from '../model/core/index.js';
import type { Checkable } from '../specs/index.js';
import { UsageError } from './errors.js';

/** Whether a command-line argument names a module file rather than a catalogue id. */
export function isModulePath(arg: string): boolean {
  return arg.includes('/') || /\.(m|c)?[jt]s$/.test(arg);
}

function isModel(x: unknown): x is AnyModel {
  if (typeof x !== 'object' || x === null) return false;
  const m = x as Record<string, unknown>;
  return typeof m['name'] === 'string' && typeof m['initialStates'] === 'function' && typeof m['actions'] === 'function' && typeof m['next'] === 'function';
}

/** A user's module, loaded: what to check, and the absolute path that a trace file records. */
export interface UserModule {
  readonly checkable: Checkable;
  readonly path: string;
}

/** Imports the module at `path` and returns its model as something to check; a {@link UsageError} if it has none. */
export async function loadUserModule(path: string): Promise<UserModule> {
  const abs = resolve(path);
  if (!existsSync(abs)) throw new UsageError(`no module ${clip(path)} (a spec id has no '/'; see interleave list)`);
  let exports: Record<string, unknown>;
  try {
    exports = (await import(pathToFileURL(abs).href)) as Record<string, unknown>;
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    if (err.code === 'ERR_UNKNOWN_FILE_EXTENSION') throw new UsageError(`cannot import ${clip(path)}: Node does not load .ts by itself; compile it to .js, or run interleave under a TypeScript loader`);
    throw new UsageError(`cannot import ${clip(path)}: ${clip(String(err.message).split('\n')[0]!)}`);
  }
  const model = exports['default'];
  if (!isModel(model)) throw new UsageError(`${clip(path)}: its default export is not a model (export default defineModel(...), actorSystem(...) or threads(...))`);
  return {
    path: abs,
    checkable: { id: model.name, description: `the model of ${abs}`, params: [], build: () => model },
  };
}
