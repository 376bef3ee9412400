/**
 * A topology is the cluster's fabric as flow links: every link is one direction
 * of a full-duplex wire (or an aggregate of parallel wires), and a route is the
 * list of link ids a transfer crosses. The same topology serves the analytic
 * model (link loads) and the DES (engine flows), so both see the same bottleneck.
 */

/** Where links are created: the engine's FlowNetwork, or a recorder for analytic use. */
export interface LinkSink {
  addLink(capacityBytesPerS: number, latencyS: number, name?: string): number;
}

export interface LinkInfo {
  id: number;
  /** bytes/s, one direction. */
  capacity: number;
  /** seconds, added once per transfer that crosses the link. */
  latency: number;
  name: string;
  /** Which layer of the fabric: scale-up port, NIC, leaf uplink, torus link... */
  layer: LinkLayer;
}

export type LinkLayer = 'scale-up' | 'nic' | 'leaf-spine' | 'spine-core' | 'torus';

export interface RouteOptions {
  /** Distinguishes parallel flows between the same pair for ECMP hashing (e.g. a ring channel). */
  flowId?: number;
}

export interface DevicePlace {
  /** Global node index (pools in order). */
  node: number;
  /** Device index inside its node. */
  local: number;
  pool: number;
}

export interface Topology {
  deviceCount: number;
  nodeCount: number;
  /** Devices of each node, global indices. */
  devicesOfNode: number[][];
  place(device: number): DevicePlace;
  /** NICs (rails) per node. */
  nicsOfNode(node: number): number;
  /** Leaf switch (rack) of a node's NIC; -1 where the fabric has no leaves (torus). */
  leafOf(node: number, nic: number): number;
  /** Link ids a transfer from srcDevice to dstDevice crosses, in order. */
  route(srcDevice: number, dstDevice: number, options?: RouteOptions): number[];
  /** The device's port into its scale-up switch, when the scale-up fabric has one (for in-switch reduction). */
  scaleUpPort(device: number): { up: number; down: number } | undefined;
  /**
   * The links an in-network (SHARP) reduction of this device's shard climbs, from
   * its NIC to the top switch tier: each level's key names the stream a switch
   * forwards up after reducing what came from below (one per leaf and rail,
   * one per pod and rail), so equal keys share one stream. Empty on a torus.
   */
  reductionPath(device: number): Array<{ key: string; up: number; down: number }>;
  link(id: number): LinkInfo;
  links: LinkInfo[];
  /** A one-line description for breakdowns. */
  describe: string;
}
