/**
 * Sizing: for each accelerator pool of the cluster, the fewest replicas whose
 * analytic estimate meets the SLO (both TTFT and TPOT for the required share
 * of requests) at the scenario's traffic; the answer is the option with the
 * fewest devices.
 */
import type { CalibrationProfile } from '../../../calibration/profile';
import type { PoolModel } from '../../hardware/types';
import { analyticServing } from './analytic';
import { replicaSetup } from './replica-setup';
import type { ServedModel } from './resolve-model';
import type { InferenceWorkload } from './schema';

export interface SizingOption {
  pool: string;
  device: string;
  /** Fewest replicas meeting the SLO, or null when none up to the search limit does (or the model does not fit). */
  replicas: number | null;
  devices: number | null;
  sloAttainment: number;
  reason?: string;
}

export interface SizingResult {
  best: SizingOption | null;
  options: SizingOption[];
}

const MAX_REPLICAS = 4096;

export function sizeFleet(w: InferenceWorkload, model: ServedModel, pools: PoolModel[], profile: CalibrationProfile, seed: number): SizingResult {
  const options: SizingOption[] = pools.map((pool) => sizeOnPool(w, model, pool, profile, seed));
  const feasible = options.filter((o) => o.devices !== null);
  feasible.sort((a, b) => a.devices! - b.devices!);
  return { best: feasible[0] ?? null, options };
}

export function sizeOnPool(w: InferenceWorkload, model: ServedModel, pool: PoolModel, profile: CalibrationProfile, seed: number): SizingOption {
  const setup = replicaSetup(w, model, pool, profile);
  const base = { pool: pool.name, device: pool.device.id };
  if (setup.kv && !setup.kv.fits) return { ...base, replicas: null, devices: null, sloAttainment: 0, reason: 'weights do not fit in the replica memory' };
  const meets = (r: number) => analyticServing(w, model, setup, r, seed);
  // Lower bound from capacity, then grow geometrically and bisect: attainment rises with replicas.
  const first = meets(1);
  const peakRate = first.peakLoad * first.replicaCapacityRps;
  let lo = Math.max(1, Math.ceil(peakRate / first.replicaCapacityRps));
  let r = meets(lo);
  if (r.sloAttainment >= w.slo.attainment) return { ...base, replicas: lo, devices: lo * setup.devicesPerReplica, sloAttainment: r.sloAttainment };
  let hi = lo * 2;
  while (hi <= MAX_REPLICAS && (r = meets(hi)).sloAttainment < w.slo.attainment) {
    lo = hi;
    hi *= 2;
  }
  if (hi > MAX_REPLICAS) return { ...base, replicas: null, devices: null, sloAttainment: r.sloAttainment, reason: `SLO not met with ${MAX_REPLICAS} replicas (TPOT at batch 1 may exceed the target)` };
  let best = r;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    const m = meets(mid);
    if (m.sloAttainment >= w.slo.attainment) {
      hi = mid;
      best = m;
    } else lo = mid;
  }
  return { ...base, replicas: hi, devices: hi * setup.devicesPerReplica, sloAttainment: best.sloAttainment };
}
