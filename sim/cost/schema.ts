/**
 * The scenario's `cost:` section. Every field is optional; what is left out
 * comes from the price catalog (sim/cost/catalog) when the cost is computed,
 * so the report can say which numbers were defaults and cite them.
 */
import { z } from 'zod';
import { nonNegativeQuantity, positiveQuantity } from '../units/zod';

const fraction = (what: string) => z.number().min(0).max(1).meta({ description: what });

export const pricingSchema = z.enum(['on-demand', 'reserved-1y', 'reserved-3y', 'spot']);

export const costSchema = z
  .object({
    mode: z
      .enum(['cloud', 'owned', 'compare'])
      .default('cloud')
      .meta({ description: 'cloud: rent accelerator-hours; owned: buy the cluster; compare: total cost of ownership of buying against each way of renting' }),
    pricing: pricingSchema.default('on-demand').meta({ description: 'How cloud capacity is paid for (cloud mode)' }),
    provider: z.string().optional().meta({ description: 'Preferred cloud provider for catalog prices: aws, azure, gcp, neocloud' }),
    region: z.string().default('us').meta({ description: 'Region for electricity price and grid carbon intensity' }),
    pricePerDeviceHour: positiveQuantity('usdPerHour').optional().meta({ description: 'Override: cloud price of one accelerator for one hour, e.g. 2.5 USD/h' }),
    purchase: z
      .object({
        pricePerNode: positiveQuantity('usd').optional().meta({ description: 'Override: purchase price of one node with its accelerators' }),
        pricePerSwitchPort: nonNegativeQuantity('usd').optional().meta({ description: 'Override: one switch port' }),
        pricePerNic: nonNegativeQuantity('usd').optional().meta({ description: 'Override: one NIC (0 when the node price includes it)' }),
        storagePerTB: nonNegativeQuantity('usd').optional().meta({ description: 'Override: bought storage per TB (1e12 bytes)' }),
      })
      .strict()
      .default({})
      .meta({ description: 'Purchase prices for owning (owned and compare modes)' }),
    years: z.number().positive().max(20).default(3).meta({ description: 'Horizon of the total cost of ownership, years' }),
    discountRate: z.number().min(0).max(1).optional().meta({ description: 'Annual discount rate for net present value (default from the catalog)' }),
    utilization: fraction('Fraction of owned or committed capacity-hours doing useful work; idle hours are charged to the work').default(1),
    depreciationYears: z.number().positive().max(20).optional().meta({ description: 'Straight-line depreciation life of bought hardware (default from the catalog)' }),
    electricityPrice: positiveQuantity('usdPerEnergy').optional().meta({ description: 'e.g. 0.08 USD/kWh (default: catalog price for the region)' }),
    pue: z.number().min(1).max(3).optional().meta({ description: 'Power usage effectiveness of the facility (default: industry average owned, hyperscale for cloud)' }),
    carbonIntensity: nonNegativeQuantity('carbonIntensity').optional().meta({ description: 'e.g. 390 gCO2/kWh (default: catalog grid intensity for the region)' }),
    operationsOverhead: z.number().min(0).max(2).optional().meta({ description: 'Operations per year as a fraction of the purchase price (default from the catalog)' }),
    powerLoadFactor: fraction('Fraction of node full-load power drawn while busy').optional(),
    spotInterruptionsPerMonth: z.number().min(0).max(30).optional().meta({ description: 'Spot reclaims per instance per month (default from the catalog)' }),
    checkpointInterval: positiveQuantity('time').optional().meta({ description: 'Time between checkpoints; half of it is lost per spot interruption (default 1 h)' }),
    delayValuePerDay: nonNegativeQuantity('usd').optional().meta({ description: 'Value of one day of time-to-market, USD per day of delay' }),
    deadline: positiveQuantity('time').optional().meta({ description: 'When the result is needed, e.g. 60 days; later finishes are charged delayValuePerDay' }),
    slip: nonNegativeQuantity('time').optional().meta({ description: 'A known delivery slip, e.g. 30 days, charged delayValuePerDay' }),
    storage: z
      .enum(['auto', 'capacity', 'none'])
      .default('auto')
      .meta({ description: 'Charge the parallel file system / HDFS by capacity: auto = when owning or comparing (buying it is part of the cluster), not for cloud runs; capacity = always; none = never' }),
    sensitivity: z.boolean().default(true).meta({ description: 'Compute which inputs move the total most (tornado)' }),
  })
  .strict()
  .meta({ description: 'How to price the run: renting, owning, or comparing both' });

export type CostInput = z.output<typeof costSchema>;
export type CostInputRaw = z.input<typeof costSchema>;
