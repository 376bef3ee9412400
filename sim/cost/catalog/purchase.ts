/**
 * Purchase prices for owning the hardware: accelerators, whole servers,
 * network ports and storage. Street prices vary by volume and quarter; ranges
 * are kept and disagreements flagged.
 */
import type { CatalogValue, DevicePurchasePrice, NodePurchasePrice } from './types';

const press = (date: string, note?: string) => ({ title: 'Press and reseller reports (specs-and-prices.md leads)', date, note });

export const devicePurchasePrices: DevicePurchasePrice[] = [
  { device: 'h100-sxm', region: 'us', value: 27_500, low: 25_000, high: 30_000, source: press('2024', '25-30k USD per GPU') },
  { device: 'h200-sxm', region: 'us', value: 32_500, low: 30_000, high: 35_000, source: press('2025'), assumption: true, disputed: 'no lead for H200; H100 range plus the HBM3e premium assumed' },
  { device: 'a100-80gb-sxm', region: 'us', value: 12_500, low: 10_000, high: 15_000, source: press('2024-06', 'mid-2024') },
  { device: 'mi300x', region: 'us', value: 12_500, low: 10_000, high: 15_000, source: press('2024') },
  {
    device: 'epyc-9654', region: 'us', value: 11_805,
    source: { title: 'AMD EPYC 9004 launch price list (1,000-unit tray price)', url: 'https://www.amd.com/en/products/processors/server/epyc/4th-generation-9004-and-8004-series/amd-epyc-9654.html', date: '2022-11', note: 'list price at launch; street prices since are lower' },
  },
  {
    device: 'alveo-u280', region: 'us', value: 7_500, low: 6_500, high: 9_500, assumption: true,
    source: { title: 'Assumption: distributor listings for the Alveo U280 (A-U280-P32G), order of magnitude', date: '2026-11', note: 'not verified against a quote' },
    disputed: 'no lead in specs-and-prices.md; supply a quote with cost.purchase.pricePerNode',
  },
  { device: 'gaudi3', region: 'us', value: 125_000 / 8, source: press('2024', 'an 8x Gaudi 3 kit about 125k USD') },
];

export const nodePurchasePrices: NodePurchasePrice[] = [
  {
    node: 'dgx-h100', region: 'us', value: 270_000, low: 199_000, high: 317_000,
    source: { title: 'SemiAnalysis AI server cost analysis, as cited by Epoch AI training-cost-trends', url: 'https://github.com/epoch-research/training-cost-trends', date: '2023-05', note: 'sale price of a DGX H100 estimated at about 270k USD' },
    disputed: 'a 199k USD base list price (supercluster.blog, 2024) and a 317k USD HGX H100 quote with InfiniBand cards (Thinkmate, 2024-08) bracket it',
  },
  {
    // 2 x 11,805 (list CPUs) + 24 x 64 GB DDR5 RDIMM (~300 USD each) + 4 NVMe drives (~1,000) + board, chassis, power, NIC (~6,000).
    node: 'cpu-server', region: 'us', value: 40_000, low: 32_000, high: 50_000, assumption: true,
    source: { title: 'Assumption: two EPYC 9654 at AMD list price plus 1.5 TB DDR5, 4 NVMe drives and a 2U platform at reseller prices', date: '2026-11', note: 'built up from parts; not a vendor quote' },
    disputed: 'configured servers from Dell/HPE/Supermicro resellers vary with memory prices; supply a quote with cost.purchase.pricePerNode',
  },
  {
    // 4 x 7,500 (U280, assumption) + a host like cpu-server with 512 GB (~33,000).
    node: 'fpga-server', region: 'us', value: 63_000, low: 50_000, high: 75_000, assumption: true,
    source: { title: 'Assumption: four Alveo U280 at distributor prices in a dual-EPYC 9654 host with 512 GB', date: '2026-11', note: 'built up from parts; not a vendor quote' },
    disputed: 'the U280 price is itself an assumption; supply a quote with cost.purchase.pricePerNode',
  },
];

/**
 * Non-accelerator parts of an 8-GPU server (CPUs, memory, NICs, NVSwitch
 * baseboard, drives, chassis), for nodes without a listed price:
 * node price = devices x device price + this.
 */
export const serverPlatformPrice: CatalogValue = {
  value: 32_010, region: 'us',
  source: { title: 'SemiAnalysis DGX H100 bill of materials, as summed by Epoch AI training-cost-trends', url: 'https://github.com/epoch-research/training-cost-trends', date: '2023-05', note: 'production cost of the non-GPU parts; a sale price is higher' },
};

/** One switch port at 400 Gb/s (64-port NDR switch price / 64). */
export const switchPortPrice: CatalogValue = {
  value: 36_000 / 64, low: 36_000 / 64, high: 50_000 / 64, region: 'us',
  source: { title: 'GPU cluster cost sheet citing an FS.com 64-port 400G InfiniBand switch', url: 'https://www.fs.com/products/206473.html', date: '2024-08' },
  disputed: 'the NVIDIA-branded switch is about 50k USD (781 USD per port); the FS.com variant is used',
};

/** Cables and transceivers per 400 Gb/s endpoint (network line of the same sheet / GPUs). */
export const cablingPerEndpoint: CatalogValue = {
  value: 2_621_440 / 1024, region: 'us',
  source: { title: 'GPU cluster cost sheet (1,024 H100: connectors and cables 2.62M USD)', date: '2024-08' },
};

/** A 400 Gb/s NIC (ConnectX-7 class). */
export const nicPrice: CatalogValue = {
  value: 2_000, low: 1_500, high: 2_500, region: 'us', assumption: true,
  source: { title: 'Assumption: reseller listings for 400G ConnectX-7 adapters, order of magnitude', date: '2026-11', note: 'not verified against a quote; included in server prices for DGX-class nodes' },
};

/** Parallel file system / NVMe storage bought, USD per byte (quoted per TB). */
export const ownedStoragePerByte: CatalogValue = {
  value: 250 / 1e12, low: 150 / 1e12, high: 400 / 1e12, region: 'us', assumption: true,
  source: { title: 'Assumption: enterprise NVMe flash systems, 150-400 USD per usable TB', date: '2026-11', note: 'clearly an assumption; supply a quote with cost.purchase.storagePerTB' },
};

/** Object storage rented, USD per byte per month, and per request. */
export const objectStorage = {
  perByteMonth: {
    value: 0.023 / 1e9, region: 'us-east-1',
    source: { title: 'Amazon S3 pricing, S3 Standard, first 50 TB / month', url: 'https://aws.amazon.com/s3/pricing/', date: '2022-07' },
  } satisfies CatalogValue,
  perPutRequest: {
    value: 0.005 / 1000, region: 'us-east-1',
    source: { title: 'Amazon S3 pricing, PUT/COPY/POST/LIST per 1,000 requests', url: 'https://aws.amazon.com/s3/pricing/', date: '2024' },
  } satisfies CatalogValue,
  perGetRequest: {
    value: 0.0004 / 1000, region: 'us-east-1',
    source: { title: 'Amazon S3 pricing, GET/SELECT per 1,000 requests', url: 'https://aws.amazon.com/s3/pricing/', date: '2024' },
  } satisfies CatalogValue,
};
