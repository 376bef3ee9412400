/**
 * Closed-form queueing results the analytic fidelity and the sanity tests use.
 * λ arrival rate, μ service rate of one server, c servers, a = λ/μ offered load.
 */
import { log } from '../../engine/portable-math';

/**
 * Erlang C: probability an arrival waits in M/M/c, via the Erlang B recursion
 * B(k) = a·B(k−1) / (k + a·B(k−1)), C = c·B / (c − a(1 − B)) (Kleinrock, Queueing Systems I, §3.5).
 */
export function erlangC(servers: number, offeredLoad: number): number {
  if (offeredLoad >= servers) return 1;
  let b = 1;
  for (let k = 1; k <= servers; k++) b = (offeredLoad * b) / (k + offeredLoad * b);
  return (servers * b) / (servers - offeredLoad * (1 - b));
}

/** Mean wait in queue of M/M/c: C / (cμ − λ); Infinity when unstable. */
export function mmcMeanWait(arrivalRate: number, serviceRate: number, servers: number): number {
  const a = arrivalRate / serviceRate;
  if (a >= servers) return Infinity;
  return erlangC(servers, a) / (servers * serviceRate - arrivalRate);
}

/** p-quantile of the M/M/c wait: P(W > t) = C·e^(−(cμ−λ)t). */
export function mmcWaitQuantile(arrivalRate: number, serviceRate: number, servers: number, p: number): number {
  const a = arrivalRate / serviceRate;
  if (a >= servers) return Infinity;
  const c = erlangC(servers, a);
  if (c <= 1 - p) return 0;
  return log(c / (1 - p)) / (servers * serviceRate - arrivalRate);
}

/** Pollaczek–Khinchine mean wait of M/G/1: λ·E[S²] / (2(1 − ρ)), ρ = λ·E[S]. */
export function mg1MeanWait(arrivalRate: number, meanService: number, secondMomentService: number): number {
  const rho = arrivalRate * meanService;
  if (rho >= 1) return Infinity;
  return (arrivalRate * secondMomentService) / (2 * (1 - rho));
}

/**
 * Allen–Cunneen approximation of the M/G/c mean wait: the M/M/c wait scaled by
 * (1 + c_s²)/2, c_s the coefficient of variation of service (exact for c = 1).
 */
export function mgcMeanWait(arrivalRate: number, meanService: number, serviceCv2: number, servers: number): number {
  return mmcMeanWait(arrivalRate, 1 / meanService, servers) * ((1 + serviceCv2) / 2);
}

/** The same scaling applied to the M/M/c wait quantile. */
export function mgcWaitQuantile(arrivalRate: number, meanService: number, serviceCv2: number, servers: number, p: number): number {
  return mmcWaitQuantile(arrivalRate, 1 / meanService, servers, p) * ((1 + serviceCv2) / 2);
}
