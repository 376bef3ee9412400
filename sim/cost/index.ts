/**
 * costOf: the money, energy and carbon of one run, with every default taken
 * from the price catalog and cited in `metrics.cost.assumptions`.
 */
import type { ClusterModel } from '../hardware/types';
import type { CostMetrics, Warning } from '../result';
import type { WorkloadOutcome } from '../workloads/env';
import {
  cablingPerEndpoint, carbonIntensity, cloudPricePerDeviceHour, depreciationYears, discountRate, electricityPrice, nicPrice,
  nodePurchasePrice, objectStorage, operationsOverhead, ownedStoragePerByte, powerLoadFactor, pue, restartTimeS,
  spotInterruptionsPerMonth, switchPortPrice, type CatalogValue, type Pricing,
} from './catalog/index';
import { cloudRunCost, ownedBreakEvenUtilization, ownedRunCost, tcoFor, type CostParams, type RunCost } from './run-cost';
import type { CostInput } from './schema';
import { shortageCost, type ShortageStudy } from './shortage';
import { costOfDelay, sensitivity, type TornadoRow } from './tco';
import { runUsage, type RunUsage } from './usage';

export { costSchema, type CostInput } from './schema';

export interface Assumption {
  name: string;
  value: number;
  unit: string;
  /** 'scenario' when the user gave it, else the catalog source title. */
  source: string;
  url?: string;
  date?: string;
  region?: string;
  note?: string;
}

export interface CostOfResult {
  metrics: CostMetrics;
  breakdown: Record<string, number>;
  warnings: Warning[];
}

const PRICINGS: Pricing[] = ['on-demand', 'reserved-1y', 'reserved-3y', 'spot'];

export function costOf(input: { cost: CostInput; cluster: ClusterModel; outcome: WorkloadOutcome; workloadKind: string }): CostOfResult {
  const { cost, cluster, outcome, workloadKind } = input;
  const warnings: Warning[] = [];
  const assumptions: Assumption[] = [];
  const usage = runUsage(outcome, cluster, workloadKind, warnings);

  // Pick the user's value or the catalog's, and record which.
  const pick = (name: string, unit: string, given: number | undefined, entry: CatalogValue, scale = 1): number => {
    if (given !== undefined) {
      assumptions.push({ name, value: given * scale, unit, source: 'scenario' });
      return given;
    }
    assumptions.push({ name, value: entry.value * scale, unit, source: entry.source.title, url: entry.source.url, date: entry.source.date, region: entry.region, note: entry.disputed ?? entry.source.note });
    return entry.value;
  };
  const regional = (table: Record<string, CatalogValue>, what: string): CatalogValue => {
    const hit = table[cost.region];
    if (hit) return hit;
    warnings.push({ code: 'cost-unknown-region', severity: 'info', message: `No ${what} for region "${cost.region}" in the catalog; the US figure is used. Set cost.${what === 'electricity price' ? 'electricityPrice' : 'carbonIntensity'} to override.` });
    return table.us;
  };

  const cloudUsdPerHour = cloudRates(cost, usage, warnings, assumptions);
  const owning = cost.mode !== 'cloud';
  const purchaseUsd = owning ? purchaseOf(cost, cluster, usage, warnings, assumptions) : 0;
  const params: CostParams = {
    durationS: usage.durationS,
    devices: usage.devices,
    nodes: usage.nodes,
    cloudUsdPerHour,
    purchaseUsd,
    itPowerW: usage.pools.reduce((s, p) => s + p.powerW, 0),
    powerLoadFactor: pick('power load factor', 'fraction', cost.powerLoadFactor, powerLoadFactor),
    pue: pick('PUE', 'ratio', cost.pue, cost.mode === 'cloud' ? pue.hyperscale : pue['industry-average']),
    electricityPrice: pick('electricity price', 'USD/kWh', cost.electricityPrice, regional(electricityPrice, 'electricity price'), 3.6e6),
    carbonIntensity: pick('grid carbon intensity', 'kg CO2/kWh', cost.carbonIntensity, regional(carbonIntensity, 'carbon intensity'), 3.6e6),
    utilization: cost.utilization,
    depreciationYears: owning ? pick('depreciation life', 'years', cost.depreciationYears, depreciationYears) : depreciationYears.value,
    operationsOverhead: owning ? pick('operations overhead', 'of capex per year', cost.operationsOverhead, operationsOverhead) : operationsOverhead.value,
    discountRate: cost.mode === 'compare' ? pick('discount rate', 'per year', cost.discountRate, discountRate) : (cost.discountRate ?? discountRate.value),
    spotInterruptionsPerMonth: usesSpot(cost) ? pick('spot interruptions', 'per instance-month', cost.spotInterruptionsPerMonth, spotInterruptionsPerMonth) : spotInterruptionsPerMonth.value,
    checkpointIntervalS: cost.checkpointInterval ?? 3600,
    restartS: restartTimeS.value,
    storageBytes: chargesStorage(cost) ? provisionedStorageBytes(cluster) : 0,
    objectStoragePerByteMonth: objectStorage.perByteMonth.value,
  };
  const fsBytes = provisionedStorageBytes(cluster);
  if (fsBytes > 0 && params.storageBytes > 0 && cost.mode !== 'owned') {
    assumptions.push({ name: 'rented storage', value: objectStorage.perByteMonth.value * 1e12, unit: 'USD per TB-month (object storage rate)', source: objectStorage.perByteMonth.source.title, url: objectStorage.perByteMonth.source.url, date: objectStorage.perByteMonth.source.date, region: objectStorage.perByteMonth.region, note: 'a lower bound for a rented parallel file system' });
  } else if (fsBytes > 0 && params.storageBytes === 0) {
    assumptions.push({ name: 'shared storage', value: fsBytes / 1e12, unit: 'TB, not charged', source: 'cost.storage', note: 'cloud runs leave the file system out; set cost.storage: capacity to charge it' });
  }
  if (params.itPowerW === 0) warnings.push({ code: 'cost-no-power', severity: 'info', message: 'The nodes have no powerW in the catalog; energy and CO2 are zero.' });

  const chosen = cost.mode === 'owned' ? { name: 'buy', cost: ownedRunCost(params) } : cost.mode === 'cloud' ? { name: cost.pricing, cost: cloudRunCost(params, cost.pricing) } : cheapestOf(params);
  const result = withExtras(chosen.cost, usage.extraUsd);
  if (cost.mode === 'cloud' && !Number.isFinite(cloudUsdPerHour[cost.pricing])) {
    warnings.push({ code: 'cost-no-price', severity: 'warning', message: `No ${cost.pricing} cloud price for ${usage.pools.map((p) => p.device).join(', ')}; compute is priced at 0. Set cost.pricePerDeviceHour.` });
  }

  const metrics: CostMetrics = {
    totalUsd: result.totalUsd,
    capexUsd: result.capexUsd,
    opexUsd: result.opexUsd,
    usdPerMillionTokens: usage.tokens && usage.tokens > 0 ? (result.totalUsd / usage.tokens) * 1e6 : null,
    energyKWh: result.energyKWh,
    co2Kg: result.co2Kg,
    mode: cost.mode,
    usdPerDeviceHour: result.totalUsd / ((usage.devices * usage.durationS) / 3600),
    deviceHours: (usage.devices * usage.durationS) / 3600,
    tokens: usage.tokens,
    hardware: usage.pools.map((p) => ({ pool: p.pool, device: p.device, deviceName: p.deviceName, devices: p.devices, node: p.node, nodes: p.nodes })),
    devices: usage.devices,
    durationS: usage.durationS,
    durationFrom: usage.durationFrom,
  };
  if (owning) metrics.purchaseUsd = purchaseUsd;
  else metrics.pricing = cost.pricing;

  if (cost.mode === 'compare') {
    const tco = tcoFor(params, cost.years);
    metrics.tco = { years: cost.years, discountRate: params.discountRate, ...tco };
    metrics.option = chosen.name;
    metrics.breakEvenUtilization = ownedBreakEvenUtilization(params);
    metrics.options = optionsTable(params);
  }

  const slipDays = delayDays(cost, usage);
  if (cost.delayValuePerDay !== undefined) {
    metrics.delayDays = slipDays;
    metrics.delayUsd = costOfDelay(cost.delayValuePerDay, slipDays);
  } else if (slipDays > 0) {
    warnings.push({ code: 'cost-delay-unpriced', severity: 'info', message: `The result arrives ${slipDays.toFixed(1)} days late; set cost.delayValuePerDay to price the delay.` });
  }

  const study = shortageStudyOf(outcome.breakdown);
  if (study) {
    const deviceHours = (usage.devices * usage.durationS) / 3600;
    metrics.shortage = shortageCost(study, deviceHours > 0 ? chosen.cost.totalUsd / deviceHours : 0);
  }
  if (usage.devicesFrom) metrics.devicesFrom = usage.devicesFrom;

  if (cost.sensitivity) metrics.sensitivity = tornado(cost, params);
  metrics.assumptions = assumptions;

  // Also inside metrics, so the category split travels with metrics.cost wherever the runner puts `breakdown`.
  metrics.breakdown = { ...result.breakdown };
  return { metrics, breakdown: { ...result.breakdown }, warnings };
}

/** The cluster runner's GPU-shortage study (breakdown.shortage), when it ran one. */
function shortageStudyOf(breakdown: Record<string, unknown>): ShortageStudy | undefined {
  const s = breakdown.shortage as Partial<ShortageStudy> | undefined;
  if (!s || typeof s !== 'object' || !Array.isArray(s.options) || typeof s.arrivedDevices !== 'number' || typeof s.lateDevices !== 'number') return undefined;
  return s as ShortageStudy;
}

function chargesStorage(cost: CostInput): boolean {
  return cost.storage === 'capacity' || (cost.storage === 'auto' && cost.mode !== 'cloud');
}

/**
 * Storage the cluster provisions and pays for by capacity: parallel file
 * systems and HDFS. An object store's capacity is the service's, paid per use
 * (its catalog capacity is effectively unbounded); node-local NVMe and host
 * RAM are inside the node price.
 */
export function provisionedStorageBytes(cluster: ClusterModel): number {
  return cluster.storage.filter((t) => t.tier === 'parallel-fs' || t.tier === 'hdfs').reduce((s, t) => s + (t.capacityBytes || 0), 0);
}

/** Add what the runner priced itself (cloud burst) as opex categories. */
function withExtras(c: RunCost, extra: Record<string, number>): RunCost {
  const add = Object.values(extra).reduce((a, b) => a + b, 0);
  if (add === 0) return c;
  return { ...c, totalUsd: c.totalUsd + add, opexUsd: c.opexUsd + add, breakdown: { ...c.breakdown, ...extra } };
}

function usesSpot(cost: CostInput): boolean {
  return cost.mode === 'compare' || cost.pricing === 'spot';
}

/** USD per hour for the devices used, at each pricing. */
function cloudRates(cost: CostInput, usage: RunUsage, warnings: Warning[], assumptions: Assumption[]): Record<Pricing, number> {
  const rates = {} as Record<Pricing, number>;
  for (const pricing of PRICINGS) {
    let total = 0;
    for (const pool of usage.pools) {
      let price: number;
      if (cost.pricePerDeviceHour !== undefined) {
        // One override price is the scenario's chosen pricing; others scale by the catalog's ratios where known.
        price = cost.pricePerDeviceHour;
        if (pricing !== cost.pricing) {
          const a = cloudPricePerDeviceHour(pool.device, pricing, cost.provider);
          const b = cloudPricePerDeviceHour(pool.device, cost.pricing, cost.provider);
          price = a && b ? (price * a.value) / b.value : pricing === cost.pricing ? price : NaN;
        }
      } else {
        const hit = cloudPricePerDeviceHour(pool.device, pricing, cost.provider);
        price = hit ? hit.value : NaN;
        if (hit && (pricing === cost.pricing || cost.mode === 'compare')) {
          assumptions.push({
            name: `${pricing} price of ${pool.device}`, value: hit.value, unit: 'USD per device-hour',
            source: hit.entry?.source.title ?? 'catalog', url: hit.entry?.source.url, date: hit.entry?.source.date, region: hit.entry?.region,
            note: [hit.fallback, hit.entry?.disputed].filter(Boolean).join('; ') || undefined,
          });
          if (hit.fallback && pricing === cost.pricing && cost.mode === 'cloud') warnings.push({ code: 'cost-price-fallback', severity: 'info', message: `Price: ${hit.fallback}.` });
        }
      }
      total += pool.devices * price;
    }
    rates[pricing] = total;
  }
  if (cost.pricePerDeviceHour !== undefined) assumptions.push({ name: `${cost.pricing} price per device-hour`, value: cost.pricePerDeviceHour, unit: 'USD per device-hour', source: 'scenario' });
  return rates;
}

/** Purchase of the nodes used, their share of the network (switch ports, cables, NICs) and the storage. */
function purchaseOf(cost: CostInput, cluster: ClusterModel, usage: RunUsage, warnings: Warning[], assumptions: Assumption[]): number {
  let nodes = 0;
  let endpoints = 0;
  for (const pool of usage.pools) {
    let price = cost.purchase.pricePerNode;
    if (price === undefined) {
      const hit = nodePurchasePrice(pool.node, pool.device, pool.devicesPerNode);
      if (!hit) {
        warnings.push({ code: 'cost-no-purchase-price', severity: 'warning', message: `No purchase price for node ${pool.node} (${pool.device}); it is priced at 0. Set cost.purchase.pricePerNode.` });
        continue;
      }
      price = hit.value;
      assumptions.push({ name: `purchase price of ${pool.node}`, value: hit.value, unit: 'USD per node', source: hit.entry?.source.title ?? 'catalog', url: hit.entry?.source.url, date: hit.entry?.source.date, region: hit.entry?.region, note: [hit.fallback, hit.entry?.disputed].filter(Boolean).join('; ') || undefined });
    } else assumptions.push({ name: 'purchase price per node', value: price, unit: 'USD per node', source: 'scenario' });
    nodes += pool.nodes * price;
    endpoints += pool.nodes * pool.nicsPerNode;
  }
  // Folded Clos: each endpoint uses one leaf port, and each further tier two ports (up and down) per endpoint, thinned by oversubscription.
  const tiers = cluster.network.topology === 'single-switch' ? 1 : (cluster.network.tiers ?? 2);
  const portsPerEndpoint = 1 + (2 * (tiers - 1)) / Math.max(1, cluster.network.oversubscription);
  const port = cost.purchase.pricePerSwitchPort ?? switchPortPrice.value;
  const nic = cost.purchase.pricePerNic ?? 0; // node prices include their NICs
  const network = endpoints * (portsPerEndpoint * port + cablingPerEndpoint.value + nic);
  if (endpoints > 0) {
    assumptions.push({ name: 'switch port', value: port, unit: 'USD per port', source: cost.purchase.pricePerSwitchPort !== undefined ? 'scenario' : switchPortPrice.source.title, date: switchPortPrice.source.date, note: switchPortPrice.disputed });
    assumptions.push({ name: 'cables and transceivers', value: cablingPerEndpoint.value, unit: 'USD per endpoint', source: cablingPerEndpoint.source.title, date: cablingPerEndpoint.source.date });
    if (cost.purchase.pricePerNic === undefined) assumptions.push({ name: 'NIC', value: 0, unit: 'USD (included in node price)', source: nicPrice.source.title, note: `a separate 400G NIC would be about ${nicPrice.value} USD` });
  }
  const perTB = cost.purchase.storagePerTB !== undefined ? cost.purchase.storagePerTB / 1e12 : ownedStoragePerByte.value;
  const storageBytes = chargesStorage(cost) ? provisionedStorageBytes(cluster) : 0;
  if (storageBytes > 0) assumptions.push({ name: 'storage bought', value: perTB * 1e12, unit: 'USD per TB', source: cost.purchase.storagePerTB !== undefined ? 'scenario' : ownedStoragePerByte.source.title, note: ownedStoragePerByte.assumption ? 'assumption' : undefined });
  return nodes + network + storageBytes * perTB;
}

/** The cheapest of owning and each way of renting, for compare mode's run cost. */
function cheapestOf(p: CostParams): { name: string; cost: RunCost } {
  let best: { name: string; cost: RunCost } = { name: 'buy', cost: ownedRunCost(p) };
  for (const pricing of PRICINGS) {
    if (!Number.isFinite(p.cloudUsdPerHour[pricing])) continue;
    const c = cloudRunCost(p, pricing);
    if (c.totalUsd < best.cost.totalUsd) best = { name: pricing, cost: c };
  }
  return best;
}

function optionsTable(p: CostParams): Array<{ name: string; totalUsd: number; capexUsd: number; opexUsd: number }> {
  const rows = [{ name: 'buy', ...pickTotals(ownedRunCost(p)) }];
  for (const pricing of PRICINGS) if (Number.isFinite(p.cloudUsdPerHour[pricing])) rows.push({ name: pricing, ...pickTotals(cloudRunCost(p, pricing)) });
  return rows;
}

function pickTotals(c: RunCost) {
  return { totalUsd: c.totalUsd, capexUsd: c.capexUsd, opexUsd: c.opexUsd };
}

function delayDays(cost: CostInput, usage: RunUsage): number {
  let days = (cost.slip ?? 0) / 86400;
  if (cost.deadline !== undefined) days += Math.max(0, (usage.durationS - cost.deadline) / 86400);
  return days;
}

/**
 * Which inputs move the answer most: the run's total (cloud, owned) or, when
 * comparing, the NPV of buying less that of the cheapest way of renting.
 */
function tornado(cost: CostInput, base: CostParams): { output: string; base: number; rows: TornadoRow[] } {
  type K = 'cloud price' | 'purchase price' | 'run duration' | 'utilization' | 'electricity price' | 'PUE' | 'depreciation life' | 'operations overhead' | 'spot interruptions' | 'discount rate';
  const apply = (x: Record<K, number>): CostParams => ({
    ...base,
    durationS: base.durationS * x['run duration'],
    cloudUsdPerHour: Object.fromEntries(Object.entries(base.cloudUsdPerHour).map(([k, v]) => [k, v * x['cloud price']])) as Record<Pricing, number>,
    purchaseUsd: base.purchaseUsd * x['purchase price'],
    utilization: x.utilization,
    electricityPrice: x['electricity price'],
    pue: x.PUE,
    depreciationYears: x['depreciation life'],
    operationsOverhead: x['operations overhead'],
    spotInterruptionsPerMonth: x['spot interruptions'],
    discountRate: x['discount rate'],
  });
  const fn = (x: Record<K, number>): number => {
    const p = apply(x);
    if (cost.mode === 'owned') return ownedRunCost(p).totalUsd;
    if (cost.mode === 'cloud') return cloudRunCost(p, cost.pricing).totalUsd;
    const t = tcoFor(p, cost.years);
    const buy = t.options[0].npvUsd;
    const rent = Math.min(...t.options.slice(1).map((o) => o.npvUsd));
    return buy - rent;
  };
  const u = base.utilization;
  const baseInputs: Record<K, number> = {
    'cloud price': 1, 'purchase price': 1, 'run duration': 1, utilization: u, 'electricity price': base.electricityPrice, PUE: base.pue,
    'depreciation life': base.depreciationYears, 'operations overhead': base.operationsOverhead, 'spot interruptions': base.spotInterruptionsPerMonth, 'discount rate': base.discountRate,
  };
  const ranges: Partial<Record<K, [number, number]>> = {
  };
  // Model accuracy target (DESIGN.md): step time within 10%. The N-year comparison does not depend on one run's length.
  if (cost.mode !== 'compare') ranges['run duration'] = [0.9, 1.1];
  // Renting includes power in the price: electricity and PUE move only the owned cost.
  if (cost.mode !== 'cloud') {
    ranges['electricity price'] = [Math.min(electricityPrice.us.low!, base.electricityPrice), Math.max(electricityPrice.us.high!, base.electricityPrice)];
    ranges.PUE = [pue.hyperscale.low!, pue['industry-average'].high!];
  }
  if (cost.mode !== 'owned') ranges['cloud price'] = [0.8, 1.2]; // assumption: ±20% price movement between quotes
  if (cost.mode !== 'cloud') {
    ranges['purchase price'] = [199_000 / 270_000, 317_000 / 270_000]; // the disputed DGX H100 range, relative
    ranges['depreciation life'] = [depreciationYears.low! - 1, depreciationYears.high!];
    ranges['operations overhead'] = [operationsOverhead.low!, operationsOverhead.high!];
  }
  if (cost.mode !== 'cloud' || cost.pricing !== 'on-demand') ranges.utilization = [Math.max(0.05, u - 0.3), Math.min(1, u + 0.3)];
  if (usesSpot(cost)) ranges['spot interruptions'] = [spotInterruptionsPerMonth.low!, spotInterruptionsPerMonth.high!];
  if (cost.mode === 'compare') ranges['discount rate'] = [discountRate.low!, discountRate.high!];
  const s = sensitivity(fn, baseInputs, ranges);
  const output = cost.mode === 'compare' ? 'NPV of buying less the cheapest rental, USD' : 'run total, USD';
  // Inputs are SI (USD/J) or fractions inside; a person reads them in these units.
  const display: Record<K, { scale: number; unit: string }> = {
    'cloud price': { scale: 1, unit: '× quoted' }, 'purchase price': { scale: 1, unit: '× list' }, 'run duration': { scale: 1, unit: '× modelled' },
    utilization: { scale: 100, unit: '%' }, 'electricity price': { scale: 3.6e6, unit: 'USD/kWh' }, PUE: { scale: 1, unit: '' },
    'depreciation life': { scale: 1, unit: 'years' }, 'operations overhead': { scale: 100, unit: '% of capex/yr' },
    'spot interruptions': { scale: 1, unit: '/month' }, 'discount rate': { scale: 100, unit: '%/yr' },
  };
  return { output, base: s.base, rows: s.rows.map((r) => ({ ...r, display: display[r.input as K] })) };
}
