/**
 * What a threads system is once compiled — its programs, processes and critical sections — the data the
 * checker's model (`compileThreads.ts`), the views (`view.ts`) and the real-thread runner share. Apart from the
 * builder (`threads.ts`), so that none of them imports another in a circle.
 *
 * @module
 */
import type { RecordSchema, ValueOf } from '../core/index.js';
import type { ChannelDecl, StepDef } from './steps.js';

/** A critical section, for the real-thread runner: processes at `label` are inside it. */
export interface Section {
  readonly label: string;
  /** An exclusive section admits one process (a writer); a shared one any number, but no exclusive one. */
  readonly exclusive: boolean;
}

/**
 * Where the system's factory lives, so a worker thread can rebuild the very same system (functions cannot
 * be sent to a thread): `import(module)[factory](options)` must return a `ThreadsModel` (`compileThreads.ts`).
 */
export interface Origin {
  /** The module's URL (`import.meta.url`). */
  readonly module: string;
  /** The name of the exported factory. */
  readonly factory: string;
  /** Its argument; plain JSON. */
  readonly options: unknown;
}

/** A program as compiled: its declaration with defaults filled in and its steps by label. */
export interface ProgramInfo {
  readonly name: string;
  readonly count: number;
  readonly local: RecordSchema;
  /** The initial locals of its process `self`. */
  readonly initialLocal: (self: number) => unknown;
  readonly labels: readonly string[];
  readonly steps: ReadonlyMap<string, readonly StepDef[]>;
}

/** One process of a system. */
export interface ProcessInfo {
  /** Its index among all processes of the system. */
  readonly pid: number;
  /** `P0`, `R1`, ... */
  readonly name: string;
  /** Index of its program in {@link ThreadSystem.programs}. */
  readonly program: number;
  /** Its index among the processes of its program: the `self` its steps receive. */
  readonly self: number;
}

/** A whole system, as compiled: what the checker's model and the real-thread runner are built from. */
export interface ThreadSystem<Sh extends RecordSchema = RecordSchema> {
  readonly name: string;
  readonly shared: Sh;
  readonly initialShared: ValueOf<Sh>;
  readonly semaphores: readonly { readonly name: string; readonly initial: number; readonly max: number }[];
  readonly channels: readonly { readonly name: string; readonly decl: ChannelDecl }[];
  readonly programs: readonly ProgramInfo[];
  readonly processes: readonly ProcessInfo[];
  readonly sections: readonly Section[];
  readonly origin?: Origin;
}
