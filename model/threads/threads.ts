/**
 * Threads systems: processes, each a program counter over labelled atomic steps plus local variables,
 * sharing global variables, semaphores and channels — the shared-memory model of concurrent programming
 * (Ben-Ari, "Principles of Concurrent and Distributed Programming", 2nd ed., 2006, ch. 2–8).
 *
 * A system is declared with {@link threads}, its programs with `.process(...)`, and compiled with `.build()`
 * into a Level-0 packed `Model`, so the checker, traces, replay and reporters work unchanged. Every
 * variable is described by a schema, so a system's state is a few 32-bit words.
 *
 * @example
 * ```ts
 * const model = threads({ name: 'mutex', semaphores: { mutex: { initial: 1 } } })
 *   .process({
 *     name: 'P', count: 3, labels: ['ncs', 'cs', 'exit'],
 *     steps: (k) => ({ ncs: k.wait('mutex', 'cs'), cs: k.go('exit'), exit: k.signal('mutex', 'ncs') }),
 *   })
 *   .build({ properties: [mutualExclusion('cs')] });
 * checkSync(model).stats.distinct; // 7
 * ```
 *
 * @module
 */
import { s } from '../core/index.js';
import type { Property, RecordSchema, ValueOf } from '../core/index.js';
import { compileThreads } from './compileThreads.js';
import type { BuildOptions, ThreadsModel } from './compileThreads.js';
import type { Origin, ProcessInfo, ProgramInfo, Section, ThreadSystem } from './threadSystem.js';
import { stepKit } from './steps.js';
import type { ChannelDecl, ChannelMap, StepDef, StepKit } from './steps.js';
import type { ThreadsView } from './view.js';

/** A semaphore declaration. */
export interface SemaphoreDecl {
  /** Its initial value (at least 0). */
  readonly initial: number;
  /**
   * The largest value it may take; a `signal` beyond it is reported as a model error, since a packed state
   * needs a bound. @defaultValue `max(initial, 1)`
   */
  readonly max?: number;
}

/** The system-wide declarations: shared variables, semaphores and channels. */
export interface SystemDefinition<Sh extends RecordSchema, Sem extends string, Ch extends ChannelMap> {
  /** A short name, used in reports. */
  readonly name: string;
  /** The schema of the shared variables. @defaultValue no shared variables */
  readonly shared?: Sh;
  /** Their initial values (required with `shared`). */
  readonly initial?: ValueOf<Sh>;
  /** Semaphores by name. */
  readonly semaphores?: { readonly [k in Sem]: SemaphoreDecl };
  /** Channels by name. */
  readonly channels?: Ch;
}

/** One program, run by `count` processes named `${name}0`, `${name}1`, ... */
export interface ProcessDefinition<Sh extends RecordSchema, Lo extends RecordSchema, L extends string, Sem extends string, Ch extends ChannelMap> {
  /** The prefix of its processes' names (`P` gives `P0`, `P1`, ...); distinct per system. */
  readonly name: string;
  /** How many processes run it. @defaultValue 1 */
  readonly count?: number;
  /** The schema of each process's local variables. @defaultValue none */
  readonly local?: Lo;
  /** Their initial values, or a function of the process's index `self`. */
  readonly initial?: ValueOf<Lo> | ((self: number) => ValueOf<Lo>);
  /** Every label, the initial one first. A label without a step is final: a process there has finished. */
  readonly labels: readonly L[];
  /** The steps from each label; several steps at one label are alternatives (a nondeterministic choice). */
  readonly steps: (k: StepKit<Sh, Lo, L, Sem, Ch>) => { readonly [label in L]?: StepDef | readonly StepDef[] };
}







/** Declares processes, then compiles the system to a model. */
export interface ThreadsBuilder<Sh extends RecordSchema, Sem extends string, Ch extends ChannelMap> {
  /** Adds a program run by `count` processes. */
  process<const L extends string, Lo extends RecordSchema = RecordSchema<{}>>(def: ProcessDefinition<Sh, Lo, L, Sem, Ch>): ThreadsBuilder<Sh, Sem, Ch>;
  /** Compiles the system to a packed Level-0 model. Throws `TypeError` for an ill-formed system. */
  build(options?: BuildOptions<Sh>): ThreadsModel<Sh>;
}

function misuse(name: string, message: string): never {
  throw new TypeError(`threads(${name}): ${message}`);
}

/**
 * Starts a threads system.
 *
 * @example
 * ```ts
 * threads({ name: 'peterson', shared: s.record({ c: s.array(s.boolean(), 2), turn: s.int(0, 1) }),
 *           initial: { c: [false, false], turn: 0 } })
 * ```
 */
export function threads<const Sh extends RecordSchema = RecordSchema<{}>, Sem extends string = never, const Ch extends ChannelMap = {}>(
  def: SystemDefinition<Sh, Sem, Ch>,
): ThreadsBuilder<Sh, Sem, Ch> {
  const programs: ProgramInfo[] = [];
  const builder: ThreadsBuilder<Sh, Sem, Ch> = {
    process(p) {
      const count = p.count ?? 1;
      if (!Number.isInteger(count) || count < 1) misuse(def.name, `process ${p.name}: count must be a positive integer, got ${count}`);
      if (programs.some((q) => q.name === p.name)) misuse(def.name, `two programs are named ${p.name}`);
      if (p.labels.length === 0) misuse(def.name, `process ${p.name}: needs at least one label`);
      const table = p.steps(stepKit());
      const steps = new Map<string, readonly StepDef[]>();
      for (const [label, st] of Object.entries(table) as [string, StepDef | readonly StepDef[] | undefined][]) {
        if (st === undefined) continue;
        if (!p.labels.includes(label as never)) misuse(def.name, `process ${p.name}: steps at '${label}', which is not among its labels (${p.labels.join(', ')})`);
        steps.set(label, Array.isArray(st) ? st : [st as StepDef]);
      }
      const init = p.initial;
      programs.push({
        name: p.name,
        count,
        local: p.local ?? s.record({}),
        initialLocal: typeof init === 'function' ? (init as (self: number) => unknown) : () => init ?? {},
        labels: [...p.labels],
        steps,
      });
      return builder;
    },
    build(options = {}) {
      if (programs.length === 0) misuse(def.name, 'declares no process');
      const processes: ProcessInfo[] = [];
      programs.forEach((p, program) => {
        for (let self = 0; self < p.count; self++) processes.push({ pid: processes.length, name: `${p.name}${self}`, program, self });
      });
      if (def.shared !== undefined && def.initial === undefined) misuse(def.name, 'shared variables need initial values');
      const semaphores = Object.entries((def.semaphores ?? {}) as Record<string, SemaphoreDecl>).map(([name, d]) => {
        const max = d.max ?? Math.max(d.initial, 1);
        if (!Number.isInteger(d.initial) || d.initial < 0 || !Number.isInteger(max) || max < d.initial) {
          misuse(def.name, `semaphore ${name}: needs integers 0 <= initial <= max, got initial ${d.initial}, max ${max}`);
        }
        return { name, initial: d.initial, max };
      });
      const channels = Object.entries(def.channels ?? {}).map(([name, decl]) => {
        if (!Number.isInteger(decl.capacity) || decl.capacity < 0) misuse(def.name, `channel ${name}: capacity must be an integer >= 0`);
        if ((decl.initial?.length ?? 0) > decl.capacity) misuse(def.name, `channel ${name}: more initial values than its capacity ${decl.capacity}`);
        return { name, decl };
      });
      const system: ThreadSystem<Sh> = {
        name: def.name,
        shared: def.shared ?? (s.record({}) as RecordSchema as Sh),
        initialShared: def.initial ?? ({} as ValueOf<Sh>),
        semaphores,
        channels,
        programs,
        processes,
        sections: options.sections ?? [],
        ...(options.origin !== undefined ? { origin: options.origin } : {}),
      };
      return compileThreads(system, options);
    },
  };
  return builder;
}
