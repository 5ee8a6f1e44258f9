/**
 * The mutants of the pipe: each overrides one of the rules of `PipeRules`, and the correct model stays as
 * the course notes write it.
 *
 * @module
 */
import type { PipeRules } from './rules.js';

/** Each mutant's overrides of the pipe's rules, by variant name. */
export const pipeMutants = {
  /** The producer never closes the write end: the consumer then blocks forever. */
  'no-close': {
    /** The producer ends without closing. */
    afterLastByte: () => 'done',
  },
  /** A write to a full pipe is lost instead of blocking. */
  'drop-when-full': {
    /** A write to a full buffer is dropped. */
    whenFull: () => 'drop',
  },
  /**
   * `EPOLLET` misused: the consumer polls the edge-triggered readiness flag and reads one byte per
   * notification; bytes written while the pipe was not empty raise no new edge, so they stay unread while
   * the consumer spins.
   */
  'edge-triggered': {
    /** The consumer reads one byte per edge. */
    consumer: () => 'edge-triggered',
  },
} satisfies Record<string, Partial<PipeRules>>;

/** The name of a mutant of the pipe. */
export type PipeVariant = keyof typeof pipeMutants;
