/**
 * The GPU-shortage study priced in full: each way to go on (wait, elastic,
 * rent, smaller model) pays for the owned devices installed until it is done,
 * at the run's own cost per installed device-hour, plus the cloud devices it
 * rents. The cluster runner prices only the cloud part and the idle owned
 * hours it is told a price for (`ownedCostPerDeviceHour`, 0 by default); here
 * the owned part comes from the cost model, so waiting shows what the idle
 * devices cost.
 *
 * installed device-hours until done T = A·T + L·max(0, T − D)
 * (A devices arrived at the start, L more after the delay D; D = 0 for the
 * on-time plan).
 * Energy is charged at the same rate whether a device is busy or idle, an
 * upper bound for the idle hours.
 */

export interface ShortageStudyOption {
  option: string;
  label?: string;
  doneS: number | null;
  cloudCostUsd: number;
  parameterScale?: number;
  tokenScale?: number;
}

export interface ShortageStudy {
  arrivedDevices: number;
  lateDevices: number;
  options: ShortageStudyOption[];
  inputs?: { delayS?: number | null; cloudPricePerDeviceHour?: number; priceFrom?: string };
}

export interface ShortageCostRow {
  option: string;
  label: string;
  /** Finish from the planned start, days (null: never). */
  doneDays: number | null;
  installedDeviceHours: number;
  ownedUsd: number;
  cloudUsd: number;
  totalUsd: number;
  /** More than the on-time plan costs, USD. */
  extraUsd: number;
  parameterScale: number;
  tokenScale: number;
}

export interface ShortageCost {
  /** Cost of one installed owned device-hour, USD (the run's own rate). */
  ownedUsdPerDeviceHour: number;
  /** Cloud price the study rented at, USD per device-hour. */
  cloudUsdPerDeviceHour: number | null;
  cloudPriceFrom?: string;
  options: ShortageCostRow[];
}

/** Installed owned device-hours until `doneS`: A·T + L·max(0, T − D). */
export function installedDeviceHours(arrived: number, late: number, delayS: number, doneS: number): number {
  const lateS = Number.isFinite(delayS) ? Math.max(0, doneS - delayS) : 0;
  return (arrived * doneS + late * lateS) / 3600;
}

export function shortageCost(study: ShortageStudy, ownedUsdPerDeviceHour: number): ShortageCost {
  // A cancelled delivery is reported as Infinity, which JSON writes as null.
  const delayS = typeof study.inputs?.delayS === 'number' ? study.inputs.delayS : Infinity;
  const rows = study.options.map((o): ShortageCostRow => {
    const done = typeof o.doneS === 'number' && Number.isFinite(o.doneS) ? o.doneS : null;
    // The plan ('on-time') has every device from the start.
    const hours = done === null ? Infinity : installedDeviceHours(study.arrivedDevices, study.lateDevices, o.option === 'on-time' ? 0 : delayS, done);
    const ownedUsd = hours * ownedUsdPerDeviceHour;
    const cloudUsd = o.cloudCostUsd ?? 0;
    return {
      option: o.option, label: o.label ?? o.option, doneDays: done === null ? null : done / 86400, installedDeviceHours: hours,
      ownedUsd, cloudUsd, totalUsd: ownedUsd + cloudUsd, extraUsd: 0, parameterScale: o.parameterScale ?? 1, tokenScale: o.tokenScale ?? 1,
    };
  });
  const plan = rows.find((r) => r.option === 'on-time');
  for (const r of rows) r.extraUsd = plan ? r.totalUsd - plan.totalUsd : 0;
  const price = study.inputs?.cloudPricePerDeviceHour;
  return { ownedUsdPerDeviceHour, cloudUsdPerDeviceHour: typeof price === 'number' ? price : null, cloudPriceFrom: study.inputs?.priceFrom, options: rows };
}
