/**
 * Flow-level bandwidth sharing: flows on routes of links share each link's
 * capacity max-min fairly (progressive filling / water-filling, Bertsekas &
 * Gallager, "Data Networks", 2nd ed., §6.5.2), with an optional per-flow rate
 * cap (a NIC or a storage stream limit).
 *
 * A flow's last byte leaves when ∫ rate dt reaches its size; it arrives the
 * route's summed latency later. Rates change only when a flow starts or ends.
 * Starts and ends mark their links dirty; rates are recomputed once per
 * simulated instant (after the last event at that time, before the clock moves
 * on), only over the connected component of links and flows reachable from the
 * dirty links, since a flow outside it shares no link with any changed flow.
 * A flow whose rate changes has its sent bytes settled and its completion
 * event rescheduled exactly.
 *
 * Water-filling with a min-heap of links keyed by fair share (remaining
 * capacity / unfixed flows): the link with the smallest share is a bottleneck;
 * its unfixed flows get that share and are removed from their other links.
 * Removing a flow at rate r ≤ share never lowers another link's share, so a
 * stored key stays a lower bound and is refreshed only when it reaches the top.
 * Cost per recompute: O(Σ route lengths + links · log links) over the component.
 */
import { Signal } from './events';
import type { Simulator } from './simulator';
import { TimeWeighted } from './statistics';

/** A flow counts as finished when less than this fraction of its bytes is left (float round-off, not data). */
const DONE_FRACTION = 1e-9;

/** Plain data about a finished flow. */
export interface FlowInfo {
  id: number;
  bytes: number;
  route: number[];
  /** When it started (s). */
  startTime: number;
  /** When its last byte left the sender (s). */
  sentTime: number;
  /** When its last byte arrived: sentTime + route latency (s). */
  endTime: number;
  name?: string;
}

export interface FlowOptions {
  /** Rate cap in bytes/s (a NIC or stream limit). */
  maxRate?: number;
  /** Called with the flow's info when its last byte arrives. */
  onDone?: (flow: FlowInfo) => void;
  name?: string;
}

/** A transfer in progress; yield it to wait until its last byte arrives. */
export class Flow extends Signal<FlowInfo> {
  readonly id: number;
  readonly route: Int32Array;
  readonly bytes: number;
  readonly maxRate: number;
  readonly startTime: number;
  readonly latency: number;
  readonly name: string | undefined;
  /** @internal */ rate = 0;
  /** @internal bytes left at `lastUpdate` */ remaining: number;
  /** @internal */ lastUpdate: number;
  /** @internal */ completionHandle = -1;
  /** @internal position of this flow in each route link's flow list */ readonly slots: Int32Array;
  /** @internal */ active = true;
  /** @internal whether it sits in its links' flow lists */ attached = false;
  /** @internal */ componentStamp = 0;
  /** @internal */ fixedStamp = 0;
  /** @internal */ newRate = 0;
  /** @internal */ onDone: ((flow: FlowInfo) => void) | undefined;
  /** @internal */ readonly complete: () => void;

  constructor(sim: Simulator, network: FlowNetwork, id: number, route: Int32Array, bytes: number, latency: number, options: FlowOptions) {
    super(sim);
    this.id = id;
    this.route = route;
    this.bytes = bytes;
    this.maxRate = options.maxRate ?? Infinity;
    this.onDone = options.onDone;
    this.name = options.name;
    this.startTime = sim.now;
    this.latency = latency;
    this.remaining = bytes;
    this.lastUpdate = sim.now;
    this.slots = new Int32Array(route.length);
    this.complete = () => network.finishSending(this);
  }

  /** Bytes not yet sent, as of now. */
  get remainingBytes(): number {
    if (!this.active) return 0;
    return Math.max(0, this.remaining - this.rate * (this.sim.now - this.lastUpdate));
  }
}

export class FlowNetwork {
  private readonly sim: Simulator;
  private nextFlowId = 0;
  private activeCount = 0;

  // Per link.
  private readonly capacity: number[] = [];
  private readonly latency: number[] = [];
  private readonly names: string[] = [];
  private readonly flowsOn: Flow[][] = [];
  private readonly hopOn: number[][] = [];
  private readonly load: number[] = [];
  private readonly busy: TimeWeighted[] = [];
  private remainingCapacity = new Float64Array(64);
  private unfixed = new Int32Array(64);
  private linkStamp = new Int32Array(64);
  private dirtyMark = new Uint8Array(64);

  private readonly dirtyLinks: number[] = [];
  // Scratch lists reused by every recompute.
  private readonly componentLinks: number[] = [];
  private readonly componentFlows: Flow[] = [];
  private readonly componentCapped: Flow[] = [];
  private flushRequested = false;
  private epoch = 0;

  // Lazy min-heap of (fair share, link) used during water-filling.
  private heapKey = new Float64Array(256);
  private heapLink = new Int32Array(256);
  private heapSize = 0;

  constructor(sim: Simulator) {
    this.sim = sim;
  }

  /** Flows still sending. */
  get activeFlows(): number {
    return this.activeCount;
  }

  get linkCount(): number {
    return this.capacity.length;
  }

  /** Adds a link of `capacity` bytes/s and one-way `latency` seconds; returns its id. */
  addLink(capacity: number, latency = 0, name?: string): number {
    if (!(capacity > 0) || !Number.isFinite(capacity)) throw new Error(`FlowNetwork.addLink: capacity must be a finite number of bytes/s > 0, got ${capacity}`);
    if (!(latency >= 0) || !Number.isFinite(latency)) throw new Error(`FlowNetwork.addLink: latency must be a finite number of seconds >= 0, got ${latency}`);
    const id = this.capacity.length;
    this.capacity.push(capacity);
    this.latency.push(latency);
    this.names.push(name ?? `link${id}`);
    this.flowsOn.push([]);
    this.hopOn.push([]);
    this.load.push(0);
    this.busy.push(new TimeWeighted(this.sim, 0));
    if (id >= this.remainingCapacity.length) {
      const size = this.remainingCapacity.length * 2;
      this.remainingCapacity = grow(this.remainingCapacity, new Float64Array(size));
      this.unfixed = grow(this.unfixed, new Int32Array(size));
      this.linkStamp = grow(this.linkStamp, new Int32Array(size));
      this.dirtyMark = grow(this.dirtyMark, new Uint8Array(size));
    }
    return id;
  }

  linkName(linkId: number): string {
    this.checkLink(linkId);
    return this.names[linkId];
  }

  linkCapacity(linkId: number): number {
    this.checkLink(linkId);
    return this.capacity[linkId];
  }

  /** Starts sending `bytes` along `route`; the flow fires when its last byte arrives. */
  startFlow(route: readonly number[], bytes: number, options: FlowOptions = {}): Flow {
    if (!(bytes >= 0) || !Number.isFinite(bytes)) throw new Error(`FlowNetwork.startFlow: bytes must be a finite number >= 0, got ${bytes}`);
    const maxRate = options.maxRate ?? Infinity;
    if (!(maxRate > 0)) throw new Error(`FlowNetwork.startFlow: maxRate must be > 0 bytes/s, got ${maxRate}`);
    const path = new Int32Array(route.length);
    let latency = 0;
    this.epoch++;
    for (let i = 0; i < route.length; i++) {
      const link = route[i];
      this.checkLink(link);
      if (this.linkStamp[link] === this.epoch) throw new Error(`FlowNetwork.startFlow: link ${link} (${this.names[link]}) appears twice in the route`);
      this.linkStamp[link] = this.epoch;
      path[i] = link;
      latency += this.latency[link];
    }
    const flow = new Flow(this.sim, this, this.nextFlowId++, path, bytes, latency, options);
    this.activeCount++;
    if (bytes === 0 || (path.length === 0 && maxRate === Infinity)) {
      // Nothing to share: it is sent at once.
      flow.rate = Infinity;
      flow.completionHandle = this.sim.schedule(0, flow.complete);
      return flow;
    }
    if (path.length === 0) {
      flow.rate = maxRate;
      flow.completionHandle = this.sim.schedule(bytes / maxRate, flow.complete);
      return flow;
    }
    flow.attached = true;
    for (let i = 0; i < path.length; i++) {
      const link = path[i];
      const list = this.flowsOn[link];
      flow.slots[i] = list.length;
      list.push(flow);
      this.hopOn[link].push(i);
      this.markDirty(link);
    }
    return flow;
  }

  /** Current rate of a flow in bytes/s (0 once it has finished sending). */
  rateOf(flow: Flow): number {
    if (this.dirtyLinks.length > 0) this.recompute();
    return flow.active ? flow.rate : 0;
  }

  /** Sum of the rates of the flows on a link now, bytes/s. */
  linkLoad(linkId: number): number {
    this.checkLink(linkId);
    if (this.dirtyLinks.length > 0) this.recompute();
    return this.load[linkId];
  }

  /** Time-weighted mean load / capacity since the link was added. */
  linkUtilization(linkId: number): number {
    this.checkLink(linkId);
    if (this.dirtyLinks.length > 0) this.recompute();
    return this.busy[linkId].mean() / this.capacity[linkId];
  }

  /** Flows on a link now. */
  flowsOnLink(linkId: number): number {
    this.checkLink(linkId);
    return this.flowsOn[linkId].length;
  }

  /** @internal The completion event of a flow: its last byte has left the sender. */
  finishSending(flow: Flow): void {
    if (!flow.active) return;
    flow.active = false;
    flow.completionHandle = -1;
    flow.remaining = 0;
    flow.lastUpdate = this.sim.now;
    this.activeCount--;
    const route = flow.route;
    if (flow.attached) {
      flow.attached = false;
      for (let i = 0; i < route.length; i++) this.detach(flow, i);
    }
    const sentTime = this.sim.now;
    const deliver = () => {
      const info: FlowInfo = {
        id: flow.id,
        bytes: flow.bytes,
        route: Array.from(route),
        startTime: flow.startTime,
        sentTime,
        endTime: this.sim.now,
      };
      if (flow.name !== undefined) info.name = flow.name;
      flow.onDone?.(info);
      flow.fire(info);
    };
    if (flow.latency > 0) this.sim.schedule(flow.latency, deliver);
    else deliver();
  }

  /** Recomputes max-min fair rates over the component of the dirty links, now. */
  recompute(): void {
    const dirty = this.dirtyLinks;
    if (dirty.length === 0) return;
    const now = this.sim.now;
    const epoch = ++this.epoch;
    const linkStamp = this.linkStamp;
    const flowsOn = this.flowsOn;
    const rem = this.remainingCapacity;
    const unfixed = this.unfixed;
    const capacity = this.capacity;

    // 1. The component: links reachable from the dirty ones through shared flows.
    const links = this.componentLinks;
    const flows = this.componentFlows;
    const capped = this.componentCapped;
    links.length = 0;
    flows.length = 0;
    capped.length = 0;
    for (const link of dirty) {
      this.dirtyMark[link] = 0;
      if (linkStamp[link] !== epoch) {
        linkStamp[link] = epoch;
        links.push(link);
      }
    }
    dirty.length = 0;
    for (let i = 0; i < links.length; i++) {
      const list = flowsOn[links[i]];
      for (let j = 0; j < list.length; j++) {
        const flow = list[j];
        if (flow.componentStamp === epoch) continue;
        flow.componentStamp = epoch;
        flows.push(flow);
        if (flow.maxRate !== Infinity) capped.push(flow);
        const route = flow.route;
        for (let h = 0; h < route.length; h++) {
          const other = route[h];
          if (linkStamp[other] !== epoch) {
            linkStamp[other] = epoch;
            links.push(other);
          }
        }
      }
    }

    // 2. Water-filling. Heap keys are lower bounds of the links' fair shares: fixing a flow
    // only raises the shares of its other links, so a key is refreshed only when it reaches the top.
    this.heapSize = 0;
    if (this.heapKey.length < links.length) {
      this.heapKey = new Float64Array(links.length * 2);
      this.heapLink = new Int32Array(links.length * 2);
    }
    const heapKey = this.heapKey;
    const heapLink = this.heapLink;
    for (const link of links) {
      rem[link] = capacity[link];
      const n = flowsOn[link].length;
      unfixed[link] = n;
      if (n > 0) {
        heapKey[this.heapSize] = capacity[link] / n;
        heapLink[this.heapSize++] = link;
      }
    }
    for (let i = (this.heapSize - 2) >> 1; i >= 0; i--) this.heapSiftDown(i, heapKey[i], heapLink[i]);
    if (capped.length > 1) capped.sort((a, b) => a.maxRate - b.maxRate);
    let nextCapped = 0;
    let fixedCount = 0;
    while (fixedCount < flows.length) {
      // The most constraining link.
      let bottleneck = -1;
      let share = Infinity;
      while (this.heapSize > 0) {
        const link = heapLink[0];
        const n = unfixed[link];
        if (n === 0) {
          this.heapPop();
          continue;
        }
        const current = rem[link] / n;
        if (current > heapKey[0]) {
          this.heapSiftDown(0, current, link); // stale lower bound: refresh in place
          continue;
        }
        bottleneck = link;
        share = current > 0 ? current : 0;
        break;
      }
      while (nextCapped < capped.length && capped[nextCapped].fixedStamp === epoch) nextCapped++;
      if (nextCapped < capped.length && capped[nextCapped].maxRate <= share) {
        // A rate cap binds before any link does.
        const flow = capped[nextCapped++];
        this.fix(flow, flow.maxRate, epoch);
        fixedCount++;
        continue;
      }
      if (bottleneck < 0) break; // cannot happen: every unfixed flow is on some link in the heap
      this.heapPop();
      const list = flowsOn[bottleneck];
      for (let j = 0; j < list.length; j++) {
        const flow = list[j];
        if (flow.fixedStamp === epoch) continue;
        this.fix(flow, share, epoch);
        fixedCount++;
      }
    }

    // 3. Apply: settle bytes sent at the old rate, reschedule completions whose rate changed.
    for (let i = 0; i < flows.length; i++) {
      const flow = flows[i];
      const rate = flow.newRate;
      if (rate === flow.rate) continue;
      flow.remaining -= flow.rate * (now - flow.lastUpdate);
      flow.lastUpdate = now;
      flow.rate = rate;
      if (flow.completionHandle !== -1) {
        this.sim.cancel(flow.completionHandle);
        flow.completionHandle = -1;
      }
      if (flow.remaining <= flow.bytes * DONE_FRACTION) flow.completionHandle = this.sim.schedule(0, flow.complete);
      else if (rate > 0) flow.completionHandle = this.sim.schedule(flow.remaining / rate, flow.complete);
    }
    for (let i = 0; i < links.length; i++) {
      const link = links[i];
      const load = flowsOn[link].length > 0 ? capacity[link] - Math.max(0, rem[link]) : 0;
      if (load !== this.load[link]) {
        this.load[link] = load;
        this.busy[link].set(load);
      }
    }
  }

  /** Fixes a flow's rate and takes it off its links. */
  private fix(flow: Flow, rate: number, epoch: number): void {
    flow.fixedStamp = epoch;
    flow.newRate = rate;
    const route = flow.route;
    const rem = this.remainingCapacity;
    const unfixed = this.unfixed;
    for (let h = 0; h < route.length; h++) {
      const link = route[h];
      rem[link] -= rate;
      unfixed[link]--;
    }
  }

  private markDirty(link: number): void {
    if (this.dirtyMark[link] === 0) {
      this.dirtyMark[link] = 1;
      this.dirtyLinks.push(link);
    }
    if (!this.flushRequested) {
      this.flushRequested = true;
      this.sim.atEndOfInstant(() => {
        this.flushRequested = false;
        this.recompute();
      });
    }
  }

  /** Removes hop `hop` of a flow from its link's list (swap with the last entry). */
  private detach(flow: Flow, hop: number): void {
    const link = flow.route[hop];
    const list = this.flowsOn[link];
    const hops = this.hopOn[link];
    const slot = flow.slots[hop];
    const last = list.length - 1;
    if (slot !== last) {
      const moved = list[last];
      const movedHop = hops[last];
      list[slot] = moved;
      hops[slot] = movedHop;
      moved.slots[movedHop] = slot;
    }
    list.pop();
    hops.pop();
    this.markDirty(link);
  }

  private heapPop(): void {
    const n = --this.heapSize;
    if (n > 0) this.heapSiftDown(0, this.heapKey[n], this.heapLink[n]);
  }

  /** Places (key, link) at or below hole `i`. */
  private heapSiftDown(i: number, key: number, link: number): void {
    const keys = this.heapKey;
    const ids = this.heapLink;
    const n = this.heapSize;
    while (2 * i + 1 < n) {
      let child = 2 * i + 1;
      if (child + 1 < n && keys[child + 1] < keys[child]) child++;
      if (key <= keys[child]) break;
      keys[i] = keys[child];
      ids[i] = ids[child];
      i = child;
    }
    keys[i] = key;
    ids[i] = link;
  }

  private checkLink(linkId: number): void {
    if (!Number.isInteger(linkId) || linkId < 0 || linkId >= this.capacity.length) {
      throw new Error(`FlowNetwork: no link ${linkId} (links are 0..${this.capacity.length - 1}; add them with addLink)`);
    }
  }
}

function grow<T extends Float64Array | Int32Array | Uint8Array>(from: T, to: T): T {
  to.set(from as never);
  return to;
}
