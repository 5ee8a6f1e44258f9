/**
 * Concurrent readers, exclusive writer, with semaphores (P. J. Courtois, F. Heymans and D. L. Parnas,
 * "Concurrent control with 'readers' and 'writers'", CACM 14(10), 1971): any number of readers may read
 * together, a writer writes alone. The first reader in locks writers out (`wrt`), the last one out lets them
 * in; `mutex` protects the reader count. That is the readers' preference (their problem 1, the course
 * notes' solution): readers that keep coming keep `wrt` forever, and a writer starves — the variant
 * `writer-starvation`. The protocol adds a turnstile everyone passes first (a writer holds it until it has
 * `wrt`, so a waiting writer stops new readers; A. B. Downey's "no-starve readers-writers"): no one starves,
 * under the strong fairness of blocking semaphores, even if readers never stop coming. The variant
 * `writers-preference` gives writers the turnstile from the first one in to the last one out (their
 * problem 2, a `writecount` under its own mutex `wmutex`): writers that keep coming then starve a reader.
 *
 * ```
 * reader: [wait(turn); signal(turn)]; wait(mutex); readcount++; if readcount = 1: wait(wrt); signal(mutex)
 *         read
 *         wait(mutex); readcount--; if readcount = 0: signal(wrt); signal(mutex)
 * writer: [wait(turn)]; wait(wrt); [signal(turn)]; write; signal(wrt)      -- [..]: the turnstile
 * ```
 *
 * @example
 * ```ts
 * checkSync(readersWriters({ readers: 2, writers: 2 })).verdict; // 'holds'
 * ```
 *
 * @module
 */
import { always, leadsTo, s, sometimes } from '../../core/index.js';
import type { ValueOf } from '../../core/index.js';
import { reachable, threads } from '../../threads/index.js';
import type { SemaphoreDecl, ThreadsModel, ThreadsView } from '../../threads/index.js';
import { variantId } from '../protocol.js';
import { readersWritersMutants } from './mutants.js';
import type { ReadersWritersVariant } from './mutants.js';
import { readersWritersRules } from './rules.js';

/** Options of {@link readersWriters}. */
export interface ReadersWritersOptions {
  /** The number of readers, 1 to 8. */
  readonly readers: number;
  /** The number of writers, 1 to 8. */
  readonly writers: number;
  /** The variant: a mutant of `mutants.ts`, or null for the correct program. @defaultValue null */
  readonly variant?: ReadersWritersVariant | null;
}

/** The invariant: a writer is never in its section together with another writer or any reader. */
export function exclusiveWriter(t: ThreadsView): boolean {
  const w = t.at('write');
  return w === 0 || (w === 1 && t.at('read') === 0);
}

/** The readers/writers system as a threads model, with its properties. */
export function readersWriters(options: ReadersWritersOptions): ThreadsModel {
  const { readers, writers } = options;
  const variant = options.variant ?? null;
  for (const [what, v] of [['readers', readers], ['writers', writers]] as const) {
    if (!Number.isInteger(v) || v < 1 || v > 8) throw new RangeError(`readersWriters: ${what} must be an integer in [1, 8], got ${v}`);
  }
  const rules = { ...readersWritersRules, ...(variant === null ? {} : readersWritersMutants[variant]) };
  const turn = rules.turnstile;
  const first = turn && rules.writersFirst;
  // The labels where a writer wants to write: after `widle`, before `write`.
  const wanting = first ? ['wlock', 'winc', 'wshut', 'wrel1', 'wstart'] : ['wturn', 'wstart', 'wpass'];
  // `writecount` and its mutex `wmutex` exist with the writers' preference only; no other program touches
  // them, so the casts below give every program the one type of the variables it may use.
  const Shared = s.record({ readcount: s.int(0, readers), writecount: s.int(0, writers) });
  return threads({
    name: variantId('readers-writers', variant),
    shared: (first ? Shared : s.record({ readcount: s.int(0, readers) })) as typeof Shared,
    initial: (first ? { readcount: 0, writecount: 0 } : { readcount: 0 }) as ValueOf<typeof Shared>,
    semaphores: {
      mutex: { initial: 1 },
      wrt: { initial: 1, max: rules.wrtMax(readers) },
      turn: { initial: 1 },
      ...(first ? { wmutex: { initial: 1 } } : {}),
    } as Readonly<Record<'mutex' | 'wrt' | 'turn' | 'wmutex', SemaphoreDecl>>,
  })
    .process({
      name: 'R',
      count: readers,
      labels: ['ridle', 'turn', 'pass', 'start', 'inc', 'lockw', 'rel1', 'read', 'exit', 'dec', 'unlockw', 'rel2'],
      steps: (k) => ({
        ridle: k.go(turn ? 'turn' : 'start'),
        ...(turn ? { turn: k.wait('turn', 'pass'), pass: k.signal('turn', 'start') } : {}),
        start: k.wait('mutex', 'inc'),
        inc: k.step(['lockw', 'rel1'], (sh) => {
          sh.readcount++;
          return rules.locksWriters(sh.readcount) ? 'lockw' : 'rel1';
        }),
        lockw: k.wait('wrt', 'rel1'),
        rel1: k.signal('mutex', 'read'),
        read: k.go('exit'),
        exit: k.wait('mutex', 'dec'),
        dec: k.step(['unlockw', 'rel2'], (sh) => {
          sh.readcount--;
          return sh.readcount === 0 ? 'unlockw' : 'rel2';
        }),
        unlockw: k.signal('wrt', 'rel2'),
        rel2: k.signal('mutex', 'ridle'),
      }),
    })
    .process({
      name: 'W',
      count: writers,
      labels: first ? (['widle', 'wlock', 'winc', 'wshut', 'wrel1', 'wstart', 'write', 'wexit', 'wlock2', 'wdec', 'wopen', 'wrel2'] as const) : (['widle', 'wturn', 'wstart', 'wpass', 'write', 'wexit'] as const),
      steps: (k) =>
        first
          ? {
              // writer: wait(wmutex); writecount++; if writecount = 1: wait(turn); signal(wmutex)
              //         wait(wrt); write; signal(wrt)
              //         wait(wmutex); writecount--; if writecount = 0: signal(turn); signal(wmutex)
              widle: k.go('wlock'),
              wlock: k.wait('wmutex', 'winc'),
              winc: k.step(['wshut', 'wrel1'], (sh) => (++sh.writecount === 1 ? 'wshut' : 'wrel1')),
              wshut: k.wait('turn', 'wrel1'),
              wrel1: k.signal('wmutex', 'wstart'),
              wstart: k.wait('wrt', 'write'),
              write: k.go('wexit'),
              wexit: k.signal('wrt', 'wlock2'),
              wlock2: k.wait('wmutex', 'wdec'),
              wdec: k.step(['wopen', 'wrel2'], (sh) => (--sh.writecount === 0 ? 'wopen' : 'wrel2')),
              wopen: k.signal('turn', 'wrel2'),
              wrel2: k.signal('wmutex', 'widle'),
            }
          : {
              widle: k.go(turn ? 'wturn' : 'wstart'),
              ...(turn ? { wturn: k.wait('turn', 'wstart'), wstart: k.wait('wrt', 'wpass'), wpass: k.signal('turn', 'write') } : { wstart: k.wait('wrt', 'write') }),
              write: k.go('wexit'),
              wexit: k.signal('wrt', 'widle'),
            },
    })
    .build({
      properties: [
        always('exclusiveWriter', exclusiveWriter),
        reachable('write'),
        reachable('read'),
        ...(readers > 1 ? [sometimes<ThreadsView>('concurrentReaders', (t) => t.at('read') > 1)] : []),
        // Every writer that wants to write eventually does; every reader that wants to read too.
        ...Array.from({ length: writers }, (_, w) =>
          leadsTo<ThreadsView>(`writerProgress(W${w})`, (t) => wanting.includes(t.pc(readers + w)), (t) => t.pc(readers + w) === 'write'),
        ),
        ...Array.from({ length: readers }, (_, r) =>
          leadsTo<ThreadsView>(`readerProgress(R${r})`, (t) => !['ridle', 'read', 'exit', 'dec', 'unlockw', 'rel2'].includes(t.pc(r)), (t) => t.pc(r) === 'read'),
        ),
      ],
      // Readers and writers may stay idle for good; a process waiting on a semaphore is woken by a signal.
      remainder: ['ridle', 'widle'],
      fairness: 'strong',
      sections: [
        { label: 'write', exclusive: true },
        { label: 'read', exclusive: false },
      ],
      origin: { module: import.meta.url, factory: 'readersWriters', options },
    });
}
