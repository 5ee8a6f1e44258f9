/**
 * The entry point of a node process: `node dist/impl/node/main.js CONFIG_JSON`, started by the cluster
 * launcher with an IPC channel. It finds the protocol in the registry of deployments by id (so the
 * launcher passes data, never code), hosts its node with a {@link NodeHost} over TCP (mutual TLS 1.3 when
 * the config names a TLS folder, plain otherwise) or Unix sockets,
 * and talks to the launcher over IPC with the messages of `ipc.ts`:
 *
 * - launcher → node: `{ type: 'input', input }` (a client input), `{ type: 'stop' }` (a clean stop);
 * - node → launcher: `{ type: 'ready', incarnation }`, `{ type: 'effect', effect }` (observations and
 *   deliveries, for the client), `{ type: 'refused', input }`, `{ type: 'stats', ... }` (periodically and
 *   at the end).
 *
 * A message from the launcher that does not parse is ignored, with a `warn` line.
 *
 * It ignores SIGINT (Ctrl-C reaches the whole process group; the launcher stops the nodes itself) and
 * stops cleanly if the launcher goes away. A crash is the launcher's SIGKILL. One-line reports (links,
 * rejected frames, log recovery) go to stderr, which the launcher sends to the node's `.out` file.
 *
 * @module
 */
import type { DeploymentParams } from '../../model/actors/index.js';
import { resolveDeployment } from './protocolModule.js';
import { loadTlsCredentials, oneLine, parseAddress, tcpNetwork, tlsNetwork, unixNetwork } from '../transport/index.js';
import type { FaultPlan, Logger, StreamNetwork } from '../transport/index.js';
import { parseLauncherToNode } from './ipc.js';
import type { NodeStatsMessage, NodeToLauncher } from './ipc.js';
import { NodeHost } from './nodeHost.js';
import { nodeFiles } from './nodeFiles.js';

/** What the launcher tells a node process. */
export interface NodeProcessConfig {
  readonly protocol: string;
  /** The user's module that declares the protocol, if it is not the registry's. */
  readonly module: string | null;
  readonly params: DeploymentParams;
  readonly node: number;
  readonly dir: string;
  /** Every node's address, by id, in text form (`tcp://127.0.0.1:7001`, `unix:/tmp/x/C.sock`). */
  readonly addresses: readonly string[];
  /** Where the node's TLS files are (`ca.pem`, `<name>.key`, `<name>.pem`); null: plain TCP or Unix sockets. */
  readonly tlsDir: string | null;
  /** The fault plan of each outgoing link, by destination id (null: none). */
  readonly links: readonly (FaultPlan | null)[];
  /** Milliseconds between stats reports. */
  readonly statsEvery: number;
}

const stamp = () => new Date().toISOString().slice(11, 23);
const logger: Logger = {
  info: (line) => process.stderr.write(`${stamp()} info ${oneLine(line)}\n`),
  warn: (line) => process.stderr.write(`${stamp()} warn ${oneLine(line)}\n`),
};

async function run(config: NodeProcessConfig): Promise<void> {
  const send = (m: NodeToLauncher) => {
    if (process.connected) process.send!(m);
  };
  const d = await resolveDeployment(config.protocol, config.module ?? undefined);
  const system = d.system(config.params, { crashes: 0, drops: 0, duplicates: 0, inFlight: 1 });
  const name = system.topology.nodes[config.node]!.name;
  const addresses = config.addresses.map(parseAddress);
  const network: StreamNetwork =
    addresses[0]!.kind === 'unix' ? unixNetwork : config.tlsDir !== null ? tlsNetwork({ credentials: loadTlsCredentials(config.tlsDir, name), name, logger }) : tcpNetwork;
  const host = await NodeHost.start({
    system,
    node: config.node,
    protocol: d.id,
    ...(d.module !== undefined ? { module: d.module } : {}),
    params: config.params,
    timeouts: d.timeouts(config.params),
    network,
    addresses,
    logPath: nodeFiles(config.dir, name).log,
    tracePath: nodeFiles(config.dir, name).trace,
    linkFaults: (peer) => config.links[peer] ?? undefined,
    logger,
    onEffect: (effect) => send({ type: 'effect', effect }),
    onRefused: (input) => send({ type: 'refused', input }),
    onFatal: (e) => {
      logger.warn(`${name}: fatal: ${e instanceof Error ? e.message : String(e)}; crashing`);
      process.exit(70);
    },
  });
  const stats = (): NodeStatsMessage => ({ type: 'stats', incarnation: host.incarnation, steps: host.stats.steps, refusedMessages: host.stats.refusedMessages, log: { ...host.logStats }, transport: { ...host.transportStats } });
  const timer = setInterval(() => send(stats()), config.statsEvery);
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    clearInterval(timer);
    await host.stop();
    send(stats());
    send({ type: 'stopped' });
    process.disconnect?.();
  };
  process.on('message', (raw: unknown) => {
    const m = parseLauncherToNode(raw);
    if ('error' in m) logger.warn(`${name}: ignored an IPC message from the launcher: ${m.error}`);
    else if (m.type === 'input') host.input(m.input);
    else if (m.type === 'stop') void stop();
  });
  process.on('disconnect', () => void stop());
  logger.info(`${name}: ${host.incarnation === 0 ? 'started' : `recovered (incarnation ${host.incarnation})`}`);
  send({ type: 'ready', incarnation: host.incarnation });
}

process.on('SIGINT', () => {});
const config = JSON.parse(process.argv[2] ?? 'null') as NodeProcessConfig | null;
if (config === null || !process.send) {
  process.stderr.write('usage: started by the cluster launcher (interleave run), with an IPC channel and a JSON config\n');
  process.exit(2);
}
run(config).catch((e: unknown) => {
  logger.warn(`node ${config.node}: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
