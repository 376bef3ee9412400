/**
 * The GPU-shortage question: N devices are ordered for one large run and a
 * fraction f of them arrives D late (or never). Four ways to go on, each with
 * its finish time and what it costs beyond the plan:
 *
 *   (a) wait      start when everything is there: done = D + W/N; the devices
 *                 that did arrive idle for D.
 *   (b) elastic   start on the A = N − L devices that arrived and grow when the
 *                 rest lands: work A·D is done by D, the rest at rate N after a
 *                 resize pause r: done = D + r + (W − A·D)/N (or W/A if the job
 *                 ends before D). Linear scaling in devices is assumed.
 *   (c) rent      rent the L missing devices in the cloud until delivery: done =
 *                 W/N (+ r when switching back), cloud device-hours L·min(D, W/N).
 *   (d) smaller   train a smaller model on A devices in the planned time W/N:
 *                 compute falls to A/N; compute-optimal scaling keeps parameters
 *                 ∝ C^a and tokens ∝ C^(1−a) (a ≈ 0.5, Hoffmann et al. 2022,
 *                 "Training Compute-Optimal Large Language Models").
 *
 * W is the run's device-seconds at full speed. Everything is SI; prices USD per
 * device-hour.
 */
import { pow } from '../engine/portable-math';

export interface ShortageInput {
  orderDevices: number;
  lateFraction: number;
  /** Late devices when known exactly (whole nodes of a delivery); default round(N·f). */
  lateDevices?: number;
  /** How late the short part is, s; Infinity = cancelled. */
  delayS: number;
  /** Device-seconds the run needs. */
  jobDeviceS: number;
  cloudPricePerDeviceHour: number;
  ownedCostPerDeviceHour: number;
  resizeOverheadS: number;
  scalingExponent: number;
}

export type ShortageOptionId = 'on-time' | 'wait' | 'elastic' | 'rent' | 'smaller-model';

export interface ShortageOption {
  option: ShortageOptionId;
  label: string;
  /** Finish time from the planned start, s (Infinity when it never finishes). */
  doneS: number;
  /** Later than the on-time plan by, s. */
  lateByS: number;
  cloudDeviceHours: number;
  cloudCostUsd: number;
  idleOwnedDeviceHours: number;
  idleOwnedCostUsd: number;
  /** Cloud + idle cost beyond the on-time plan. */
  extraCostUsd: number;
  /** Model size and tokens relative to the plan (1 = the planned model). */
  parameterScale: number;
  tokenScale: number;
}

export interface ShortageAnswer {
  arrivedDevices: number;
  lateDevices: number;
  options: ShortageOption[];
  /** The full-size option that finishes first (ties: cheaper), and a sentence saying so. */
  fastest: ShortageOptionId;
  cheapestFullSize: ShortageOptionId;
  summary: string;
}

export function compareShortageOptions(x: ShortageInput): ShortageAnswer {
  const N = x.orderDevices;
  const L = Math.min(N, x.lateDevices ?? Math.round(N * x.lateFraction));
  const A = N - L;
  const W = x.jobDeviceS;
  const D = x.delayS;
  const T = W / N;
  const hours = (s: number) => s / 3600;
  const make = (option: ShortageOptionId, label: string, doneS: number, cloudDeviceS: number, idleDeviceS: number, parameterScale = 1, tokenScale = 1): ShortageOption => {
    const cloudCostUsd = hours(cloudDeviceS) * x.cloudPricePerDeviceHour;
    const idleOwnedCostUsd = hours(idleDeviceS) * x.ownedCostPerDeviceHour;
    return {
      option, label, doneS, lateByS: doneS - T,
      cloudDeviceHours: hours(cloudDeviceS), cloudCostUsd,
      idleOwnedDeviceHours: hours(idleDeviceS), idleOwnedCostUsd,
      extraCostUsd: cloudCostUsd + idleOwnedCostUsd, parameterScale, tokenScale,
    };
  };
  const options: ShortageOption[] = [make('on-time', 'everything on time (the plan)', T, 0, 0)];
  if (L === 0) {
    options.push(make('wait', 'wait for the late devices', T, 0, 0), make('elastic', 'start small, grow on delivery', T, 0, 0), make('rent', 'rent the missing devices until delivery', T, 0, 0), make('smaller-model', 'train a smaller model on what arrived', T, 0, 0));
  } else {
    options.push(make('wait', 'wait for the late devices', D + T, 0, Number.isFinite(D) ? A * D : 0));
    const elasticDone = A === 0 ? D + x.resizeOverheadS + T : A * D >= W ? W / A : D + x.resizeOverheadS + (W - A * D) / N;
    options.push(make('elastic', 'start on what arrived, grow on delivery', elasticDone, 0, 0));
    const rentS = Math.min(D, T);
    options.push(make('rent', 'rent the missing devices until delivery', T + (D < T ? x.resizeOverheadS : 0), L * rentS, 0));
    const c = A / N;
    options.push(make('smaller-model', 'train a smaller model on what arrived', A === 0 ? Infinity : T, 0, 0, pow(c, x.scalingExponent), pow(c, 1 - x.scalingExponent)));
  }
  const full = options.filter((o) => o.option === 'wait' || o.option === 'elastic' || o.option === 'rent');
  const fastest = [...full].sort((a, b) => a.doneS - b.doneS || a.extraCostUsd - b.extraCostUsd)[0];
  const cheapest = [...full].sort((a, b) => a.extraCostUsd - b.extraCostUsd || a.doneS - b.doneS)[0];
  const days = (s: number) => (Number.isFinite(s) ? `${(s / 86400).toFixed(1)} days` : 'never');
  const usd = (v: number) => `${Math.round(v).toLocaleString('en-US')} USD`;
  const wait = options.find((o) => o.option === 'wait')!;
  const small = options.find((o) => o.option === 'smaller-model')!;
  const savedS = wait.doneS - fastest.doneS;
  const summary =
    L === 0
      ? `Nothing is late: the run takes ${days(T)}.`
      : `${L} of ${N} devices are ${Number.isFinite(D) ? `${days(D)} late` : 'cancelled'}. Fastest full-size run: ${fastest.label}, done in ${days(fastest.doneS)} ` +
        `(${days(savedS)} sooner than waiting) for ${usd(fastest.extraCostUsd)} extra` +
        (Number.isFinite(savedS) && savedS > 0 && fastest.extraCostUsd > 0 ? ` (${usd(fastest.extraCostUsd / (savedS / 86400))} per day saved)` : '') +
        `. Cheapest full-size: ${cheapest.label}, ${days(cheapest.doneS)}, ${usd(cheapest.extraCostUsd)} extra. ` +
        `A smaller model (${(small.parameterScale * 100).toFixed(0)}% of the parameters, ${(small.tokenScale * 100).toFixed(0)}% of the tokens) finishes on the planned ${days(small.doneS)}.`;
  return { arrivedDevices: A, lateDevices: L, options, fastest: fastest.option, cheapestFullSize: cheapest.option, summary };
}
