/**
 * Shapes of the price catalog. Every number is SI (USD, USD per hour, USD per
 * joule, kg CO2 per joule) and carries where it came from, when, and for which
 * region. `disputed` keeps disagreements between sources visible instead of
 * averaging them away; `assumption` marks a number we chose, not one we read.
 */
import type { Source } from '../../hardware/types';

export type Provider = 'aws' | 'azure' | 'gcp' | 'neocloud';
export type Pricing = 'on-demand' | 'reserved-1y' | 'reserved-3y' | 'spot';

export interface CatalogValue {
  value: number;
  /** Range reported by the sources, same unit as value. */
  low?: number;
  high?: number;
  region: string;
  source: Source;
  /** Sources disagree: what the other figure is and why we did not use it. */
  disputed?: string;
  /** True when the figure is our assumption rather than a published number. */
  assumption?: boolean;
}

/** Price of one accelerator for one hour at a cloud, USD/h (instance price divided by its devices). */
export interface CloudPrice extends CatalogValue {
  provider: Provider;
  device: string;
  pricing: Pricing;
  instance?: string;
  devicesPerInstance?: number;
}

/** Purchase price of one accelerator (without the server around it), USD. */
export interface DevicePurchasePrice extends CatalogValue {
  device: string;
}

/** Purchase price of a whole node (server with its devices, CPUs, NICs), USD. */
export interface NodePurchasePrice extends CatalogValue {
  node: string;
}
