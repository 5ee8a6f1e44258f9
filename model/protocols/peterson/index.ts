/**
 * Peterson's two-process mutual exclusion — the front door: its mutant and the checking instance (which
 * `interleave run` also runs on real threads). Its N-process generalisation is `filter-lock`.
 *
 * @module
 */
import { defineProtocol } from '../protocol.js';
import { peterson } from './peterson.js';

/** Peterson's algorithm, step for step as Peterson.tla, and its mutant that gives the turn away first. */
export const petersonProtocol = defineProtocol({
  id: 'peterson',
  description: "Peterson's two-process mutual exclusion, step for step as Peterson.tla (labels a0..a4, cs)",
  params: [],
  variants: [
    { name: 'turn-first', description: 'Peterson with a process giving the turn away before it raises its flag' },
    { name: 'turn-only', description: 'Peterson whose process waits for its turn whatever the other wants (strict alternation): a process starves' },
  ],
  build: (_p, variant) => peterson({ variant }),
});
