import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The built `interleave` executable. */
export const CLI = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));

/** What a run of the CLI printed and returned. */
export interface CliRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the built CLI with `args` in a child process. */
export function interleave(...args: string[]): CliRun {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', timeout: 120_000, maxBuffer: 64 * 2 ** 20 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/**
 * Expects `validate`'s run to conform, allowing for the one gap a SIGKILL can leave: killed between a
 * step's fsync and its trace line, a node holds a durable record no trace line explains, and the run then
 * conforms as far as the traces go (exit 3), naming the trace and the record.
 */
export function expectConformsAfterKills(v: CliRun): void {
  if (v.code === 3) {
    if (!/: conforms as far as the traces go /.test(v.stdout) || !/trace of \w+ incomplete after step \d+; its log holds \d+ more state records?/.test(v.stdout)) {
      throw new Error(`validate exited 3 without the gap a kill can leave:\n${v.stdout}`);
    }
    return;
  }
  if (v.code !== 0 || !/: conforms\n/.test(v.stdout)) throw new Error(`validate did not conform (exit ${v.code}):\n${v.stdout}${v.stderr}`);
}
