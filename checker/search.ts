/**
 * What every search engine shares: the visited set, the trace index, the counters, the bookkeeping of
 * properties, and the assembly of the {@link CheckResult} (traces are rebuilt here, once, at the end).
 *
 * @module
 */
import { totalmem } from 'node:os';
import { getHeapStatistics } from 'node:v8';
import { isStateProperty, isTemporalProperty } from '../model/core/index.js';
import type { AnyModel, Fairness, Property, StateProperty, StepProperty, TemporalProperty } from '../model/core/index.js';
import { BehaviourGraph, MAX_PREDICATES } from './liveness/behaviourGraph.js';
import { LivenessAnalysis } from './liveness/livenessAnalysis.js';
import type { Lasso, TemporalCheck } from './liveness/livenessAnalysis.js';
import { FingerprintSet } from './fingerprintSet.js';
import { collisionProbability } from './result.js';
import type { CheckResult, Finding, Progress, PropertyVerdict, TraceStep, Verdict } from './result.js';
import type { Tier } from './tier.js';
import { NO_PARENT, TraceIndex } from './traceIndex.js';

/** Options of a check. */
export interface CheckOptions {
  /** Do not explore states at this BFS level or deeper (initial states are level 1). @defaultValue unbounded */
  readonly maxDepth?: number;
  /** Stop once this many distinct states are stored. @defaultValue unbounded */
  readonly maxStates?: number;
  /**
   * Stop (verdict `incomplete`, `stoppedBy: 'max-memory'`) once the process's resident set exceeds this many
   * bytes; measured every {@link MEMORY_CHECK_STATES} stored states. @defaultValue {@link defaultMaxMemory}
   */
  readonly maxMemory?: number;
  /** Keep searching after a violation; report each property (and deadlock) once. @defaultValue false */
  readonly continueAfterViolation?: boolean;
  /** Report states with no enabled action that are not legal ends. @defaultValue true */
  readonly checkDeadlock?: boolean;
  /** Called about every `progressIntervalMs` during the search. */
  readonly onProgress?: (p: Progress) => void;
  /** @defaultValue 1000 */
  readonly progressIntervalMs?: number;
  /** Aborting it stops the search at the next slice; the verdict is then `incomplete` (or a violation found). */
  readonly signal?: AbortSignal;
}

/** How often the memory is measured: once per this many stored states (a power of two). */
export const MEMORY_CHECK_STATES = 1 << 16;
const MEMORY_MASK = MEMORY_CHECK_STATES - 1;

/** The default memory limit of a search: half the machine's memory, and at most 16 GiB. */
export function defaultMaxMemory(): number {
  return Math.min(Math.floor(totalmem() / 2), 16 * 2 ** 30);
}

/** `n` bytes in GiB or MiB, for messages. */
function size(n: number): string {
  return n >= 2 ** 30 ? `${(n / 2 ** 30).toFixed(2)} GiB` : `${(n / 2 ** 20).toFixed(1)} MiB`;
}

/** A recorded finding: the state id where it shows, the trace is rebuilt later. */
interface RawFinding {
  readonly property: string;
  readonly kind: Finding['kind'];
  readonly id: number;
  readonly message?: string;
  /** For a state outside the constraint, which is never stored: the action position that leads to it from `id`. */
  readonly via?: number;
  /** For a temporal property: its lasso from state `id`. */
  readonly lasso?: Lasso;
}

/** The state of a search, shared by the engines. */
export abstract class Search {
  readonly table: FingerprintSet;
  readonly index = new TraceIndex();
  initial = 0;
  generated = 0;
  /** Successors outside the state constraint: generated and checked, never stored or explored. */
  cutOff = 0;
  depth = 0;
  stoppedBy: CheckResult['stoppedBy'];
  /** Invariants not yet violated (each is reported once). */
  protected always: StateProperty<unknown>[];
  /** Goals not yet reached. */
  protected sometimes: StateProperty<unknown>[];
  /** Action properties not yet violated. */
  protected steps: StepProperty<unknown>[];
  /** The temporal properties, decided on {@link graph} once the search is complete. */
  private readonly temporal: TemporalProperty<unknown>[];
  /** Their state predicates, a bit each in the graph's state labels. */
  protected readonly predicates: ((state: never) => boolean)[] = [];
  private readonly checks: TemporalCheck[] = [];
  /** The behaviour graph, recorded only when the model has temporal properties. */
  readonly graph: BehaviourGraph | null;
  private livenessSeconds = 0;
  private readonly found: RawFinding[] = [];
  private readonly witnessed: RawFinding[] = [];
  private deadlockSeen = false;
  protected readonly started = performance.now();
  readonly checkDeadlock: boolean;
  readonly continueAfterViolation: boolean;
  readonly maxDepth: number;
  readonly maxStates: number;
  readonly maxMemory: number;
  /** V8 dies, with a stack trace, when its heap is full: stop a little before, whatever `maxMemory` says. */
  private readonly heapLimit = getHeapStatistics().heap_size_limit * 0.9;
  /** Why the memory check stopped the search, for the report. */
  private memoryNote: string | undefined;

  constructor(
    readonly model: AnyModel,
    readonly options: CheckOptions,
  ) {
    const props = model.properties as readonly Property<unknown>[];
    const names = new Set<string>();
    for (const p of props) {
      if (names.has(p.name)) throw new TypeError(`model ${model.name}: two properties are named ${p.name}`);
      names.add(p.name);
    }
    const states = props.filter(isStateProperty);
    this.always = states.filter((p) => p.kind === 'always');
    this.sometimes = states.filter((p) => p.kind === 'sometimes');
    this.steps = props.filter((p): p is StepProperty<unknown> => p.kind === 'step');
    this.temporal = props.filter(isTemporalProperty);
    const bit = (f: (state: never) => boolean): number => {
      const k = this.predicates.indexOf(f);
      if (k >= 0) return k;
      if (this.predicates.length === MAX_PREDICATES) throw new TypeError(`model ${model.name}: more than ${MAX_PREDICATES} temporal predicates`);
      return this.predicates.push(f) - 1;
    };
    for (const p of this.temporal) {
      if (p.kind === 'leadsTo' && p.q === undefined) throw new TypeError(`model ${model.name}: leadsTo ${p.name} has no q`);
      this.checks.push({ name: p.name, kind: p.kind, p: bit(p.p), ...(p.q !== undefined ? { q: bit(p.q) } : {}) });
    }
    this.graph = this.temporal.length > 0 ? new BehaviourGraph((model.fairness ?? []) as readonly Fairness<unknown>[]) : null;
    this.table = new FingerprintSet(undefined, this.graph !== null);
    this.checkDeadlock = options.checkDeadlock ?? true;
    this.continueAfterViolation = options.continueAfterViolation ?? false;
    this.maxDepth = options.maxDepth ?? Infinity;
    this.maxStates = options.maxStates ?? Infinity;
    this.maxMemory = options.maxMemory ?? defaultMaxMemory();
    if (!(this.maxMemory > 0)) throw new RangeError(`maxMemory must be a positive number of bytes, got ${this.maxMemory}`);
  }

  /**
   * Called for every stored state `id`: once per {@link MEMORY_CHECK_STATES} states, measures the resident
   * set (and the V8 heap, whose own limit would kill the process) and stops the search if it is over the
   * limit. Returns true if the search must stop. Measuring costs microseconds, hence the spacing.
   */
  protected overMemory(id: number): boolean {
    if ((id & MEMORY_MASK) !== MEMORY_MASK) return false;
    const { rss, heapUsed } = process.memoryUsage();
    let note: string | undefined;
    if (rss > this.maxMemory) note = `${size(rss)} resident, over the memory limit of ${size(this.maxMemory)}`;
    else if (heapUsed > this.heapLimit) note = `${size(heapUsed)} of JavaScript heap, near V8's limit of ${size(this.heapLimit / 0.9)}`;
    if (note === undefined) return false;
    this.memoryNote = `stopped: ${note} after ${this.distinct.toLocaleString('en-US')} distinct states; raise the limit (--max-memory) or tighten the model's bounds`;
    this.stoppedBy = 'max-memory';
    return true;
  }

  /** Distinct states so far. */
  get distinct(): number {
    return this.index.size;
  }

  /** Explores until done (true) or until `deadline` (a `performance.now()` time) passes (false). */
  abstract run(deadline: number): boolean;

  /** States waiting to be explored. */
  abstract get queue(): number;

  /** The tier adapter used to rebuild traces. */
  abstract get tier(): Tier<unknown>;

  /**
   * Checks the properties on the new state `id`, which `holds` evaluates. Returns true if the search must
   * stop (a violation, when not continuing).
   */
  protected checkNew(id: number, holds: (p: StateProperty<unknown>) => boolean): boolean {
    let stop = false;
    const always = this.always;
    for (let k = 0; k < always.length; k++) {
      const p = always[k]!;
      if (!holds(p)) {
        this.found.push({ property: p.name, kind: 'always', id });
        always.splice(k--, 1);
        if (!this.continueAfterViolation) stop = true;
      }
    }
    const sometimes = this.sometimes;
    for (let k = 0; k < sometimes.length; k++) {
      const p = sometimes[k]!;
      if (holds(p)) {
        this.witnessed.push({ property: p.name, kind: 'sometimes', id });
        sometimes.splice(k--, 1);
      }
    }
    if (stop) this.stoppedBy = 'violation';
    return stop;
  }

  /**
   * Checks the invariants on a successor outside the state constraint, as TLC does: such a state is not
   * stored or explored, but an invariant it violates is reported, with the trace through its parent `parent`
   * and the action at position `action`. Returns true if the search must stop.
   */
  protected checkOutside(parent: number, action: number, holds: (p: StateProperty<unknown>) => boolean): boolean {
    this.cutOff++;
    let stop = false;
    const always = this.always;
    for (let k = 0; k < always.length; k++) {
      const p = always[k]!;
      if (!holds(p)) {
        this.found.push({ property: p.name, kind: 'always', id: parent, via: action });
        always.splice(k--, 1);
        if (!this.continueAfterViolation) stop = true;
      }
    }
    if (stop) this.stoppedBy = 'violation';
    return stop;
  }

  /**
   * Checks the action properties on the step from state `parent` by the action at position `action`;
   * `holds` evaluates one. Returns true if the search must stop.
   */
  protected checkSteps(parent: number, action: number, holds: (p: StepProperty<unknown>) => boolean): boolean {
    let stop = false;
    const steps = this.steps;
    for (let k = 0; k < steps.length; k++) {
      const p = steps[k]!;
      if (!holds(p)) {
        this.found.push({ property: p.name, kind: 'step', id: parent, via: action });
        steps.splice(k--, 1);
        if (!this.continueAfterViolation) stop = true;
      }
    }
    if (stop) this.stoppedBy = 'violation';
    return stop;
  }

  /** Labels the new state `id` with its temporal predicates, `test` evaluating one (liveness checks only). */
  protected label(id: number, test: (predicate: (state: never) => boolean) => boolean): void {
    const preds = this.predicates;
    let bits = 0;
    for (let k = 0; k < preds.length; k++) if (test(preds[k]!)) bits |= 1 << k;
    this.graph!.label(id, bits);
  }

  /** Records a deadlock at state `id`; returns true if the search must stop. */
  protected deadlock(id: number): boolean {
    if (!this.checkDeadlock || this.deadlockSeen) return false;
    this.deadlockSeen = true;
    this.found.push({ property: 'deadlock', kind: 'deadlock', id });
    if (this.continueAfterViolation) return false;
    this.stoppedBy = 'violation';
    return true;
  }

  /** Records an exception thrown by the model while exploring state `id`. The search always stops. */
  protected error(id: number, e: unknown, action: unknown): void {
    const what = action === undefined ? '' : ` while taking ${this.tier.label(action)}`;
    const message = `${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}${what}`;
    this.found.push({ property: 'error', kind: 'error', id, message });
    this.stoppedBy = 'violation';
  }

  /** A progress report. */
  progress(): Progress {
    const seconds = (performance.now() - this.started) / 1000;
    return { generated: this.generated, distinct: this.distinct, queue: this.queue, depth: this.depth, seconds, rate: this.distinct / Math.max(seconds, 1e-9) };
  }

  /** The trace of a lasso, and where its loop starts. */
  private lassoTrace(l: Lasso): { trace: TraceStep[]; loop: { start: number; stutter: boolean } } {
    const tier = this.tier;
    const path = this.index.path(l.prefix);
    let st = tier.initialStates()[this.index.action(path[0]!)];
    const positions = [...path.slice(1).map((i) => this.index.action(i)), ...l.steps];
    const trace: TraceStep[] = [{ action: null, label: 'init', state: tier.decode(st) }];
    for (const pos of positions) {
      const action = tier.actions(st)[pos];
      const succ = tier.next(st, action);
      if (succ === undefined) throw new Error(`internal: replaying a lasso found ${tier.label(action)} disabled; is the model deterministic?`);
      st = succ;
      trace.push({ action, label: tier.label(action), state: tier.decode(st) });
    }
    const start = path.length - 1 + l.loop;
    return { trace, loop: { start: l.stutter ? trace.length - 1 : start, stutter: l.stutter } };
  }

  /** Rebuilds the trace to state `id` by replaying the recorded actions from its initial state. */
  trace(id: number, via?: number): TraceStep[] {
    const tier = this.tier;
    if (id < 0) return [];
    if (id === NO_PARENT) {
      // An initial state outside the constraint: `via` is its position among the initial states.
      const st = tier.initialStates()[via ?? 0];
      return st === undefined ? [] : [{ action: null, label: 'init', state: tier.decode(st) }];
    }
    const path = this.index.path(id);
    let st = tier.initialStates()[this.index.action(path[0]!)];
    if (st === undefined) throw new Error('internal: trace index names a missing initial state');
    const steps: TraceStep[] = [{ action: null, label: 'init', state: tier.decode(st) }];
    for (let k = 1; k < path.length; k++) {
      const action = tier.actions(st)[this.index.action(path[k]!)];
      const succ = tier.next(st, action);
      if (succ === undefined) throw new Error(`internal: replaying step ${k} found ${tier.label(action)} disabled; is the model deterministic?`);
      st = succ;
      steps.push({ action, label: tier.label(action), state: tier.decode(st) });
    }
    if (via !== undefined) {
      const action = tier.actions(st)[via];
      const succ = tier.next(st, action);
      if (succ === undefined) throw new Error('internal: the action to a state outside the constraint is disabled on replay');
      steps.push({ action, label: tier.label(action), state: tier.decode(succ) });
    }
    return steps;
  }

  /** Assembles the result. */
  result(): CheckResult {
    const seconds = (performance.now() - this.started) / 1000;
    const complete = this.stoppedBy === undefined;
    const raw = [...this.found];
    if (complete) {
      // A goal missed in a space the constraint cut short may lie beyond the cut: that is not a bug of the
      // protocol, so it gets its own kind (and verdict) instead of a violation.
      const cut = this.cutOff;
      for (const p of this.sometimes) {
        raw.push(
          cut > 0
            ? { property: p.name, kind: 'unreached', id: -1, message: `unreachable within the bounds (${cut.toLocaleString('en-US')} successors cut off)` }
            : { property: p.name, kind: 'sometimes', id: -1, message: 'no reachable state satisfies it' },
        );
      }
    }
    if (complete && this.graph !== null) {
      const t0 = performance.now();
      const g = this.graph.finish(this.distinct);
      const analysis = new LivenessAnalysis(g, this.initial);
      for (const c of this.checks) {
        const lasso = analysis.check(c);
        if (lasso !== null) raw.push({ property: c.name, kind: c.kind, id: lasso.prefix, lasso });
      }
      this.livenessSeconds = (performance.now() - t0) / 1000;
    }
    const toFinding = (r: RawFinding): Finding => {
      const lasso = r.lasso !== undefined ? this.lassoTrace(r.lasso) : undefined;
      return {
        property: r.property,
        kind: r.kind,
        ...(r.message !== undefined ? { message: r.message } : {}),
        trace: lasso !== undefined ? lasso.trace : this.trace(r.id, r.via),
        ...(lasso !== undefined ? { loop: lasso.loop } : {}),
      };
    };
    const violations = raw.map(toFinding);
    const kinds = new Set(raw.map((r) => r.kind));
    const violatedKind = raw.some((r) => r.kind !== 'error' && r.kind !== 'deadlock' && r.kind !== 'unreached');
    const verdict: Verdict = kinds.has('error')
      ? 'error'
      : violatedKind
        ? 'violated'
        : kinds.has('deadlock')
          ? 'deadlock'
          : kinds.has('unreached')
            ? 'unreached'
            : complete
              ? 'holds'
              : 'incomplete';
    const distinct = this.distinct;
    const violatedNames = new Set(raw.filter((r) => r.kind !== 'unreached').map((r) => r.property));
    const witnessedNames = new Set(this.witnessed.map((r) => r.property));
    const unreachedNames = new Set(raw.filter((r) => r.kind === 'unreached').map((r) => r.property));
    const properties: PropertyVerdict[] = (this.model.properties as readonly Property<unknown>[]).map((p) => ({
      name: p.name,
      kind: p.kind,
      // A goal not reached within a constraint's cut is undecided, as a property of an incomplete search.
      verdict: violatedNames.has(p.name) ? 'violated' : witnessedNames.has(p.name) || (complete && !unreachedNames.has(p.name)) ? 'holds' : 'unchecked',
    }));
    const graph = this.graph;
    return {
      model: this.model.name,
      verdict,
      properties,
      stats: {
        initial: this.initial,
        generated: this.generated,
        distinct,
        cutOff: this.cutOff,
        depth: this.depth,
        queue: this.queue,
        seconds,
        statesPerSecond: distinct / Math.max(seconds, 1e-9),
        bytesPerState: distinct === 0 ? 0 : (this.table.bytes + this.index.bytes) / distinct,
        collisionProbability: collisionProbability(distinct, this.generated),
        ...(graph !== null ? { graph: { edges: graph.edges, bytesPerEdge: graph.edges === 0 ? 0 : graph.bytes / graph.edges, livenessSeconds: this.livenessSeconds } } : {}),
      },
      violations,
      witnesses: this.witnessed.map(toFinding),
      ...(this.stoppedBy !== undefined ? { stoppedBy: this.stoppedBy } : {}),
      ...(this.memoryNote !== undefined ? { stopReason: this.memoryNote } : {}),
    };
  }
}
