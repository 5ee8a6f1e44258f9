/**
 * `npm run soak`: a Jepsen-style soak of the 2PC reference implementation. Not part of `npm test`.
 *
 * It runs `twophase-log` (a coordinator and 3 participants, 1024 transactions per round, 8 open at a time)
 * as real processes over loopback TCP with mutual TLS 1.3 (`--insecure`: plain TCP), in rounds of `--round` (60 s) until `--duration` is used up. Each
 * round injects every kind of fault the runtime knows:
 *
 * - random SIGKILLs and restarts of any node, about every 3 s (down 0.7 s), 30 % of them **power losses** (the node
 *   also loses the unsynced tail of its trace and may leave a torn log record: `impl/cluster/powerLoss.ts`);
 * - every node killed at once, and the coordinator killed again 40 ms after a restart (during its recovery);
 * - message loss (1 %), duplication (1 %) and delay (0–3 ms) on every link;
 * - an attacker on loopback sending malformed and forged frames to the nodes' ports, and TLS handshakes
 *   without a certificate (`attacker.ts`).
 *
 * At the end of each round an independent checker (`soakCheck.ts`) reads the nodes' logs directly — not the
 * traces — and the client's acknowledgements (`acks.jsonl`), and `validate` replays the run against the
 * model. The last line sums the rounds:
 *
 * ```text
 * soak: N acknowledged, K kills, P power losses, F forged frames refused, lost X, contradicting Y, validate <verdict>
 * ```
 *
 * It exits 0 only if nothing acknowledged was lost, nothing contradicts, every forged frame was refused and
 * every round conforms (or conforms as far as power-damaged traces go: `partial`).
 *
 * @example
 * ```sh
 * npm run soak -- --duration 60s --seed 7
 * npm run soak -- --duration 5m --seed 1 --dir /tmp/soak
 * ```
 *
 * @module
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { NO_FAULTS, resolveDeploymentParams } from '../model/actors/index.js';
import type { AnyActor, MessageSchema } from '../model/actors/index.js';
import { findDeployment } from '../model/protocols/registry.js';
import { txLog } from '../model/protocols/twophase-log/vocabulary.js';
import { ACKS_FILE, ClusterError, parseFaultSpec, runCluster } from '../impl/cluster/index.js';
import type { RunSummary } from '../impl/cluster/index.js';
import { readLog } from '../impl/log/index.js';
import { ENVELOPE_MAX, decodeNodeLogRecord, envelopeSchema, nodeFiles } from '../impl/node/index.js';
import { schemaFrames } from '../impl/transport/index.js';
import { wireDecode } from '../impl/wire/index.js';
import { readRun, validateRun } from '../impl/validate/index.js';
import { startAttacker } from './attacker.js';
import type { AttackStats, Target } from './attacker.js';
import { checkDecisions } from './soakCheck.js';
import type { Ack, DecisionCheck } from './soakCheck.js';

const TXS = 1024;
const PARAMS = { participants: 3, txs: TXS, refuse: 100, concurrency: 8, vote: 1000, decision: 300 };

function duration(name: string, v: string): number {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m)$/.exec(v);
  if (!m) throw new Error(`--${name}: expected a duration like 60s, 5m or 500ms, got '${v.slice(0, 40)}'`);
  return Number(m[1]) * { ms: 1, s: 1000, m: 60_000 }[m[2] as 'ms' | 's' | 'm'];
}

interface SoakOptions {
  readonly durationMs: number;
  readonly roundMs: number;
  readonly seed: number;
  readonly dir: string;
  readonly verbose: boolean;
  readonly insecure: boolean;
}

function parseSoakArgs(argv: readonly string[]): SoakOptions {
  let durationMs = 60_000;
  let roundMs = 60_000;
  let seed = 1;
  let dir: string | null = null;
  let verbose = false;
  let insecure = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const v = (): string => {
      const x = argv[++i];
      if (x === undefined) throw new Error(`${a} needs a value`);
      return x;
    };
    if (a === '--duration') durationMs = duration('duration', v());
    else if (a === '--round') roundMs = duration('round', v());
    else if (a === '--seed') {
      const x = v();
      if (!/^\d+$/.test(x)) throw new Error(`--seed: expected a non-negative integer, got '${x.slice(0, 40)}'`);
      seed = Number(x);
    } else if (a === '--dir') dir = v();
    else if (a === '--verbose') verbose = true;
    else if (a === '--insecure') insecure = true;
    else throw new Error(`unknown option '${a.slice(0, 40)}' (--duration, --round, --seed, --dir, --insecure, --verbose)`);
  }
  if (roundMs < 5000) throw new Error('--round must be at least 5s');
  return { durationMs, roundMs, seed, dir: dir ?? mkdtempSync(join(tmpdir(), 'interleave-soak-')), verbose, insecure };
}

/** The last state record of a node's log, as its per-transaction entries (all `none` if it has none). */
async function finalLog(path: string): Promise<string[]> {
  const contents = await readLog(path);
  if (contents.damage) throw new Error(`${path}: damaged before its tail at byte ${contents.damage.offset}`);
  let last: Uint8Array | null = null;
  for (const r of contents.records) {
    const rec = decodeNodeLogRecord(r.payload);
    if (rec.kind === 'state') last = rec.body;
  }
  return last === null ? Array<string>(TXS).fill('none') : [...wireDecode(txLog(TXS), last).log];
}

function readAcks(dir: string): Ack[] {
  const path = join(dir, ACKS_FILE);
  if (!existsSync(path)) return [];
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as Ack);
}

/** The ports of the round's nodes, from its `run.json` (written before the nodes start). */
function targetsOf(dir: string): Target[] {
  const path = join(dir, 'run.json');
  if (!existsSync(path)) return [];
  const run = JSON.parse(readFileSync(path, 'utf8')) as { nodes: { name: string; address: string }[] };
  return run.nodes.flatMap((n) => {
    const m = /^tcp:\/\/([^:]+):(\d+)$/.exec(n.address);
    return m ? [{ name: n.name, host: m[1]!, port: Number(m[2]) }] : [];
  });
}

interface Round {
  readonly summary: RunSummary;
  readonly check: DecisionCheck;
  readonly attack: AttackStats;
  readonly verdict: string;
  readonly linkSecurity: string;
}

const rank: Record<string, number> = { conforms: 0, partial: 1, assumption: 2 };

async function round(k: number, dir: string, ms: number, o: SoakOptions): Promise<Round> {
  const { seed, verbose } = o;
  const d = findDeployment('twophase-log');
  const params = resolveDeploymentParams(d, PARAMS);
  const s = seed * 1000 + k;
  const at = (f: number) => `${Math.round(ms * f)}ms`;
  const faults = parseFaultSpec(
    [
      `random,seed=${s},mean=2500ms,down=700ms,after=1s,powerloss=0.3`,
      'loss=0.01,dup=0.01,delay=0-3ms',
      `kill=all@${at(0.45)},restart@800ms`,
      `kill=C@${at(0.7)},restart@300ms`,
      `kill=C@${Math.round(ms * 0.7) + 340}ms,powerloss,restart@400ms`,
    ].join(','),
  );
  const system = d.system(params, NO_FAULTS);
  const msgs = (system.roles[system.topology.nodes[0]!.role]!.actor as AnyActor).messages as MessageSchema;
  const N = system.topology.nodes.length;
  const forged = schemaFrames(envelopeSchema(msgs, N)).encode({
    seq: 1,
    vc: Array<number>(N).fill(ENVELOPE_MAX),
    msg: msgs.toFlat({ type: 'Decision', tx: 0, commit: true } as never),
  } as never);
  const attacker = startAttacker({ targets: () => targetsOf(dir), seed: s, everyMs: 50, forgedEnvelope: forged, claim: system.topology.nodes[0]!.name, tls: !o.insecure });
  let summary: RunSummary;
  try {
    summary = await runCluster({
      deployment: d,
      params,
      dir,
      transport: 'tcp',
      links: o.insecure ? 'insecure' : 'tls',
      durationMs: ms,
      faults,
      seed: s,
      onLine: (l) => {
        if (verbose) process.stderr.write(`  ${l}\n`);
      },
    });
  } catch (e) {
    await attacker.stop();
    throw e;
  }
  const attack = await attacker.stop();
  const names = system.topology.nodes.map((n) => n.name);
  const logs = await Promise.all(names.map((n) => finalLog(nodeFiles(dir, n).log)));
  const check = checkDecisions(logs[0]!, logs.slice(1), readAcks(dir));
  let verdict: string;
  try {
    verdict = validateRun(readRun(dir), d).verdict;
  } catch (e) {
    verdict = `unreadable (${(e as Error).message.split('\n')[0]!.slice(0, 200)})`;
  }
  return { summary, check, attack, verdict, linkSecurity: summary.links };
}

/** Runs the soak (see the module documentation); returns the exit code. */
export async function soak(argv: readonly string[]): Promise<number> {
  const o = parseSoakArgs(argv);
  mkdirSync(o.dir, { recursive: true });
  const rounds: Round[] = [];
  const t0 = Date.now();
  process.stderr.write(`soak: ${(o.durationMs / 1000).toFixed(0)} s of twophase-log in rounds of ${(o.roundMs / 1000).toFixed(0)} s, seed ${o.seed}, in ${resolve(o.dir)}\n`);
  for (let k = 0; Date.now() - t0 < o.durationMs - 2000; k++) {
    const ms = Math.max(5000, Math.min(o.roundMs, o.durationMs - (Date.now() - t0)));
    let r: Round | null = null;
    // A round whose cluster cannot start (a node too slow to come up on a loaded machine) is tried again
    // in a fresh folder; one that ran is never retried.
    for (let attempt = 1; r === null; attempt++) {
      const dir = join(o.dir, `round-${k + 1}${attempt > 1 ? `-try${attempt}` : ''}`);
      try {
        r = await round(k, dir, ms, o);
      } catch (e) {
        if (!(e instanceof ClusterError) || attempt === 3) throw e;
        process.stderr.write(`  round ${k + 1}: the cluster did not start (${e.message}); trying again\n`);
      }
    }
    rounds.push(r);
    const f = r.summary.faults;
    process.stderr.write(
      `  round ${k + 1}: ${r.check.acknowledged} acknowledged, ${f.kills} kills (${f.powerLosses} power losses), ` +
        `${r.attack.refused}/${r.attack.sent} forged refused, lost ${r.check.lost}, contradicting ${r.check.contradicting}, ` +
        `${r.check.uncertain} uncertain at the end, validate ${r.verdict}, links ${r.linkSecurity}\n`,
    );
    for (const p of r.check.problems) process.stderr.write(`    ${p}\n`);
    for (const a of r.attack.acceptedDetails) process.stderr.write(`    not refused: ${a}\n`);
  }
  const sum = (f: (r: Round) => number) => rounds.reduce((a, r) => a + f(r), 0);
  const acknowledged = sum((r) => r.check.acknowledged);
  const kills = sum((r) => r.summary.faults.kills);
  const powerLosses = sum((r) => r.summary.faults.powerLosses);
  const sent = sum((r) => r.attack.sent);
  const refused = sum((r) => r.attack.refused);
  const lost = sum((r) => r.check.lost);
  const contradicting = sum((r) => r.check.contradicting);
  const uncertain = sum((r) => r.check.uncertain);
  const worst = rounds.map((r) => r.verdict).reduce((a, b) => ((rank[b] ?? 9) > (rank[a] ?? 9) ? b : a), 'conforms');
  const verdicts = [...new Set(rounds.map((r) => r.verdict))];
  process.stderr.write(
    `  ${rounds.length} rounds in ${((Date.now() - t0) / 1000).toFixed(0)} s; ${sent} forged frames sent, ${sent - refused} not refused; ` +
      `${uncertain} (participant, transaction) pairs uncertain at the ends of rounds; verdicts: ${verdicts.join(', ')}\n`,
  );
  process.stdout.write(`soak: ${acknowledged} acknowledged, ${kills} kills, ${powerLosses} power losses, ${refused} forged frames refused, lost ${lost}, contradicting ${contradicting}, validate ${worst}\n`);
  const ok = lost === 0 && contradicting === 0 && refused === sent && (rank[worst] ?? 9) <= 1;
  return ok ? 0 : 1;
}

soak(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: unknown) => {
    process.stderr.write(`soak: error: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(2);
  },
);
