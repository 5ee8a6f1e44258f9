/**
 * The node host: one actor of a protocol, running for real. It listens on its address, dials its peers,
 * and feeds the actor's handlers what arrives (messages, decoded and checked by the wire codec), what
 * expires (timers, on the injected clock) and what the client offers (inputs); then it performs the effects
 * the handler described.
 *
 * **Write-ahead.** A step's durable write is appended to the node's log and fsync'd before anything of the
 * step is visible: only then is the step recorded in the trace and are its messages handed to the
 * transport. Steps are computed as events arrive, so while one step's fsync is in flight the next steps
 * are computed and their log records join the same commit (group commit, `impl/log`); their outputs are
 * released in step order, each after every earlier step's write is durable — a later step depends on the
 * earlier ones, so none of its messages may leave before their writes are safe either.
 *
 * **Crash and recovery.** A crash is the process dying (SIGKILL). On start, the host reads its log (cutting
 * a torn tail) and its trace (cutting a torn last line). If the trace has steps, this is a restart: the
 * durable record is the log's last record, the volatile state is the actor's initial state, and the
 * actor's recovery handler runs as the first step of the new incarnation. A log record newer than the
 * trace's last step belongs to a step that was made durable but never recorded, so none of its messages
 * left: the host removes it, which makes that step one that never happened — indistinguishable, outside
 * the process, from a crash just before it.
 *
 * @example
 * ```ts
 * const host = await NodeHost.start({ system, node: 1, protocol: 'twophase-log', params, timeouts,
 *   network: tcpNetwork, addresses, logPath: 'run/P1.log', tracePath: 'run/P1.trace.jsonl' });
 * host.input(3);          // offer a client input
 * await host.stop();      // a clean stop (a crash is a kill)
 * ```
 *
 * @module
 */
import { closeSync, fsyncSync, openSync, ftruncateSync } from 'node:fs';
import { draftOf, encode } from '../../model/core/index.js';
import type { Schema } from '../../model/core/index.js';
import { EffectRecorder } from '../../model/actors/index.js';
import type { ActorSystem, AnyActor, DeploymentParams, Effect, MessageSchema, NodeInfo, Roles } from '../../model/actors/index.js';
import { DurableLog, LOG_HEADER, RECORD_OVERHEAD } from '../log/index.js';
import { createTransport, schemaFrames, silentLogger, systemClock } from '../transport/index.js';
import type { Address, Clock, FaultPlan, Logger, StreamNetwork, Transport } from '../transport/index.js';
import { wireCodec } from '../wire/index.js';
import type { WireCodec } from '../wire/index.js';
import { TRACE_FORMAT, TRACE_VERSION, TraceWriter, bytesDigest, nodeDigest } from '../trace/index.js';
import type { TraceEffect, TraceEvent, TraceStep } from '../trace/index.js';
import { envelopeSchema } from './envelope.js';
import type { Envelope } from './envelope.js';
import { NodeTimers } from './timers.js';

/** Options of {@link NodeHost.start}. */
export interface NodeHostOptions {
  /** The system whose node this is: its roles give the actor, its topology the peers. */
  readonly system: ActorSystem<Roles>;
  /** This node's id. */
  readonly node: number;
  /** The deployment id and parameters, recorded in the trace header. */
  readonly protocol: string;
  readonly params: DeploymentParams;
  /** Milliseconds per timer name. */
  readonly timeouts: Readonly<Record<string, number>>;
  /** The kind of network (`tcpNetwork`, `unixNetwork`, a `MemoryNetwork`). */
  readonly network: StreamNetwork;
  /** Every node's address, by id. */
  readonly addresses: readonly Address[];
  readonly logPath: string;
  readonly tracePath: string;
  /** Faults injected on the link to a peer (by node id). @defaultValue none */
  readonly linkFaults?: (peer: number) => FaultPlan | undefined;
  /** @defaultValue `systemClock` */
  readonly clock?: Clock;
  /** @defaultValue a logger that discards */
  readonly logger?: Logger;
  /** Called, after the step is durable and recorded, with each `observe` and `deliver` effect (for the client). */
  readonly onEffect?: (effect: Effect) => void;
  /** Called when the actor refuses a client input. */
  readonly onRefused?: (input: unknown) => void;
  /** Called if the log fails: the node can no longer keep its promises and must crash. */
  readonly onFatal?: (error: unknown) => void;
  /** Wall-clock milliseconds for trace timestamps. @defaultValue `Date.now` */
  readonly wallClock?: () => number;
}

/** Counters of a node host. */
export interface NodeHostStats {
  /** Steps taken (start or recovery included). */
  steps: number;
  /** Client inputs refused. */
  refused: number;
}

type Any = any; // eslint-disable-line @typescript-eslint/no-explicit-any

/** The byte offset just after the first `keep` records of a log whose record payloads are `records`. */
function logOffset(records: readonly Uint8Array[], keep: number): number {
  let at = LOG_HEADER.length;
  for (let i = 0; i < keep; i++) at += RECORD_OVERHEAD + records[i]!.length;
  return at;
}

/** A running node. Create one with {@link NodeHost.start}. */
export class NodeHost {
  /** Counters (see {@link NodeHostStats}). */
  readonly stats: NodeHostStats = { steps: 0, refused: 0 };
  /** The incarnation running: 0 after a first start, +1 per restart. */
  readonly incarnation: number;
  private readonly info: NodeInfo;
  private readonly actor: AnyActor;
  private readonly msgs: MessageSchema;
  private readonly names: readonly string[];
  private readonly durableCodec: WireCodec<unknown>;
  private readonly localDraft;
  private words: Int32Array;
  private durable: unknown;
  /** The durable record packed, for fingerprints (re-packed only when a step persists). */
  private durableWords: Int32Array;
  private vc: number[];
  private steps: number;
  private seq: number;
  private logRecords: number;
  private tail: Promise<void> = Promise.resolve();
  private stopping = false;
  private readonly timers: NodeTimers;
  private transport!: Transport<Envelope>;

  private constructor(
    private readonly o: NodeHostOptions,
    private readonly log: DurableLog,
    private readonly trace: TraceWriter,
    start: { durable: unknown; vc: number[]; steps: number; seq: number; log: number; inc: number },
  ) {
    const sys = o.system;
    this.info = sys.topology.nodes[o.node]!;
    this.actor = sys.roles[this.info.role]!.actor;
    this.msgs = this.actor.messages as MessageSchema;
    this.names = sys.topology.nodes.map((n) => n.name);
    this.durableCodec = wireCodec(this.actor.durable as Schema);
    this.localDraft = draftOf(this.actor.state as Schema);
    this.words = encode(this.actor.state as Schema, this.actor.initial(this.info) as never);
    this.durable = start.durable;
    this.durableWords = encode(this.actor.durable as Schema, start.durable as never);
    this.vc = start.vc;
    this.steps = start.steps;
    this.seq = start.seq;
    this.logRecords = start.log;
    this.incarnation = start.inc;
    this.timers = new NodeTimers(o.clock ?? systemClock, o.timeouts, (timer) => this.onTimer(timer));
  }

  /** Recovers the node from its log and trace, runs its start (or recovery) step, and starts serving. */
  static async start(o: NodeHostOptions): Promise<NodeHost> {
    const sys = o.system;
    const info = sys.topology.nodes[o.node];
    if (!info) throw new RangeError(`NodeHost.start: no node ${o.node} (nodes: ${sys.topology.nodes.map((n) => `${n.id}=${n.name}`).join(', ')})`);
    if (o.addresses.length !== sys.topology.nodes.length) throw new RangeError(`NodeHost.start: ${o.addresses.length} addresses for ${sys.topology.nodes.length} nodes`);
    const logger = o.logger ?? silentLogger;
    const actor: AnyActor = sys.roles[info.role]!.actor;
    const header = {
      format: TRACE_FORMAT,
      version: TRACE_VERSION,
      protocol: o.protocol,
      params: o.params,
      node: o.node,
      name: info.name,
      nodes: sys.topology.nodes.map((n) => n.name),
    } as const;
    const { writer, resume, cut } = TraceWriter.open(o.tracePath, header);
    if (cut > 0) logger.warn(`${info.name}: trace: cut a torn last line of ${cut} bytes (a step that never took effect)`);
    let opened = await DurableLog.open(o.logPath);
    if (opened.recovery.droppedBytes > 0) logger.warn(`${info.name}: log: ${opened.recovery.reason}; dropped ${opened.recovery.droppedBytes} bytes of a torn record`);
    let records = opened.recovery.records;
    const traced = resume?.log ?? 0;
    if (records.length < traced) {
      await opened.log.close();
      writer.close();
      throw new Error(`${info.name}: log ${o.logPath} holds ${records.length} records but the trace's last step saw ${traced}: records that were fsync'd are missing`);
    }
    if (records.length > traced) {
      // A step made durable but never recorded (killed between its fsync and its trace line): none of its
      // messages left, so it is undone — as if the crash came just before it.
      await opened.log.close();
      const fd = openSync(o.logPath, 'r+');
      ftruncateSync(fd, logOffset(records, traced));
      fsyncSync(fd);
      closeSync(fd);
      logger.warn(`${info.name}: log: removed ${records.length - traced} record(s) of a step that was never recorded (no message of it left)`);
      opened = await DurableLog.open(o.logPath);
      records = opened.recovery.records;
    }
    const last = records[records.length - 1];
    const durable: Any = last === undefined ? actor.initialDurable : wireCodec(actor.durable as Schema).decode(last);
    const N = sys.topology.nodes.length;
    const host = new NodeHost(o, opened.log, writer, {
      durable,
      vc: resume ? [...resume.vc] : new Array<number>(N).fill(0),
      steps: resume?.steps ?? 0,
      seq: resume ? resume.seq + 1 : 0,
      log: records.length,
      inc: resume ? resume.inc + 1 : 0,
    });
    host.transport = createTransport<Envelope>({
      self: info.name,
      network: o.network,
      codec: schemaFrames(envelopeSchema(host.msgs, N)) as never,
      onMessage: (from, env) => host.onMessage(from, env),
      logger,
      ...(o.linkFaults ? { linkFaults: (peer: string) => o.linkFaults!(host.names.indexOf(peer)) } : {}),
      ...(o.clock ? { clock: o.clock } : {}),
    });
    // Links first (what the first step sends waits in their queues), then the first step of the
    // incarnation, then listening: nothing can arrive before the node has started or recovered.
    o.addresses.forEach((a, id) => host.transport.connect(host.names[id]!, a));
    if (resume) {
      host.step({ kind: 'recover' }, (st: Any, ctx: Any) => (actor.onRecover ? actor.onRecover(st, durable, ctx) : actor.onStart?.(st, ctx)));
    } else {
      host.step({ kind: 'start' }, (st: Any, ctx: Any) => actor.onStart?.(st, ctx));
    }
    await host.transport.listen(o.addresses[o.node]!);
    return host;
  }

  /** This node's name. */
  get name(): string {
    return this.info.name;
  }

  /** The durable log's I/O counters (fsyncs, commits, records). */
  get logStats(): DurableLog['stats'] {
    return this.log.stats;
  }

  /** The transport's counters. */
  get transportStats(): Transport<Envelope>['stats'] {
    return this.transport.stats;
  }

  /** Offers a client input; `onRefused` hears if the actor refuses it. */
  input(input: unknown): void {
    if (this.stopping) return;
    const ok = this.step({ kind: 'input', input }, (st, ctx) => (this.actor.onInput ? this.actor.onInput(st, input, ctx) : false));
    if (!ok) {
      this.stats.refused++;
      this.o.onRefused?.(input);
    }
  }

  /** Resolves once every step so far is durable, recorded and sent. */
  settled(): Promise<void> {
    return this.tail;
  }

  /** Stops cleanly: no new steps, pending ones finish, then the transport, log and trace close. */
  async stop(): Promise<void> {
    if (this.stopping) return;
    this.stopping = true;
    this.timers.clear();
    await this.tail.catch(() => {});
    // Let the transport hand the last frames to the kernel before closing the sockets.
    await new Promise((r) => setTimeout(r, 20));
    await this.transport?.close();
    await this.log.close();
    this.trace.close();
  }

  private onMessage(fromName: string, env: Envelope): void {
    if (this.stopping) return;
    const from = this.names.indexOf(fromName);
    if (from < 0) {
      (this.o.logger ?? silentLogger).warn(`${this.info.name}: ignored a message from unknown node ${JSON.stringify(fromName)}`);
      return;
    }
    for (let k = 0; k < this.vc.length; k++) if (env.vc[k]! > this.vc[k]!) this.vc[k] = env.vc[k]!;
    const msg = this.msgs.fromFlat(env.msg);
    this.step({ kind: 'deliver', from, seq: env.seq, msg }, (st, ctx) => this.actor.onMessage(st, from, msg, ctx));
  }

  private onTimer(timer: string): void {
    if (this.stopping) return;
    this.step({ kind: 'timeout', timer }, (st, ctx) => this.actor.onTimer?.(st, timer, ctx));
  }

  /**
   * Runs one handler on a copy of the state; if it does not refuse, adopts the new state, arms and cancels
   * timers, and queues the step's output behind its log write. Returns false if the handler refused.
   */
  private step(event: TraceEvent, handler: (st: Any, ctx: Any) => unknown): boolean {
    const words = Int32Array.from(this.words);
    this.localDraft.bind(words, 0);
    const ctx = new EffectRecorder(this.info, this.o.system.topology, () => this.durable);
    if (handler(this.localDraft.view, ctx) === false) return false;
    this.words = words;
    this.vc[this.o.node]!++;
    const effects: TraceEffect[] = [];
    const sends: { to: number; env: Envelope }[] = [];
    let record: Uint8Array | null = null;
    for (const e of ctx.effects) {
      switch (e.kind) {
        case 'send': {
          const seq = this.seq++;
          effects.push({ kind: 'send', to: e.to, seq, msg: e.msg });
          sends.push({ to: e.to, env: { seq, vc: [...this.vc], msg: this.msgs.toFlat(e.msg as never) } });
          break;
        }
        case 'setTimer':
          this.timers.arm(e.timer);
          effects.push({ kind: 'setTimer', timer: e.timer });
          break;
        case 'cancelTimer':
          this.timers.cancel(e.timer);
          effects.push({ kind: 'cancelTimer', timer: e.timer });
          break;
        case 'persist':
          this.durable = e.durable;
          record = this.durableCodec.encode(e.durable);
          effects.push({ kind: 'persist', digest: bytesDigest(record) });
          break;
        case 'deliver':
          effects.push({ kind: 'deliver', from: e.from, msg: e.msg });
          break;
        case 'observe':
          effects.push({ kind: 'observe', observation: e.observation });
          break;
      }
    }
    if (record !== null) {
      this.logRecords++;
      this.durableWords = encode(this.actor.durable as Schema, this.durable as never);
    }
    const inc = this.incarnation;
    const step = {
      ...event,
      n: this.steps++,
      inc,
      t: (this.o.wallClock ?? Date.now)(),
      vc: [...this.vc],
      fp: nodeDigest(this.actor, this.timers.armed, words, this.durableWords),
      log: this.logRecords,
      effects,
    } as TraceStep;
    this.stats.steps++;
    // Only the step's last durable record matters (each persist replaces the record); it is one append.
    const durable = record === null ? null : this.log.append(record);
    const client = ctx.effects.filter((e) => e.kind === 'observe' || e.kind === 'deliver');
    this.tail = this.tail
      .then(() => durable)
      .then(
        () => {
          this.trace.append(step);
          for (const s of sends) this.transport.send(this.names[s.to]!, s.env);
          for (const e of client) this.o.onEffect?.(e);
        },
        (error: unknown) => {
          this.stopping = true;
          this.o.onFatal?.(error);
        },
      );
    return true;
  }
}
