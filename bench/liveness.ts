/**
 * `npm run bench -- --liveness`: what checking liveness costs, on the catalogue's default twophase-log —
 * the whole check (its safety and liveness properties) against the same model with its temporal properties
 * left out, each in a fresh process, CPU time and peak RSS, and the behaviour graph's size. The issue's
 * budget: at most about 3x the safety-only time.
 *
 * @module
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { checkSync } from '../checker/check.js';
import { isTemporalProperty } from '../model/core/index.js';
import type { AnyModel } from '../model/core/index.js';
import { defaults, findSpec } from '../specs/index.js';

/** One measured check. */
interface LivenessRow {
  readonly what: 'safety only' | 'safety and liveness';
  readonly verdict: string;
  readonly distinct: number;
  readonly edges: number;
  readonly bytesPerEdge: number;
  readonly cpuSeconds: number;
  readonly peakRssMB: number;
}

const SPEC = 'twophase-log';

/** Runs one check in this process: `all` keeps the temporal properties. */
function runOne(all: boolean): LivenessRow {
  const spec = findSpec(SPEC);
  const model = spec.build(defaults(spec)) as AnyModel;
  const checked = all ? model : ({ ...model, properties: model.properties.filter((p) => !isTemporalProperty(p)) } as AnyModel);
  const r = checkSync(checked);
  const usage = process.resourceUsage();
  return {
    what: all ? 'safety and liveness' : 'safety only',
    verdict: r.verdict,
    distinct: r.stats.distinct,
    edges: r.stats.graph?.edges ?? 0,
    bytesPerEdge: r.stats.graph?.bytesPerEdge ?? 0,
    cpuSeconds: (usage.userCPUTime + usage.systemCPUTime) / 1e6,
    peakRssMB: (usage.maxRSS * 1024) / 1e6,
  };
}

function measure(all: boolean): LivenessRow {
  const child = spawnSync(process.execPath, [fileURLToPath(import.meta.url), all ? '--one-all' : '--one-safety'], { encoding: 'utf8' });
  if (child.status !== 0) throw new Error(`bench liveness failed (status ${child.status}):\n${child.stderr}`);
  return JSON.parse(child.stdout.trim().split('\n').at(-1)!) as LivenessRow;
}

/** Prints the table; returns 1 if liveness costs more than 3x the safety-only check. */
export function main(argv: readonly string[]): number {
  if (argv.includes('--one-all') || argv.includes('--one-safety')) {
    process.stdout.write(`${JSON.stringify(runOne(argv.includes('--one-all')))}\n`);
    return 0;
  }
  const rows = [measure(false), measure(true)];
  console.log(`| ${SPEC} (defaults) | verdict | distinct | graph edges | B/edge | CPU s | peak RSS (MB) |`);
  console.log('|---|---|---:|---:|---:|---:|---:|');
  for (const r of rows) console.log(`| ${r.what} | ${r.verdict} | ${r.distinct.toLocaleString('en-US')} | ${r.edges.toLocaleString('en-US')} | ${r.bytesPerEdge.toFixed(1)} | ${r.cpuSeconds.toFixed(2)} | ${r.peakRssMB.toFixed(1)} |`);
  const ratio = rows[1]!.cpuSeconds / rows[0]!.cpuSeconds;
  console.log(`\nliveness costs ${ratio.toFixed(2)}x the safety-only check (budget: 3x): ${ratio <= 3 ? 'met' : 'NOT met'}`);
  return ratio <= 3 ? 0 : 1;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) process.exitCode = main(process.argv.slice(2));
