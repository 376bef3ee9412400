/**
 * Running an owned cluster: electricity, cooling overhead (PUE), grid carbon
 * intensity, how long hardware is depreciated, operations, and spot
 * interruptions.
 */
import { q } from '../../units/quantity';
import type { CatalogValue } from './types';

/** Electricity price, USD per joule. */
export const electricityPrice: Record<string, CatalogValue> = {
  us: {
    value: q('0.08 USD/kWh', 'usdPerEnergy'), low: q('0.07 USD/kWh', 'usdPerEnergy'), high: q('0.09 USD/kWh', 'usdPerEnergy'), region: 'us',
    source: { title: 'EIA Electric Power Monthly, Table 5.6.B (industrial sector)', url: 'https://www.eia.gov/electricity/monthly/epm_table_grapher.php?t=epmt_5_6_b', date: '2024', note: 'about 7-9 cents/kWh in many states' },
  },
};

/** Power usage effectiveness: facility energy / IT energy. */
export const pue: Record<'industry-average' | 'hyperscale', CatalogValue> = {
  'industry-average': {
    value: 1.58, low: 1.55, high: 1.59, region: 'global',
    source: { title: 'Uptime Institute Global Data Center Survey', url: 'https://uptimeinstitute.com/resources/research-and-reports', date: '2023', note: '1.55-1.59 since 2020' },
  },
  hyperscale: {
    value: 1.15, low: 1.1, high: 1.2, region: 'global',
    source: { title: 'Hyperscale operator disclosures (specs-and-prices.md leads)', date: '2023', note: '1.1-1.2' },
  },
};

/** Grid carbon intensity, kg CO2 per joule. */
export const carbonIntensity: Record<string, CatalogValue> = {
  us: {
    // 0.86 lb/kWh x 0.45359 kg/lb = 0.390 kg/kWh.
    value: q(`${0.86 * 0.45359237} kg/kWh`, 'carbonIntensity'), region: 'us',
    source: { title: 'EIA FAQ: How much carbon dioxide is produced per kilowatthour of U.S. electricity generation?', url: 'https://www.eia.gov/tools/faqs/faq.php?id=74&t=11', date: '2022', note: '0.86 lb CO2/kWh, all utility-scale generation' },
  },
};

/** Straight-line depreciation life of servers, years. */
export const depreciationYears: CatalogValue = {
  value: 5, low: 5, high: 6, region: 'us',
  source: { title: 'Amazon.com 10-K (2024): part of the server fleet moved from 6 to 5 years from 2025, citing AI', url: 'https://ir.aboutamazon.com/sec-filings/', date: '2025-02' },
  disputed: 'other large clouds keep about 6-year server lives; 5 is used for accelerator servers',
};

/** Operations (staff, support contracts, spares, space) per year, as a fraction of the purchase price. */
export const operationsOverhead: CatalogValue = {
  value: 0.1, low: 0.05, high: 0.2, region: 'global', assumption: true,
  source: { title: 'Assumption: 10% of capex per year; the high end is a DGX support contract at 20% of base price per year (supercluster.blog, 2024)', date: '2026-11' },
};

/** Fraction of a node's full-load power drawn while a job runs on it. */
export const powerLoadFactor: CatalogValue = {
  value: 1, low: 0.7, high: 1, region: 'global', assumption: true,
  source: { title: 'Assumption: a busy node draws its full-load power (upper bound)', date: '2026-11' },
};

/** Spot capacity reclaimed per instance per month (AWS Spot Instance Advisor buckets: <5% ... >20%). */
export const spotInterruptionsPerMonth: CatalogValue = {
  value: 0.2, low: 0.05, high: 0.3, region: 'us-east-1', assumption: true,
  source: { title: 'Assumption: GPU instances in the ">20%" bucket of the AWS Spot Instance Advisor', url: 'https://aws.amazon.com/ec2/spot/instance-advisor/', date: '2026-11' },
};

/** Time lost per interruption besides the work since the last checkpoint: reacquire, reload, warm up. */
export const restartTimeS: CatalogValue = {
  value: q('10 min', 'time'), low: q('5 min', 'time'), high: q('30 min', 'time'), region: 'global', assumption: true,
  source: { title: 'Assumption: restart of a large job from a checkpoint', date: '2026-11' },
};

/** Discount rate for net present value (weighted average cost of capital). */
export const discountRate: CatalogValue = {
  value: 0.08, low: 0.05, high: 0.12, region: 'us', assumption: true,
  source: { title: 'Assumption: a corporate cost of capital of 8% per year', date: '2026-11' },
};
