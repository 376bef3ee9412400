/**
 * Lookups into the price catalog. Each returns the value with its catalog
 * entry, so callers can cite it; a fallback says in words what it did.
 */
import { cloudPrices, commitmentDiscounts, spotDiscount } from './cloud';
import { devicePurchasePrices, nodePurchasePrices, serverPlatformPrice } from './purchase';
import type { CatalogValue, CloudPrice, Pricing, Provider } from './types';

export * from './types';
export * from './cloud';
export * from './purchase';
export * from './facility';

export interface Looked<T = CatalogValue> {
  value: number;
  entry?: T;
  /** Set when the value was derived rather than read: what was done. */
  fallback?: string;
  /** Sources of the figures used. */
  sources: CatalogValue['source'][];
}

/** Device ids that share a price row (same silicon, different memory or form factor are NOT merged). */
function providersInOrder(preferred?: string): string[] {
  const all: Provider[] = ['aws', 'neocloud', 'azure', 'gcp'];
  return preferred ? [preferred, ...all.filter((p) => p !== preferred)] : all;
}

/**
 * Price of one device-hour for a device, pricing and (preferred) provider.
 * Order: exact match; the same pricing at another provider; the provider's
 * on-demand price with the published commitment or spot discount applied.
 * Returns undefined when the catalog has no price at all for the device.
 */
export function cloudPricePerDeviceHour(device: string, pricing: Pricing, provider?: string): Looked<CloudPrice> | undefined {
  const rows = cloudPrices.filter((r) => r.device === device);
  if (rows.length === 0) return undefined;
  const order = providersInOrder(provider);
  for (const p of order) {
    const hit = rows.find((r) => r.provider === p && r.pricing === pricing);
    if (hit) {
      const fallback = provider && p !== provider ? `no ${pricing} price for ${device} at ${provider}; used ${p}` : undefined;
      return { value: hit.value, entry: hit, fallback, sources: [hit.source] };
    }
  }
  for (const p of order) {
    const od = rows.find((r) => r.provider === p && r.pricing === 'on-demand');
    if (!od) continue;
    const d = pricing === 'spot' ? spotDiscount : commitmentDiscounts[pricing as 'reserved-1y' | 'reserved-3y'];
    return {
      value: od.value * (1 - d.value),
      entry: od,
      fallback: `no ${pricing} price for ${device}; ${p} on-demand ${od.value.toFixed(2)} USD/h less the ${(d.value * 100).toFixed(0)}% ${pricing} discount`,
      sources: [od.source, d.source],
    };
  }
  return undefined;
}

/** Purchase price of one node: listed, else devices x device price + the server platform. */
export function nodePurchasePrice(nodeId: string, deviceId: string, devicesPerNode: number): Looked | undefined {
  const listed = nodePurchasePrices.find((r) => r.node === nodeId);
  if (listed) return { value: listed.value, entry: listed, sources: [listed.source] };
  const dev = devicePurchasePrices.find((r) => r.device === deviceId);
  if (!dev) return undefined;
  return {
    value: devicesPerNode * dev.value + serverPlatformPrice.value,
    entry: dev,
    fallback: `no listed price for node ${nodeId}; ${devicesPerNode} x ${dev.value.toFixed(0)} USD per ${deviceId} + ${serverPlatformPrice.value.toFixed(0)} USD server platform`,
    sources: [dev.source, serverPlatformPrice.source],
  };
}
