/**
 * The seam of the filter lock: the shared variables, and the rules where a variant may differ from
 * Peterson's filter, with Peterson's own. The program (`filterLock.ts`) uses them; a mutant (`mutants.ts`)
 * overrides them.
 *
 * @module
 */
import { s } from '../../core/index.js';
import type { DraftOf } from '../../core/index.js';

/** The shared variables of the filter lock for `n` processes. */
export function filterShared(n: number) {
  return s.record({ level: s.array(s.int(0, n - 1), n), victim: s.array(s.int(0, n - 1), n) });
}

/** The local variables of a process: the level it is entering and the process its scan looks at next. */
export interface FilterLockLocal {
  lvl: number;
  k: number;
}

/** One write of a level's entry by process `self`; it also starts the scan over. Named as traces show it. */
export interface FilterLockWrite {
  /** The step's name in traces. */
  readonly name: string;
  /** The write. */
  run(shared: DraftOf<ReturnType<typeof filterShared>>, local: FilterLockLocal, self: number): void;
}

/** The first process the scan of `self` looks at. */
const firstOther = (self: number): number => (self === 0 ? 1 : 0);

/** `level[self] := lvl`: the process raises its level. */
export const raiseLevel: FilterLockWrite = {
  name: 'level[self] := lvl',
  run: (sh, me, self) => {
    sh.level.set(self, me.lvl);
    me.k = firstOther(self);
  },
};

/** `victim[lvl] := self`: the process names itself victim of the level. */
export const nameVictim: FilterLockWrite = {
  name: 'victim[lvl] := self',
  run: (sh, me, self) => {
    sh.victim.set(me.lvl, self);
    me.k = firstOther(self);
  },
};

/** The rules where a variant of the protocol may differ from the filter lock's; `mutants.ts` overrides them. */
export interface FilterLockRules {
  /** The write of label `level`, the first of a level's entry. */
  readonly first: FilterLockWrite;
  /** The write of label `victim`, the second. */
  readonly second: FilterLockWrite;
  /**
   * The test of label `check`, made when the scan has found another process at the level or above: whether
   * the victim `victim` read for the level lets process `self` pass.
   */
  yields(victim: number, self: number): boolean;
}

/** The rules as Peterson states them: raise the level, name oneself victim, and pass once someone else is the victim. */
export const filterLockRules: FilterLockRules = { first: raiseLevel, second: nameVictim, yields: (victim, self) => victim !== self };
