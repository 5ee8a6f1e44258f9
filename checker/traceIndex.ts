/**
 * The trace index: for every distinct state (its id is its discovery order), the id of its parent and the
 * position of the action that led to it in the parent's action list. For an initial state the parent is
 * {@link NO_PARENT} and the "action" is its position among the initial states. Enough to rebuild any
 * trace by replaying actions; nothing else is stored per state.
 *
 * @module
 */

/** The parent of an initial state. */
export const NO_PARENT = 0xffffffff;

/** Parent and action per state id, in growable typed arrays (16-bit action positions until one needs more). */
export class TraceIndex {
  private parents = new Uint32Array(1 << 12);
  private actions: Uint16Array | Uint32Array = new Uint16Array(1 << 12);
  /** The number of states recorded. */
  size = 0;

  /** Records the next state id; returns it. */
  push(parent: number, action: number): number {
    const id = this.size;
    if (id === this.parents.length) this.grow();
    if (action > 0xffff && this.actions instanceof Uint16Array) this.actions = Uint32Array.from(this.actions);
    this.parents[id] = parent;
    this.actions[id] = action;
    this.size = id + 1;
    return id;
  }

  /** The parent id of state `id` ({@link NO_PARENT} for an initial state). */
  parent(id: number): number {
    return this.parents[id]!;
  }

  /** The action position that led to state `id`. */
  action(id: number): number {
    return this.actions[id]!;
  }

  /** The ids from an initial state to `id`, inclusive. */
  path(id: number): number[] {
    const out: number[] = [];
    for (let i = id; i !== NO_PARENT; i = this.parents[i]!) out.push(i);
    return out.reverse();
  }

  /** Bytes held. */
  get bytes(): number {
    return this.parents.byteLength + this.actions.byteLength;
  }

  private grow(): void {
    const n = this.parents.length * 2;
    const p = new Uint32Array(n);
    p.set(this.parents);
    this.parents = p;
    const a = this.actions instanceof Uint16Array ? new Uint16Array(n) : new Uint32Array(n);
    a.set(this.actions);
    this.actions = a;
  }
}
