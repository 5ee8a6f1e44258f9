/**
 * One process of a threads system running on a real thread: the same steps the checker explored, executed
 * against shared memory laid out by {@link memoryLayout}, with the critical sections instrumented.
 *
 * The loop tries the steps at the current label in order; a blocked step is retried (busy waiting, with a
 * short sleep after many failures so an oversubscribed machine lets the holder run). The primitives are
 * implemented with the hardware's atomic instructions — `wait` is a compare-and-swap loop, `signal` an atomic
 * add — so their atomicity is real. A user step runs as plain sequentially consistent loads and stores: if it
 * touches several shared words, or reads then writes one, it is atomic in the model only, and the run says so.
 *
 * Each time the process enters a section it checks, with one atomic add on an occupancy word, whether anyone
 * incompatible is inside (an *overlap*), and in an exclusive section it increments a shared counter with a
 * separate load and store — a lost update shows as a final counter below the number of entries.
 *
 * @example
 * ```ts
 * const plan = memoryPlan(model.system);
 * const words = new Int32Array(new SharedArrayBuffer(plan.words * 4));
 * initialiseMemory(model.system, plan, words);
 * runProcess(model.system, plan, words, 0, { iterations: 1000 }); // alone: no contention
 * ```
 *
 * @module
 */
import type { RecordSchema } from '../../model/core/index.js';
import { stepName } from '../../model/threads/index.js';
import type { StepDef, ThreadSystem } from '../../model/threads/index.js';
import { BoundsLog, Tracker, accessor, memoryLayout, store } from './memory.js';
import type { MemoryLayout } from './memory.js';

/** Indices of the control words. */
export const CTL = {
  /** 0 until the runner starts every thread at once. */
  START: 0,
  /** The non-atomic counter incremented in exclusive sections. */
  COUNTER: 1,
  /** Occupancy of the sections: `EXCLUSIVE` per process in an exclusive one, 1 per process in a shared one. */
  OCC: 2,
  /** Overlaps observed, by all threads. */
  OVERLAPS: 3,
  /** Set by the runner to stop every thread (a stall, an error). */
  STOP: 4,
  /** A word nobody writes: blocked threads sleep on it briefly. */
  PARK: 5,
} as const;
const CONTROL_WORDS = 8;
const EXCLUSIVE = 1 << 16;

/** Per-thread statistics words, published as the thread runs. */
export const STAT = {
  /** Section entries. */
  PASSES: 0,
  /** The index of the current label in its program's labels. */
  PC: 1,
  STAT_WORDS: 2,
} as const;

/** Where everything lives in the shared buffer. */
export interface MemoryPlan {
  /** Total words of the buffer. */
  readonly words: number;
  /** First word of thread `pid`'s statistics: `stats + pid * STAT.STAT_WORDS`. */
  readonly stats: number;
  /** The word of each semaphore, by name. */
  readonly semaphores: ReadonlyMap<string, number>;
  /** The shared variables, one word each. */
  readonly shared: MemoryLayout;
}

/** Lays a system out in shared memory. Throws `RangeError` if it uses channels (not compiled to shared memory yet). */
export function memoryPlan(system: ThreadSystem): MemoryPlan {
  if (system.channels.length > 0) {
    throw new RangeError(`${system.name}: channels (${system.channels.map((c) => c.name).join(', ')}) do not run on real threads yet; only shared variables and semaphores do`);
  }
  const stats = CONTROL_WORDS;
  let at = stats + system.processes.length * STAT.STAT_WORDS;
  const semaphores = new Map<string, number>();
  for (const s of system.semaphores) semaphores.set(s.name, at++);
  const shared = memoryLayout(system.shared, at);
  return { words: at + shared.words, stats, semaphores, shared };
}

/** Writes the initial values of the shared variables and semaphores. */
export function initialiseMemory(system: ThreadSystem, plan: MemoryPlan, words: Int32Array): void {
  for (const s of system.semaphores) words[plan.semaphores.get(s.name)!] = s.initial;
  store(plan.shared, words, system.initialShared);
}

/** A step atomic in the model but not on hardware, as one run saw it. */
export interface AtomicityNote {
  /** The program (`P`, `R`, `W`). */
  readonly program: string;
  /** The step's name and label: `a3`. */
  readonly step: string;
  /** The shared variables one execution touched, each with `r`, `w` or `rw`: `c[1] r`, `turn r`. */
  readonly variables: readonly string[];
  /** Whether it read a variable and then wrote it (a non-atomic read-modify-write). */
  readonly readModifyWrite: boolean;
}

/** A variable written outside its schema's bounds (the checker explored only inside them). */
export interface BoundsNote {
  readonly variable: string;
  readonly bounds: readonly [number, number];
  readonly observed: readonly [number, number];
}

/** What one process reports when it stops. */
export interface ProcessOutcome {
  readonly pid: number;
  /** Section entries. */
  readonly passes: number;
  /** Entries into exclusive sections (each incremented the counter once). */
  readonly exclusivePasses: number;
  /** Overlaps this process saw on entry. */
  readonly overlaps: number;
  /** Failed attempts at blocked steps. */
  readonly blocked: number;
  /** The label it stopped at. */
  readonly label: string;
  /** Whether the runner stopped it before it finished its iterations. */
  readonly stopped: boolean;
  readonly atomicity: readonly AtomicityNote[];
  readonly bounds: readonly BoundsNote[];
}

/** Options of {@link runProcess}. */
export interface ProcessOptions {
  /** Section entries to make; the process then continues to its initial (or a final) label and stops. */
  readonly iterations: number;
}

type Compiled = (self: number) => string | false;

/**
 * Runs process `pid` of `system` on this thread until it has entered its sections `iterations` times and is
 * back at its initial label, or has finished, or the runner sets `STOP`.
 */
export function runProcess(system: ThreadSystem<RecordSchema>, plan: MemoryPlan, words: Int32Array, pid: number, options: ProcessOptions): ProcessOutcome {
  const proc = system.processes[pid];
  if (proc === undefined) throw new RangeError(`${system.name}: no process ${pid}`);
  const prog = system.programs[proc.program]!;
  const self = proc.self;
  const tracker = new Tracker();
  const bounds = new BoundsLog();
  const sh = accessor(plan.shared, words, { atomic: true, tracker, bounds });
  const localLayout = memoryLayout(prog.local, 0);
  const localWords = new Int32Array(Math.max(1, localLayout.words));
  const snapshot = new Int32Array(localWords.length);
  const localBounds = new BoundsLog();
  store(localLayout, localWords, prog.initialLocal(self));
  const me = accessor(localLayout, localWords, { atomic: false, bounds: localBounds });
  const notes = new Map<StepDef, { note: AtomicityNote; touched: number }>();
  const slotName = (word: number): string => plan.shared.slots[word - plan.shared.base]?.name ?? `word ${word}`;

  const compile = (step: StepDef, from: string): Compiled => {
    switch (step.kind) {
      case 'step': {
        const run = step.run;
        return (i) => {
          tracker.reset();
          snapshot.set(localWords);
          const r = run(sh, me, i);
          if (r === false) {
            if (tracker.wrote) throw new Error(`${proc.name}: step ${stepName(step, from)} wrote shared memory and then reported itself blocked; test the guard before writing`);
            localWords.set(snapshot);
            return false;
          }
          if (tracker.n > 1 || tracker.rmw) {
            const seen = notes.get(step);
            if (seen === undefined || tracker.n > seen.touched || (tracker.rmw && !seen.note.readModifyWrite)) {
              const variables: string[] = [];
              for (let k = 0; k < tracker.n; k++) variables.push(`${slotName(tracker.words[k]!)} ${['', 'r', 'w', 'rw'][tracker.flags[k]!]}`);
              notes.set(step, { note: { program: prog.name, step: stepName(step, from), variables, readModifyWrite: tracker.rmw }, touched: tracker.n });
            }
          }
          return r;
        };
      }
      case 'wait': {
        const w = plan.semaphores.get(step.semaphore)!;
        const to = step.to;
        return () => {
          const v = Atomics.load(words, w);
          return v > 0 && Atomics.compareExchange(words, w, v, v - 1) === v ? to : false;
        };
      }
      case 'signal': {
        const w = plan.semaphores.get(step.semaphore)!;
        const max = system.semaphores.find((s) => s.name === step.semaphore)!.max;
        const to = step.to;
        return () => {
          const v = Atomics.add(words, w, 1) + 1;
          if (v > max) bounds.note(w, v);
          return to;
        };
      }
      default:
        throw new RangeError(`${system.name}: ${step.kind} steps (channels) do not run on real threads yet`);
    }
  };

  const labels = prog.labels;
  const stepsAt: (Compiled[] | undefined)[] = labels.map((l) => prog.steps.get(l)?.map((st) => compile(st, l)));
  const labelIndex = new Map(labels.map((l, i) => [l, i]));
  /** Whether the steps at a label are all user steps (primitives write shared memory when they succeed). */
  const primitiveAt = labels.map((l) => (prog.steps.get(l) ?? []).some((st) => st.kind !== 'step'));
  const sectionOf: (0 | 1 | 2)[] = labels.map((l) => {
    const sec = system.sections.find((s) => s.label === l);
    return sec === undefined ? 0 : sec.exclusive ? 2 : 1;
  });
  const stats = plan.stats + pid * STAT.STAT_WORDS;
  const start = 0;
  let pc = start;
  let passes = 0;
  let exclusivePasses = 0;
  let overlaps = 0;
  let blocked = 0;
  let streak = 0;
  let stopped = false;

  for (let loop = 0; ; loop++) {
    if (((loop & 1023) === 0 || streak > 0) && Atomics.load(words, CTL.STOP) !== 0) {
      stopped = true;
      break;
    }
    const alts = stepsAt[pc];
    if (alts === undefined) break; // a final label: finished
    let to: string | false = false;
    tracker.wrote = false;
    for (let a = 0; a < alts.length && to === false; a++) to = alts[a]!(self);
    // Waiting is either a blocked step or a cycle of steps that only read (the filter lock's scan). Either
    // way, busy waiting starves the thread being waited for when the cores are oversubscribed: after a
    // run of steps that changed no shared variable, sleep a little.
    if (to === false || (!tracker.wrote && !primitiveAt[pc]!)) {
      if (++streak % 64 === 0) Atomics.wait(words, CTL.PARK, 0, 0.05);
    } else streak = 0;
    if (to === false) {
      blocked++;
      continue;
    }
    const next = labelIndex.get(to)!;
    const leaving = sectionOf[pc]!;
    if (leaving !== 0) Atomics.sub(words, CTL.OCC, leaving === 2 ? EXCLUSIVE : 1);
    pc = next;
    Atomics.store(words, stats + STAT.PC, pc);
    const entering = sectionOf[pc]!;
    if (entering !== 0) {
      const before = Atomics.add(words, CTL.OCC, entering === 2 ? EXCLUSIVE : 1);
      if (entering === 2 ? before !== 0 : before >= EXCLUSIVE) {
        overlaps++;
        Atomics.add(words, CTL.OVERLAPS, 1);
      }
      if (entering === 2) {
        // Deliberately not atomic: a lost update is how an overlap shows in the counter.
        const c = Atomics.load(words, CTL.COUNTER);
        Atomics.store(words, CTL.COUNTER, c + 1);
        exclusivePasses++;
      }
      passes++;
      Atomics.store(words, stats + STAT.PASSES, passes);
    }
    if (pc === start && passes >= options.iterations) break;
  }

  const boundsNotes: BoundsNote[] = [];
  const describe = (log: BoundsLog, layout: MemoryLayout, prefix: string): void => {
    for (const [word, seen] of log.seen) {
      const slot = layout.slots[word - layout.base];
      const sem = [...plan.semaphores].find(([, w]) => w === word);
      if (slot !== undefined && slot.schema.kind === 'int') {
        boundsNotes.push({ variable: `${prefix}${slot.name}`, bounds: [slot.schema.min, slot.schema.max], observed: [seen.min, seen.max] });
      } else if (sem !== undefined) {
        const max = system.semaphores.find((s) => s.name === sem[0])!.max;
        boundsNotes.push({ variable: `semaphore ${sem[0]}`, bounds: [0, max], observed: [seen.min, seen.max] });
      }
    }
  };
  describe(bounds, plan.shared, '');
  describe(localBounds, localLayout, `${prog.name} local `);
  return {
    pid,
    passes,
    exclusivePasses,
    overlaps,
    blocked,
    label: labels[pc]!,
    stopped,
    atomicity: [...notes.values()].map((n) => n.note),
    bounds: boundsNotes,
  };
}
