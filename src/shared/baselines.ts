/**
 * Baseline (denominator) metrics: the names stored in baselines.metric, what each measures, and
 * the zod schema that every writer (API, CSV import) validates a value with. DesInventar imports
 * may add other keys (di_metadata_<key>); readers must tolerate them.
 */
import { z } from 'zod';

/** How a metric's value is checked: counts are whole, money may carry a US dollar twin. */
export type BaselineKind = 'count' | 'money' | 'ratio' | 'percent';

/** One metric: its kind and what it means (value in local currency, value_usd in US dollars). */
export interface BaselineMetricDef {
  kind: BaselineKind;
  description: string;
}

/** Every metric LossLedger writes and reads (Sendai denominators and DesInventar metadata_national). */
export const BASELINE_METRICS = {
  population: { kind: 'count', description: 'Total population (Sendai A-1, B-1 denominators)' },
  population_female: { kind: 'count', description: 'Female population' },
  population_male: { kind: 'count', description: 'Male population' },
  population_0_14: { kind: 'count', description: 'Population aged 0-14' },
  population_15_64: { kind: 'count', description: 'Population aged 15-64' },
  population_65_plus: { kind: 'count', description: 'Population aged 65 and over' },
  population_disabled: { kind: 'count', description: 'Persons with disabilities' },
  population_poor: { kind: 'count', description: 'Persons below the national poverty line' },
  gdp: {
    kind: 'money',
    description: 'Gross domestic product at current prices: value in local currency, value_usd in US dollars',
  },
  households: { kind: 'count', description: 'Number of households' },
  persons_per_household: {
    kind: 'ratio',
    description: 'Average persons per household (the Sendai method assumes 4 when absent)',
  },
  exchange_rate: {
    kind: 'ratio',
    description:
      'Local currency units per US dollar (DesInventar exrate); used where the global exchange_rates table has no rate',
  },
  roads_paved_pct: { kind: 'percent', description: 'Share of the road network that is paved, in percent' },
} as const satisfies Record<string, BaselineMetricDef>;

/** A known baseline metric name. */
export type BaselineMetric = keyof typeof BASELINE_METRICS;

/** The metric names, for z.enum and documentation. */
export const BASELINE_METRIC_NAMES = Object.keys(BASELINE_METRICS) as [BaselineMetric, ...BaselineMetric[]];

/** A known metric name. */
export const BaselineMetricSchema = z.enum(BASELINE_METRIC_NAMES, {
  error: `must be one of ${BASELINE_METRIC_NAMES.join(', ')}`,
});

/** Years a denominator can describe. */
export const BaselineYearSchema = z
  .number()
  .int('must be a whole year')
  .min(1800, 'must be 1800 or later')
  .max(2200, 'must be 2200 or earlier');

const amount = z.number().min(0, 'must not be negative').max(1e16, 'is too large');

/**
 * One baseline value to write. Absent value or valueUsd keeps what is stored; null clears it
 * (a baseline left with neither is removed).
 */
export const BaselineValueSchema = z
  .strictObject({
    /** Null or absent: national. */
    unitCode: z.string().trim().min(1).max(100).nullable().optional(),
    year: BaselineYearSchema,
    metric: BaselineMetricSchema,
    value: amount.nullable().optional(),
    valueUsd: amount.nullable().optional(),
    source: z.string().trim().max(500).nullable().optional(),
  })
  .superRefine((v, ctx) => {
    const kind: BaselineKind = BASELINE_METRICS[v.metric].kind;
    if (v.value === undefined && v.valueUsd === undefined)
      ctx.addIssue({ code: 'custom', path: ['value'], message: 'give value or valueUsd' });
    if (kind !== 'money' && v.valueUsd !== undefined && v.valueUsd !== null)
      ctx.addIssue({
        code: 'custom',
        path: ['valueUsd'],
        message: `${v.metric} is not money: give value only`,
      });
    if (kind === 'count' && typeof v.value === 'number' && !Number.isInteger(v.value))
      ctx.addIssue({
        code: 'custom',
        path: ['value'],
        message: `${v.metric} is a count: must be a whole number`,
      });
    if (kind === 'percent' && typeof v.value === 'number' && v.value > 100)
      ctx.addIssue({ code: 'custom', path: ['value'], message: 'is a percentage: must be at most 100' });
  })
  .meta({ id: 'BaselineValue' });

/** A validated baseline value. */
export type BaselineValue = z.infer<typeof BaselineValueSchema>;
