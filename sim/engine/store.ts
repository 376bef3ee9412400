/**
 * A buffer of items between producers and consumers (SimPy's Store): `put`
 * fires when the item is in the store (at once unless it is full), `get` fires
 * with the oldest item (at once unless it is empty). Both queues are FIFO.
 */
import { Signal } from './events';
import { FifoQueue } from './fifo-queue';
import type { Simulator } from './simulator';

export class Store<T> {
  readonly capacity: number;
  private readonly sim: Simulator;
  private readonly items = new FifoQueue<T>();
  private readonly getters = new FifoQueue<Signal<T>>();
  private readonly putters = new FifoQueue<{ item: T; done: Signal<void> }>();

  constructor(sim: Simulator, capacity = Infinity) {
    if (!(capacity > 0)) throw new Error(`Store: capacity must be > 0, got ${capacity}`);
    this.sim = sim;
    this.capacity = capacity;
  }

  /** Items in the store now. */
  get size(): number {
    return this.items.length;
  }

  /** Consumers waiting for an item. */
  get waitingGetters(): number {
    return this.getters.length;
  }

  /** Producers waiting for room. */
  get waitingPutters(): number {
    return this.putters.length;
  }

  put(item: T): Signal<void> {
    const done = new Signal<void>(this.sim);
    const getter = this.getters.shift();
    if (getter !== undefined) {
      getter.fire(item);
      done.fire();
    } else if (this.items.length < this.capacity) {
      this.items.push(item);
      done.fire();
    } else {
      this.putters.push({ item, done });
    }
    return done;
  }

  get(): Signal<T> {
    const got = new Signal<T>(this.sim);
    if (this.items.length > 0) {
      got.fire(this.items.shift() as T);
      const putter = this.putters.shift();
      if (putter !== undefined) {
        this.items.push(putter.item);
        putter.done.fire();
      }
    } else {
      this.getters.push(got);
    }
    return got;
  }
}
