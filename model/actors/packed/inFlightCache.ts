/**
 * The checker's cache of messages in flight: per distinct packed envelope, the decoded message and the
 * `deliver`, `drop` and `duplicate` action objects that name it. The actions of a state are then found by
 * scanning the network's packed words ({@link Network.scan}) and looking each slot up here, with no decoding
 * and no allocation once the messages of a protocol have been seen; a step taken with a cached action
 * finds the message in the successor by its words ({@link Network.takeSlot}), not by re-encoding it.
 *
 * The action objects are the same plain data as before (same fields, same order), frozen since they are
 * shared by every state that holds the message; so is the message a handler receives. The cache is bounded:
 * past {@link InFlightCache.limit} entries it starts afresh, which changes no result, only what is reused.
 *
 * @module
 */
import type { ActorAction } from '../actions.js';
import type { Network } from '../network.js';

/** One message in flight, as {@link Network.scan} names it, decoded once. */
export interface CachedInFlight {
  /** The link (`fifo`) or -1, as {@link Network.scan} reports it. */
  readonly link: number;
  /** The position on the link (`fifo`) or -1. */
  readonly at: number;
  /** The slot words (the cache's own copy). */
  readonly words: Int32Array;
  readonly from: number;
  readonly to: number;
  /** Whether it may be delivered now (on `fifo`, only a head may). */
  readonly deliverable: boolean;
  /** The message, as handlers see it (frozen). */
  readonly msg: unknown;
  readonly deliver: ActorAction;
  readonly drop: ActorAction;
  readonly duplicate: ActorAction;
}

interface Entry extends CachedInFlight {
  readonly hash: number;
  readonly next: Entry | undefined;
}

/** Freezes a plain value and everything in it. */
function deepFreeze<T>(v: T): T {
  if (typeof v === 'object' && v !== null && !Object.isFrozen(v)) {
    Object.freeze(v);
    for (const x of Object.values(v)) deepFreeze(x);
  }
  return v;
}

function hashOf(link: number, at: number, words: Int32Array): number {
  let h = Math.imul(link + 0x2f, 0x9e3779b1) ^ at;
  for (let k = 0; k < words.length; k++) h = Math.imul(h ^ words[k]!, 0x85ebca6b) ^ (h >>> 13);
  return h & 0x3fffffff;
}

function same(e: Entry, link: number, at: number, words: Int32Array): boolean {
  if (e.link !== link || e.at !== at) return false;
  const w = e.words;
  for (let k = 0; k < w.length; k++) if (w[k] !== words[k]) return false;
  return true;
}

/** The in-flight cache of one actor system. */
export class InFlightCache {
  private map = new Map<number, Entry>();
  private count = 0;
  private readonly origin = new WeakMap<object, CachedInFlight>();

  /** `message` turns a packed message (`flat`) into the message handlers see. */
  constructor(
    private readonly net: Network,
    private readonly message: (flat: Record<string, unknown>) => unknown,
    /** The most entries kept before starting afresh. */
    readonly limit = 1 << 16,
  ) {}

  /** The entry of the message {@link Network.scan} reported as `link`, `at`, `words`. */
  get(link: number, at: number, deliverable: boolean, words: Int32Array): CachedInFlight {
    const hash = hashOf(link, at, words);
    const head = this.map.get(hash);
    for (let e = head; e !== undefined; e = e.next) if (same(e, link, at, words)) return e;
    if (this.count >= this.limit) {
      this.map = new Map();
      this.count = 0;
    }
    const entry = this.make(link, at, deliverable, words, hash, this.map.get(hash));
    this.map.set(hash, entry);
    this.count++;
    return entry;
  }

  /** The entry `action` was made for, if it was made here. */
  entryOf(action: ActorAction): CachedInFlight | undefined {
    return this.origin.get(action);
  }

  private make(link: number, at: number, deliverable: boolean, words: Int32Array, hash: number, next: Entry | undefined): Entry {
    const m = this.net.describe(link, at, words);
    const { from, to } = m;
    const msg = deepFreeze(this.message(m.flat));
    const pos = at >= 0 ? { at } : {};
    const deliver: ActorAction = Object.freeze({ type: 'deliver', from, to, msg });
    const drop: ActorAction = Object.freeze({ type: 'drop', from, to, msg, ...pos });
    const duplicate: ActorAction = Object.freeze({ type: 'duplicate', from, to, msg, ...pos });
    const entry: Entry = { link, at, words: Int32Array.from(words), from, to, deliverable, msg, deliver, drop, duplicate, hash, next };
    this.origin.set(deliver, entry);
    this.origin.set(drop, entry);
    this.origin.set(duplicate, entry);
    return entry;
  }
}
