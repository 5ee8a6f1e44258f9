/**
 * What a command names: a catalogue id, or the user's own module (`interleave check ./ring.mjs`), with an
 * optional `--variant`.
 *
 * An argument that names a file (it contains a `/`, or ends in `.js`, `.mjs` or `.cjs`) is imported, and its
 * default export must be a `Protocol` (`defineProtocol`, from `'interleave'`: parameters, variants, and a
 * deployment if it runs) or a model (`defineModel`, `defineObjectModel`, `actorSystem` or `threads`). A
 * protocol takes `--param` and `--variant` like a catalogue entry and, with a deployment, runs; a model is
 * checked as it is (it has no parameters). `.ts` modules are not loaded here — Node 20 cannot import
 * TypeScript by itself, and a loader of our own would tie the CLI to one compiler: compile them first, or
 * run the CLI under a TypeScript loader (`node --import tsx dist/cli/main.js check ./model.ts`), which Node
 * then uses. A trace file or a run of a module records the module's absolute path, so `replay FILE` and
 * `validate DIR` find it again.
 *
 * @example
 * ```sh
 * interleave check ./ring.mjs --param n=4 --variant skip-token --trace-out cex.json
 * interleave replay cex.json
 * interleave run ./ring.mjs --param n=3 --dir run && interleave validate run
 * ```
 *
 * @module
 */
import { ProtocolError, clip } from '../model/core/index.js';
import type { AnyModel } from '../model/core/index.js';
import type { Deployment } from '../model/actors/index.js';
import { isProtocol, protocolEntries, variantId } from '../model/protocols/protocol.js';
import type { Protocol, ProtocolEntry } from '../model/protocols/protocol.js';
import { deployments, findProtocol } from '../model/protocols/registry.js';
import { importDefault } from '../impl/node/index.js';
import { findSpec } from '../specs/index.js';
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

/** A user's module, loaded: its protocol or its model, and the absolute path that traces and runs record. */
export type UserModule = { readonly path: string } & ({ readonly protocol: Protocol; readonly model: null } | { readonly protocol: null; readonly model: AnyModel });

/** Imports the module at `path`; a {@link UsageError} if it cannot, or if its default export is neither a protocol nor a model. */
export async function loadUserModule(path: string): Promise<UserModule> {
  let imported;
  try {
    imported = await importDefault(path);
  } catch (e) {
    if (e instanceof ProtocolError) throw new UsageError(e.message);
    throw e;
  }
  const { value } = imported;
  if (isProtocol(value)) return { path: imported.path, protocol: value, model: null };
  if (isModel(value)) return { path: imported.path, protocol: null, model: value };
  throw new UsageError(`${clip(path)}: its default export is neither a protocol nor a model (export default defineProtocol(...), defineModel(...), actorSystem(...) or threads(...))`);
}

/** What a command works on: something to check, where it came from, and its deployment if it runs. */
export interface Target {
  readonly checkable: Checkable;
  /** The module's absolute path, for a user's module. */
  readonly module?: string;
  /** How it runs for real, or null. */
  readonly deployment: Deployment | null;
}

function modelTarget(model: AnyModel, path: string): Target {
  return { checkable: { id: model.name, description: `the model of ${path}`, params: [], build: () => model }, module: path, deployment: null };
}

function entryOf(protocol: Protocol, id: string, where: string): ProtocolEntry {
  const all = protocolEntries(protocol);
  const e = all.find((x) => x.id === id);
  if (!e) throw new UsageError(`${where} has no variant '${clip(id.slice(protocol.id.length + 1))}' (variants: ${protocol.variants.map((v) => v.name).join(', ') || 'none'})`);
  return e;
}

/**
 * The target `arg` names (a catalogue id or a module path), with `variant` (a variant's name, without its
 * protocol's id) if given. Throws a one-line error for an unknown id, module or variant.
 */
export async function resolveTarget(arg: string, variant?: string): Promise<Target> {
  if (isModulePath(arg)) {
    const user = await loadUserModule(arg);
    if (user.model !== null) {
      if (variant !== undefined) throw new UsageError(`--variant: ${clip(arg)} exports a model, which has no variants (export a protocol to have some)`);
      return modelTarget(user.model, user.path);
    }
    const e = entryOf(user.protocol, variantId(user.protocol.id, variant ?? null), clip(arg));
    return { checkable: e, module: user.path, deployment: e.deployment ? { ...e.deployment, module: user.path } : null };
  }
  if (variant !== undefined) {
    const protocol = findProtocol(arg);
    if (!protocol) throw new UsageError(`--variant needs a protocol's id: ${clip(arg)} is ${findSpec(arg).mutantOf !== null ? 'itself a variant' : 'not one'}`);
    entryOf(protocol, variantId(arg, variant), arg);
  }
  const spec = findSpec(variant !== undefined ? variantId(arg, variant) : arg);
  return { checkable: spec, deployment: deployments.find((d) => d.id === spec.id) ?? null };
}

/** The target a trace file names: the catalogue entry `id`, or the variant `id` of the user's module at `module`. */
export async function traceTarget(id: string, module?: string): Promise<Target> {
  if (module === undefined) return { checkable: findSpec(id), deployment: null };
  const user = await loadUserModule(module);
  if (user.model !== null) return modelTarget(user.model, user.path);
  return { checkable: entryOf(user.protocol, id, clip(module)), module: user.path, deployment: null };
}
