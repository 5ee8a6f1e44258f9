/**
 * An independent, deliberately naive TwoPhase (Gray and Lamport's `TwoPhase.tla`): states are JSON strings,
 * the visited set a JS `Set`, the actions written out from the TLA+ text. It shares no code with the model
 * or the checker, so its counts are a cross-check of both.
 *
 * @module
 */

interface St {
  rm: string[];
  tm: string;
  tmPrepared: number[];
  prepared: number[];
  commit: boolean;
  abort: boolean;
}

const withMember = (xs: number[], x: number): number[] => [...new Set([...xs, x])].sort((a, b) => a - b);

/** The successors of `st`, one per enabled TLA+ action instance. */
function successors(st: St, n: number): St[] {
  const out: St[] = [];
  const rmSet = (r: number, x: string): St => ({ ...st, rm: st.rm.map((y, i) => (i === r ? x : y)) });
  // TMCommit, TMAbort
  if (st.tm === 'init' && st.tmPrepared.length === n) out.push({ ...st, tm: 'committed', commit: true });
  if (st.tm === 'init') out.push({ ...st, tm: 'aborted', abort: true });
  for (let r = 0; r < n; r++) {
    // TMRcvPrepared(r)
    if (st.tm === 'init' && st.prepared.includes(r)) out.push({ ...st, tmPrepared: withMember(st.tmPrepared, r) });
    // RMPrepare(r)
    if (st.rm[r] === 'working') out.push({ ...rmSet(r, 'prepared'), prepared: withMember(st.prepared, r) });
    // RMChooseToAbort(r)
    if (st.rm[r] === 'working') out.push(rmSet(r, 'aborted'));
    // RMRcvCommitMsg(r), RMRcvAbortMsg(r)
    if (st.commit) out.push(rmSet(r, 'committed'));
    if (st.abort) out.push(rmSet(r, 'aborted'));
  }
  return out;
}

/** TLC's statistics for TwoPhase with `n` RMs, by plain BFS. */
export function twoPhaseOracle(n: number): { distinct: number; generated: number; depth: number } {
  const init: St = { rm: Array<string>(n).fill('working'), tm: 'init', tmPrepared: [], prepared: [], commit: false, abort: false };
  const seen = new Set([JSON.stringify(init)]);
  let frontier = [init];
  let generated = 1;
  let depth = 1;
  while (frontier.length > 0) {
    const next: St[] = [];
    for (const st of frontier) {
      for (const succ of successors(st, n)) {
        generated++;
        const key = JSON.stringify(succ);
        if (!seen.has(key)) {
          seen.add(key);
          next.push(succ);
        }
      }
    }
    if (next.length > 0) depth++;
    frontier = next;
  }
  return { distinct: seen.size, generated, depth };
}
