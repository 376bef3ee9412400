/**
 * The discrete-event kernel: clock and events, processes, resources, stores,
 * flow-level bandwidth sharing, seeded random numbers and statistics. It knows
 * nothing about GPUs, layers or dollars.
 */
export { Simulator, defaultHeapProbe, type SimulatorOptions, type RunOptions } from './simulator';
export { EventQueue, type EventCallback } from './event-queue';
export { Signal, Timeout, Process, Interrupt, allOf, anyOf, asSignal, type Yieldable, type ProcessBody, type AnyOfResult } from './events';
export { Resource, ResourceRequest, Preempted, type ResourceOptions } from './resource';
export { Store } from './store';
export { FlowNetwork, Flow, type FlowInfo, type FlowOptions } from './flow-network';
export { Rng, logGamma } from './rng';
export { Counter, TimeWeighted, Tally, Histogram, StreamingHistogram, type Clock } from './statistics';
export { FifoQueue } from './fifo-queue';
export { RunLimitError } from '../errors';
