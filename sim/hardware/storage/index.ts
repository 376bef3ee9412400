/**
 * Storage tiers: analytic transfer times and cache hierarchies, and the DES
 * helpers that turn reads and writes into engine flows. See each module.
 */
export {
  checkpointWriteTime,
  isPerNode,
  storageTransfer,
  sustainedRate,
  tierBandwidth,
  tierRequestRate,
  type CheckpointWrite,
  type IoDirection,
  type IoPattern,
  type StorageBottleneck,
  type TransferEstimate,
} from './analytic';
export { cacheHitRate, dataLoadRate, readHierarchy, servedFractions, type DataLoadEstimate, type HierarchyLevel, type LevelLoad } from './hierarchy';
export { attachStorage, parallelIoProcess, RequestGate, streamProcess, type AttachOptions, type StorageAttachment, type StreamIo } from './des';
export { desStorageTransfer, desCheckpointWriteTime } from './des-run';
export { defaultStoragePreset, resolveStorageTier } from './tiers';
export {
  clusterCheckpointWriteTime,
  clusterDataLoadRate,
  defaultCheckpointTier,
  findStorageTier,
  nodeStorageBandwidth,
  type ClusterCheckpoint,
  type ClusterDataLoad,
} from './cluster-io';
