/**
 * Protocols from a user's own module: importing the module a command line or a run names, and finding a
 * deployment by id in it or in the registry.
 *
 * A run of a user's protocol records the module's absolute path (in `run.json` and in every trace header),
 * so that the node processes, `validate` and `log` find the same handlers the run used.
 *
 * @example
 * ```ts
 * const d = await resolveDeployment('my-ring', '/home/me/ring.mjs');
 * const same = await resolveDeployment('twophase-log');   // the registry's
 * ```
 *
 * @module
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ProtocolError, clip } from '../../model/core/index.js';
import type { Deployment } from '../../model/actors/index.js';
import { isProtocol, protocolEntries } from '../../model/protocols/protocol.js';
import { findDeployment } from '../../model/protocols/registry.js';

/** A module, imported: its absolute path and its default export. */
export interface ImportedModule {
  readonly path: string;
  readonly value: unknown;
}

/** Imports the module at `path` (relative to the working folder); a one-line {@link ProtocolError} if it cannot. */
export async function importDefault(path: string): Promise<ImportedModule> {
  const abs = resolve(path);
  if (!existsSync(abs)) throw new ProtocolError(`no module ${clip(path)} (a spec id has no '/'; see interleave list)`);
  try {
    const exports = (await import(pathToFileURL(abs).href)) as Record<string, unknown>;
    return { path: abs, value: exports['default'] };
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    if (err.code === 'ERR_UNKNOWN_FILE_EXTENSION') throw new ProtocolError(`cannot import ${clip(path)}: Node does not load .ts by itself; compile it to .js, or run interleave under a TypeScript loader`);
    throw new ProtocolError(`cannot import ${clip(path)}: ${clip(String(err.message).split('\n')[0]!)}`);
  }
}

/**
 * The deployment `id`: from the protocol the module at `module` exports by default, or, without a module,
 * from the registry. Throws {@link ProtocolError} if there is none.
 */
export async function resolveDeployment(id: string, module?: string): Promise<Deployment> {
  if (module === undefined) return findDeployment(id);
  const { path, value } = await importDefault(module);
  if (!isProtocol(value)) throw new ProtocolError(`${clip(module)}: its default export is not a protocol, so it has no deployment to run`);
  const runnable = protocolEntries(value).flatMap((e) => (e.deployment ? [e.deployment] : []));
  const d = runnable.find((x) => x.id === id);
  if (!d) throw new ProtocolError(`${clip(module)} has no runnable variant '${clip(id)}' (runnable: ${runnable.map((x) => x.id).join(', ') || 'none: the protocol has no deployment'})`);
  return { ...d, module: path };
}
