/**
 * The front door of a protocol: one object that says everything about it — its id and description, its
 * parameters, its variants (the correct protocol and each mutant), how to build the instance the checker
 * explores, and, if it runs for real, its deployment.
 *
 * Every folder `model/protocols/<name>/` exports one {@link Protocol} from its `index.ts`; the registry
 * (`registry.ts`) lists them, the catalogue in `specs/` adds what each variant must give, and the CLI
 * checks, replays and runs a variant by its id: `<protocol-id>` for the correct one, `<protocol-id>-<name>`
 * for a variant ({@link variantId} is the one place that spells it). A user's module whose default export
 * is a `Protocol` is checked and run the same way.
 *
 * A variant's behaviour is chosen once, when `build` (or the deployment's `system`) constructs the actors:
 * a mutant is a handler override in the folder's `mutants.ts`, never a branch in the correct handler.
 *
 * @example
 * ```ts
 * export const lamportMutexProtocol = defineProtocol({
 *   id: 'lamport-mutex',
 *   description: "Lamport's mutual exclusion over FIFO links",
 *   params: [intParam('n', 'processes', 3, 1, 4)],
 *   variants: [{ name: 'no-acks', description: 'enters without waiting for every acknowledgement' }],
 *   build: (p, variant) => lamportMutex({ ...ints(p, 'n'), variant }),
 * });
 * protocolEntries(lamportMutexProtocol).map((e) => e.id);   // ['lamport-mutex', 'lamport-mutex-no-acks']
 * ```
 *
 * @module
 */
import { ProtocolError, clip } from '../core/index.js';
import type { AnyModel, IntParam, Param, Params } from '../core/index.js';
import type { ActorSystem, Deployment, DeploymentParams, Roles, RunBudget, Workload } from '../actors/index.js';

/** A variant of a protocol besides the correct one. */
export interface Variant<V extends string = string> {
  /** Kebab-case; the variant's id is the protocol's id, a dash, and this name. */
  readonly name: V;
  readonly description: string;
  /**
   * Whether the variant is deliberately broken (a mutant: its `build` installs a faulty handler) or the
   * correct protocol under other defaults, such as a ring whose fault budget loses the token.
   * @defaultValue true
   */
  readonly mutant?: boolean;
  /** Defaults of the variant's instance that differ from the protocol's. */
  readonly defaults?: Params;
}

/** How a protocol runs for real: what `interleave run` starts and `validate` checks a run against. */
export interface ProtocolDeployment<V extends string = string> {
  /** Its parameters: the instance's and the run's (workload, timeouts); integers only. */
  readonly params: readonly IntParam[];
  /**
   * The system of an instance of `variant` (null: the correct one). Its roles are the nodes started; with
   * the `budget` of a recorded run it is the model the run is validated against.
   */
  system(params: DeploymentParams, budget: RunBudget, variant: V | null): ActorSystem<Roles>;
  /** How long each timer runs, in milliseconds, by timer name. */
  timeouts(params: DeploymentParams): Readonly<Record<string, number>>;
  /** A fresh client for one run; `seed` drives its random choices. */
  workload(params: DeploymentParams, seed: number): Workload;
}

/** A protocol: everything the checker, the runtime and the catalogue need to know about it. */
export interface Protocol<V extends string = string> {
  /** Kebab-case id: the correct variant's id, and the prefix of every other variant's. */
  readonly id: string;
  readonly description: string;
  /** The parameters of the checking instance. */
  readonly params: readonly Param[];
  /** The variants besides the correct one, in the order the catalogue lists them. */
  readonly variants: readonly Variant<V>[];
  /** Builds the checking instance of `variant` (null: the correct one), with its properties, for resolved parameters. */
  build(params: Params, variant: V | null): AnyModel;
  /** How it runs for real, if it does; every mutant variant runs too. */
  readonly deployment?: ProtocolDeployment<V>;
}

/** Declares a protocol; the identity, there to infer the variant names `V` for `build` and `system`. */
export function defineProtocol<const V extends string = never>(protocol: Protocol<V>): Protocol<V> {
  return protocol;
}

/** The id of `variant` of the protocol `protocolId`: the protocol's own id for the correct one. */
export function variantId(protocolId: string, variant: string | null): string {
  return variant === null ? protocolId : `${protocolId}-${variant}`;
}

/** One variant of one protocol, ready to check (and to run, if it has a deployment). */
export interface ProtocolEntry {
  /** {@link variantId} of the protocol and the variant. */
  readonly id: string;
  readonly description: string;
  /** The protocol's parameters, with the variant's defaults. */
  readonly params: readonly Param[];
  readonly protocol: Protocol;
  /** The variant, or null for the correct protocol. */
  readonly variant: Variant | null;
  /** Builds the checking instance for resolved parameters. */
  build(params: Params): AnyModel;
  /** How this variant runs for real, or null. */
  readonly deployment: Deployment | null;
}

function entry(protocol: Protocol, variant: Variant | null): ProtocolEntry {
  const id = variantId(protocol.id, variant?.name ?? null);
  const overrides = variant?.defaults ?? {};
  for (const name of Object.keys(overrides)) {
    if (!protocol.params.some((p) => p.name === name)) throw new ProtocolError(`${id}: its defaults name '${clip(name)}', which is not a parameter of ${protocol.id}`);
  }
  const params = protocol.params.map((p) => (p.name in overrides ? ({ ...p, default: overrides[p.name] } as Param) : p));
  const name = variant?.name ?? null;
  const d = protocol.deployment;
  const runs = d !== undefined && (variant === null || variant.mutant !== false);
  return {
    id,
    description: variant?.description ?? protocol.description,
    params,
    protocol,
    variant,
    build: (p) => protocol.build(p, name),
    deployment: runs
      ? {
          id,
          description: variant?.description ?? protocol.description,
          params: d.params,
          system: (p, budget) => d.system(p, budget, name),
          timeouts: (p) => d.timeouts(p),
          workload: (p, seed) => d.workload(p, seed),
        }
      : null,
  };
}

/** Every variant of `protocol`, the correct one first; throws {@link ProtocolError} for a malformed protocol. */
export function protocolEntries(protocol: Protocol): ProtocolEntry[] {
  const names = new Set<string>();
  for (const v of protocol.variants) {
    if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(v.name)) throw new ProtocolError(`${protocol.id}: variant name '${clip(v.name)}' is not kebab-case`);
    if (names.has(v.name)) throw new ProtocolError(`${protocol.id}: variant '${clip(v.name)}' is declared twice`);
    names.add(v.name);
  }
  return [entry(protocol, null), ...protocol.variants.map((v) => entry(protocol, v))];
}

/** Whether `x` looks like a {@link Protocol} (for a user's module, whose default export may be one). */
export function isProtocol(x: unknown): x is Protocol {
  if (typeof x !== 'object' || x === null) return false;
  const p = x as Record<string, unknown>;
  return typeof p['id'] === 'string' && Array.isArray(p['params']) && Array.isArray(p['variants']) && typeof p['build'] === 'function';
}
