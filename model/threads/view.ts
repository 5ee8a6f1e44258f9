/**
 * What properties of a threads system see: a {@link ThreadsView} of one state — the shared variables,
 * semaphores, channel buffers, and each process's label and locals — and the usual properties of the
 * critical-section problem (Dijkstra, "Solution of a problem in concurrent programming control", CACM 1965).
 *
 * @example
 * ```ts
 * properties: [
 *   mutualExclusion('cs'),
 *   reachable('cs'),
 *   always<ThreadsView<Shared>>('flag up in cs', (t) => t.processes.every((p) => t.pc(p.pid) !== 'cs' || t.shared.c.get(p.self))),
 * ]
 * ```
 *
 * @module
 */
import { always, leadsTo, sometimes } from '../core/index.js';
import type { Property, RecordSchema, SeqView, ViewOf } from '../core/index.js';
import type { ProcessInfo } from './threadSystem.js';

/** A read-only view of one state of a threads system. */
export interface ThreadsView<Sh extends RecordSchema = RecordSchema> {
  /** The shared variables. */
  readonly shared: ViewOf<Sh>;
  /** Every process, in pid order. */
  readonly processes: readonly ProcessInfo[];
  /** The label process `pid` is at. */
  pc(pid: number): string;
  /** How many processes are at `label`. */
  at(label: string): number;
  /** The local variables of process `pid`, as a view (typed by the caller, who knows its program). */
  local<V = unknown>(pid: number): V;
  /** The value of a semaphore. */
  semaphore(name: string): number;
  /** The buffer of a channel (empty for a rendezvous channel). */
  channel(name: string): SeqView<unknown>;
  /** Whether a channel has been closed. */
  closed(name: string): boolean;
}

/** The raw packed view the compiled model hands to properties. */
export interface RawThreadsState {
  readonly shared: unknown;
  readonly sem: Readonly<Record<string, number>>;
  readonly chan: Readonly<Record<string, { readonly buf: SeqView<unknown>; readonly closed: boolean }>>;
  readonly pc: {
    /** The label of process `pid`. */
    get(pid: number): string;
    readonly length: number;
  };
  readonly local: Readonly<
    Record<
      string,
      {
        /** The locals of the program's `i`-th process. */
        get(i: number): unknown;
      }
    >
  >;
}

const EMPTY: SeqView<unknown> = Object.freeze({
  length: 0,
  capacity: 0,
  get(i: number): never {
    throw new RangeError(`no element at index ${i} (length 0)`);
  },
  field(i: number): never {
    throw new RangeError(`no element at index ${i} (length 0)`);
  },
  head: () => undefined,
  toArray: () => [],
  [Symbol.iterator]: () => [][Symbol.iterator](),
});

/** Wraps raw views; one wrapper per raw view object, since the checker re-binds its views rather than making new ones. */
export class ThreadsViews<Sh extends RecordSchema> {
  private readonly cache = new WeakMap<object, ThreadsView<Sh>>();
  constructor(
    private readonly processes: readonly ProcessInfo[],
    private readonly programNames: readonly string[],
  ) {}

  /** The {@link ThreadsView} over `raw`. */
  of(raw: RawThreadsState): ThreadsView<Sh> {
    let v = this.cache.get(raw);
    if (v === undefined) {
      v = this.make(raw);
      this.cache.set(raw, v);
    }
    return v;
  }

  private make(raw: RawThreadsState): ThreadsView<Sh> {
    const processes = this.processes;
    const names = this.programNames;
    return {
      get shared() {
        return raw.shared as ViewOf<Sh>;
      },
      processes,
      pc: (pid) => raw.pc.get(pid),
      at(label) {
        let n = 0;
        for (let i = 0, len = raw.pc.length; i < len; i++) if (raw.pc.get(i) === label) n++;
        return n;
      },
      local<V>(pid: number): V {
        const p = processes[pid];
        if (p === undefined) throw new RangeError(`no process ${pid} (there are ${processes.length})`);
        return raw.local[names[p.program]!]!.get(p.self) as V;
      },
      semaphore(name) {
        const v = raw.sem[name];
        if (v === undefined) throw new RangeError(`no semaphore '${name}'`);
        return v;
      },
      channel: (name) => raw.chan[name]?.buf ?? EMPTY,
      closed: (name) => raw.chan[name]?.closed ?? false,
    };
  }
}

/** Mutual exclusion: at most one process is at `label` (the critical section). */
export function mutualExclusion<Sh extends RecordSchema = RecordSchema>(label: string): Property<ThreadsView<Sh>> {
  return always(`mutualExclusion(${label})`, (t) => t.at(label) <= 1);
}

/** A sanity goal: some reachable state has a process at `label`, so a property about it is not vacuous. */
export function reachable<Sh extends RecordSchema = RecordSchema>(label: string): Property<ThreadsView<Sh>> {
  return sometimes(`reachable(${label})`, (t) => t.at(label) > 0);
}

/**
 * Starvation freedom, one `leadsTo` per process of `n` from pid `first`: a process at one of the `trying`
 * labels eventually reaches `cs` — `starvationFree(P0)`, ... — under the model's fairness.
 */
export function starvationFree<Sh extends RecordSchema = RecordSchema>(n: number, trying: readonly string[], cs: string, name = (i: number) => `P${i}`, first = 0): Property<ThreadsView<Sh>>[] {
  return Array.from({ length: n }, (_, i) => first + i).map((pid, i) =>
    leadsTo<ThreadsView<Sh>>(
      `starvationFree(${name(i)})`,
      (t) => trying.includes(t.pc(pid)),
      (t) => t.pc(pid) === cs,
    ),
  );
}
