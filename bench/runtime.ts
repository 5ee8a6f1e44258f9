/**
 * The runtime benchmark: two-phase commit with logs as a real cluster — a coordinator and 3 participants,
 * each its own process, over loopback TCP, every durable write fsync'd before the messages of its step —
 * at one transaction at a time (latency) and at 16 (throughput). It prints transactions per second,
 * latency p50/p99, and the durable writes and fsyncs per transaction beside the protocol's minimum — each
 * with the links under mutual TLS 1.3 (the default) and plain (`--insecure`), side by side, so that the
 * cost of authenticating and encrypting every link shows.
 *
 * The minimum: a committed transaction needs a precommit record and a decision record at the coordinator
 * and at each participant, 2(n + 1) durable writes. The client learns the outcome when the coordinator
 * decides, after three of them one after another (coordinator precommit → participant precommit →
 * coordinator decision), so its latency is at least three fsyncs; the participants' decision writes follow. The node's log commits concurrent appends with one
 * fsync (group commit), so with several transactions open the fsyncs per transaction fall below the
 * records per transaction. The fsync latency of the disk is measured first, for scale.
 *
 * @example
 * ```sh
 * npm run bench -- --runtime
 * ```
 *
 * @module
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { resolveDeploymentParams } from '../model/actors/index.js';
import { findDeployment } from '../model/protocols/registry.js';
import { DurableLog } from '../impl/log/index.js';
import { NO_FAULT_SPEC, percentile, runCluster } from '../impl/cluster/index.js';
import type { RunSummary } from '../impl/cluster/index.js';

/** One measured configuration. */
export interface RuntimeRow {
  readonly concurrency: number;
  readonly links: 'tls' | 'insecure';
  readonly summary: RunSummary;
  /** Log records and fsyncs per finished transaction, log creation excluded. */
  readonly recordsPerTx: number;
  readonly fsyncsPerTx: number;
}

/** The median and p99 of `count` sequential 1 KiB appends to a fresh log, in ms. */
export async function fsyncLatency(count = 200): Promise<{ p50: number; p99: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'il-fsync-'));
  try {
    const { log } = await DurableLog.open(join(dir, 'bench.log'));
    const record = new Uint8Array(1024).fill(7);
    const times: number[] = [];
    for (let i = 0; i < count; i++) {
      const t = performance.now();
      await log.append(record);
      times.push(performance.now() - t);
    }
    await log.close();
    return { p50: percentile(times, 0.5), p99: percentile(times, 0.99) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const NODES = 4;

/** Runs 2PC with 3 participants at `concurrency` open transactions, `txs` transactions, no faults, over `links`. */
export async function runtimeRow(concurrency: number, txs: number, links: RuntimeRow['links'] = 'tls'): Promise<RuntimeRow> {
  const deployment = findDeployment('twophase-log');
  // Nobody refuses and the timers are long: the row measures the commit path, not timeouts.
  const params = resolveDeploymentParams(deployment, { participants: 3, txs, concurrency, refuse: 0, vote: 60_000, decision: 60_000 });
  const dir = mkdtempSync(join(tmpdir(), 'il-bench-2pc-'));
  try {
    const summary = await runCluster({ deployment, params, dir, transport: 'tcp', links, faults: NO_FAULT_SPEC, lingerMs: 0, nodeEntry: fileURLToPath(new URL('../impl/node/main.js', import.meta.url)) });
    const done = summary.operations.done;
    // Creating a log costs two fsyncs (the file and its directory), not a transaction's.
    return { concurrency, links, summary, recordsPerTx: summary.log.records / done, fsyncsPerTx: (summary.log.fsyncs - 2 * NODES) / done };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const f = (x: number, d = 1) => x.toFixed(d);

/** Measures and prints the runtime rows; returns the exit code. */
export async function runtimeBench(): Promise<number> {
  const disk = await fsyncLatency();
  const rows = [await runtimeRow(1, 300, 'tls'), await runtimeRow(1, 300, 'insecure'), await runtimeRow(16, 1000, 'tls'), await runtimeRow(16, 1000, 'insecure')];
  const n = 3;
  console.log(`2PC with logs on loopback TCP: coordinator + ${n} participants, one process each, fsync before send`);
  console.log(`disk: one 1 KiB append + fdatasync takes p50 ${f(disk.p50, 2)} ms, p99 ${f(disk.p99, 2)} ms`);
  console.log('');
  console.log('| open txs | links | transactions | committed | tx/s | p50 ms | p99 ms | log records/tx | fsyncs/tx | records per fsync |');
  console.log('|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const r of rows) {
    const s = r.summary;
    console.log(
      `| ${r.concurrency} | ${r.links === 'tls' ? 'mutual TLS 1.3' : 'insecure'} | ${s.operations.done} | ${s.outcomes['committed'] ?? 0} | ${f(s.throughput)} | ${f(s.latency.p50, 2)} | ${f(s.latency.p99, 2)} | ${f(r.recordsPerTx, 2)} | ${f(r.fsyncsPerTx, 2)} | ${f(r.recordsPerTx / r.fsyncsPerTx, 2)} |`,
    );
  }
  console.log('');
  console.log(`protocol minimum per committed transaction: ${2 * (n + 1)} durable writes (precommit + decision at each of ${n + 1} nodes),`);
  console.log(`3 of them before the client learns the outcome: latency >= 3 fsyncs = ${f(3 * disk.p50, 2)} ms at this disk's median`);
  const one = rows[0]!;
  console.log(
    `one at a time: ${f(one.fsyncsPerTx, 2)} fsyncs/tx = ${f(one.fsyncsPerTx / (2 * (n + 1)), 2)}x the minimum without group commit; p50 latency ${f(one.summary.latency.p50 / (3 * disk.p50), 2)}x the 3-fsync bound`,
  );
  const many = rows[2]!;
  console.log(`16 open: group commit brings it to ${f(many.fsyncsPerTx, 2)} fsyncs/tx (${f(many.fsyncsPerTx / (2 * (n + 1)), 2)}x the per-transaction minimum of ${2 * (n + 1)})`);
  for (const c of [1, 16]) {
    const [tls, plain] = (['tls', 'insecure'] as const).map((l) => rows.find((r) => r.concurrency === c && r.links === l)!);
    console.log(`TLS at ${c} open: ${f(tls!.summary.throughput)} tx/s vs ${f(plain!.summary.throughput)} insecure (${f((100 * tls!.summary.throughput) / plain!.summary.throughput, 0)} %), p50 ${f(tls!.summary.latency.p50, 2)} vs ${f(plain!.summary.latency.p50, 2)} ms`);
  }
  const bad = rows.filter((r) => r.summary.operations.done !== r.summary.operations.total);
  for (const r of bad) console.log(`PROBLEM: only ${r.summary.operations.done} of ${r.summary.operations.total} transactions finished at ${r.concurrency} open (${r.links})`);
  return bad.length === 0 ? 0 : 1;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) process.exitCode = await runtimeBench();
