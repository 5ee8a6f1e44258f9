/**
 * The `interleave` command as a function, so that it can be called in-process.
 *
 * @module
 */
import { readFileSync } from 'node:fs';
import { checkCommand } from './commands/check.js';
import { listCommand } from './commands/list.js';
import { replayCommand } from './commands/replay.js';
import { runCommand } from './commands/runCluster.js';
import { validateCommand } from './commands/validate.js';
import { UsageError, isUserError } from './errors.js';

const USAGE = `usage: interleave <command> [options]

commands:
  list [--json]                  the catalogue of specs and mutants, with expected verdicts
  check [SPEC] [options]         check one spec, or with no SPEC every catalogue entry
      --param NAME=VALUE         set a parameter (repeatable), e.g. --param rms=5
      --json                     print the result as JSON
      --trace-out FILE           write the first counterexample as a trace file
      --msc                      also print the trace as a Mermaid sequence diagram
      --max-depth N              do not explore states at BFS level N or deeper (initial states: level 1)
      --max-states N             stop after N distinct states
      --continue                 keep going after a violation; report each property once
      --no-deadlock              do not report states without enabled actions
      --engine packed|generic    the search engine for packed models (default packed)
      --quiet                    no progress lines on stderr
  replay FILE                    re-execute a trace file against its spec
  run PROTOCOL [options]         run a protocol for real: an actor protocol as one OS process per node
                                 (then check it with validate), a threads system on real threads
      --param NAME=VALUE         set a parameter (repeatable), e.g. --param txs=200
      --transport tcp|unix       sockets between the nodes (default tcp, loopback)
      --insecure                 plain TCP instead of mutual TLS 1.3 (default: a CA and certificates per run)
      --tls-dir DIR              take the CA and node certificates from DIR (ca.pem, NODE.key, NODE.pem)
      --dir DIR                  the run's folder: logs, traces, outputs (default interleave-runs/ID-TIME)
      --duration 10s             stop after this long (default: when the workload is done)
      --faults SPEC              kill=participant-1@2s,restart@3s | random,seed=7 | loss=0.01,delay=1-5ms,
                                 reorder=0.1 | A->C.delay=150ms (see the README)
      --threads N, --iterations N   for threads systems
  validate DIR [--json]          check a run's traces against its protocol's model
  help                           this text
  version                        the version`;

function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

/** Runs the CLI with `argv` (without the node and script paths); returns the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  const [command, ...rest] = argv;
  const controller = new AbortController();
  let interrupts = 0;
  const onInt = (): void => {
    if (++interrupts > 1) process.exit(130);
    process.stderr.write('interrupted: finishing the report (Ctrl-C again to quit at once)\n');
    controller.abort();
  };
  process.on('SIGINT', onInt);
  try {
    switch (command) {
      case 'list':
        return listCommand(rest);
      case 'check':
        return await checkCommand(rest, controller.signal);
      case 'replay':
        return replayCommand(rest);
      case 'run':
        return await runCommand(rest, controller.signal);
      case 'validate':
        return validateCommand(rest);
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        process.stdout.write(`${USAGE}\n`);
        return command === undefined ? 2 : 0;
      case 'version':
      case '--version':
        process.stdout.write(`${version()}\n`);
        return 0;
      default:
        throw new UsageError(`unknown command '${command}' (commands: list, check, replay, run, validate, help, version)`);
    }
  } catch (e) {
    if (isUserError(e)) {
      process.stderr.write(`interleave: error: ${e.message.split('\n')[0]}\n`);
      return 2;
    }
    const msg = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
    process.stderr.write(`interleave: internal error: ${msg.split('\n')[0]}${process.env['INTERLEAVE_DEBUG'] ? `\n${(e as Error).stack}` : ' (set INTERLEAVE_DEBUG=1 for the stack)'}\n`);
    return 1;
  } finally {
    process.off('SIGINT', onInt);
  }
}

