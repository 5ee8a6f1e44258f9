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
 * **Crash and recovery.** A crash is the process dying (SIGKILL, or a power loss). The fsync'd log is the
 * only truth at recovery: on start the host reads the whole log (refusing, with the file untouched, a log
 * damaged before its tail), and its durable state is the log's last state record — whatever the trace says.
 * The trace is not fsync'd; it tells where the node's numbering stood and nothing else (`recoverNode.ts`
 * reads both and says where the incarnation starts). Numbers resume past
 * the log's last mark (a durable reservation of clock values and sequence numbers, `logRecords.ts`), so a
 * trace that lost its tail can never make the node reuse a sequence number or fall behind the clock its
 * peers have seen. If the log holds state records or incarnations the trace does not account for, the new
 * incarnation's `recover` step records that gap, and `validate` reports the trace as incomplete there. The
 * actor's recovery handler runs as the first step of every incarnation after the first. A clean stop seals
 * the trace.
 *
 * **Guarded receive.** A handler may decline a message (it returns false): nothing happens, and the host
 * keeps the message and offers it again after each step the node takes (on FIFO links each sender's in
 * arrival order, a later message waiting behind a declined one as behind the head of its link), at most
 * `DEFERRED_LIMIT` held — as the model, where a declined message stays in flight.
 *
 * **Untrusted input.** A message is merged only after its envelope is checked (a sender cannot claim more of
 * this node's steps than it made); a message the handler cannot take (it throws) is refused, with a
 * rate-limited warn line, and changes nothing. Nothing from the network is traced or logged before that.
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
import { draftOf, encode } from '../../model/core/index.js';
import type { Schema } from '../../model/core/index.js';
import { DEFERRED_LIMIT, EffectRecorder, HANDLER, runHandler } from '../../model/actors/index.js';
import type { ActorSystem, AnyActor, DeploymentParams, Effect, MessageSchema, NodeInfo, Roles, TimerSlot } from '../../model/actors/index.js';
import type { DurableLog } from '../log/index.js';
import { createTransport, formatAddress, listenRetrying, oneLine, schemaFrames, silentLogger, systemClock } from '../transport/index.js';
import type { Address, Clock, FaultPlan, ListenRetryOptions, Logger, StreamNetwork, Transport } from '../transport/index.js';
import { wireCodec } from '../wire/index.js';
import type { WireCodec } from '../wire/index.js';
import { TRACE_FORMAT, TRACE_VERSION, TraceWriter, bytesDigest, nodeDigest } from '../trace/index.js';
import type { TraceEffect, TraceEvent, TraceStep } from '../trace/index.js';
import { envelopeSchema } from './envelope.js';
import type { Envelope } from './envelope.js';
import { MARK_MAX, MARK_RESERVE, encodeMarkRecord, encodeStateRecord } from './logRecords.js';
import { recoverNode } from './recoverNode.js';
import type { StartPoint } from './recoverNode.js';
import { NodeTimers } from './timers.js';

/** Options of {@link NodeHost.start}. */
export interface NodeHostOptions {
  /** The system whose node this is: its roles give the actor, its topology the peers. */
  readonly system: ActorSystem<Roles>;
  /** This node's id. */
  readonly node: number;
  /** The deployment id and parameters, recorded in the trace header. */
  readonly protocol: string;
  /** The user's module that declares the protocol (recorded in the trace header), if it is not the registry's. */
  readonly module?: string;
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
  /**
   * How long to keep trying to listen while the node's address is in use (`EADDRINUSE`: a restarted node
   * whose port is still, or maliciously, taken).
   * @defaultValue 12 attempts, 50 ms to 1 s apart (about 8 s)
   */
  readonly listenRetry?: Pick<ListenRetryOptions, 'attempts' | 'initial' | 'max'>;
  /** Wall-clock milliseconds for trace timestamps. @defaultValue `Date.now` */
  readonly wallClock?: () => number;
}

/** Counters of a node host. */
export interface NodeHostStats {
  /** Steps taken (start or recovery included). */
  steps: number;
  /** Client inputs refused. */
  refused: number;
  /** Messages refused: an envelope that failed validation, or one the handler could not take. */
  refusedMessages: number;
}

type Any = any; // eslint-disable-line @typescript-eslint/no-explicit-any

/** A running node. Create one with {@link NodeHost.start}. */
export class NodeHost {
  /** Counters (see {@link NodeHostStats}). */
  readonly stats: NodeHostStats = { steps: 0, refused: 0, refusedMessages: 0 };
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
  /** The clock and sequence numbers the log's marks let this incarnation use (see `logRecords.ts`). */
  private reserved: { step: number; seq: number };
  private refusals = new Map<string, { count: number; at: number }>();
  private tail: Promise<void> = Promise.resolve();
  private stopping = false;
  /** Messages the handler declined (a guarded receive), per sender in arrival order, offered again after each step. */
  private readonly deferred = new Map<number, { from: number; fromName: string; env: Envelope; msg: unknown }[]>();
  private deferredCount = 0;
  private draining = false;
  private readonly timers: NodeTimers;
  private transport!: Transport<Envelope>;

  private constructor(
    private readonly o: NodeHostOptions,
    private readonly log: DurableLog,
    private readonly trace: TraceWriter,
    start: StartPoint,
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
    // The numbers the log's last mark reserved (or the trace saw): the next mark reserves past them.
    this.reserved = { step: start.vc[o.node]!, seq: start.seq };
    this.timers = new NodeTimers(o.clock ?? systemClock, o.timeouts, (slot) => this.onTimer(slot));
  }

  /**
   * Recovers the node from its log (the whole log: the only truth at recovery) and its trace (evidence:
   * where numbering resumes, what the trace is missing), runs its start (or recovery) step, and starts
   * serving. Rejects, before anything is written, if the log is damaged or holds fewer durable records
   * than the trace saw (fsync'd records are missing), or if the folder's trace belongs to another run.
   */
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
      ...(o.module !== undefined ? { module: o.module } : {}),
      params: o.params,
      node: o.node,
      name: info.name,
      nodes: sys.topology.nodes.map((n) => n.name),
    } as const;
    const N = sys.topology.nodes.length;
    const { log, trace, start } = await recoverNode({ logPath: o.logPath, tracePath: o.tracePath, header, durable: wireCodec(actor.durable as Schema), node: o.node, nodes: N, name: info.name, logger });
    const durable: Any = start.durable ?? actor.initialDurable;
    const host = new NodeHost(o, log, trace, { ...start, durable });
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
    if (start.inc > 0) {
      const event: TraceEvent = start.gap !== null ? { kind: 'recover', gap: start.gap } : { kind: 'recover' };
      host.step(event, (st: Any, ctx: Any) => runHandler(actor, HANDLER.recover, st, -1, durable, ctx));
    } else {
      host.step({ kind: 'start' }, (st: Any, ctx: Any) => runHandler(actor, HANDLER.start, st, -1, undefined, ctx));
    }
    const address = o.addresses[o.node]!;
    await listenRetrying(() => host.transport.listen(address), {
      ...o.listenRetry,
      onRetry: (n, ms, e) => {
        if (n === 1) logger.warn(`${info.name}: cannot listen on ${formatAddress(address)}: ${oneLine(e.message)}; retrying with backoff`);
      },
    });
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
    const ok = this.step({ kind: 'input', input }, (st, ctx) => runHandler(this.actor, HANDLER.input, st, -1, input, ctx));
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
    this.trace.seal();
    this.trace.close();
  }

  /**
   * Takes a message off the network. False if its envelope is forged or it is no message of the protocol:
   * the transport then closes the connection it came on (its sender does not follow the protocol).
   */
  private onMessage(fromName: string, env: Envelope): void | false {
    if (this.stopping) return;
    const from = this.names.indexOf(fromName);
    const bad = from < 0 ? `unknown node ${JSON.stringify(fromName.slice(0, 40))}` : this.checkEnvelope(from, env);
    if (bad !== null) return (this.refuse(fromName, bad), false);
    let msg: unknown;
    try {
      msg = this.msgs.fromFlat(env.msg);
    } catch (e) {
      return (this.refuse(fromName, `a message that is no ${this.o.protocol} message: ${(e as Error).message}`), false);
    }
    // On FIFO links a message waits behind a declined one of the same sender, as behind the head of its link.
    const behind = this.o.system.network.kind === 'fifo' && (this.deferred.get(from)?.length ?? 0) > 0;
    if (behind || !this.deliver(from, fromName, env, msg)) this.defer(from, fromName, env, msg);
  }

  /** Runs the message handler on `msg`; false if the handler declined it (nothing happened). */
  private deliver(from: number, fromName: string, env: Envelope, msg: unknown): boolean {
    const vc = this.vc;
    this.vc = vc.map((c, k) => Math.max(c, env.vc[k]!));
    try {
      if (this.step({ kind: 'deliver', from, seq: env.seq, msg }, (st, ctx) => runHandler(this.actor, HANDLER.message, st, from, msg, ctx))) return true;
      this.vc = vc;
      return false;
    } catch (e) {
      // A handler that throws on a message is a message this node cannot take: refuse it, keep serving.
      this.vc = vc;
      // The envelope was sound, so the peer may be honest and the fault ours: keep its connection.
      this.refuse(fromName, `its handler threw: ${(e as Error).message}`);
      return true;
    }
  }

  /** Keeps a declined message for later, within {@link DEFERRED_LIMIT}. */
  private defer(from: number, fromName: string, env: Envelope, msg: unknown): void {
    if (this.deferredCount >= DEFERRED_LIMIT) return this.refuse(fromName, `${DEFERRED_LIMIT} declined messages are already waiting`);
    let q = this.deferred.get(from);
    if (q === undefined) this.deferred.set(from, (q = []));
    q.push({ from, fromName, env, msg });
    this.deferredCount++;
  }

  /**
   * Offers the declined messages again until none is taken: on FIFO links each sender's in order (only the
   * first can be taken), else each one on its own, oldest first.
   */
  private drain(): void {
    if (this.draining || this.deferredCount === 0) return;
    this.draining = true;
    const fifo = this.o.system.network.kind === 'fifo';
    try {
      for (let progress = true; progress && !this.stopping; ) {
        progress = false;
        for (const q of this.deferred.values()) {
          for (let i = 0; i < q.length && !this.stopping; ) {
            const { from, fromName, env, msg } = q[i]!;
            if (this.deliver(from, fromName, env, msg)) {
              q.splice(i, 1);
              this.deferredCount--;
              progress = true;
            } else if (fifo) break;
            else i++;
          }
        }
      }
    } finally {
      this.draining = false;
    }
  }

  /**
   * Why an envelope from `from` must not be merged, or null. A sender cannot have seen more of this
   * node's steps than it made, nor send without a step of its own; a clock past these bounds would make this
   * node's own entry overflow, or poison every later step's clock (and trace) with a value no step had.
   */
  private checkEnvelope(from: number, env: Envelope): string | null {
    const self = this.o.node;
    if (env.vc.length !== this.vc.length) return `a clock of ${env.vc.length} entries`;
    if (env.vc[self]! > this.vc[self]!) return `a clock claiming ${env.vc[self]} steps of ${this.info.name}, which has made ${this.vc[self]}`;
    if (env.vc[from]! < 1) return 'a clock with no step of its sender';
    return null;
  }

  /** Drops a message with a warn line, at most one a second per sender (with a count of the others). */
  private refuse(from: string, why: string): void {
    this.stats.refusedMessages++;
    const now = Date.now();
    const r = this.refusals.get(from) ?? { count: 0, at: 0 };
    r.count++;
    if (now - r.at >= 1000) {
      (this.o.logger ?? silentLogger).warn(`${this.info.name}: refused a message from ${from.slice(0, 40)}: ${oneLine(why).slice(0, 200)}${r.count > 1 ? ` (and ${r.count - 1} more since the last report)` : ''}`);
      r.count = 0;
      r.at = now;
    }
    this.refusals.set(from, r);
  }

  private onTimer(slot: TimerSlot): void {
    if (this.stopping) return;
    const event: TraceEvent = slot.key === undefined ? { kind: 'timeout', timer: slot.timer } : { kind: 'timeout', timer: slot.timer, key: slot.key };
    this.step(event, (st, ctx) => runHandler(this.actor, HANDLER.timer, st, -1, slot, ctx));
  }

  /**
   * Runs one handler on a copy of the state; if it does not refuse, adopts the new state, arms and cancels
   * timers, and queues the step's output behind its log write. Returns false if the handler refused.
   * Atomic: if the handler, or encoding what it described, throws, nothing of the step took effect.
   */
  private step(event: TraceEvent, handler: (st: Any, ctx: Any) => unknown): boolean {
    const words = Int32Array.from(this.words);
    this.localDraft.bind(words, 0);
    const ctx = new EffectRecorder(this.info, this.o.system.topology, () => this.durable, this.actor.durable as Schema);
    if (handler(this.localDraft.view, ctx) === false) return false;
    const self = this.o.node;
    const vc = [...this.vc];
    vc[self]!++;
    let seq = this.seq;
    const effects: TraceEffect[] = [];
    const sends: { to: number; env: Envelope }[] = [];
    const timers: { arm: boolean; slot: TimerSlot }[] = [];
    let durable: { value: unknown; record: Uint8Array } | null = null;
    for (const e of ctx.effects) {
      switch (e.kind) {
        case 'send': {
          const n = seq++;
          effects.push({ kind: 'send', to: e.to, seq: n, msg: e.msg });
          sends.push({ to: e.to, env: { seq: n, vc, msg: this.msgs.toFlat(e.msg as never) } });
          break;
        }
        case 'setTimer':
        case 'cancelTimer':
          timers.push({ arm: e.kind === 'setTimer', slot: this.actor.timerTable.slot(e.timer, e.key) });
          effects.push(e.key === undefined ? { kind: e.kind, timer: e.timer } : { kind: e.kind, timer: e.timer, key: e.key });
          break;
        case 'persist': {
          const record = this.durableCodec.encode(e.durable);
          durable = { value: e.durable, record };
          effects.push({ kind: 'persist', digest: bytesDigest(record) });
          break;
        }
        case 'deliver':
          effects.push({ kind: 'deliver', from: e.from, msg: e.msg });
          break;
        case 'observe':
          effects.push({ kind: 'observe', observation: e.observation });
          break;
      }
    }
    const durableWords = durable === null ? this.durableWords : encode(this.actor.durable as Schema, durable.value as never);
    // Everything is computed: from here on the step takes effect.
    this.words = words;
    this.vc = vc;
    this.seq = seq;
    for (const t of timers) t.arm ? this.timers.arm(t.slot) : this.timers.cancel(t.slot);
    if (durable !== null) {
      this.durable = durable.value;
      this.durableWords = durableWords;
      this.logRecords++;
    }
    const inc = this.incarnation;
    const step = {
      ...event,
      n: this.steps++,
      inc,
      t: (this.o.wallClock ?? Date.now)(),
      vc: [...vc],
      fp: nodeDigest(this.actor, this.timers.armed, words, this.durableWords),
      log: this.logRecords,
      effects,
    } as TraceStep;
    this.stats.steps++;
    // Only the step's last durable record matters (each persist replaces the record); it is one append,
    // behind a new reservation if the step used numbers past the last one (both in one commit).
    const appends: Uint8Array[] = [];
    if (vc[self]! > this.reserved.step || seq > this.reserved.seq) {
      this.reserved = { step: vc[self]! + MARK_RESERVE, seq: seq + MARK_RESERVE };
      if (this.reserved.step > MARK_MAX || this.reserved.seq > MARK_MAX) {
        this.stopping = true;
        this.o.onFatal?.(new Error(`${this.info.name}: step or sequence numbers exhausted (2^31 - 1); the node cannot go on numbering its steps`));
        return true;
      }
      appends.push(encodeMarkRecord({ inc, stepLimit: this.reserved.step, seqLimit: this.reserved.seq }));
    }
    if (durable !== null) appends.push(encodeStateRecord(durable.record));
    const written = appends.length === 0 ? null : this.log.append(...appends);
    const client = ctx.effects.filter((e) => e.kind === 'observe' || e.kind === 'deliver');
    this.tail = this.tail
      .then(() => written)
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
    // The state changed: a message declined before may be taken now.
    this.drain();
    return true;
  }
}
