/**
 * Flow-level bandwidth sharing: flows on routes of links share each link's
 * capacity max-min fairly (progressive filling / water-filling, Bertsekas &
 * Gallager, "Data Networks", 2nd ed., §6.5.2), with an optional per-flow rate
 * cap (a NIC or a storage stream limit).
 *
 * A flow's last byte leaves when ∫ rate dt reaches its size; it arrives the
 * route's summed latency later. Rates change only when a flow starts or ends.
 * Starts and ends mark their links dirty; rates are brought up to date once per
 * simulated instant (after the last event at that time, before the clock moves
 * on) by an incremental progressive filling that only visits the links and
 * flows whose rates can move (see `recompute`). A flow whose rate changes has
 * its sent bytes settled and its completion event rescheduled exactly; flows
 * whose rate did not change are not touched.
 *
 * Cost per recompute: O((flows on the links that join the region) · log) —
 * for one arrival among 10k flows on a fat-tree, a few hundred links; for
 * many flows on one bottleneck, those flows (their rates all change).
 *
 * Storage is struct-of-arrays: each sending flow owns a dense index into typed
 * arrays of its rate, bytes left, bottleneck and filling stamps, and each link
 * lists the indices of its flows (small integers, not object references). The
 * filling walks those arrays, not the Flow objects, which stay for the API
 * (yield a flow, read its id and route). Indices are recycled when flows end.
 */
import { CompletionHeap } from './completion-heap';
import { Signal } from './events';
import type { Simulator } from './simulator';
import { log } from './portable-math';

/** Certificate checks allow this fraction of a link's capacity for float round-off in rate sums. */
const CERTIFICATE_TOLERANCE = 1e-10;

/** A rate within this fraction of the previous one is the previous one (float round-off of the filling). */
const SAME_RATE_TOLERANCE = 1e-12;

/** Heap ids at and above this are slack events of outside links (link id + this); below are links, negative are flows. */
const SLACK_EVENT = 1 << 30;

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
  /** @internal index of its state in the network's per-flow arrays while it sends (recycled after) */ readonly index: number;
  /** @internal */ completionHandle = -1;
  /** @internal position in the network's completion heap, -1 when not in it */ heapPos = -1;
  /** @internal */ active = true;
  /** @internal whether it sits in its links' flow lists */ attached = false;
  /** @internal */ onDone: ((flow: FlowInfo) => void) | undefined;
  /** @internal */ readonly complete: () => void;
  private readonly network: FlowNetwork;

  constructor(sim: Simulator, network: FlowNetwork, id: number, index: number, route: Int32Array, bytes: number, latency: number, options: FlowOptions) {
    super(sim);
    this.id = id;
    this.index = index;
    this.route = route;
    this.bytes = bytes;
    this.maxRate = options.maxRate ?? Infinity;
    this.onDone = options.onDone;
    this.name = options.name;
    this.startTime = sim.now;
    this.latency = latency;
    this.network = network;
    this.complete = () => network.finishSending(this);
  }

  /** Bytes not yet sent, as of now. */
  get remainingBytes(): number {
    if (!this.active) return 0;
    return this.network.remainingBytesOf(this.index);
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
  /** Per link: indices of the flows on it (see the per-flow arrays below). */
  private readonly flowsOn: number[][] = [];
  private readonly hopOn: number[][] = [];
  private readonly load: number[] = [];
  // Time-weighted load per link (as statistics' TimeWeighted, kept in arrays): ∫ load dt up to `busySince`.
  private busyArea = new Float64Array(64);
  private busySince = new Float64Array(64);
  private busyStart = new Float64Array(64);
  private remainingCapacity = new Float64Array(64);
  private unfixed = new Int32Array(64);
  private linkStamp = new Int32Array(64);
  private dirtyMark = new Uint8Array(64);
  // Outside links whose flows' rates moved in the current recompute (they have slack).
  private touchStamp = new Int32Array(64);
  private pendingLoad = new Float64Array(64);
  private risers = new Int32Array(64);
  private readonly touchedLinks: number[] = [];

  private readonly dirtyLinks: number[] = [];
  // Scratch lists reused by every recompute.
  private readonly componentLinks: number[] = [];
  private readonly componentFlows: number[] = [];
  private readonly componentCapped: number[] = [];
  private flushRequested = false;
  // Projected completion times of attached flows; one simulator event waits for the earliest.
  private readonly completions = new CompletionHeap();
  private completionEvent = -1;
  private completionEventTime = Infinity;
  private readonly completeDue = () => this.completeDueFlows();
  /** @internal Recomputes whose incremental result failed the certificate and were redone from scratch. */
  fullRefills = 0;
  private epoch = 0;

  // Per sending flow, by its index (struct-of-arrays; the filling reads these, not the Flow objects).
  private flowAt: (Flow | undefined)[] = [];
  /**
   * Routes of the attached flows, packed one after another: hop h of flow k is `hops[routeStart[k] + h]`,
   * and `hopSlots` at the same place holds the flow's position in that link's flow list. Entries are
   * appended; when the pool is full the live routes are packed into a new one (see `reserveHops`).
   */
  private hops = new Int32Array(256);
  private hopSlots = new Int32Array(256);
  private hopsEnd = 0;
  private hopsLive = 0;
  private routeStart = new Int32Array(64);
  private routeLength = new Int32Array(64);
  private rate = new Float64Array(64);
  private newRate = new Float64Array(64);
  private maxRate = new Float64Array(64);
  /** Bytes left at `lastUpdate`. */
  private remaining = new Float64Array(64);
  private lastUpdate = new Float64Array(64);
  private size = new Float64Array(64);
  /** The flow's id (the completion heap's tie-breaker). */
  private flowId = new Float64Array(64);
  /** The link whose saturation fixed the rate, -1 for the rate cap, -2 before the first filling. */
  private bottleneck = new Int32Array(64);
  private newBottleneck = new Int32Array(64);
  private componentStamp = new Int32Array(64);
  private fixedStamp = new Int32Array(64);
  /** This recompute's region stamp once the flow rose past its previous rate. */
  private risingStamp = new Int32Array(64);
  private readonly freeIndices: number[] = [];
  private indicesUsed = 0;

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
    if (id >= this.remainingCapacity.length) {
      const size = this.remainingCapacity.length * 2;
      this.remainingCapacity = grow(this.remainingCapacity, new Float64Array(size));
      this.unfixed = grow(this.unfixed, new Int32Array(size));
      this.linkStamp = grow(this.linkStamp, new Int32Array(size));
      this.dirtyMark = grow(this.dirtyMark, new Uint8Array(size));
      this.touchStamp = grow(this.touchStamp, new Int32Array(size));
      this.pendingLoad = grow(this.pendingLoad, new Float64Array(size));
      this.risers = grow(this.risers, new Int32Array(size));
      this.busyArea = grow(this.busyArea, new Float64Array(size));
      this.busySince = grow(this.busySince, new Float64Array(size));
      this.busyStart = grow(this.busyStart, new Float64Array(size));
    }
    this.busySince[id] = this.sim.now;
    this.busyStart[id] = this.sim.now;
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
    const k = this.allocateIndex();
    const flow = new Flow(this.sim, this, this.nextFlowId++, k, path, bytes, latency, options);
    this.flowAt[k] = flow;
    this.routeLength[k] = 0;
    this.rate[k] = 0;
    this.newRate[k] = 0;
    this.maxRate[k] = maxRate;
    this.remaining[k] = bytes;
    this.lastUpdate[k] = this.sim.now;
    this.size[k] = bytes;
    this.flowId[k] = flow.id;
    this.bottleneck[k] = -2;
    this.newBottleneck[k] = -2;
    this.componentStamp[k] = 0;
    this.fixedStamp[k] = 0;
    this.risingStamp[k] = 0;
    this.activeCount++;
    if (bytes === 0 || (path.length === 0 && maxRate === Infinity)) {
      // Nothing to share: it is sent at once.
      this.rate[k] = Infinity;
      flow.completionHandle = this.sim.schedule(0, flow.complete);
      return flow;
    }
    if (path.length === 0) {
      this.rate[k] = maxRate;
      flow.completionHandle = this.sim.schedule(bytes / maxRate, flow.complete);
      return flow;
    }
    flow.attached = true;
    const start = this.reserveHops(path.length);
    this.routeStart[k] = start;
    this.routeLength[k] = path.length;
    for (let i = 0; i < path.length; i++) {
      const link = path[i];
      const list = this.flowsOn[link];
      this.hops[start + i] = link;
      this.hopSlots[start + i] = list.length;
      list.push(k);
      this.hopOn[link].push(i);
      this.markDirty(link);
    }
    return flow;
  }

  /** @internal Bytes a sending flow has not sent yet, as of now. */
  remainingBytesOf(k: number): number {
    return Math.max(0, this.remaining[k] - this.rate[k] * (this.sim.now - this.lastUpdate[k]));
  }

  /** A free index into the per-flow arrays (grown by doubling when all are taken). */
  private allocateIndex(): number {
    if (this.freeIndices.length > 0) return this.freeIndices.pop() as number;
    const k = this.indicesUsed++;
    if (k === this.rate.length) {
      const n = k * 2;
      this.rate = grow(this.rate, new Float64Array(n));
      this.newRate = grow(this.newRate, new Float64Array(n));
      this.maxRate = grow(this.maxRate, new Float64Array(n));
      this.remaining = grow(this.remaining, new Float64Array(n));
      this.lastUpdate = grow(this.lastUpdate, new Float64Array(n));
      this.size = grow(this.size, new Float64Array(n));
      this.flowId = grow(this.flowId, new Float64Array(n));
      this.bottleneck = grow(this.bottleneck, new Int32Array(n));
      this.newBottleneck = grow(this.newBottleneck, new Int32Array(n));
      this.componentStamp = grow(this.componentStamp, new Int32Array(n));
      this.fixedStamp = grow(this.fixedStamp, new Int32Array(n));
      this.risingStamp = grow(this.risingStamp, new Int32Array(n));
      this.routeStart = grow(this.routeStart, new Int32Array(n));
      this.routeLength = grow(this.routeLength, new Int32Array(n));
    }
    this.flowAt.push(undefined);
    return k;
  }

  /** Space for `length` hops at the end of the route pool; packs the live routes into a new pool when full. */
  private reserveHops(length: number): number {
    if (this.hopsEnd + length > this.hops.length) {
      let size = this.hops.length;
      while (2 * (this.hopsLive + length) > size) size *= 2;
      const hops = new Int32Array(size);
      const slots = new Int32Array(size);
      let end = 0;
      for (let k = 0; k < this.indicesUsed; k++) {
        const n = this.routeLength[k];
        if (n === 0) continue;
        const from = this.routeStart[k];
        hops.set(this.hops.subarray(from, from + n), end);
        slots.set(this.hopSlots.subarray(from, from + n), end);
        this.routeStart[k] = end;
        end += n;
      }
      this.hops = hops;
      this.hopSlots = slots;
      this.hopsEnd = end;
    }
    const start = this.hopsEnd;
    this.hopsEnd += length;
    this.hopsLive += length;
    return start;
  }

  /** Current rate of a flow in bytes/s (0 once it has finished sending). */
  rateOf(flow: Flow): number {
    if (this.dirtyLinks.length > 0) this.recompute();
    return flow.active ? this.rate[flow.index] : 0;
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
    this.accumulateBusy(linkId, this.sim.now);
    const elapsed = this.sim.now - this.busyStart[linkId];
    return (elapsed > 0 ? this.busyArea[linkId] / elapsed : this.load[linkId]) / this.capacity[linkId];
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
    this.completions.remove(flow.index);
    this.activeCount--;
    const route = flow.route;
    const k = flow.index;
    if (flow.attached) {
      flow.attached = false;
      for (let i = 0; i < route.length; i++) this.detach(k, i);
    }
    this.flowAt[k] = undefined;
    this.hopsLive -= this.routeLength[k];
    this.routeLength[k] = 0;
    this.freeIndices.push(k);
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

  /**
   * Brings max-min fair rates up to date after flows started or ended at the dirty links, now.
   *
   * Incremental progressive filling (Bertsekas & Gallager §6.5.2), run only where the allocation can
   * change. The filling raises a common level t; a link saturates at t = (capacity − rates fixed on
   * it) / (flows not yet fixed on it) and fixes its unfixed flows at t. Below the level at which the
   * new filling first differs from the previous one, both coincide, so the previous rates remain
   * valid there. The *region* is the set of links whose filling is computed explicitly; it starts
   * as the dirty links (at level 0) and every flow on a region link takes part. A participant whose
   * previous bottleneck link lies outside the region is fixed at its previous rate when the level
   * reaches it (that link has behaved as before). A participant fixed at a rate other than its
   * previous one, or still unfixed when the level passes its previous rate, changes what its
   * outside links see from that level on: they join the region then. Links that never join keep
   * their flows' rates and need no work: a flow arrival costs the links and flows whose rates move.
   *
   * The result is checked with the max-min certificate on every region link (every flow at its cap
   * or on a saturated link where no flow gets more); if float round-off ever breaks it, the whole
   * network is filled again from scratch (counted in `fullRefills`).
   */
  recompute(): void {
    const dirty = this.dirtyLinks;
    if (dirty.length === 0) return;
    const region = ++this.epoch;
    this.componentLinks.length = 0;
    this.componentFlows.length = 0;
    this.touchedLinks.length = 0;
    this.heapSize = 0;
    for (const link of dirty) {
      this.dirtyMark[link] = 0;
      this.join(link, 0, region);
    }
    dirty.length = 0;
    this.fillRegion(region);
    if (!this.certificateHolds(region)) {
      this.fullRefills++;
      this.touchedLinks.length = 0;
      this.refillEverything();
    }
    this.apply();
  }

  /** The progressive filling of the region, growing it where rates move (see `recompute`). */
  private fillRegion(region: number): void {
    const flowsOn = this.flowsOn;
    const rem = this.remainingCapacity;
    const unfixed = this.unfixed;
    const flows = this.componentFlows;
    let level = 0;
    while (this.heapSize > 0) {
      const id = this.heapLink[0];
      const key = this.heapKey[0];
      if (id >= SLACK_EVENT) {
        // The slack of an outside link is used up by a flow still rising: from now on it constrains.
        this.heapPop();
        const link = id - SLACK_EVENT;
        if (this.linkStamp[link] !== region && this.risers[link] > 0) {
          if (key > level) level = key;
          this.join(link, level, region);
        }
        continue;
      }
      if (id >= 0) {
        // A region link: saturates at its current fair share (the key is a lower bound of it).
        const n = unfixed[id];
        if (n === 0) {
          this.heapPop();
          continue;
        }
        let share = rem[id] > 0 ? rem[id] / n : 0;
        if (share > key) {
          this.heapSiftDown(0, share, id);
          continue;
        }
        this.heapPop();
        if (share < level) share = level; // round-off; levels never go down
        level = share;
        const list = flowsOn[id];
        const fixedStamp = this.fixedStamp;
        for (let j = 0; j < list.length; j++) {
          const k = list[j];
          if (fixedStamp[k] !== region) this.fixInRegion(k, share, id, region);
        }
        continue;
      }
      // A flow's own event: its rate cap, or its previous rate.
      this.heapPop();
      const k = flows[-id - 1];
      if (this.fixedStamp[k] === region) continue;
      if (key > level) level = key;
      if (key === this.maxRate[k]) {
        this.fixInRegion(k, key, -1, region);
        continue;
      }
      const previous = this.bottleneck[k];
      if (previous >= 0 && this.linkStamp[previous] !== region) {
        this.fixInRegion(k, this.rate[k], previous, region); // its bottleneck outside behaved as before
        continue;
      }
      // Its previous bottleneck is in the region and has not fixed it: it will run faster than before,
      // which its links outside the region see from this level on.
      // A link with slack lets one such flow rise until the slack is used up (an event at that level).
      const hops = this.hops;
      for (let h = this.routeStart[k], end = h + this.routeLength[k]; h < end; h++) {
        const link = hops[h];
        if (this.linkStamp[link] === region) continue;
        if (this.touch(link, region)) this.touchedLinks.push(link);
        const full = this.capacity[link] * (1 - CERTIFICATE_TOLERANCE);
        const slack = full - this.load[link] - this.pendingLoad[link];
        if (this.risers[link] > 0 || this.load[link] >= full || !(slack > 0)) this.join(link, level, region);
        else {
          this.risers[link] = 1;
          this.heapPush(level + slack, SLACK_EVENT + link);
        }
      }
      this.risingStamp[k] = region;
      if (this.maxRate[k] !== Infinity) this.heapPush(this.maxRate[k], id);
    }
  }

  /** Fixes a participant at `rate`; if that is not its previous rate, its outside links join the region. */
  private fixInRegion(k: number, rate: number, bottleneck: number, region: number): void {
    const previousRate = this.rate[k];
    const first = this.bottleneck[k] === -2;
    const same = !first && Math.abs(rate - previousRate) <= SAME_RATE_TOLERANCE * previousRate;
    if (same) rate = previousRate; // keep the exact previous value: nothing to reschedule, nothing to propagate
    this.fixedStamp[k] = region;
    this.newRate[k] = rate;
    this.newBottleneck[k] = bottleneck;
    const rising = this.risingStamp[k] === region;
    const hops = this.hops;
    const rem = this.remainingCapacity;
    const unfixed = this.unfixed;
    const linkStamp = this.linkStamp;
    for (let h = this.routeStart[k], end = h + this.routeLength[k]; h < end; h++) {
      const link = hops[h];
      if (linkStamp[link] === region) {
        rem[link] -= rate;
        unfixed[link]--;
      } else {
        if (rising) this.risers[link]--; // it was the link's one rising flow
        if (!same) this.shift(link, rate - (first ? 0 : previousRate), rate, region);
      }
    }
  }

  /**
   * A flow on outside link `link` now runs `delta` faster than before (negative: slower), from `level`
   * on. A link with slack constrains nobody (no flow can have it as bottleneck) until its load
   * reaches its capacity, so it only records the change; a saturated link, or one the change would
   * fill, joins the region.
   */
  private shift(link: number, delta: number, level: number, region: number): void {
    const touched = this.touch(link, region);
    const pending = (this.pendingLoad[link] += delta);
    const full = this.capacity[link] * (1 - CERTIFICATE_TOLERANCE);
    if (this.risers[link] > 0 || this.load[link] >= full || this.load[link] + pending > full) {
      this.join(link, level, region);
    } else if (touched) this.touchedLinks.push(link);
  }

  /** Starts this recompute's record of an outside link; true the first time. */
  private touch(link: number, region: number): boolean {
    if (this.touchStamp[link] === region) return false;
    this.touchStamp[link] = region;
    this.pendingLoad[link] = 0;
    this.risers[link] = 0;
    return true;
  }

  /**
   * Link `link` joins the region at `level`: up to that level it behaved as in the previous filling, so
   * its flows whose previous rate is below the level are fixed at it; the others take part from now on.
   */
  private join(link: number, level: number, region: number): void {
    if (this.linkStamp[link] === region) return;
    this.linkStamp[link] = region;
    this.componentLinks.push(link);
    const list = this.flowsOn[link];
    const componentStamp = this.componentStamp;
    const fixedStamp = this.fixedStamp;
    const bottleneck = this.bottleneck;
    const rate = this.rate;
    const newRate = this.newRate;
    let left = this.capacity[link];
    let n = 0;
    for (let j = 0; j < list.length; j++) {
      const k = list[j];
      if (componentStamp[k] !== region) {
        // A new participant: on no other region link (every flow on a region link takes part).
        componentStamp[k] = region;
        const previous = bottleneck[k];
        this.newBottleneck[k] = previous;
        const index = this.componentFlows.push(k);
        if (previous !== -2 && rate[k] < level) {
          fixedStamp[k] = region;
          newRate[k] = rate[k];
        } else {
          const own = previous !== -2 ? Math.min(rate[k], this.maxRate[k]) : this.maxRate[k];
          if (own !== Infinity) this.heapPush(own, -index);
        }
      }
      if (fixedStamp[k] === region) {
        // Fixed before this link joined: take its rate off here (and only here: its other links are
        // outside the region, or it was fixed through fixInRegion, which skipped this one).
        left -= newRate[k];
      } else n++;
    }
    this.remainingCapacity[link] = left;
    this.unfixed[link] = n;
    if (n > 0) {
      const share = left > 0 ? left / n : 0;
      this.heapPush(share > level ? share : level, link);
    }
  }

  /** The max-min certificate on every region link; frozen links outside were not touched. */
  private certificateHolds(region: number): boolean {
    const links = this.componentLinks;
    const flowsOn = this.flowsOn;
    const capacity = this.capacity;
    const rem = this.remainingCapacity;
    const newRate = this.newRate;
    const newBottleneck = this.newBottleneck;
    const fixedStamp = this.fixedStamp;
    for (let i = 0; i < links.length; i++) {
      const link = links[i];
      const list = flowsOn[link];
      const tolerance = CERTIFICATE_TOLERANCE * capacity[link];
      if (rem[link] < -tolerance) return false; // over capacity
      const saturated = rem[link] <= tolerance;
      let max = 0;
      for (let j = 0; j < list.length; j++) if (newRate[list[j]] > max) max = newRate[list[j]];
      for (let j = 0; j < list.length; j++) {
        const k = list[j];
        if (fixedStamp[k] !== region) return false; // every participant must have been fixed
        if (newBottleneck[k] === link && (!saturated || max > newRate[k] + tolerance)) return false;
      }
    }
    // Outside links whose flows moved: exact new load, which must fit (they had slack for it).
    const componentStamp = this.componentStamp;
    const rate = this.rate;
    for (const link of this.touchedLinks) {
      if (this.linkStamp[link] === region) continue;
      const list = flowsOn[link];
      let load = 0;
      for (let j = 0; j < list.length; j++) load += componentStamp[list[j]] === region ? newRate[list[j]] : rate[list[j]];
      if (load > capacity[link] * (1 + CERTIFICATE_TOLERANCE)) return false;
      this.pendingLoad[link] = load; // the new load, for apply
    }
    const flows = this.componentFlows;
    for (let i = 0; i < flows.length; i++) {
      const k = flows[i];
      const b = newBottleneck[k];
      if (b === -1 ? newRate[k] !== this.maxRate[k] : b < 0) return false;
    }
    return true;
  }

  /** Water-fills every flow from scratch (the fallback). */
  private refillEverything(): void {
    const region = ++this.epoch;
    this.componentLinks.length = 0;
    this.componentFlows.length = 0;
    for (let link = 0; link < this.capacity.length; link++) {
      const list = this.flowsOn[link];
      if (list.length === 0 && this.load[link] === 0) continue;
      this.addRegionLink(link, region);
      for (let j = 0; j < list.length; j++) this.free(list[j], region);
    }
    this.waterFill(region);
  }

  /** Settles bytes sent at the old rate and reschedules completions whose rate changed; updates link loads. */
  private apply(): void {
    const now = this.sim.now;
    const flows = this.componentFlows;
    const links = this.componentLinks;
    const capacity = this.capacity;
    const rem = this.remainingCapacity;
    const flowsOn = this.flowsOn;
    const rates = this.rate;
    const remaining = this.remaining;
    const lastUpdate = this.lastUpdate;
    const completions = this.completions;
    // Moving many keys one by one costs O(log n) each; past a share of the heap, assign them all and rebuild in O(n).
    const bulk = flows.length >= 64 && flows.length * log(completions.size + 2) > 2 * Math.LN2 * completions.size;
    for (let i = 0; i < flows.length; i++) {
      const k = flows[i];
      this.bottleneck[k] = this.newBottleneck[k];
      const rate = this.newRate[k];
      if (rate === rates[k]) continue;
      const left = (remaining[k] -= rates[k] * (now - lastUpdate[k]));
      lastUpdate[k] = now;
      rates[k] = rate;
      const due = left <= this.size[k] * DONE_FRACTION ? now : rate > 0 ? now + left / rate : Infinity;
      if (bulk) {
        if (due === Infinity) completions.unlink(k);
        else completions.assign(k, this.flowId[k], due);
      } else if (due === Infinity) completions.remove(k);
      else completions.set(k, this.flowId[k], due);
    }
    if (bulk) completions.rebuild();
    this.armCompletionEvent();
    for (let i = 0; i < links.length; i++) {
      const link = links[i];
      const load = flowsOn[link].length > 0 ? capacity[link] - Math.max(0, rem[link]) : 0;
      if (load !== this.load[link]) this.setLoad(link, load, now);
    }
    const region = this.epoch;
    for (const link of this.touchedLinks) {
      if (this.linkStamp[link] === region) continue;
      const load = this.pendingLoad[link];
      if (load !== this.load[link]) this.setLoad(link, load, now);
    }
  }

  /** The link's load changes now: its time-weighted integral is brought up to now first. */
  private setLoad(link: number, load: number, now: number): void {
    this.accumulateBusy(link, now);
    this.load[link] = load;
  }

  private accumulateBusy(link: number, now: number): void {
    const dt = now - this.busySince[link];
    if (dt > 0) {
      this.busyArea[link] += this.load[link] * dt;
      this.busySince[link] = now;
    }
  }

  /** Keeps the one simulator event at the earliest projected completion. */
  private armCompletionEvent(): void {
    const time = this.completions.topTime;
    if (time === this.completionEventTime) return;
    if (this.completionEvent !== -1) this.sim.cancel(this.completionEvent);
    this.completionEventTime = time;
    this.completionEvent = time === Infinity ? -1 : this.sim.scheduleAt(Math.max(time, this.sim.now), this.completeDue);
  }

  /** The completion event: every flow due now has sent its last byte. */
  private completeDueFlows(): void {
    this.completionEvent = -1;
    this.completionEventTime = Infinity;
    const now = this.sim.now;
    const completions = this.completions;
    while (completions.size > 0 && completions.topTime <= now) this.finishSending(this.flowAt[completions.top] as Flow);
    this.armCompletionEvent();
  }

  /** Puts a flow (and its links) into the region being filled again. */
  private free(k: number, region: number): void {
    if (this.componentStamp[k] === region) return;
    this.componentStamp[k] = region;
    this.componentFlows.push(k);
    const hops = this.hops;
    for (let h = this.routeStart[k], end = h + this.routeLength[k]; h < end; h++) this.addRegionLink(hops[h], region);
  }

  private addRegionLink(link: number, region: number): void {
    if (this.linkStamp[link] === region) return;
    this.linkStamp[link] = region;
    this.componentLinks.push(link);
  }

  /**
   * Water-filling of the region's free flows on the region's links, whose capacity is what the frozen
   * flows leave. Heap keys are lower bounds of the links' fair shares: fixing a flow only raises the
   * shares of its other links, so a key is refreshed only when it reaches the top. Sets each free
   * flow's newRate and newBottleneck (the link that fixed it, or -1 for its cap); leaves in
   * remainingCapacity what each region link has left.
   */
  private waterFill(region: number): void {
    const fill = ++this.epoch; // flow.fixedStamp === fill: fixed in this filling
    const links = this.componentLinks;
    const flows = this.componentFlows;
    const flowsOn = this.flowsOn;
    const rem = this.remainingCapacity;
    const unfixed = this.unfixed;
    const capacity = this.capacity;
    const capped = this.componentCapped;
    capped.length = 0;
    const maxRate = this.maxRate;
    const componentStamp = this.componentStamp;
    const fixedStamp = this.fixedStamp;
    for (let i = 0; i < flows.length; i++) if (maxRate[flows[i]] !== Infinity) capped.push(flows[i]);
    this.heapSize = 0;
    if (this.heapKey.length < links.length) {
      this.heapKey = new Float64Array(links.length * 2);
      this.heapLink = new Int32Array(links.length * 2);
    }
    const heapKey = this.heapKey;
    const heapLink = this.heapLink;
    for (let i = 0; i < links.length; i++) {
      const link = links[i];
      const list = flowsOn[link];
      let left = capacity[link];
      let n = 0;
      for (let j = 0; j < list.length; j++) {
        const k = list[j];
        if (componentStamp[k] === region) n++;
        else left -= this.rate[k];
      }
      rem[link] = left;
      unfixed[link] = n;
      if (n > 0) {
        heapKey[this.heapSize] = (left > 0 ? left : 0) / n;
        heapLink[this.heapSize++] = link;
      }
    }
    for (let i = (this.heapSize - 2) >> 1; i >= 0; i--) this.heapSiftDown(i, heapKey[i], heapLink[i]);
    const flowAt = this.flowAt as Flow[];
    if (capped.length > 1) capped.sort((a, b) => maxRate[a] - maxRate[b] || flowAt[a].id - flowAt[b].id);
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
        const current = rem[link] > 0 ? rem[link] / n : 0;
        if (current > heapKey[0]) {
          this.heapSiftDown(0, current, link); // stale lower bound: refresh in place
          continue;
        }
        bottleneck = link;
        share = current;
        break;
      }
      while (nextCapped < capped.length && fixedStamp[capped[nextCapped]] === fill) nextCapped++;
      if (nextCapped < capped.length && maxRate[capped[nextCapped]] <= share) {
        // A rate cap binds before any link does.
        const k = capped[nextCapped++];
        this.fix(k, maxRate[k], -1, fill);
        fixedCount++;
        continue;
      }
      if (bottleneck < 0) break; // cannot happen: every free flow is on some region link in the heap
      this.heapPop();
      const list = flowsOn[bottleneck];
      for (let j = 0; j < list.length; j++) {
        const k = list[j];
        if (componentStamp[k] !== region || fixedStamp[k] === fill) continue;
        this.fix(k, share, bottleneck, fill);
        fixedCount++;
      }
    }
  }

  /** Fixes a flow's rate and takes it off its links. */
  private fix(k: number, rate: number, bottleneck: number, fill: number): void {
    this.fixedStamp[k] = fill;
    this.newRate[k] = rate;
    this.newBottleneck[k] = bottleneck;
    const hops = this.hops;
    const rem = this.remainingCapacity;
    const unfixed = this.unfixed;
    for (let h = this.routeStart[k], end = h + this.routeLength[k]; h < end; h++) {
      const link = hops[h];
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
  private detach(k: number, hop: number): void {
    const at = this.routeStart[k] + hop;
    const link = this.hops[at];
    const list = this.flowsOn[link];
    const hops = this.hopOn[link];
    const slot = this.hopSlots[at];
    const last = list.length - 1;
    if (slot !== last) {
      const moved = list[last];
      const movedHop = hops[last];
      list[slot] = moved;
      hops[slot] = movedHop;
      this.hopSlots[this.routeStart[moved] + movedHop] = slot;
    }
    list.pop();
    hops.pop();
    this.markDirty(link);
  }

  private heapPush(key: number, id: number): void {
    if (this.heapSize === this.heapKey.length) {
      const keys = new Float64Array(this.heapKey.length * 2);
      keys.set(this.heapKey);
      const ids = new Int32Array(this.heapLink.length * 2);
      ids.set(this.heapLink);
      this.heapKey = keys;
      this.heapLink = ids;
    }
    const keys = this.heapKey;
    const ids = this.heapLink;
    let i = this.heapSize++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (keys[parent] <= key) break;
      keys[i] = keys[parent];
      ids[i] = ids[parent];
      i = parent;
    }
    keys[i] = key;
    ids[i] = id;
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
