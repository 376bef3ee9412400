/**
 * What NCCL's tree all-reduce achieves beyond its links: NVIDIA's own tuning
 * figures for the tree, per GPU generation.
 *
 * The double binary tree moves less over the network than a ring on two nodes
 * (each node is the root of one tree and a leaf of the other: S/c per NIC each
 * way against the ring's 2(N-1)/N·S/c) and about as much on more nodes (2S/c at
 * a node with two children in one tree). Inside each node the chain carries
 * every byte up and down (2S/c per GPU each way, like the ring). NCCL prices the
 * tree from its links and then caps it (NVIDIA/nccl v2.20.3-1,
 * src/graph/tuning.cc, ncclTopoTuneModel, lines 175-183 and 213-219):
 *   busBw = min(0.92 · nChannels · bw, nChannels · perChMaxTreeBw),  algBw = busBw / 2
 * where bw is the graph's per-channel link rate and perChMaxTreeBw (lines
 * 102-106) NVIDIA's measured ceiling of one tree channel, by GPU generation and
 * by 1, 2 or more nodes. The ceiling is not a link rate: a tree channel's
 * thread block reduces on the way up and forwards on the way down, and moves
 * about as much per second as a ring channel does (23.6 GB/s of bus bandwidth
 * per Ampere channel on 2 nodes against a ring channel's 24 on HDR). With it the
 * tree is slower than the ring at large sizes on DGX A100/H100 with one 200/400
 * Gb/s NIC per GPU, and faster on 2 nodes whose NICs are slow beside NVLink,
 * where NCCL picks it (sjeaugey, github.com/NVIDIA/nccl/issues/946).
 *
 * Left out: the further ×0.85 NCCL applies when its graph search falls back to
 * the plain TREE pattern (line 186; Hopper nodes whose NIC layout defeats the
 * balanced tree). Which pattern NCCL finds depends on the node's PCIe layout,
 * which the topology does not carry; on the validation rows the ceiling, not
 * that factor, decides. The tree's bus bandwidth is the LL/LL128 protocols' at
 * small sizes in NCCL; we price the Simple protocol only, as for rings.
 */

/** A source of the figures below (same shape as the catalog's). */
export const ncclTreeLimitsSource = {
  title: 'NVIDIA/nccl v2.20.3-1 src/graph/tuning.cc: perChMaxTreeBws (lines 102-106); tree busBw = min(busBw*.92, nChannels*perChMaxTreeBw) (line 183); tree algBw = busBw*.5 (line 218)',
  url: 'https://github.com/NVIDIA/nccl/blob/v2.20.3-1/src/graph/tuning.cc',
  note: 'read at commit b6475625fbcaa2c3c0e50eed2fa1255d7514d4a2 (makefiles/version.mk: 2.20.3), which has no Blackwell row: B200/GB200 get no limits here',
  date: '2026-11-25',
} as const;

export interface TreeLimits {
  /** Fraction of its links' rate NCCL's tree moves data at (tuning.cc: busBw*.92). */
  efficiency: number;
  /** Bus bandwidth one tree channel reaches at most, bytes/s, on 1, 2 and more than 2 nodes (perChMaxTreeBw). */
  perChannelBusBandwidth: { oneNode: number; twoNodes: number; moreNodes: number };
}

const treeEfficiency = 0.92;
const GBps = 1e9;

/** perChMaxTreeBws rows of tuning.cc v2.20.3-1 (GB/s, N1/N2/N4). */
const generations = {
  ampere: { oneNode: 24.0 * GBps, twoNodes: 23.6 * GBps, moreNodes: 17.8 * GBps },
  hopper: { oneNode: 38.7 * GBps, twoNodes: 41.4 * GBps, moreNodes: 36.0 * GBps },
} as const;

const generationOrder: ReadonlyArray<keyof typeof generations> = ['ampere', 'hopper'];

/** Catalog devices by NCCL's compute-capability class (sm80: Ampere, sm90: Hopper). */
const generationOfDevice: Record<string, keyof typeof generations> = {
  'a100-40gb-sxm': 'ampere',
  'a100-80gb-sxm': 'ampere',
  'h100-sxm': 'hopper',
  'h100-pcie': 'hopper',
  'h200-sxm': 'hopper',
};

/**
 * NCCL's tree limits for ranks on these devices (catalog ids): the lowest
 * generation's, as NCCL takes the communicator's minimum compute capability.
 * Undefined when a device has no row in NCCL's table (other vendors, or a GPU
 * generation the table here does not carry): the tree is then priced by its
 * links alone.
 */
export function ncclTreeLimits(deviceIds: Iterable<string>): TreeLimits | undefined {
  let lowest = -1;
  for (const id of deviceIds) {
    const generation = generationOfDevice[id];
    if (!generation) return undefined;
    const rank = generationOrder.indexOf(generation);
    if (lowest < 0 || rank < lowest) lowest = rank;
  }
  return lowest < 0 ? undefined : { efficiency: treeEfficiency, perChannelBusBandwidth: generations[generationOrder[lowest]] };
}

/** The per-channel bus bandwidth ceiling for a tree over this many nodes. */
export function treeChannelCeiling(limits: TreeLimits, nodes: number): number {
  const p = limits.perChannelBusBandwidth;
  return nodes <= 1 ? p.oneNode : nodes === 2 ? p.twoNodes : p.moreNodes;
}
