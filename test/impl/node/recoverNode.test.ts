import { describe, expect, it } from 'vitest';
import { startPoint } from '../../../impl/node/index.js';

const none = { durable: null, states: 0, mark: null };

describe('where an incarnation starts', () => {
  it('starts a new node at incarnation 0 with nothing used', () => {
    expect(startPoint(none, null, 1, 3)).toEqual({ durable: null, vc: [0, 0, 0], steps: 0, seq: 0, log: 0, inc: 0, gap: null });
  });

  it('resumes past the trace when the trace is ahead of the last mark', () => {
    const log = { durable: { x: 1 }, states: 2, mark: { inc: 0, stepLimit: 8, seqLimit: 5 } };
    const trace = { steps: 9, inc: 0, vc: [3, 9, 2], seq: 6, log: 2, sealed: false };
    expect(startPoint(log, trace, 1, 3)).toEqual({ durable: { x: 1 }, vc: [3, 9, 2], steps: 9, seq: 7, log: 2, inc: 1, gap: null });
  });

  it('resumes past the mark when a power loss took the trace tail, and records what the trace is missing', () => {
    // The log holds 4 state records and a mark of incarnation 2; the trace's last step is of incarnation 1 and saw 3 records.
    const log = { durable: { x: 4 }, states: 4, mark: { inc: 2, stepLimit: 40, seqLimit: 30 } };
    const trace = { steps: 12, inc: 1, vc: [5, 20, 1], seq: 11, log: 3, sealed: false };
    expect(startPoint(log, trace, 1, 3)).toEqual({ durable: { x: 4 }, vc: [5, 40, 1], steps: 12, seq: 30, log: 4, inc: 3, gap: { records: 1, incarnations: 1 } });
  });
});
