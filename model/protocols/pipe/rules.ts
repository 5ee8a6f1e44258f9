/**
 * The seam of the pipe: the rules where a variant may differ from POSIX pipes as the course notes describe
 * them, with the notes' own. The model (`pipe.ts`) reads them once, at construction; a mutant
 * (`mutants.ts`) overrides one.
 *
 * @module
 */

/** The rules where a variant of the pipe may differ; `mutants.ts` overrides them. */
export interface PipeRules {
  /** Where the producer goes once it has written its last byte: it closes the write end. */
  afterLastByte(): 'close' | 'done';
  /** What a write to a full pipe does: it blocks until the consumer makes room. */
  whenFull(): 'block' | 'drop';
  /**
   * How the consumer waits for data: it blocks in `read(2)` (`'blocking'`), or (`'edge-triggered'`) it polls
   * an `EPOLLET` readiness flag, which the kernel raises only when a write finds the pipe empty and on close,
   * and reads one byte per notification from a non-blocking descriptor instead of draining the pipe.
   */
  consumer(): 'blocking' | 'edge-triggered';
}

/** The rules as `pipe(2)` and `write(2)` state them. */
export const pipeRules: PipeRules = {
  afterLastByte: () => 'close',
  whenFull: () => 'block',
  consumer: () => 'blocking',
};
