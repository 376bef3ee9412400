/**
 * Engine benchmarks (issue 2). Key meanings are fixed:
 * - engine.rawEventsPerSecond: schedule then pop 10^7 events at random times (callbacks); ...1M: the same with 10^6.
 * - engine.bareHeapEventsPerSecond: a plain typed-array binary heap (below) doing the same 10^7 pushes and pops.
 * - engine.rawToBareHeapRatio: engine rate / bare-heap rate per CPU second (the neighbours disturb CPU time less).
 * - engine.eventQueueEventsPerSecond: the engine's EventQueue alone (heap + ladder, no Simulator loop) doing the
 *   same 10^7 pushes then pops, calling each callback: what the queue costs, apart from the event loop around it.
 * - engine.processEventsPerSecond: generator processes each yielding random timeouts.
 * - engine.callbackEventsPerSecond: the same workload as self-rescheduling callbacks (to price the process style).
 * - engine.flowArrivalMicros{1k,10k,50k}: wall time per flow arrival or departure with that many flows active
 *   on a two-tier fat-tree (1024 hosts, 32 leaves, 16 spines, ECMP by hash), each arrival/departure at its own instant.
 * - engine.sharedLinkCompletionMicros1k: wall time per flow completion while 1000 flows of different sizes
 *   (0.5 to 1.5 GB) read through one shared 10 GB/s link, each from one of 64 clients' 25 GB/s NICs, started
 *   together and run until all finish: every completion re-shares the link among all the others (the
 *   data-pipeline case of hundreds of streams on one storage tier).
 * - engine.peakHeapMiB: the largest V8 heap + ArrayBuffer memory seen at the end of a phase (data still alive).
 * Values are wall time, best of a few repetitions (the machine is shared; the best run is the least disturbed).
 * Notes add the same figure per CPU second of this process, which the neighbours disturb less.
 */
import { EventQueue, FlowNetwork, Rng, Simulator } from '../../sim/engine/index';

type Figure = { value: number; unit: string; note?: string };

let peakBytes = 0;
/** CPU seconds (user + system) of the last measurement: on a shared machine, wall time also measures the neighbours. */
let lastCpuS = 0;

function cpuSeconds(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1e6;
}

/** Starts a measurement; the returned function gives elapsed wall seconds and records CPU seconds in `lastCpuS`. */
function stopwatch(): () => number {
  const wall = performance.now();
  const cpu = cpuSeconds();
  return () => {
    lastCpuS = cpuSeconds() - cpu;
    return (performance.now() - wall) / 1000;
  };
}
function sampleMemory(): void {
  const usage = process.memoryUsage();
  peakBytes = Math.max(peakBytes, usage.heapUsed + usage.arrayBuffers);
}

/** Random event times, shared by the engine and the bare heap so both do exactly the same work. */
export function randomTimes(n: number, seed: number): Float64Array {
  const rng = new Rng(seed);
  const times = new Float64Array(n);
  for (let i = 0; i < n; i++) times[i] = rng.next() * n;
  return times;
}

/** Seconds to schedule every time then run them all through the Simulator. */
export function engineRaw(times: Float64Array): number {
  const sim = new Simulator();
  let count = 0;
  const callback = () => {
    count++;
  };
  const stop = stopwatch();
  for (let i = 0; i < times.length; i++) sim.schedule(times[i], callback);
  sim.run();
  const elapsed = stop();
  sampleMemory();
  if (count !== times.length) throw new Error(`engine ran ${count} of ${times.length} events`);
  return elapsed;
}

/** Seconds to push every time into an EventQueue, then pop them all in order, calling each callback. */
export function queueRaw(times: Float64Array): number {
  const queue = new EventQueue();
  let count = 0;
  const callback = () => {
    count++;
  };
  const stop = stopwatch();
  for (let i = 0; i < times.length; i++) queue.push(times[i], callback);
  while (queue.peekTime() !== Infinity) queue.popTop()();
  const elapsed = stop();
  sampleMemory();
  if (count !== times.length) throw new Error(`event queue ran ${count} of ${times.length} events`);
  return elapsed;
}

/**
 * The comparison: a minimal binary min-heap of (time, event id) over typed arrays, no tie-breaking, no
 * cancellation, no growth; each pop calls the event's callback from a table, the least an event loop does.
 */
export function bareHeap(times: Float64Array): number {
  const n = times.length;
  const keys = new Float64Array(n);
  const ids = new Int32Array(n);
  let count = 0;
  const callback = () => {
    count++;
  };
  const callbacks: (() => void)[] = new Array(n).fill(callback);
  let size = 0;
  let checksum = 0;
  const stop = stopwatch();
  for (let e = 0; e < n; e++) {
    const key = times[e];
    let i = size++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (keys[parent] <= key) break;
      keys[i] = keys[parent];
      ids[i] = ids[parent];
      i = parent;
    }
    keys[i] = key;
    ids[i] = e;
  }
  while (size > 0) {
    checksum += ids[0];
    callbacks[ids[0]]();
    const last = --size;
    const key = keys[last];
    const id = ids[last];
    let i = 0;
    while (2 * i + 1 < last) {
      let child = 2 * i + 1;
      if (child + 1 < last && keys[child + 1] < keys[child]) child++;
      if (key <= keys[child]) break;
      keys[i] = keys[child];
      ids[i] = ids[child];
      i = child;
    }
    keys[i] = key;
    ids[i] = id;
  }
  const elapsed = stop();
  sampleMemory();
  if (checksum !== (n * (n - 1)) / 2 || count !== n) throw new Error('bare heap lost events');
  return elapsed;
}

/** `processes` generator processes each yielding `steps` exponential timeouts; returns [seconds, events]. */
export function processStyle(processes: number, steps: number): [number, number] {
  const sim = new Simulator({ seed: 3 });
  const rng = sim.rng;
  function* worker() {
    for (let i = 0; i < steps; i++) yield rng.exponential(1);
  }
  const stop = stopwatch();
  for (let p = 0; p < processes; p++) sim.process(worker());
  sim.run();
  const elapsed = stop();
  sampleMemory();
  return [elapsed, sim.eventsProcessed];
}

/** The same workload written as callbacks that reschedule themselves. */
export function callbackStyle(processes: number, steps: number): [number, number] {
  const sim = new Simulator({ seed: 3 });
  const rng = sim.rng;
  const stop = stopwatch();
  for (let p = 0; p < processes; p++) {
    let remaining = steps;
    const step = () => {
      if (remaining-- > 0) sim.schedule(rng.exponential(1), step);
    };
    sim.schedule(0, step);
  }
  sim.run();
  const elapsed = stop();
  sampleMemory();
  return [elapsed, sim.eventsProcessed];
}

/** A two-tier fat-tree: host up/down links to its leaf, leaf up/down links to every spine. */
function fatTree(net: FlowNetwork, hosts: number, leaves: number, spines: number) {
  const hostBandwidth = 12.5e9; // 100 Gb/s in bytes/s
  const spineBandwidth = 50e9; // 400 Gb/s: 16 × 400 G up per leaf ≥ 32 × 100 G down (non-blocking)
  const hostUp: number[] = [];
  const hostDown: number[] = [];
  for (let h = 0; h < hosts; h++) {
    hostUp.push(net.addLink(hostBandwidth, 0, `host${h}-up`));
    hostDown.push(net.addLink(hostBandwidth, 0, `host${h}-down`));
  }
  const leafUp: number[][] = [];
  const leafDown: number[][] = [];
  for (let l = 0; l < leaves; l++) {
    leafUp.push([]);
    leafDown.push([]);
    for (let s = 0; s < spines; s++) {
      leafUp[l].push(net.addLink(spineBandwidth, 0, `leaf${l}-spine${s}`));
      leafDown[l].push(net.addLink(spineBandwidth, 0, `spine${s}-leaf${l}`));
    }
  }
  const hostsPerLeaf = hosts / leaves;
  return (from: number, to: number): number[] => {
    const a = Math.floor(from / hostsPerLeaf);
    const b = Math.floor(to / hostsPerLeaf);
    if (a === b) return [hostUp[from], hostDown[to]];
    const spine = (from * 31 + to * 17) % spines; // ECMP: a fixed hash of the pair
    return [hostUp[from], leafUp[a][spine], leafDown[b][spine], hostDown[to]];
  };
}

/** Microseconds per flow arrival or departure with `active` flows in flight. */
export function flowChurn(active: number, operations: number): number {
  const sim = new Simulator({ seed: 9 });
  const rng = sim.rng;
  const net = new FlowNetwork(sim);
  const hosts = 1024;
  const route = fatTree(net, hosts, 32, 16);
  const randomRoute = () => {
    const from = rng.int(hosts);
    let to = rng.int(hosts - 1);
    if (to >= from) to++;
    return route(from, to);
  };
  let done = 0;
  let started = 0;
  // Each departure starts a replacement after a short random gap, so every arrival and departure is its own instant.
  const arrive = () => {
    started++;
    net.startFlow(randomRoute(), rng.exponential(1 / 1e9), { onDone });
  };
  const onDone = () => {
    done++;
    if (done + started < operations + active) sim.schedule(rng.uniform(0, 1e-7), arrive);
  };
  for (let i = 0; i < active; i++) arrive();
  sim.run({ until: 0 }); // the initial burst: one recompute, not timed
  const startedBefore = started;
  const doneBefore = done;
  const stop = stopwatch();
  sim.run({ condition: () => done + started - doneBefore - startedBefore >= operations });
  const elapsed = stop() * 1000;
  sampleMemory();
  const measured = done + started - doneBefore - startedBefore;
  if (Math.abs(net.activeFlows - active) > active * 0.05 + 5) throw new Error(`flow churn drifted to ${net.activeFlows} active flows`);
  return (elapsed * 1000) / measured;
}

/** Microseconds per completion with `flows` flows of different sizes sharing one link until all finish. */
export function sharedLink(flows: number): number {
  const sim = new Simulator({ seed: 11 });
  const rng = sim.rng;
  const net = new FlowNetwork(sim);
  const storage = net.addLink(10e9, 1e-4, 'storage');
  const nics = Array.from({ length: 64 }, (_, c) => net.addLink(25e9, 1e-6, `client${c}-nic`));
  let done = 0;
  const onDone = () => {
    done++;
  };
  const stop = stopwatch();
  for (let i = 0; i < flows; i++) net.startFlow([nics[i % nics.length], storage], rng.uniform(0.5e9, 1.5e9), { onDone });
  sim.run();
  const elapsed = stop();
  sampleMemory();
  if (done !== flows) throw new Error(`shared link finished ${done} of ${flows} flows`);
  return (elapsed * 1e6) / flows;
}

export async function run(): Promise<Record<string, Figure>> {
  const results: Record<string, Figure> = {};
  const big = randomTimes(10_000_000, 1);
  const small = big.subarray(0, 1_000_000);

  // Interleave engine and bare heap so both see the same machine load.
  const engineBig = engineRaw(big);
  const engineBigCpu = lastCpuS;
  const bareBig = bareHeap(big);
  const bareBigCpu = lastCpuS;
  const queueBig = queueRaw(big);
  const queueBigCpu = lastCpuS;
  let engineSmall = Infinity;
  let engineSmallCpu = Infinity;
  for (let i = 0; i < 2; i++) {
    engineSmall = Math.min(engineSmall, engineRaw(small));
    engineSmallCpu = Math.min(engineSmallCpu, lastCpuS);
  }
  const perCpu = (n: number, cpuS: number) => `${(n / cpuS / 1e6).toFixed(2)} M/s per CPU second`;
  results['engine.rawEventsPerSecond'] = {
    value: Math.round(big.length / engineBig),
    unit: 'events/s',
    note: `1e7 events at random times, schedule then run; ${perCpu(big.length, engineBigCpu)}`,
  };
  results['engine.rawEventsPerSecond1M'] = { value: Math.round(small.length / engineSmall), unit: 'events/s', note: perCpu(small.length, engineSmallCpu) };
  results['engine.bareHeapEventsPerSecond'] = {
    value: Math.round(big.length / bareBig),
    unit: 'events/s',
    note: `${perCpu(big.length, bareBigCpu)}; engine/bare = ${(bareBig / engineBig).toFixed(2)} wall, ${(bareBigCpu / engineBigCpu).toFixed(2)} CPU`,
  };
  results['engine.rawToBareHeapRatio'] = {
    value: Number((bareBigCpu / engineBigCpu).toFixed(2)),
    unit: 'ratio',
    note: `engine events/s ÷ bare-heap events/s on the same 1e7 times, per CPU second (goal >= 0.8); wall: ${(bareBig / engineBig).toFixed(2)}`,
  };

  results['engine.eventQueueEventsPerSecond'] = {
    value: Math.round(big.length / queueBig),
    unit: 'events/s',
    note: `EventQueue alone (4-ary heap + ladder queue), the same 1e7 times; ${perCpu(big.length, queueBigCpu)}; ${(bareBigCpu / queueBigCpu).toFixed(2)}× the bare heap per CPU second`,
  };

  // Interleaved, so both styles see the same machine load.
  let processTime = Infinity;
  let callbackTime = Infinity;
  let processCpu = Infinity;
  let callbackCpu = Infinity;
  for (let i = 0; i < 3; i++) {
    const [ps, pe] = processStyle(1000, 300);
    processTime = Math.min(processTime, ps / pe);
    processCpu = Math.min(processCpu, lastCpuS / pe);
    const [cs, ce] = callbackStyle(1000, 300);
    callbackTime = Math.min(callbackTime, cs / ce);
    callbackCpu = Math.min(callbackCpu, lastCpuS / ce);
  }
  results['engine.processEventsPerSecond'] = {
    value: Math.round(1 / processTime),
    unit: 'events/s',
    note: `1000 generator processes × 300 exponential timeouts; ${perCpu(1, processCpu)}`,
  };
  results['engine.callbackEventsPerSecond'] = {
    value: Math.round(1 / callbackTime),
    unit: 'events/s',
    note: `same workload as callbacks; ${perCpu(1, callbackCpu)}; a process event costs ${(processTime / callbackTime).toFixed(2)}× a callback event`,
  };

  for (const [label, active, operations] of [
    ['1k', 1_000, 2_000],
    ['10k', 10_000, 400],
    ['50k', 50_000, 60],
  ] as const) {
    let best = Infinity;
    let bestCpu = Infinity;
    for (let i = 0; i < 2; i++) {
      best = Math.min(best, flowChurn(active, operations));
      bestCpu = Math.min(bestCpu, (lastCpuS * 1e6) / operations);
    }
    results[`engine.flowArrivalMicros${label}`] = {
      value: Number(best.toFixed(1)),
      unit: 'us',
      note: `${active} active flows, fat-tree 1024 hosts / 32 leaves / 16 spines; ${bestCpu.toFixed(1)} us of CPU`,
    };
  }
  {
    let best = Infinity;
    let bestCpu = Infinity;
    for (let i = 0; i < 2; i++) {
      best = Math.min(best, sharedLink(1000));
      bestCpu = Math.min(bestCpu, (lastCpuS * 1e6) / 1000);
    }
    results['engine.sharedLinkCompletionMicros1k'] = {
      value: Number(best.toFixed(1)),
      unit: 'us',
      note: `1000 flows of 0.5-1.5 GB on one 10 GB/s link (64 client NICs), per completion; ${bestCpu.toFixed(1)} us of CPU`,
    };
  }
  results['engine.peakHeapMiB'] = { value: Math.round(peakBytes / 2 ** 20), unit: 'MiB', note: 'V8 heap + ArrayBuffers, peak over phases' };
  return results;
}
