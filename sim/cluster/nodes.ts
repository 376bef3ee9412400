/**
 * Free accelerators per node and the placement of a job's gang on them.
 *
 * Nodes sit in buckets by free count, so best-fit and worst-fit are a scan over
 * at most `maxNodeSize` buckets, and whole free nodes are tracked per rack for
 * topology-aware placement. A placement is a flat list [node, count, node, count, ...].
 *
 * Placement rules:
 * - `pack` and `topology-aware` are consolidated: a job that fits in one node
 *   gets one node (best fit: the fullest node that still has room); a larger job
 *   takes whole free nodes plus one best-fit node for the remainder.
 *   `topology-aware` takes those whole nodes from the fewest racks (the rack
 *   that fits most tightly, else the emptiest racks first); `pack` takes them
 *   in node order. Free GPUs that no placement can use are fragmentation.
 * - `spread` may split a job across any nodes, most-free node first.
 */
export type PlacementPolicy = 'pack' | 'spread' | 'topology-aware';

export class NodePool {
  readonly size: Int32Array;
  readonly rack: Int32Array;
  readonly free: Int32Array;
  /** 1 when installed and up. */
  readonly up: Uint8Array;
  readonly maxNodeSize: number;
  readonly rackCount: number;
  totalFree = 0;
  totalUp = 0;
  /** Devices on nodes that are entirely free. */
  wholeFreeGpus = 0;
  private readonly buckets: number[][];
  private readonly bucketPos: Int32Array;
  private readonly wholeByRack: number[][];
  private readonly wholePos: Int32Array;
  private readonly rackWholeGpus: Float64Array;

  constructor(sizes: number[], racks: number[]) {
    const n = sizes.length;
    this.size = Int32Array.from(sizes);
    this.rack = Int32Array.from(racks);
    this.free = new Int32Array(n);
    this.up = new Uint8Array(n);
    this.maxNodeSize = sizes.reduce((m, s) => Math.max(m, s), 0);
    this.rackCount = racks.reduce((m, r) => Math.max(m, r + 1), 0);
    this.buckets = Array.from({ length: this.maxNodeSize + 1 }, () => []);
    this.bucketPos = new Int32Array(n).fill(-1);
    this.wholeByRack = Array.from({ length: this.rackCount }, () => []);
    this.wholePos = new Int32Array(n).fill(-1);
    this.rackWholeGpus = new Float64Array(this.rackCount);
  }

  get nodeCount(): number {
    return this.size.length;
  }

  /** Node comes up (delivered, repaired, back from maintenance) with all devices free. */
  bringUp(node: number): void {
    if (this.up[node]) return;
    this.up[node] = 1;
    this.totalUp += this.size[node];
    this.setFree(node, this.size[node]);
  }

  /** Node goes down; the caller has already released every job on it. */
  takeDown(node: number): void {
    if (!this.up[node]) return;
    if (this.free[node] !== this.size[node]) throw new Error(`takeDown: node ${node} still has jobs`);
    this.setFree(node, 0);
    this.up[node] = 0;
    this.totalUp -= this.size[node];
  }

  allocate(placement: number[]): void {
    for (let i = 0; i < placement.length; i += 2) this.setFree(placement[i], this.free[placement[i]] - placement[i + 1]);
  }

  release(placement: number[]): void {
    for (let i = 0; i < placement.length; i += 2) {
      const node = placement[i];
      if (this.up[node]) this.setFree(node, this.free[node] + placement[i + 1]);
    }
  }

  /** Where a gang of `gpus` would go now, or null. Does not allocate. */
  place(gpus: number, policy: PlacementPolicy): number[] | null {
    if (gpus > this.totalFree || gpus <= 0) return null;
    if (policy === 'spread') return this.spread(gpus);
    if (gpus <= this.maxNodeSize) {
      const node = this.bestFit(gpus);
      return node < 0 ? null : [node, gpus];
    }
    // Consolidated multi-node placement needs whole free nodes for all but the remainder.
    if (this.wholeFreeGpus < gpus - (gpus % this.maxNodeSize)) return null;
    return policy === 'topology-aware' ? this.wholeNodesByRack(gpus) : this.wholeNodesInOrder(gpus);
  }

  /** Whether `gpus` could be placed now (same rules as `place`). */
  canPlace(gpus: number, policy: PlacementPolicy): boolean {
    if (gpus > this.totalFree || gpus <= 0) return false;
    if (policy === 'spread') return true;
    if (gpus <= this.maxNodeSize) return this.bestFit(gpus) >= 0;
    return this.place(gpus, policy) !== null;
  }

  /** Largest free count of any single node. */
  maxFree(): number {
    for (let f = this.maxNodeSize; f > 0; f--) if (this.buckets[f].length > 0) return f;
    return 0;
  }

  private bestFit(gpus: number): number {
    for (let f = gpus; f <= this.maxNodeSize; f++) {
      const b = this.buckets[f];
      if (b.length > 0) return b[b.length - 1];
    }
    return -1;
  }

  private spread(gpus: number): number[] {
    const out: number[] = [];
    let left = gpus;
    for (let f = this.maxNodeSize; f > 0 && left > 0; f--) {
      const b = this.buckets[f];
      for (let i = b.length - 1; i >= 0 && left > 0; i--) {
        const take = Math.min(f, left);
        out.push(b[i], take);
        left -= take;
      }
    }
    return out;
  }

  private wholeNodesInOrder(gpus: number): number[] | null {
    const out: number[] = [];
    let left = gpus;
    const used = new Set<number>();
    for (let r = 0; r < this.rackCount && left > 0; r++) left = this.takeWhole(r, left, out, used);
    return this.finishRemainder(left, out, used);
  }

  private wholeNodesByRack(gpus: number): number[] | null {
    // The tightest rack that holds the whole job, else the racks with most whole free GPUs first.
    let best = -1;
    for (let r = 0; r < this.rackCount; r++) {
      const g = this.rackWholeGpus[r];
      if (g >= gpus && (best < 0 || g < this.rackWholeGpus[best])) best = r;
    }
    const order = best >= 0 ? [best] : [...Array(this.rackCount).keys()].sort((a, b) => this.rackWholeGpus[b] - this.rackWholeGpus[a] || a - b);
    const out: number[] = [];
    const used = new Set<number>();
    let left = gpus;
    for (const r of order) {
      if (left <= 0) break;
      left = this.takeWhole(r, left, out, used);
    }
    return this.finishRemainder(left, out, used);
  }

  private takeWhole(rack: number, left: number, out: number[], used: Set<number>): number {
    const list = this.wholeByRack[rack];
    for (let i = 0; i < list.length && left > 0; i++) {
      const node = list[i];
      if (this.size[node] > left) continue;
      out.push(node, this.size[node]);
      used.add(node);
      left -= this.size[node];
    }
    return left;
  }

  private finishRemainder(left: number, out: number[], used: Set<number>): number[] | null {
    if (left === 0) return out;
    for (let f = left; f <= this.maxNodeSize; f++) {
      const b = this.buckets[f];
      for (let i = b.length - 1; i >= 0; i--) {
        if (!used.has(b[i])) {
          out.push(b[i], left);
          return out;
        }
      }
    }
    return null;
  }

  private setFree(node: number, value: number): void {
    const old = this.free[node];
    if (value < 0 || value > this.size[node]) throw new Error(`node ${node}: free ${value} outside [0, ${this.size[node]}]`);
    if (old === value) return;
    if (this.bucketPos[node] >= 0) removeAt(this.buckets[old], this.bucketPos, node);
    if (this.wholePos[node] >= 0) {
      removeAt(this.wholeByRack[this.rack[node]], this.wholePos, node);
      this.rackWholeGpus[this.rack[node]] -= this.size[node];
      this.wholeFreeGpus -= this.size[node];
    }
    this.totalFree += value - old;
    this.free[node] = value;
    if (value > 0) {
      this.bucketPos[node] = this.buckets[value].length;
      this.buckets[value].push(node);
    }
    if (value === this.size[node] && value > 0) {
      this.wholePos[node] = this.wholeByRack[this.rack[node]].length;
      this.wholeByRack[this.rack[node]].push(node);
      this.rackWholeGpus[this.rack[node]] += value;
      this.wholeFreeGpus += value;
    }
  }
}

/** Swap-remove `node` from `list`, keeping the position index in `pos` right. */
function removeAt(list: number[], pos: Int32Array, node: number): void {
  const i = pos[node];
  const last = list.pop() as number;
  if (last !== node) {
    list[i] = last;
    pos[last] = i;
  }
  pos[node] = -1;
}
