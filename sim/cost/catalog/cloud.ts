/**
 * Cloud accelerator-hour prices, USD per device-hour (the instance's hourly
 * price divided by its accelerators). Snapshots: dates differ, prices move.
 * Leads from /work/shared/reference/specs-and-prices.md (gathered 2026-11),
 * which names the provider pages below; re-check before a purchase decision.
 */
import type { CloudPrice } from './types';

const awsEc2 = (date: string, note?: string) => ({ title: 'Amazon EC2 pricing / AWS price announcements', url: 'https://aws.amazon.com/ec2/pricing/', date, note });
const azureVm = { title: 'Azure Linux Virtual Machines pricing', url: 'https://azure.microsoft.com/pricing/details/virtual-machines/linux/', date: '2026-11' };
const gcpTpu = { title: 'Third-party summaries of Cloud TPU pricing', url: 'https://cloud.google.com/tpu/pricing', date: '2026-11', note: 'not confirmed on the Google page' };
const neo = { title: 'Neocloud and GPU marketplace price pages', date: '2026-11', note: 'several providers, 2025-2026' };

export const cloudPrices: CloudPrice[] = [
  // H100 SXM: p5.48xlarge, 8 devices.
  {
    provider: 'aws', device: 'h100-sxm', pricing: 'on-demand', instance: 'p5.48xlarge', devicesPerInstance: 8, region: 'us-east-1',
    value: 55.04 / 8, source: awsEc2('2025-06', 'price after the June 2025 cut'),
    disputed: 'the 2023 list price was 98.32 USD/h per instance (12.29 per GPU); the June 2025 cut is used',
  },
  {
    provider: 'aws', device: 'h100-sxm', pricing: 'reserved-1y', instance: 'p5.48xlarge', devicesPerInstance: 8, region: 'us-east-1',
    value: 52 / 8, source: awsEc2('2023', '1-year commitment, effective hourly at the old list'),
    disputed: 'quoted against the 2023 list; a 1-year commitment after the 2025 cut is likely lower',
  },
  {
    provider: 'aws', device: 'h100-sxm', pricing: 'spot', instance: 'p5.48xlarge', devicesPerInstance: 8, region: 'us-east-1',
    // "50-65% below on demand": the midpoint discount, range kept.
    value: (55.04 / 8) * (1 - 0.575), low: (55.04 / 8) * 0.35, high: (55.04 / 8) * 0.5, source: awsEc2('2025', '50-65% below on demand'),
  },
  // H200 SXM: p5en.48xlarge, 8 devices.
  { provider: 'aws', device: 'h200-sxm', pricing: 'on-demand', instance: 'p5en.48xlarge', devicesPerInstance: 8, region: 'us-east-1', value: 63.3 / 8, source: awsEc2('2026') },
  {
    provider: 'aws', device: 'h200-sxm', pricing: 'spot', instance: 'p5en.48xlarge', devicesPerInstance: 8, region: 'us-east-1',
    value: 26.885 / 8, low: 26.57 / 8, high: 27.2 / 8, source: awsEc2('2026', '26.57-27.20 USD/h per instance'),
  },
  // A100 40 GB: p4d.24xlarge, 8 devices.
  {
    provider: 'aws', device: 'a100-40gb-sxm', pricing: 'on-demand', instance: 'p4d.24xlarge', devicesPerInstance: 8, region: 'us-east-1',
    value: 21.96 / 8, source: awsEc2('2026'), disputed: 'older list price 32.77 USD/h per instance',
  },
  { provider: 'aws', device: 'a100-40gb-sxm', pricing: 'reserved-1y', instance: 'p4d.24xlarge', devicesPerInstance: 8, region: 'us-east-1', value: 20.18 / 8, source: awsEc2('2026', '1-year reserved instance') },
  { provider: 'aws', device: 'a100-40gb-sxm', pricing: 'reserved-3y', instance: 'p4d.24xlarge', devicesPerInstance: 8, region: 'us-east-1', value: 12.5 / 8, source: awsEc2('2026', '3-year reserved instance') },
  { provider: 'aws', device: 'a100-40gb-sxm', pricing: 'spot', instance: 'p4d.24xlarge', devicesPerInstance: 8, region: 'us-east-1', value: 13.66 / 8, source: awsEc2('2026') },
  // A100 80 GB: p4de.24xlarge, 8 devices.
  { provider: 'aws', device: 'a100-80gb-sxm', pricing: 'on-demand', instance: 'p4de.24xlarge', devicesPerInstance: 8, region: 'us-east-1', value: 27.45 / 8, source: awsEc2('2026') },
  // Azure single-GPU VMs (PCIe / NVL parts, not SXM).
  { provider: 'azure', device: 'h100-nvl', pricing: 'on-demand', instance: 'NC40ads H100 v5', devicesPerInstance: 1, region: 'us', value: 6.98, source: azureVm },
  { provider: 'azure', device: 'a100-80gb-pcie', pricing: 'on-demand', instance: 'NC24ads A100 v4', devicesPerInstance: 1, region: 'us', value: 3.673, source: azureVm },
  // Google Cloud TPU, per chip.
  { provider: 'gcp', device: 'tpu-v5e', pricing: 'on-demand', region: 'us', value: 1.2, source: gcpTpu, disputed: 'figure from third-party summaries, marked "verify" in the leads' },
  { provider: 'gcp', device: 'tpu-v5p', pricing: 'on-demand', region: 'us', value: 4.2, source: gcpTpu, disputed: 'figure from third-party summaries, marked "verify" in the leads' },
  // CPUs, per socket: m7a.48xlarge is 2 sockets of AMD EPYC 9R14 (Genoa, 96 cores, SMT off, 192 vCPUs, 768 GiB).
  {
    provider: 'aws', device: 'epyc-9654', pricing: 'on-demand', instance: 'm7a.48xlarge', devicesPerInstance: 2, region: 'us-east-1',
    value: 11.12832 / 2, source: awsEc2('2023-08', 'm7a launch price, Linux, 0.11592 USD/h per m7a.large (2 vCPUs) x 96'),
    disputed: 'proxy: the 9R14 is AWS\'s 96-core Genoa variant of the 9654; the cpu-server node has 1.5 TB, which on AWS is r7a.48xlarge (memory-optimised, about 31% more per hour); c7a.48xlarge (384 GiB) is about 11% less',
  },
  // FPGAs, per card: no cloud rents the Alveo U280. f1.2xlarge has one Virtex UltraScale+ VU9P with DDR4 (no HBM).
  {
    provider: 'aws', device: 'alveo-u280', pricing: 'on-demand', instance: 'f1.2xlarge', devicesPerInstance: 1, region: 'us-east-1',
    value: 1.65, source: awsEc2('2017-04', 'f1.2xlarge launch price, 1 FPGA; f1.16xlarge 13.20 USD/h for 8'),
    disputed: 'proxy: F1 rents a VU9P (DDR4, no HBM) and is being replaced by F2 (VU47P with HBM, closer to the U280); price the FPGA as owned (cost.mode: owned) for the U280 itself',
  },
  // Neoclouds, per GPU.
  { provider: 'neocloud', device: 'h100-sxm', pricing: 'on-demand', region: 'us', value: (2.23 + 2.85) / 2, low: 2.23, high: 2.85, source: neo },
  { provider: 'neocloud', device: 'h100-sxm', pricing: 'reserved-1y', region: 'us', value: 1.79, source: neo },
  { provider: 'neocloud', device: 'h100-sxm', pricing: 'spot', region: 'us', value: 1.49, source: { ...neo, note: 'GPU marketplaces' } },
  { provider: 'neocloud', device: 'mi300x', pricing: 'on-demand', region: 'us', value: (1.71 + 1.85) / 2, low: 1.71, high: 1.85, source: neo },
];

/**
 * Commitment discounts off on-demand, used only where a provider publishes no
 * commitment price for a device (the cost model warns when it does this).
 */
export const commitmentDiscounts: Record<'reserved-1y' | 'reserved-3y', { value: number; source: { title: string; url: string; date: string; note: string } }> = {
  // AWS p4d: 1-y RI 20.18 vs 21.96 on demand is 8%; Savings Plans say "up to 66-72%" for 3 years.
  'reserved-1y': { value: 1 - 20.18 / 21.96, source: { title: 'AWS p4d.24xlarge 1-year RI vs on demand', url: 'https://aws.amazon.com/ec2/pricing/', date: '2026-11', note: 'ratio of two published prices' } },
  'reserved-3y': { value: 1 - 12.5 / 21.96, source: { title: 'AWS p4d.24xlarge 3-year RI vs on demand', url: 'https://aws.amazon.com/ec2/pricing/', date: '2026-11', note: 'ratio of two published prices; Savings Plans FAQ says up to 66% (Compute) / 72% (EC2 Instance)' } },
};

/** Spot discount off on-demand where no spot price is listed: AWS says 50-65% below on demand for P5. */
export const spotDiscount = { value: 0.575, low: 0.5, high: 0.65, source: { title: 'AWS spot pricing for P5 (leads)', url: 'https://aws.amazon.com/ec2/spot/pricing/', date: '2025', note: 'midpoint of 50-65%' } };
