/**
 * Requests over time: when they arrive and how many tokens they carry.
 * Open patterns (poisson, daily, bursts) are non-homogeneous Poisson processes
 * drawn by thinning (Lewis & Shedler 1979); a trace is replayed as given; a
 * closed loop is driven by the runner (a client sends when its last request ends).
 */
import type { Rng } from '../../engine/rng';
import type { Distribution, Traffic } from './schema';
import { cos, log } from '../../engine/portable-math';

/** Mean of a token-length distribution (before rounding). */
export function distributionMean(d: Distribution): number {
  if (typeof d === 'number') return d;
  switch (d.dist) {
    case 'fixed':
      return d.value;
    case 'uniform':
      return (d.min + d.max) / 2;
    case 'normal':
    case 'lognormal':
      return d.mean;
    case 'exponential':
      return d.mean;
    case 'empirical':
      return d.values.reduce((a, b) => a + b, 0) / d.values.length;
  }
}

/** A sampler of whole token counts (at least 1) from a distribution. */
export function tokenSampler(d: Distribution, rng: Rng): () => number {
  const whole = (x: number) => Math.max(1, Math.round(x));
  if (typeof d === 'number') return () => whole(d);
  switch (d.dist) {
    case 'fixed':
      return () => whole(d.value);
    case 'uniform':
      return () => whole(rng.uniform(d.min, d.max));
    case 'normal':
      return () => whole(rng.normal(d.mean, d.sd));
    case 'lognormal': {
      // Mean m and sd s of the value: σ² = ln(1 + s²/m²), μ = ln m − σ²/2.
      const sigma2 = log(1 + (d.sd * d.sd) / (d.mean * d.mean));
      const mu = log(d.mean) - sigma2 / 2;
      const sigma = Math.sqrt(sigma2);
      return () => whole(rng.lognormal(mu, sigma));
    }
    case 'exponential':
      return () => whole(rng.exponential(1 / d.mean));
    case 'empirical': {
      const draw = rng.empirical(d.values);
      return () => whole(draw());
    }
  }
}

/**
 * Relative rate of the day at simulation time t (mean 1 over a day): a cosine
 * peaking at peakHour whose peak/trough ratio is r, amplitude A = (r−1)/(r+1);
 * or the given hourly rates, normalised to mean 1.
 */
export function dailyFactor(daily: Traffic['daily'], t: number): number {
  const hour = (((daily.startHour + t / 3600) % 24) + 24) % 24;
  if (daily.hourly) {
    const mean = daily.hourly.reduce((a, b) => a + b, 0) / 24;
    return mean > 0 ? daily.hourly[Math.floor(hour)] / mean : 0;
  }
  const a = (daily.peakToTrough - 1) / (daily.peakToTrough + 1);
  return 1 + a * cos((2 * Math.PI * (hour - daily.peakHour)) / 24);
}

function dailyMaxFactor(daily: Traffic['daily']): number {
  if (daily.hourly) {
    const mean = daily.hourly.reduce((a, b) => a + b, 0) / 24;
    return mean > 0 ? Math.max(...daily.hourly) / mean : 0;
  }
  return 1 + (daily.peakToTrough - 1) / (daily.peakToTrough + 1);
}

export function inBurst(bursts: Traffic['bursts'], t: number): boolean {
  return t % bursts.every < bursts.length;
}

/** Instantaneous arrival rate of an open pattern at time t, requests/s. */
export function arrivalRate(traffic: Traffic, t: number): number {
  const rate = traffic.rate ?? 0;
  switch (traffic.pattern) {
    case 'poisson':
      return rate;
    case 'daily':
      return rate * dailyFactor(traffic.daily, t);
    case 'bursts':
      return inBurst(traffic.bursts, t) ? rate * traffic.bursts.multiplier : rate;
    default:
      return 0;
  }
}

/** Rate levels and the fraction of time spent at each, for closed-form estimates. */
export function rateLevels(traffic: Traffic): Array<{ rate: number; timeFraction: number }> {
  const rate = traffic.rate ?? 0;
  switch (traffic.pattern) {
    case 'poisson':
      return [{ rate, timeFraction: 1 }];
    case 'daily': {
      // Hourly steps over the simulated window.
      const hours = Math.max(1, Math.ceil(traffic.duration / 3600));
      return Array.from({ length: hours }, (_, h) => ({
        rate: rate * dailyFactor(traffic.daily, Math.min(traffic.duration, (h + 0.5) * 3600)),
        timeFraction: Math.min(3600, traffic.duration - h * 3600) / traffic.duration,
      }));
    }
    case 'bursts': {
      const f = Math.min(1, traffic.bursts.length / traffic.bursts.every);
      return [
        { rate, timeFraction: 1 - f },
        { rate: rate * traffic.bursts.multiplier, timeFraction: f },
      ].filter((l) => l.timeFraction > 0);
    }
    case 'trace': {
      const n = traffic.trace?.length ?? 0;
      return [{ rate: n / traffic.duration, timeFraction: 1 }];
    }
    case 'closed':
      return [];
  }
}

/**
 * The next arrival after t for open patterns (Infinity past the window), by
 * thinning against the pattern's maximum rate.
 */
export function arrivalSampler(traffic: Traffic, rng: Rng): (t: number) => number {
  const rate = traffic.rate ?? 0;
  const end = traffic.duration;
  if (!(rate > 0)) return () => Infinity;
  if (traffic.pattern === 'poisson') {
    return (t) => {
      const next = t + rng.exponential(rate);
      return next < end ? next : Infinity;
    };
  }
  const maxRate = traffic.pattern === 'daily' ? rate * dailyMaxFactor(traffic.daily) : rate * traffic.bursts.multiplier;
  return (t) => {
    let next = t;
    for (;;) {
      next += rng.exponential(maxRate);
      if (next >= end) return Infinity;
      if (rng.next() * maxRate <= arrivalRate(traffic, next)) return next;
    }
  };
}
