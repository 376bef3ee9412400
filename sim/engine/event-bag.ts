/**
 * An unsorted bag of events (time, sequence number, callback) in fixed-size blocks drawn from a pool: the top
 * of the event queue's ladder, and each bucket of its first rung.
 *
 * Blocks rather than one growing array because touching fresh memory costs far more than writing warm memory
 * (80 MB of new Float64Array: about 0.4 s of CPU on first touch, 0.013 s on a second pass; shared 2-core
 * AMD EPYC VM, Node 20.20, 2026-11-25): doubling an array touches twice its final size, and a block is
 * written in place, never copied. Blocks go back to the pool as soon as they are read, so spreading the top
 * over the first rung's buckets reuses the top's own blocks, and a long run keeps writing the same warm pages.
 *
 * Sequence numbers are stored as 32-bit offsets from the queue's base (`seqBase`): 4 bytes instead of 8 per
 * event (the EventQueue alone on 10^7 random times: 4.3-4.5 → 4.8 M/s per CPU second at load 4-5). The queue only puts an event in a bag when its
 * offset fits.
 *
 * The pool cuts blocks out of slabs of SLAB_BLOCKS: times and sequence numbers are views of one buffer, and
 * the callbacks of a slab share one plain array (256 KiB, which V8 allocates in its large-object space and
 * promotes without copying; 1,024-entry arrays per block were copied by every young-generation collection,
 * about a fifth of the run time at 10^7 pending events).
 */
import type { EventCallback } from './event-queue';

export const BLOCK_BITS = 10;
/** Events per block: 8 KiB of times, 4 KiB of sequence-number offsets, 4 KiB of callback references. */
export const BLOCK = 1 << BLOCK_BITS;
const BLOCK_MASK = BLOCK - 1;
/** Blocks per slab. */
const SLAB_BLOCKS = 64;

export type Callbacks = (EventCallback | undefined)[];

/** Blocks not in use, shared by the bags of one queue. Their callbacks are all undefined. */
export class BlockPool {
  readonly times: Float64Array[] = [];
  readonly seqs: Uint32Array[] = [];
  /** The slab's callback array of each block, and where the block starts in it. */
  readonly callbacks: Callbacks[] = [];
  readonly bases: number[] = [];

  give(time: Float64Array, seq: Uint32Array, callback: Callbacks, base: number): void {
    this.times.push(time);
    this.seqs.push(seq);
    this.callbacks.push(callback);
    this.bases.push(base);
  }

  /** Adds a slab's worth of blocks. */
  grow(): void {
    const times = new Float64Array(SLAB_BLOCKS * BLOCK);
    const seqs = new Uint32Array(SLAB_BLOCKS * BLOCK);
    // Left holey: an entry is always written before it is read, and filling would touch 256 KiB more of fresh memory.
    const callbacks: Callbacks = new Array<EventCallback | undefined>(SLAB_BLOCKS * BLOCK);
    // Pushed last block first, so the pool hands them out in address order.
    for (let k = SLAB_BLOCKS - 1; k >= 0; k--) {
      this.give(times.subarray(k * BLOCK, (k + 1) * BLOCK), seqs.subarray(k * BLOCK, (k + 1) * BLOCK), callbacks, k * BLOCK);
    }
  }
}

export class EventBag {
  readonly times: Float64Array[] = [];
  /** Sequence numbers less the queue's `seqBase`. */
  readonly seqs: Uint32Array[] = [];
  /** Entries are reset to undefined once an event leaves, so closures can be collected. */
  readonly callbacks: Callbacks[] = [];
  readonly bases: number[] = [];
  length = 0;
  /** Least and greatest time in the bag (Infinity and −Infinity when empty). */
  min = Infinity;
  max = -Infinity;
  /** The block being appended to. */
  private lastTimes: Float64Array | null = null;
  private lastSeqs: Uint32Array | null = null;
  private lastCallbacks: Callbacks | null = null;
  private lastBase = 0;

  constructor(private readonly pool: BlockPool) {}

  /** Adds an event; `seqOffset` (its sequence number less the queue's base) must lie in [0, 2^32). */
  append(time: number, seqOffset: number, callback: EventCallback | undefined): void {
    const offset = this.length++ & BLOCK_MASK;
    if (offset === 0) this.addBlock();
    (this.lastTimes as Float64Array)[offset] = time;
    (this.lastSeqs as Uint32Array)[offset] = seqOffset;
    (this.lastCallbacks as Callbacks)[this.lastBase + offset] = callback;
    if (time < this.min) this.min = time;
    if (time > this.max) this.max = time;
  }

  /**
   * Calls `visit(time, seqOffset, callback)` for every event in order, handing each block back to the pool once
   * read, and empties the bag.
   */
  drain(visit: (time: number, seqOffset: number, callback: EventCallback | undefined) => void): void {
    const n = this.length;
    for (let block = 0, start = 0; start < n; block++, start += BLOCK) {
      const times = this.times[block];
      const seqs = this.seqs[block];
      const callbacks = this.callbacks[block];
      const base = this.bases[block];
      const end = Math.min(BLOCK, n - start);
      for (let o = 0; o < end; o++) {
        const callback = callbacks[base + o];
        callbacks[base + o] = undefined;
        visit(times[o], seqs[o], callback);
      }
      this.pool.give(times, seqs, callbacks, base);
    }
    this.forget();
  }

  /**
   * Moves every event into bags[floor((t − min) · scale)] (at most bags[last]), handing each block back to
   * the pool once read, so the bags fill this bag's own blocks, and empties this bag.
   */
  spreadInto(bags: EventBag[], min: number, scale: number, last: number): void {
    const n = this.length;
    for (let block = 0, start = 0; start < n; block++, start += BLOCK) {
      const times = this.times[block];
      const seqs = this.seqs[block];
      const callbacks = this.callbacks[block];
      const base = this.bases[block];
      const end = Math.min(BLOCK, n - start);
      for (let o = 0; o < end; o++) {
        const time = times[o];
        let b = ((time - min) * scale) | 0;
        if (b > last) b = last;
        const callback = callbacks[base + o];
        callbacks[base + o] = undefined;
        bags[b].append(time, seqs[o], callback);
      }
      this.pool.give(times, seqs, callbacks, base);
    }
    this.forget();
  }

  /** Hands every block back to the pool (the caller has read them and reset their callbacks) and empties the bag. */
  release(): void {
    for (let block = 0; block < this.times.length; block++) {
      this.pool.give(this.times[block], this.seqs[block], this.callbacks[block], this.bases[block]);
    }
    this.forget();
  }

  /** Drops the cancelled events (handles are sequence numbers), keeping the others in order; returns how many were dropped. */
  dropCancelled(cancelled: Set<number>, seqBase: number): number {
    let write = 0;
    let min = Infinity;
    let max = -Infinity;
    for (let read = 0; read < this.length; read++) {
      const rb = read >>> BLOCK_BITS;
      const ro = read & BLOCK_MASK;
      const rc = this.callbacks[rb];
      const callback = rc[this.bases[rb] + ro];
      rc[this.bases[rb] + ro] = undefined;
      const seq = this.seqs[rb][ro];
      if (cancelled.has(seqBase + seq)) continue;
      const time = this.times[rb][ro];
      const wb = write >>> BLOCK_BITS;
      const wo = write & BLOCK_MASK;
      this.times[wb][wo] = time;
      this.seqs[wb][wo] = seq;
      this.callbacks[wb][this.bases[wb] + wo] = callback;
      write++;
      if (time < min) min = time;
      if (time > max) max = time;
    }
    const dropped = this.length - write;
    // Hand back the blocks left empty; appending goes on in the last block kept.
    const keep = (write + BLOCK_MASK) >>> BLOCK_BITS;
    while (this.times.length > keep) {
      this.pool.give(this.times.pop() as Float64Array, this.seqs.pop() as Uint32Array, this.callbacks.pop() as Callbacks, this.bases.pop() as number);
    }
    this.length = write;
    this.min = min;
    this.max = max;
    this.pickLastBlock();
    return dropped;
  }

  /** Empties the bag without handing blocks back (they have been). */
  private forget(): void {
    this.times.length = 0;
    this.seqs.length = 0;
    this.callbacks.length = 0;
    this.bases.length = 0;
    this.length = 0;
    this.min = Infinity;
    this.max = -Infinity;
    this.pickLastBlock();
  }

  private pickLastBlock(): void {
    const last = this.times.length - 1;
    this.lastTimes = last >= 0 ? this.times[last] : null;
    this.lastSeqs = last >= 0 ? this.seqs[last] : null;
    this.lastCallbacks = last >= 0 ? this.callbacks[last] : null;
    this.lastBase = last >= 0 ? this.bases[last] : 0;
  }

  private addBlock(): void {
    const pool = this.pool;
    if (pool.times.length === 0) pool.grow();
    this.times.push(pool.times.pop() as Float64Array);
    this.seqs.push(pool.seqs.pop() as Uint32Array);
    this.callbacks.push(pool.callbacks.pop() as Callbacks);
    this.bases.push(pool.bases.pop() as number);
    this.pickLastBlock();
  }
}
