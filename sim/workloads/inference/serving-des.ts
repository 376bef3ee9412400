/**
 * Request-level discrete-event simulation of a serving fleet: arrivals, a
 * router, replicas with continuous batching (one engine event per iteration per
 * replica, never one per token), and optionally an HPA-style autoscaler whose
 * new replicas become ready after provisioning, image pull and model load.
 */
import { Simulator } from '../../engine/simulator';
import type { Rng } from '../../engine/rng';
import type { RunLimits } from '../env';
import { HpaController, type HpaPolicy } from './autoscaler';
import type { IterationWork } from './iteration-time';
import { Replica, type SchedulerLimits } from './replica';
import { type ServingRequest, newRequest } from './request';
import type { Traffic } from './schema';
import { arrivalSampler, tokenSampler } from './traffic';

export interface AutoscalerSetup {
  policy: HpaPolicy;
  metric: 'utilization' | 'queue-length' | 'requests-per-second';
  syncPeriodS: number;
  initialReplicas: number;
  /** Seconds from a scale-up decision to a ready replica, given how many start together and how many run. */
  startupDelayS: (startingTogether: number, replicasAfter: number) => number;
}

export interface ServingSetup {
  traffic: Traffic;
  slo: { ttft: number; tpot: number };
  routing: 'least-loaded' | 'round-robin';
  replicas: number;
  scheduler: SchedulerLimits;
  iterationTime: (w: IterationWork) => number;
  devicesPerReplica: number;
  seed: number;
  limits: RunLimits;
  onProgress?: (fraction: number) => void;
  autoscaler?: AutoscalerSetup;
  /** Take unchanging decode iterations as one engine event (default true; results are the same). */
  macroSteps?: boolean;
  /** Non-LLM models: each request is one batched unit of work (1 token in, 1 out). */
  perRequest?: boolean;
  /**
   * Seconds between a client and the engine: a request reaches the engine's
   * queue `toEngineS` after the client sends it (HTTP, tokenising), and a
   * token reaches the client `toClientS` after the engine emits it. Latencies
   * are measured at the client, as AIPerf and every load generator do; a
   * closed-loop client sends its next request when the last token reaches it.
   */
  requestPath?: { toEngineS: number; toClientS: number };
}

export interface ServingRun {
  /** Per finished request, ascending. */
  ttft: Float64Array;
  /** Per finished request with more than one output token, ascending. */
  tpot: Float64Array;
  e2e: Float64Array;
  /** Finished requests that met both SLO targets. */
  sloMet: number;
  arrived: number;
  finished: number;
  inputTokens: number;
  outputTokens: number;
  /** Simulated time when the last request finished (or the run was cut). */
  endS: number;
  deviceSeconds: number;
  busyDeviceSeconds: number;
  preemptions: number;
  iterations: number;
  events: number;
  maxReplicas: number;
  series: { t: number[]; replicas: number[]; queued: number[]; running: number[] };
  scaleEvents: Array<{ t: number; from: number; to: number }>;
}

const SAMPLES = 240;

export function simulateServing(setup: ServingSetup): ServingRun {
  const sim = new Simulator({ seed: setup.seed, maxEvents: setup.limits.maxEvents, maxWallS: setup.limits.maxWallS, maxHeapBytes: setup.limits.maxHeapBytes });
  const rng: Rng = sim.rng;
  const arrivalsRng = rng.fork(1);
  const tokensRng = rng.fork(2);
  const traffic = setup.traffic;
  const drawInput = setup.perRequest ? () => 1 : tokenSampler(traffic.inputTokens, tokensRng);
  const drawOutput = setup.perRequest ? () => 1 : tokenSampler(traffic.outputTokens, tokensRng);
  const duration = traffic.duration;
  const warmup = traffic.warmup ?? 0;
  /** Every arrival, warm-up included (the autoscaler's request-rate metric sees them all). */
  let arrivals = 0;
  const horizon = 2 * duration; // arrivals stop at `duration`; queues get as long again to drain

  const ttfts: number[] = [];
  const tpots: number[] = [];
  const e2es: number[] = [];
  const out: ServingRun = {
    ttft: new Float64Array(0), tpot: new Float64Array(0), e2e: new Float64Array(0), sloMet: 0, arrived: 0, finished: 0, inputTokens: 0, outputTokens: 0, endS: 0,
    deviceSeconds: 0, busyDeviceSeconds: 0, preemptions: 0, iterations: 0, events: 0, maxReplicas: 0,
    series: { t: [], replicas: [], queued: [], running: [] }, scaleEvents: [],
  };

  const replicas: Replica[] = [];
  /** Accounting of device time: sum over replicas of (stop − provision start). */
  const provisionedAt: number[] = [];
  const stoppedAt: number[] = [];
  let nextId = 0;
  let roundRobin = 0;

  const toEngineS = setup.requestPath?.toEngineS ?? 0;
  const toClientS = setup.requestPath?.toClientS ?? 0;
  /**
   * A closed-loop client sends again once the last token has reached it; the
   * request reaches the engine toEngineS later (one event, at the engine).
   */
  const sendAgain = (client: number, lastTokenAt: number) => {
    const sentAt = lastTokenAt + toClientS;
    if (client < 0 || sentAt >= duration) return;
    if (toClientS + toEngineS > 0) sim.scheduleAt(sentAt + toEngineS, () => sendFromClient(client, sentAt));
    else sendFromClient(client, sentAt);
  };
  const events = {
    firstToken: (_r: ServingRequest, _now: number) => {},
    finished: (r: ServingRequest, now: number) => {
      if (r.arrival < warmup) {
        // Warm-up: served (it loads the replica like any other) but not measured.
        sendAgain(r.client, now);
        return;
      }
      out.finished++;
      out.outputTokens += r.output;
      // Seen from the client: sent at r.arrival, tokens arrive toClientS after the engine emits them.
      const ttft = r.firstTokenAt + toClientS - r.arrival;
      const tpot = r.output > 1 ? (now - r.firstTokenAt) / (r.output - 1) : 0;
      ttfts.push(ttft);
      if (r.output > 1) tpots.push(tpot);
      e2es.push(now + toClientS - r.arrival);
      if (ttft <= setup.slo.ttft && tpot <= setup.slo.tpot) out.sloMet++;
      out.endS = now + toClientS;
      sendAgain(r.client, now);
    },
  };

  // One callback per replica, made once: an iteration end must not allocate.
  const onIterationEnd: Array<() => void> = [];
  const pending: number[] = [];
  const kick = (rep: Replica) => {
    if (rep.state === 'starting' || rep.state === 'stopped' || rep.applying) return;
    if (rep.busy) {
      // A new request shortens a multi-iteration decode step to the iteration in flight.
      const cutTo = rep.cut(sim.now);
      if (cutTo >= 0) {
        sim.cancel(pending[rep.index]);
        pending[rep.index] = sim.scheduleAt(Math.max(sim.now, rep.stepStartS + cutTo), onIterationEnd[rep.index]);
      }
      return;
    }
    const dt = rep.begin(sim.now);
    if (dt < 0) {
      if (rep.state === 'draining') stopReplica(rep);
      return;
    }
    pending[rep.index] = sim.schedule(dt, onIterationEnd[rep.index]);
  };

  const addReplica = (readyDelay: number): Replica => {
    const rep = new Replica(replicas.length, setup.scheduler, setup.iterationTime, events, setup.macroSteps ?? true);
    replicas.push(rep);
    pending.push(-1);
    onIterationEnd.push(() => {
      rep.end(sim.now);
      kick(rep);
    });
    provisionedAt.push(sim.now);
    stoppedAt.push(NaN);
    if (readyDelay > 0) {
      rep.state = 'starting';
      rep.readyAt = sim.now + readyDelay;
      sim.schedule(readyDelay, () => {
        if (rep.state !== 'starting') return;
        rep.state = 'ready';
        kick(rep);
      });
    }
    return rep;
  };

  const stopReplica = (rep: Replica) => {
    rep.state = 'stopped';
    stoppedAt[rep.index] = sim.now;
  };

  const route = (r: ServingRequest) => {
    let chosen: Replica | undefined;
    if (setup.routing === 'round-robin') {
      for (let k = 0; k < replicas.length && !chosen; k++) {
        const rep = replicas[(roundRobin + k) % replicas.length];
        if (rep.state === 'ready') {
          chosen = rep;
          roundRobin = (rep.index + 1) % replicas.length;
        }
      }
    } else {
      for (const rep of replicas) if (rep.state === 'ready' && (!chosen || rep.outstanding < chosen.outstanding)) chosen = rep;
    }
    // No ready replica (all starting): queue at the one that is ready first.
    if (!chosen) for (const rep of replicas) if (rep.state === 'starting' && (!chosen || rep.readyAt < chosen.readyAt)) chosen = rep;
    chosen = chosen ?? replicas[0];
    chosen.enqueue(r);
    kick(chosen);
  };

  /** A request sent by its client at `sentAt` reaches the engine now (every arrival event fires at the engine). */
  const arrive = (sentAt: number, input: number, output: number, client = -1) => {
    const r = newRequest(nextId++, sentAt, input, output, client);
    arrivals++;
    if (sentAt >= warmup) {
      out.arrived++;
      out.inputTokens += input;
    }
    route(r);
  };

  function sendFromClient(client: number, sentAt: number) {
    arrive(sentAt, drawInput(), drawOutput(), client);
  }

  // Initial fleet.
  const initial = setup.autoscaler ? setup.autoscaler.initialReplicas : setup.replicas;
  for (let i = 0; i < initial; i++) addReplica(0);

  // Arrivals.
  if (traffic.pattern === 'trace') {
    const rows = [...(traffic.trace ?? [])].filter((row) => row[0] < duration).sort((a, b) => a[0] - b[0]);
    let i = 0;
    const next = () => {
      const row = rows[i++];
      arrive(row[0], setup.perRequest ? 1 : row[1], setup.perRequest ? 1 : row[2]);
      if (i < rows.length) sim.scheduleAt(rows[i][0] + toEngineS, next);
    };
    if (rows.length > 0) sim.scheduleAt(rows[0][0] + toEngineS, next);
  } else if (traffic.pattern === 'closed') {
    const clients = traffic.concurrency ?? 1;
    for (let c = 0; c < clients; c++) sim.schedule(toEngineS, () => sendFromClient(c, 0));
  } else {
    // Sending times are drawn on the client's clock; each event fires when the request reaches the engine.
    const nextArrival = arrivalSampler(traffic, arrivalsRng);
    let sentAt = nextArrival(0);
    const step = () => {
      arrive(sentAt, drawInput(), drawOutput());
      sentAt = nextArrival(sentAt);
      if (sentAt < Infinity) sim.scheduleAt(sentAt + toEngineS, step);
    };
    if (sentAt < Infinity) sim.scheduleAt(sentAt + toEngineS, step);
  }

  const anyWork = () => replicas.some((r) => r.hasWork);
  const active = () => replicas.filter((r) => r.state === 'ready' || r.state === 'starting');

  // Samples for the series (and progress).
  const sampleEvery = duration / SAMPLES;
  const sample = () => {
    let queued = 0;
    let running = 0;
    for (const rep of replicas) {
      queued += rep.queued;
      running += rep.running;
    }
    out.series.t.push(sim.now);
    out.series.replicas.push(replicas.filter((r) => r.state === 'ready').length);
    out.series.queued.push(queued);
    out.series.running.push(running);
    setup.onProgress?.(Math.min(1, sim.now / duration));
    if (sim.now + sampleEvery <= duration || (anyWork() && sim.now + sampleEvery <= horizon)) sim.schedule(sampleEvery, sample);
  };
  sim.schedule(0, sample);

  // Autoscaler.
  const auto = setup.autoscaler;
  if (auto) {
    const controller = new HpaController(auto.policy);
    let lastArrived = 0;
    const sync = () => {
      const ready = replicas.filter((r) => r.state === 'ready');
      const current = active().length;
      let metric: number;
      if (auto.metric === 'utilization') metric = ready.length > 0 ? ready.reduce((sum, r) => sum + r.occupancy, 0) / ready.length : 1;
      else if (auto.metric === 'queue-length') metric = ready.reduce((sum, r) => sum + r.queued, 0) / Math.max(1, ready.length);
      else metric = (arrivals - lastArrived) / auto.syncPeriodS / Math.max(1, ready.length);
      lastArrived = arrivals;
      const desired = controller.decide(sim.now, current, metric);
      if (desired > current) {
        const adding = desired - current;
        const delay = auto.startupDelayS(adding, desired);
        for (let i = 0; i < adding; i++) addReplica(delay);
        out.scaleEvents.push({ t: sim.now, from: current, to: desired });
      } else if (desired < current) {
        let removing = current - desired;
        // Cancel replicas still starting first, then drain the least loaded ready ones.
        for (const rep of replicas) if (removing > 0 && rep.state === 'starting') {
          stopReplica(rep);
          removing--;
        }
        const candidates = replicas.filter((r) => r.state === 'ready').sort((a, b) => a.outstanding - b.outstanding || b.index - a.index);
        for (const rep of candidates.slice(0, removing)) {
          rep.state = 'draining';
          if (!rep.busy) kick(rep);
        }
        out.scaleEvents.push({ t: sim.now, from: current, to: desired });
      }
      if (sim.now + auto.syncPeriodS <= duration) sim.schedule(auto.syncPeriodS, sync);
    };
    sim.schedule(auto.syncPeriodS, sync);
  }

  sim.run(horizon);
  out.events = sim.eventsProcessed;
  const end = Math.max(duration, Math.min(horizon, out.endS));
  for (let i = 0; i < replicas.length; i++) {
    const stop = Number.isNaN(stoppedAt[i]) ? end : stoppedAt[i];
    out.deviceSeconds += Math.max(0, stop - provisionedAt[i]) * setup.devicesPerReplica;
    out.busyDeviceSeconds += replicas[i].busyTime * setup.devicesPerReplica;
    out.preemptions += replicas[i].preemptions;
    out.iterations += replicas[i].iterations;
  }
  out.maxReplicas = Math.max(initial, ...out.series.replicas);
  out.ttft = Float64Array.from(ttfts).sort();
  out.tpot = Float64Array.from(tpots).sort();
  out.e2e = Float64Array.from(e2es).sort();
  return out;
}
