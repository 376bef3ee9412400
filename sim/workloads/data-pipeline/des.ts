/**
 * The pipeline as a discrete-event run. Every node has NIC links in and out,
 * read slots and write slots (streamsPerNode each) and core slots; each storage
 * tier is attached as engine links (sim/hardware/storage/des). A partition
 * (assigned to node p mod nodes) takes a read slot and reads its slice of every
 * source, takes a core for its compute time, then takes a write slot to shuffle
 * its output to another node (destinations rotate, so the all-to-all load is
 * even; with oversubscription > 1 every shuffle flow also crosses a core link
 * of nodes x NIC / oversubscription) or to write it to the output tier. Reads,
 * shuffles and writes are flows, so they contend on NICs and tiers; stages run
 * one after another.
 */
import { FlowNetwork, Resource, Simulator, type ProcessBody } from '../../engine/index';
import { attachStorage, streamProcess, type StorageAttachment } from '../../hardware/storage/des';
import type { RunLimits } from '../env';
import { shuffleBytesPerPartition } from './analytic';
import { crossesNic, type PipelinePlan, type StagePlan } from './plan';

export interface DesStageTiming {
  name: string;
  timeS: number;
}

export interface DesPipelineResult {
  stages: DesStageTiming[];
  totalS: number;
  events: number;
}

export function desPipeline(plan: PipelinePlan, limits: RunLimits, onProgress?: (fraction: number) => void): DesPipelineResult {
  const sim = new Simulator({ maxEvents: limits.maxEvents, maxWallS: limits.maxWallS, maxHeapBytes: limits.maxHeapBytes });
  const net = new FlowNetwork(sim);
  const n = plan.nodes;
  const nicIn = Array.from({ length: n }, (_, c) => net.addLink(plan.nicBandwidth, 0, `node[${c}].nic-in`));
  const nicOut = Array.from({ length: n }, (_, c) => net.addLink(plan.nicBandwidth, 0, `node[${c}].nic-out`));
  const core = plan.shuffleBandwidth < plan.nicBandwidth && n > 1 ? [net.addLink(n * plan.shuffleBandwidth, 0, 'fabric-core')] : [];
  const readSlots = Array.from({ length: n }, () => new Resource(sim, plan.streamsPerNode));
  const writeSlots = Array.from({ length: n }, () => new Resource(sim, plan.streamsPerNode));
  const cores = Array.from({ length: n }, () => new Resource(sim, plan.coresPerNode));

  const attachments = new Map<string, StorageAttachment>();
  const attach = (tier: PipelinePlan['outputTier']) => {
    if (!attachments.has(tier.id)) attachments.set(tier.id, attachStorage(net, tier, { clients: n }));
    return attachments.get(tier.id)!;
  };

  function* partition(stage: StagePlan, p: number): ProcessBody {
    const c = p % n;
    const P = stage.partitions;
    if (stage.reads.length > 0) {
      const slot = readSlots[c].request();
      yield slot;
      for (const r of stage.reads) {
        const route = crossesNic(r.tier) ? [nicIn[c]] : [];
        yield* streamProcess(sim, net, attach(r.tier), { direction: 'read', bytes: r.bytes / P, client: c, objectBytes: r.objectBytes, route });
      }
      readSlots[c].release(slot);
    }
    const cpu = cores[c].request();
    yield cpu;
    yield stage.inputBytes / P / stage.throughputPerCore;
    cores[c].release(cpu);

    const shuffleBytes = shuffleBytesPerPartition(plan, stage);
    if (shuffleBytes > 0 || stage.writesOutput) {
      const slot = writeSlots[c].request();
      yield slot;
      if (shuffleBytes > 0) {
        const dst = (c + 1 + (Math.floor(p / n) % (n - 1))) % n;
        yield net.startFlow([nicOut[c], ...core, nicIn[dst]], shuffleBytes);
      }
      if (stage.writesOutput) {
        const route = crossesNic(plan.outputTier) ? [nicOut[c]] : [];
        yield* streamProcess(sim, net, attach(plan.outputTier), { direction: 'write', bytes: stage.outputBytes / P, client: c, objectBytes: plan.outputObjectBytes, route });
      }
      writeSlots[c].release(slot);
    }
    return p;
  }

  const stages: DesStageTiming[] = [];
  function* pipeline(): ProcessBody {
    for (const [i, stage] of plan.stages.entries()) {
      const start = sim.now;
      const parts = Array.from({ length: stage.partitions }, (_, p) => sim.process(partition(stage, p)));
      yield sim.allOf(parts);
      stages.push({ name: stage.name, timeS: sim.now - start });
      onProgress?.((i + 1) / plan.stages.length);
    }
    return sim.now;
  }
  const done = sim.process(pipeline());
  sim.run();
  if (!done.triggered) throw new Error('data pipeline DES ended before its last stage finished');
  return { stages, totalS: sim.now, events: sim.eventsProcessed };
}
