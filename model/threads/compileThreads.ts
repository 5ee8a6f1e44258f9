/**
 * Compiles a threads system to a Level-0 packed {@link Model}.
 *
 * The state is one record: `shared` (the user's schema), `sem` (one bounded int per semaphore), `chan` (per
 * buffered channel, its FIFO buffer and a closed flag), `pc` (every process's label, one enum over all
 * labels) and `local` (per program, an array of its processes' locals). The actions are a fixed table, one
 * entry per (process, step, target label), plus one per (sender, receiver) pair of every rendezvous; an entry
 * whose process is elsewhere, or whose step is blocked, is disabled. So a step with one target gives exactly
 * one action instance per process, as a PlusCal label gives one TLA+ action — which is what lets Peterson's
 * algorithm reproduce TLC's state counts.
 *
 * @example
 * ```ts
 * const m = peterson();            // a ThreadsModel
 * m.formatAction(m.actions(view)[3]); // 'P1: a1 -> a2'
 * ```
 *
 * @module
 */
import { defineModel, s, strongFairness, weakFairness } from '../core/index.js';
import type { Fairness, Model, Property, RecordSchema, Schema, SeqDraft } from '../core/index.js';
import { stepName } from './steps.js';
import type { StepDef } from './steps.js';
import type { Origin, ProcessInfo, ProgramInfo, Section, ThreadSystem } from './threadSystem.js';
import { ThreadsViews } from './view.js';
import type { RawThreadsState, ThreadsView } from './view.js';

/** Options of `.build()`. */
export interface BuildOptions<Sh extends RecordSchema> {
  /** Invariants, goals, action and temporal properties, over a {@link ThreadsView}. */
  readonly properties?: readonly Property<ThreadsView<Sh>, ThreadAction>[];
  /**
   * The fairness of the processes' steps: `weak` (each process's steps weakly fair, `\A p : WF(Next(p))`),
   * `strong` (strongly fair: a process whose step is enabled infinitely often takes it, which a semaphore
   * or await that is busy-waited on needs), or the model's own declarations. @defaultValue `'weak'`
   */
  readonly fairness?: 'weak' | 'strong' | readonly Fairness<ThreadAction>[];
  /**
   * The remainder (non-critical) labels: a process there may stay forever, so the steps leaving them are
   * unfair under `weak` and `strong` — "a process in its remainder section takes no part". @defaultValue none
   */
  readonly remainder?: readonly string[];
  /** The state constraint (TLC's `CONSTRAINT`), e.g. a bound on ticket values. */
  readonly within?: (state: ThreadsView<Sh>) => boolean;
  /** The critical sections the real-thread runner instruments. @defaultValue none */
  readonly sections?: readonly Section[];
  /** Where to rebuild this system in a worker thread. */
  readonly origin?: Origin;
}

/** One side of an action: a process taking a step to a label. */
export interface ThreadMove {
  /** The process, e.g. `P1`. */
  readonly process: string;
  /** The step's name: `a3`, `wait(mutex)`, `send(pipe)`, `eof(pipe)`, `empty(pipe)`. */
  readonly step: string;
  /** The label it leads to. */
  readonly to: string;
}

/**
 * An action of a threads model: plain data. `index` is its position in the model's fixed action table; the
 * other fields make a trace readable and are checked when a trace is replayed.
 */
export interface ThreadAction extends ThreadMove {
  readonly index: number;
  /** For a rendezvous, the receiving process's move, taken jointly. */
  readonly partner?: ThreadMove;
}

/** A compiled threads system: a packed model that also carries its system (for the real-thread runner). */
export type ThreadsModel<Sh extends RecordSchema = RecordSchema> = Model<RecordSchema, ThreadAction> & {
  readonly system: ThreadSystem<Sh>;
  /** The {@link ThreadsView} of a raw state view of this model. */
  readonly views: ThreadsViews<Sh>;
};

/** The packed draft the compiled `next` writes through. */
interface RawDraft {
  readonly shared: unknown;
  readonly sem: Record<string, number>;
  readonly chan: Readonly<Record<string, { readonly buf: SeqDraft<unknown>; closed: boolean }>>;
  readonly pc: { get(pid: number): string; set(pid: number, label: string): void };
  readonly local: Readonly<Record<string, { get(i: number): unknown }>>;
}

type Fire = (st: RawThreadsState, out: RawDraft) => boolean;

interface Entry {
  readonly action: ThreadAction;
  readonly fire: Fire;
}

/** Formats an action as `P2: wait(mutex) -> cs`, a rendezvous as `C0: send(req) -> cs || S0: receive(req) -> busy`. */
export function formatThreadAction(a: ThreadAction): string {
  const one = (m: ThreadMove): string => `${m.process}: ${m.step} -> ${m.to}`;
  return a.partner ? `${one(a)} || ${one(a.partner)}` : one(a);
}

function sameMove(a: ThreadMove | undefined, b: ThreadMove | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  return a.process === b.process && a.step === b.step && a.to === b.to;
}

/** The fairness declarations of `f`: per process, weak or strong, or as given. */
function processFairness(f: 'weak' | 'strong' | readonly Fairness<ThreadAction>[], fromRemainder: ReadonlySet<number>): readonly Fairness<ThreadAction>[] {
  if (typeof f !== 'string') return f;
  // A rendezvous counts as a step of its sender (the process named by the action).
  const classOf = (a: ThreadAction) => (fromRemainder.has(a.index) ? null : a.process);
  return [f === 'weak' ? weakFairness('each process', classOf) : strongFairness('each process', classOf)];
}

/**
 * One way a step may end: a user step's target, a send (`sent`, or `wasEmpty` into an empty buffer), a
 * receive (`received`, `eof` on a drained closed channel, `empty` on an empty open one); one action each.
 */
interface Outcome {
  readonly kind: 'to' | 'sent' | 'wasEmpty' | 'received' | 'eof' | 'empty';
  readonly to: string;
}

/** The outcomes of `step`, its ordinary one first. */
function outcomes(step: StepDef): readonly Outcome[] {
  switch (step.kind) {
    case 'step':
      return step.to.map((to) => ({ kind: 'to', to }));
    case 'send':
      return step.wasEmpty === undefined ? [{ kind: 'sent', to: step.to }] : [{ kind: 'sent', to: step.to }, { kind: 'wasEmpty', to: step.wasEmpty }];
    case 'receive':
      return [
        { kind: 'received', to: step.to },
        ...(step.eof !== undefined ? [{ kind: 'eof' as const, to: step.eof }] : []),
        ...(step.empty !== undefined ? [{ kind: 'empty' as const, to: step.empty }] : []),
      ];
    default:
      return [{ kind: 'to', to: step.to }];
  }
}

/** Compiles `system` (see `threads()` in threads.ts); throws `TypeError` naming the first ill-formed part. */
export function compileThreads<Sh extends RecordSchema>(system: ThreadSystem<Sh>, options: BuildOptions<Sh>): ThreadsModel<Sh> {
  const { name, programs, processes } = system;
  const misuse = (message: string): never => {
    throw new TypeError(`threads(${name}): ${message}`);
  };
  const sems = new Map(system.semaphores.map((d) => [d.name, d]));
  const chans = new Map(system.channels.map((c) => [c.name, c.decl]));

  const allLabels = [...new Set(programs.flatMap((p) => p.labels))];
  const chanFields: Record<string, Schema> = {};
  for (const { name: c, decl } of system.channels) {
    if (decl.capacity > 0) chanFields[c] = s.record({ buf: s.seq(decl.of, decl.capacity), closed: s.boolean() });
  }
  const state = s.record({
    shared: system.shared,
    sem: s.record(Object.fromEntries(system.semaphores.map((d) => [d.name, s.int(0, d.max)]))),
    chan: s.record(chanFields),
    pc: s.array(s.enum(allLabels), processes.length),
    local: s.record(Object.fromEntries(programs.map((p) => [p.name, s.array(p.local, p.count)]))),
  });

  const checkStep = (prog: ProgramInfo, from: string, step: StepDef): void => {
    const where = `process ${prog.name}, step at '${from}'`;
    const targets = outcomes(step).map((o) => o.to);
    if (targets.length === 0) misuse(`${where}: names no target label`);
    for (const t of targets) if (!prog.labels.includes(t)) misuse(`${where}: target '${t}' is not one of its labels (${prog.labels.join(', ')})`);
    if (step.kind === 'send' && step.wasEmpty === step.to) misuse(`${where}: wasEmpty is its ordinary target '${step.to}'`);
    if ((step.kind === 'wait' || step.kind === 'signal') && !sems.has(step.semaphore)) {
      misuse(`${where}: no semaphore '${step.semaphore}' (declared: ${[...sems.keys()].join(', ') || 'none'})`);
    }
    if (step.kind === 'send' || step.kind === 'receive' || step.kind === 'close') {
      const decl = chans.get(step.channel);
      if (decl === undefined) return misuse(`${where}: no channel '${step.channel}' (declared: ${[...chans.keys()].join(', ') || 'none'})`);
      if (decl.capacity === 0 && (step.kind === 'close' || (step.kind === 'receive' && step.eof !== undefined))) {
        misuse(`${where}: a rendezvous channel (capacity 0) cannot be closed`);
      }
      if (decl.capacity === 0 && ((step.kind === 'send' && step.wasEmpty !== undefined) || (step.kind === 'receive' && step.empty !== undefined))) {
        misuse(`${where}: a rendezvous channel (capacity 0) has no buffer to be empty`);
      }
    }
  };

  const local = (out: RawDraft, prog: ProgramInfo, self: number): unknown => out.local[prog.name]!.get(self);

  /** The entry of one process's own move (everything but rendezvous). */
  const move = (p: ProcessInfo, prog: ProgramInfo, from: string, step: StepDef, outcome: Outcome, index: number): Entry => {
    const { pid, self } = p;
    const to = outcome.to;
    const act = (stepLabel: string): ThreadAction => Object.freeze({ index, process: p.name, step: stepLabel, to });
    switch (step.kind) {
      case 'step': {
        const run = step.run;
        const targets = step.to;
        return {
          action: act(stepName(step, from)),
          fire(st, out) {
            if (st.pc.get(pid) !== from) return false;
            const r = run(out.shared, local(out, prog, self), self);
            if (r !== to) {
              if (r !== false && !targets.includes(r)) throw new Error(`${p.name}: step ${stepName(step, from)} returned '${String(r)}', not one of its targets (${targets.join(', ')})`);
              return false;
            }
            out.pc.set(pid, to);
            return true;
          },
        };
      }
      case 'wait':
      case 'signal': {
        const sem = step.semaphore;
        const max = sems.get(sem)!.max;
        const up = step.kind === 'signal';
        return {
          action: act(stepName(step, from)),
          fire(st, out) {
            if (st.pc.get(pid) !== from) return false;
            const v = out.sem[sem]!;
            if (up) {
              if (v >= max) throw new RangeError(`${p.name}: signal(${sem}) would exceed its declared bound ${max}`);
              out.sem[sem] = v + 1;
            } else {
              if (v === 0) return false;
              out.sem[sem] = v - 1;
            }
            out.pc.set(pid, to);
            return true;
          },
        };
      }
      case 'send': {
        const ch = step.channel;
        const decl = chans.get(ch)!;
        const value = step.value;
        const drop = decl.whenFull === 'drop';
        // With wasEmpty, the outcome 'wasEmpty' is the send into an empty buffer, 'sent' every other.
        const edge = step.wasEmpty !== undefined;
        const intoEmpty = outcome.kind === 'wasEmpty';
        return {
          action: act(stepName(step, from)),
          fire(st, out) {
            if (st.pc.get(pid) !== from) return false;
            const c = out.chan[ch]!;
            if (c.closed) throw new Error(`${p.name}: send(${ch}) on a closed channel`);
            if (edge && (c.buf.length === 0) !== intoEmpty) return false;
            if (c.buf.length >= decl.capacity) {
              if (!drop) return false;
            } else {
              c.buf.push(value(out.shared, local(out, prog, self), self));
            }
            out.pc.set(pid, to);
            return true;
          },
        };
      }
      case 'receive': {
        const ch = step.channel;
        const into = step.into;
        if (outcome.kind === 'empty') {
          return {
            action: act(`empty(${ch})`),
            fire(st, out) {
              if (st.pc.get(pid) !== from) return false;
              const c = out.chan[ch]!;
              if (c.buf.length !== 0 || c.closed) return false;
              out.pc.set(pid, to);
              return true;
            },
          };
        }
        if (outcome.kind === 'eof') {
          return {
            action: act(`eof(${ch})`),
            fire(st, out) {
              if (st.pc.get(pid) !== from) return false;
              const c = out.chan[ch]!;
              if (c.buf.length !== 0 || !c.closed) return false;
              out.pc.set(pid, to);
              return true;
            },
          };
        }
        return {
          action: act(stepName(step, from)),
          fire(st, out) {
            if (st.pc.get(pid) !== from) return false;
            const c = out.chan[ch]!;
            if (c.buf.length === 0) return false;
            into(out.shared, local(out, prog, self), self, c.buf.shift());
            out.pc.set(pid, to);
            return true;
          },
        };
      }
      case 'close': {
        const ch = step.channel;
        return {
          action: act(stepName(step, from)),
          fire(st, out) {
            if (st.pc.get(pid) !== from) return false;
            out.chan[ch]!.closed = true;
            out.pc.set(pid, to);
            return true;
          },
        };
      }
    }
  };

  /** Every receive step at capacity-0 channels, by channel: the possible partners of a rendezvous. */
  const receivers = new Map<string, { p: ProcessInfo; prog: ProgramInfo; from: string; step: StepDef & { kind: 'receive' } }[]>();
  for (const p of processes) {
    const prog = programs[p.program]!;
    for (const [from, steps] of prog.steps) {
      for (const step of steps) {
        checkStep(prog, from, step);
        if (step.kind === 'receive' && chans.get(step.channel)!.capacity === 0) {
          const list = receivers.get(step.channel) ?? [];
          list.push({ p, prog, from, step });
          receivers.set(step.channel, list);
        }
      }
    }
  }

  const entries: Entry[] = [];
  // The actions leaving a remainder label: a process may stay there forever (they are unfair).
  const remainder = new Set(options.remainder ?? []);
  const fromRemainder = new Set<number>();
  for (const p of processes) {
    const prog = programs[p.program]!;
    for (const label of prog.labels) {
      for (const step of prog.steps.get(label) ?? []) {
        const first = entries.length;
        if (step.kind === 'send' && chans.get(step.channel)!.capacity === 0) {
          for (const r of receivers.get(step.channel) ?? []) {
            if (r.p.pid !== p.pid) entries.push(rendezvous(p, prog, label, step, r, entries.length));
          }
        } else if (step.kind === 'receive' && chans.get(step.channel)!.capacity === 0) {
          continue; // taken jointly with a sender, above
        } else {
          for (const o of outcomes(step)) entries.push(move(p, prog, label, step, o, entries.length));
        }
        if (remainder.has(label)) for (let k = first; k < entries.length; k++) fromRemainder.add(k);
      }
    }
  }
  for (const label of remainder) if (!programs.some((pr) => pr.labels.includes(label))) misuse(`remainder label '${label}' is no process's label`);

  function rendezvous(
    p: ProcessInfo,
    prog: ProgramInfo,
    from: string,
    send: StepDef & { kind: 'send' },
    r: { p: ProcessInfo; prog: ProgramInfo; from: string; step: StepDef & { kind: 'receive' } },
    index: number,
  ): Entry {
    const { pid, self } = p;
    const q = r.p.pid;
    const rFrom = r.from;
    const value = send.value;
    const into = r.step.into;
    return {
      action: Object.freeze({
        index,
        process: p.name,
        step: stepName(send, from),
        to: send.to,
        partner: Object.freeze({ process: r.p.name, step: stepName(r.step, r.from), to: r.step.to }),
      }),
      fire(st, out) {
        if (st.pc.get(pid) !== from || st.pc.get(q) !== rFrom) return false;
        const v = value(out.shared, local(out, prog, self), self);
        into(out.shared, local(out, r.prog, r.p.self), r.p.self, v);
        out.pc.set(pid, send.to);
        out.pc.set(q, r.step.to);
        return true;
      },
    };
  }

  const actions = entries.map((e) => e.action);
  const final = processes.map((p) => {
    const prog = programs[p.program]!;
    return new Set(prog.labels.filter((l) => !prog.steps.has(l)));
  });
  const views = new ThreadsViews<Sh>(processes, programs.map((p) => p.name));
  const wrap = (prop: Property<ThreadsView<Sh>, ThreadAction>): Property<RawThreadsState, ThreadAction> => {
    const { name } = prop;
    switch (prop.kind) {
      case 'always':
      case 'sometimes':
        return { kind: prop.kind, name, holds: (raw) => prop.holds(views.of(raw)) };
      case 'step':
        return { kind: 'step', name, holds: (before, a, after) => prop.holds(views.of(before), a, views.of(after)) };
      default: {
        const q = prop.q;
        return { kind: prop.kind, name, p: (raw) => prop.p(views.of(raw)), ...(q !== undefined ? { q: (raw: RawThreadsState) => q(views.of(raw)) } : {}) };
      }
    }
  };
  const within = options.within;
  const initial = {
    shared: system.initialShared,
    sem: Object.fromEntries(system.semaphores.map((d) => [d.name, d.initial])),
    chan: Object.fromEntries(system.channels.filter((c) => c.decl.capacity > 0).map((c) => [c.name, { buf: [...(c.decl.initial ?? [])], closed: false }])),
    pc: processes.map((p) => programs[p.program]!.labels[0]!),
    local: Object.fromEntries(programs.map((p) => [p.name, Array.from({ length: p.count }, (_, i) => p.initialLocal(i))])),
  };

  const model = defineModel<RecordSchema, ThreadAction>({
    name,
    state,
    initialStates: () => [initial as never],
    actions: () => actions,
    next(st, a, out) {
      const e = entries[a.index];
      if (e === undefined || (e.action !== a && !(sameMove(e.action, a) && sameMove(e.action.partner, a.partner)))) {
        throw new TypeError(`${name}: not an action of this model: ${JSON.stringify(a)}`);
      }
      return e.fire(st as unknown as RawThreadsState, out as unknown as RawDraft);
    },
    properties: (options.properties ?? []).map(wrap) as never,
    fairness: processFairness(options.fairness ?? 'weak', fromRemainder),
    ...(within !== undefined ? { within: (raw: unknown) => within(views.of(raw as RawThreadsState)) } : {}),
    isLegalEnd(st) {
      const pc = (st as unknown as RawThreadsState).pc;
      for (let i = 0; i < final.length; i++) if (!final[i]!.has(pc.get(i))) return false;
      return true;
    },
    formatAction: formatThreadAction,
  });
  return Object.assign(model, { system, views });
}
