/**
 * Queueing theory cross-checks: an M/M/c queue built from a process-driven
 * Resource must reproduce the Erlang C mean wait, and its statistics must obey
 * Little's law. Run lengths are chosen so the standard error of the estimated
 * mean wait is a fraction of the 2% tolerance (checked by batch means below).
 */
import { describe, expect, it } from 'vitest';
import { Resource, Simulator, Tally } from './index';

/** Erlang C: probability an arrival waits in M/M/c, offered load a = λ/μ (Kleinrock, Queueing Systems vol. 1, §3.5). */
function erlangC(c: number, a: number): number {
  let term = 1;
  let sum = 1;
  for (let k = 1; k < c; k++) {
    term *= a / k;
    sum += term;
  }
  const last = (term * a) / c / (1 - a / c);
  return last / (sum + last);
}

/** Mean wait in queue for M/M/c: Wq = C(c, a) / (cμ − λ). For c = 1 this is ρ/(μ − λ). */
function meanWaitMMc(c: number, lambda: number, mu: number): number {
  return erlangC(c, lambda / mu) / (c * mu - lambda);
}

function simulateMMc(c: number, lambda: number, mu: number, customers: number, seed: number) {
  const sim = new Simulator({ seed });
  const servers = new Resource(sim, c);
  const arrivals = sim.rng.fork(1);
  const services = sim.rng.fork(2);
  const wait = new Tally();
  const sojourn = new Tally();
  // Batch means of the waits, to estimate the standard error despite autocorrelation.
  const batches = new Tally();
  const batchSize = customers / 50;
  let batchSum = 0;
  let batchCount = 0;
  const warmup = Math.floor(customers / 20);
  let served = 0;
  let firstMeasuredArrival = NaN;
  let lastArrival = 0;
  function* customer(index: number) {
    const arrived = sim.now;
    const request = servers.request();
    yield request;
    const waited = sim.now - arrived;
    yield services.exponential(mu);
    servers.release(request);
    served++;
    if (index >= warmup) {
      wait.add(waited);
      sojourn.add(sim.now - arrived);
      batchSum += waited;
      if (++batchCount === batchSize) {
        batches.add(batchSum / batchSize);
        batchSum = 0;
        batchCount = 0;
      }
    }
  }
  sim.process(function* () {
    for (let i = 0; i < customers + warmup; i++) {
      yield arrivals.exponential(lambda);
      lastArrival = sim.now;
      if (i === warmup) firstMeasuredArrival = sim.now;
      sim.process(customer(i));
    }
  });
  sim.run();
  return { sim, servers, wait, sojourn, batches, served, arrivalSpan: lastArrival - firstMeasuredArrival };
}

describe('M/M/c queues against closed forms', { timeout: 30_000 }, () => {
  it('M/M/1 at ρ = 0.5: mean wait in queue ρ/(μ−λ) within 2%', () => {
    const lambda = 0.5;
    const mu = 1;
    const expected = meanWaitMMc(1, lambda, mu);
    expect(expected).toBeCloseTo(1, 12); // ρ/(μ−λ) = 0.5/0.5
    const { wait, batches } = simulateMMc(1, lambda, mu, 1_000_000, 11);
    const standardError = batches.sd() / Math.sqrt(batches.count);
    expect(standardError / expected).toBeLessThan(0.0065); // 2% is more than 3 standard errors
    expect(Math.abs(wait.mean() - expected) / expected).toBeLessThan(0.02);
  });

  it('M/M/2 at ρ = 1/2: mean wait matches Erlang C within 2%', () => {
    const lambda = 1;
    const mu = 1;
    const expected = meanWaitMMc(2, lambda, mu); // C(2, 1) = 1/3, Wq = (1/3)/(2 − 1)
    expect(expected).toBeCloseTo(1 / 3, 12);
    const { wait, batches } = simulateMMc(2, lambda, mu, 1_000_000, 12);
    const standardError = batches.sd() / Math.sqrt(batches.count);
    expect(standardError / expected).toBeLessThan(0.0085); // 2% is more than 2.3 standard errors
    expect(Math.abs(wait.mean() - expected) / expected).toBeLessThan(0.02);
  });

  it("Little's law: time-weighted queue length = arrival rate × mean wait; utilization = λ/(cμ)", () => {
    const lambda = 2;
    const mu = 1;
    const c = 3;
    const { sim, servers, wait, served } = simulateMMc(c, lambda, mu, 100_000, 13);
    // Whole-run figures (the Resource's statistics start at time 0, so use all customers).
    const observedRate = served / sim.now;
    const lq = servers.meanQueueLength();
    // L = λW holds exactly for sample paths that start and end empty (Stidham 1974), up to warm-up differences.
    expect(Math.abs(lq - observedRate * wait.mean()) / lq).toBeLessThan(0.02);
    expect(Math.abs(servers.utilization() - lambda / (c * mu))).toBeLessThan(0.01);
  });
});
