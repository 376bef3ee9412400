export { buildTopology, type TopologyOptions } from './build';
export { linkRecorder } from './link-recorder';
export { ecmpChoice, ecmpHash } from './ecmp';
export type { DevicePlace, LinkInfo, LinkLayer, LinkSink, RouteOptions, Topology } from './types';
