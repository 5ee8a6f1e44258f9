/**
 * The catalogue as a test suite: every entry's default instance gives its expected verdict; every
 * counterexample replays step by step, is shortest, and for the mutants whose trace can be worked out by
 * hand, takes exactly the expected actions; every reference figure of a fast enough instance is reproduced.
 */
import { describe, expect, it } from 'vitest';
import { checkSync } from '../../checker/check.js';
import { replay } from '../../checker/replay.js';
import { tierOf } from '../../checker/tier.js';
import { catalogue, defaults, formatParams, resolveParams } from '../../specs/index.js';
import type { Reference, Spec } from '../../specs/index.js';
import { expectReplays } from '../helpers/graphs.js';

/** Reference instances with more distinct states than this are left to the benchmark. */
const MAX_TEST_STATES = 1_000_000;

/**
 * Shortest counterexamples worked out by hand. BFS explores states in discovery order and actions in the
 * model's order, so the trace it reports is the shortest one whose action positions are lexicographically
 * least. TwoPhase's actions are TMCommit, TMAbort, then per RM r: TMRcvPrepared(r), RMPrepare(r),
 * RMChooseToAbort(r), RMRcvCommitMsg(r), RMRcvAbortMsg(r); TCommit's are per RM: Prepare, DecideCommit,
 * DecideAbort.
 */
const expectedTraces: Record<string, readonly string[]> = {
  // One RM must commit and another abort. A commit needs the Commit message, so TMCommit, which the eager TM
  // takes once it has received one Prepared message, which needs an RMPrepare: 3 steps, then
  // RMRcvCommitMsg(x) and RMChooseToAbort(y) for y != x (y cannot abort by message: no Abort is sent).
  // Least positions: RMPrepare(0) (3), TMRcvPrepared(0) (2), TMCommit (0), RMRcvCommitMsg(0) (5), then
  // RMChooseToAbort(1) (9), the least action from there that reaches an inconsistent state.
  'twophase-eager-commit': ['init', 'RMPrepare(0)', 'TMRcvPrepared(0)', 'TMCommit', 'RMRcvCommitMsg(0)', 'RMChooseToAbort(1)'],
  'twophase-objects-eager-commit': ['init', 'RMPrepare(0)', 'TMRcvPrepared(0)', 'TMCommit', 'RMRcvCommitMsg(0)', 'RMChooseToAbort(1)'],
  // A deadlock needs a decided TM (else TMAbort is enabled) that sent no Abort (else RMRcvAbortMsg is), so
  // a commit without message, which needs all three RMs prepared and received: 7 steps. At each step the
  // least useful position: prepare RM 0, receive it (2 < 8), prepare RM 1, receive it, ..., then TMCommit.
  'twophase-lost-commit': [
    'init',
    'RMPrepare(0)',
    'TMRcvPrepared(0)',
    'RMPrepare(1)',
    'TMRcvPrepared(1)',
    'RMPrepare(2)',
    'TMRcvPrepared(2)',
    'TMCommit',
  ],
  // An abort must come before any commit (DecideAbort requires that nobody committed), and the hasty
  // committer must be prepared first: 3 steps. Prepare(0) (0) first; then DecideCommit(0) or
  // DecideAbort(0) would leave no way to disagree, Prepare(1) no way in one more step, so DecideAbort(1)
  // (5); then DecideCommit(0) (1).
  'tcommit-hasty-commit': ['init', 'Prepare(0)', 'DecideAbort(1)', 'DecideCommit(0)'],
};

const runs = new Map<string, { model: ReturnType<Spec['build']>; result: ReturnType<typeof checkSync> }>();

/** Checks an instance of `spec`, once per instance (a reference instance is often the default one). */
function run(spec: Spec, params = defaults(spec)) {
  const key = `${spec.id} ${formatParams(params)}`;
  let r = runs.get(key);
  if (!r) {
    const model = spec.build(params);
    r = { model, result: checkSync(model) };
    runs.set(key, r);
  }
  return r;
}

describe('the catalogue', () => {
  it('has unique ids, and every mutant names an entry of the catalogue and expects a failure', () => {
    const ids = catalogue.map((s) => s.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const spec of catalogue.filter((s) => s.mutantOf !== null)) {
      expect(ids).toContain(spec.mutantOf);
      expect(spec.expected).not.toBe('holds');
    }
    for (const id of Object.keys(expectedTraces)) expect(ids).toContain(id);
  });
});

describe.each(catalogue.map((spec) => [spec.id, spec] as const))('%s', (_id, spec) => {
  it(`gives ${spec.expected} with its default parameters`, () => {
    const { model, result } = run(spec);
    if (spec.expected === 'holds') {
      expect(result.violations.map((v) => `${v.property}: ${v.message ?? v.trace.at(-1)?.label}`)).toEqual([]);
      expect(result.verdict).toBe('holds');
      return;
    }
    const property = spec.expected === 'deadlock' ? 'deadlock' : spec.expected.slice('violated:'.length);
    expect(result.verdict).toBe(spec.expected === 'deadlock' ? 'deadlock' : 'violated');
    expect(result.violations[0]?.property).toBe(property);
    const found = result.violations[0]!;
    if (found.kind === 'sometimes') return;
    const trace = found.trace;

    // Step by step: an initial state, then enabled actions leading to the recorded states.
    expectReplays(model, trace);
    if (found.loop !== undefined) {
      // A lasso: the loop closes (or the behaviour stops fairly), is fair, and violates the property.
      const r = replay(model, trace, found.loop);
      expect(r.ok && r.lasso && r.lasso.broken).toBeNull();
      expect(r.ok && r.lasso && r.lasso.violates).toContain(property);
      return;
    }
    const tier = tierOf(model);
    const last = tier.fromValue(trace.at(-1)!.state);
    if (found.kind === 'always') {
      const p = model.properties.find((q: { name: string }) => q.name === property)!;
      expect(tier.holds(p as never, last)).toBe(false);
      for (const step of trace.slice(0, -1)) expect(tier.holds(p as never, tier.fromValue(step.state))).toBe(true);
    } else {
      expect(tier.actions(last).every((a) => tier.next(last, a) === undefined)).toBe(true);
      expect(tier.isLegalEnd(last)).toBe(false);
    }

    // Shortest: a search bounded just below the counterexample's level finds nothing. (An invariant is
    // checked on the states of the last level; a deadlock shows only when a state is explored.)
    const bound = found.kind === 'deadlock' ? trace.length : trace.length - 1;
    if (bound >= 1) expect(checkSync(model, { maxDepth: bound }).verdict).toBe('incomplete');

    const labels = expectedTraces[spec.id];
    if (labels) expect(trace.map((s) => s.label)).toEqual(labels);
  });

  const refs = (spec.references ?? []).filter((r) => r.distinct <= MAX_TEST_STATES);
  it.each(refs.map((r): [string, Reference] => [`${r.by} ${formatParams(r.params) || '(no parameters)'}`, r]))(
    'reproduces the reference figures of %s',
    (_label, ref) => {
      const { result } = run(spec, resolveParams(spec, ref.params as Record<string, string | number>));
      expect(result.stoppedBy).toBeUndefined();
      expect(result.stats.distinct).toBe(ref.distinct);
      if (ref.generated !== undefined) expect(result.stats.generated).toBe(ref.generated);
      if (ref.depth !== undefined) expect(result.stats.depth).toBe(ref.depth);
    },
  );
});
