/**
 * Closed-form serving estimate (the `analytic` fidelity). Per replica:
 *  - prefill time Tp(I) and decode iteration time Td(B) from the roofline;
 *  - the decode batch B solves B·(1 − ρp)/Td(B) = λ·(O − 1): decode steps
 *    supplied equal decode steps demanded, ρp = λ·Tp the share of time in prefill;
 *  - TPOT = Td(B)/(1 − ρp); TTFT = wait + half an iteration + Tp(I);
 *  - the wait for a batch slot is M/G/c with c = replicas × slots, each slot
 *    held for a request's residence time (Erlang C tail, Allen–Cunneen scaling).
 * Token lengths enter through a seeded sample of their distributions, so long
 * prompts show in the TTFT tail exactly as in the DES.
 */
import { Rng } from '../../engine/rng';
import { erlangC } from './queueing';
import type { ReplicaSetup } from './replica-setup';
import type { ServedModel } from './resolve-model';
import type { InferenceWorkload } from './schema';
import { distributionMean, rateLevels, tokenSampler } from './traffic';
import { log } from '../../engine/portable-math';

export interface AnalyticServing {
  /** Output tokens per second over the fleet. */
  throughputTokensPerS: number;
  requestsPerS: number;
  ttftP50S: number;
  ttftP99S: number;
  tpotP50S: number;
  tpotP99S: number;
  e2eP50S: number;
  e2eP99S: number;
  sloAttainment: number;
  /** Largest request rate one replica sustains, requests/s. */
  replicaCapacityRps: number;
  /** Mean concurrent decodes per replica at the busiest level. */
  decodeBatch: number;
  /** Busiest level's load relative to capacity (≥ 1 means the queue grows without bound). */
  peakLoad: number;
  saturated: boolean;
  /** ttft samples (weighted equally) for the CDF. */
  ttftSamples: number[];
  e2eSamples: number[];
}

const SAMPLES = 1000;

interface LevelResult {
  rate: number;
  weight: number;
  tpot: number;
  ttft: number[];
  e2e: number[];
  ok: number;
  load: number;
  batch: number;
}

export function analyticServing(w: InferenceWorkload, model: ServedModel, setup: ReplicaSetup, replicas: number, seed: number): AnalyticServing {
  const rng = new Rng(seed, 7);
  const perRequest = model.kind === 'per-request';
  const inputs = Array.from({ length: SAMPLES }, perRequest ? () => 1 : tokenSampler(w.traffic.inputTokens, rng));
  const outputs = Array.from({ length: SAMPLES }, perRequest ? () => 1 : tokenSampler(w.traffic.outputTokens, rng));
  const uniforms = Array.from({ length: SAMPLES }, () => rng.next());
  const meanIn = perRequest ? 1 : distributionMean(w.traffic.inputTokens);
  const meanOut = perRequest ? 1 : distributionMean(w.traffic.outputTokens);
  const t = setup.iterationTime;
  const prefill = (tokens: number) => t({ prefillTokens: tokens, prefillPairs: (tokens * (tokens + 1)) / 2, prefillsCompleting: 1, decodes: 0, decodeContext: 0 });
  const decodeContext = meanIn + meanOut / 2;
  const decodeStep = (b: number) => t({ prefillTokens: 0, prefillPairs: 0, prefillsCompleting: 0, decodes: b, decodeContext: b * decodeContext });
  const kvSlots = setup.kv ? Math.floor(setup.kv.tokens / (meanIn + meanOut)) : Infinity;
  const maxBatch = Math.max(1, Math.min(w.batching.maxBatchSize, kvSlots));
  /** Client ↔ engine, both ways: latencies are measured at the client. */
  const path = w.frontend.requestLatency + w.frontend.responseLatency;

  // Per-request models: a batch of b costs Tb(b); the server batches what has queued.
  const perRequestBatch = (b: number) => t({ prefillTokens: b, prefillPairs: 0, prefillsCompleting: b, decodes: 0, decodeContext: 0 });

  const tpMean = perRequest ? perRequestBatch(1) : prefill(Math.round(meanIn));
  const capacity = perRequest
    ? maxBatch / perRequestBatch(maxBatch)
    : ((d) => d / (meanOut - 1 + d * tpMean))(maxBatch / decodeStep(maxBatch));

  const levelResult = (rateFleet: number, weight: number): LevelResult => {
    const lambda = rateFleet / replicas;
    const load = lambda / capacity;
    let batch: number;
    let step: number;
    let rhoP: number;
    if (perRequest) {
      // Smallest batch whose throughput b/Tb(b) covers the arrivals.
      let b = 1;
      while (b < maxBatch && b / perRequestBatch(b) < lambda) b++;
      batch = b;
      step = perRequestBatch(b);
      rhoP = 0;
    } else {
      rhoP = Math.min(0.999, lambda * tpMean);
      const demand = lambda * Math.max(0, meanOut - 1);
      const supply = (b: number) => (b * (1 - rhoP)) / decodeStep(b);
      if (demand <= 0) batch = 0;
      else if (supply(maxBatch) <= demand) batch = maxBatch;
      else {
        let lo = 0;
        let hi = maxBatch;
        for (let k = 0; k < 50; k++) {
          const mid = (lo + hi) / 2;
          if (supply(mid) < demand) lo = mid;
          else hi = mid;
        }
        batch = hi;
      }
      step = decodeStep(Math.max(1, batch));
    }
    const tpot = perRequest ? 0 : step / (1 - rhoP);
    // Batch slots as servers: c = replicas × maxBatch, each held for a request's residence time.
    const residence = perRequest ? step : tpMean + (meanOut - 1) * tpot;
    const servers = replicas * maxBatch;
    const offered = rateFleet * residence;
    const stable = offered < servers && load < 1;
    const waitProb = stable ? erlangC(servers, offered) : 1;
    const theta = stable ? (servers - offered) / residence : 0;
    const cv2 = 1; // residence times of mixed lengths: taken as exponential-like (Allen–Cunneen with c_s² = 1)
    const ttft: number[] = [];
    const e2e: number[] = [];
    let ok = 0;
    for (let i = 0; i < SAMPLES; i++) {
      // Wait quantile from P(W > x) = C·e^(−θx) at the sample's uniform.
      const u = uniforms[i];
      const wait = !stable ? Infinity : u < 1 - waitProb ? 0 : (log(waitProb / (1 - u)) / theta) * ((1 + cv2) / 2);
      const serviceStart = wait + step / 2;
      const first = (perRequest ? serviceStart + step : serviceStart + prefill(inputs[i]) / (1 - rhoP)) + path;
      ttft.push(first);
      e2e.push(first + (outputs[i] - 1) * tpot);
      if (first <= w.slo.ttft && tpot <= w.slo.tpot) ok++;
    }
    return { rate: rateFleet, weight, tpot, ttft, e2e, ok, load, batch };
  };

  const levels = w.traffic.pattern === 'closed' ? closedLevels(w, replicas, maxBatch, tpMean, meanOut, decodeStep) : rateLevels(w.traffic).map((l) => levelResult(l.rate, l.rate * l.timeFraction));
  const totalWeight = levels.reduce((s, l) => s + l.weight, 0) || 1;
  // Weighted samples: repeat each level's samples in proportion (by weight) through weighted quantiles.
  const weighted = (pick: (l: LevelResult) => number[]) => {
    const pairs: Array<[number, number]> = [];
    for (const l of levels) for (const v of pick(l)) pairs.push([v, l.weight / totalWeight / SAMPLES]);
    pairs.sort((a, b) => a[0] - b[0]);
    return (p: number) => {
      let acc = 0;
      for (const [v, wt] of pairs) {
        acc += wt;
        if (acc >= p - 1e-12) return v;
      }
      return pairs.length ? pairs[pairs.length - 1][0] : NaN;
    };
  };
  const ttftQ = weighted((l) => l.ttft);
  const e2eQ = weighted((l) => l.e2e);
  const tpotQ = weighted((l) => new Array<number>(SAMPLES).fill(l.tpot));
  const served = levels.reduce((s, l) => s + Math.min(l.rate, capacity * replicas) * (l.weight / (l.rate || 1)), 0);
  const timeTotal = levels.reduce((s, l) => s + l.weight / (l.rate || 1), 0) || 1;
  const requestsPerS = w.traffic.pattern === 'closed' ? levels[0].rate : served / timeTotal;
  const peak = levels.reduce((m, l) => Math.max(m, l.load), 0);
  const allTtft = levels.flatMap((l) => l.ttft).sort((a, b) => a - b);
  return {
    throughputTokensPerS: requestsPerS * meanOut,
    requestsPerS,
    ttftP50S: ttftQ(0.5),
    ttftP99S: ttftQ(0.99),
    tpotP50S: tpotQ(0.5),
    tpotP99S: tpotQ(0.99),
    e2eP50S: e2eQ(0.5),
    e2eP99S: e2eQ(0.99),
    sloAttainment: levels.reduce((s, l) => s + (l.ok / SAMPLES) * l.weight, 0) / totalWeight,
    replicaCapacityRps: capacity,
    decodeBatch: levels.reduce((m, l) => Math.max(m, l.batch), 0),
    peakLoad: peak,
    saturated: peak >= 1,
    ttftSamples: allTtft,
    e2eSamples: levels.flatMap((l) => l.e2e).sort((a, b) => a - b),
  };

  /**
   * Closed loop of N clients without think time: N/R requests per replica are
   * always in the system; up to maxBatch run, the rest wait. Fixed point on the
   * cycle time: cycle = TTFT + (O − 1)·TPOT, λ = N / cycle.
   */
  function closedLevels(
    wl: InferenceWorkload, r: number, slots: number, tp: number, out: number, step: (b: number) => number,
  ): LevelResult[] {
    const perReplica = (wl.traffic.concurrency ?? 1) / r;
    const running = Math.min(perReplica, slots);
    let lambda = running / (tp + out * step(running));
    let tpot = 0;
    let ttftBase = tp;
    for (let k = 0; k < 100; k++) {
      const rhoP = Math.min(0.95, lambda * tp);
      const decoding = Math.max(1, running * (1 - rhoP));
      tpot = step(decoding) / (1 - rhoP);
      // A prefill waits for the iteration in flight, then runs beside the decodes.
      ttftBase = tp / (1 - rhoP) + step(decoding) / 2;
      // The client sends again once its last token has come back along the path.
      const residence = ttftBase + (out - 1) * tpot + path;
      const next = running / residence;
      if (Math.abs(next - lambda) < 1e-9 * lambda) break;
      lambda = 0.5 * lambda + 0.5 * next;
    }
    // Clients beyond the slots queue: Little's law gives their wait.
    const queueWait = perReplica > running ? (perReplica - running) / lambda : 0;
    const ttft: number[] = [];
    const e2e: number[] = [];
    let ok = 0;
    for (let i = 0; i < SAMPLES; i++) {
      const first = queueWait + ttftBase * (inputs[i] / meanIn) + path;
      ttft.push(first);
      e2e.push(first + (outputs[i] - 1) * tpot);
      if (first <= wl.slo.ttft && tpot <= wl.slo.tpot) ok++;
    }
    return [{ rate: lambda * r, weight: 1, tpot, ttft, e2e, ok, load: perReplica / slots, batch: running }];
  }
}
