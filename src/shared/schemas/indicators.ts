/** Query and response schemas of the Sendai / SDG indicator endpoints (also used by the CLI). */
import { z } from 'zod';
import type { MoneyBasis } from '../money.ts';
import { DATACARD_STATUS_VALUES, type DatacardStatus } from '../status.ts';

/** Disaggregations a caller can ask for besides the national total. */
export const INDICATOR_DIMENSIONS = [
  'hazardType',
  'hazardCluster',
  'hazard',
  'geo',
  'sex',
  'age',
  'disability',
  'income',
  'damage',
  'subIndicator',
] as const;
/** One disaggregation dimension. */
export type IndicatorDimension = (typeof INDICATOR_DIMENSIONS)[number];

/** Flags a value can carry: why it is an estimate, incomplete or has no rate. */
export const INDICATOR_FLAGS = [
  'estimate',
  'default_household_size',
  'missing_denominator',
  'unquantified',
  'unvalued',
  'converted',
  'missing_exchange_rate',
  'inconsistent_disaggregation',
  'deflated',
  'missing_cpi',
] as const;
/** One flag. */
export type IndicatorFlag = (typeof INDICATOR_FLAGS)[number];

/** Most years one request may cover. */
export const MAX_INDICATOR_YEARS = 200;

const isStatusList = (s: string) =>
  s === 'all' || s.split(',').every((x) => DATACARD_STATUS_VALUES.includes(x as DatacardStatus));
const isDimensionList = (s: string) =>
  s === '' ||
  s === 'all' ||
  s.split(',').every((x) => INDICATOR_DIMENSIONS.includes(x as IndicatorDimension));
const year = z.coerce.number().int().min(1000).max(9999);

/** Query parameters: year range, card states, disaggregations. */
export const IndicatorQuerySchema = z
  .object({
    from: year.optional().meta({ description: 'First year (default: the first year with cards)' }),
    to: year.optional().meta({ description: 'Last year (default: the last year with cards)' }),
    status: z
      .string()
      .refine(isStatusList, `'all' or a comma-separated list of ${DATACARD_STATUS_VALUES.join(', ')}`)
      .default('published')
      .meta({ description: "Card states that count: 'all' or a list such as published,submitted" }),
    by: z
      .string()
      .refine(isDimensionList, `'all' or a comma-separated list of ${INDICATOR_DIMENSIONS.join(', ')}`)
      .default('')
      .meta({ description: `Disaggregations besides the total: 'all' or a list of ${INDICATOR_DIMENSIONS}` }),
    money: z
      .string()
      .optional()
      .meta({
        description:
          'Money of C-1..C-6 as currency[,basis[,baseYear]]: local or usd, nominal or constant ' +
          '(usd,constant,2015; usd,2015 = constant 2015 prices). Default: local currency, nominal',
        example: 'usd,constant,2015',
      }),
  })
  .refine((q) => q.from === undefined || q.to === undefined || q.from <= q.to, {
    path: ['to'],
    message: 'must not be before from',
  })
  .refine((q) => q.from === undefined || q.to === undefined || q.to - q.from < MAX_INDICATOR_YEARS, {
    path: ['to'],
    message: `at most ${MAX_INDICATOR_YEARS} years per request`,
  });
/** Parsed query parameters. */
export type IndicatorQuery = z.infer<typeof IndicatorQuerySchema>;

/** What the indicator engine is asked for. */
export interface IndicatorOptions {
  from?: number;
  to?: number;
  /** Card states that count; 'all' = every state. */
  status: DatacardStatus[] | 'all';
  by: IndicatorDimension[];
  /** Currency and price basis of the money indicators; default local currency at nominal prices. */
  money?: MoneyBasis;
}

/** Turn validated query parameters into engine options. */
export function indicatorOptions(query: IndicatorQuery): IndicatorOptions {
  const list = (s: string) => s.split(',').filter((x) => x !== '');
  return {
    from: query.from,
    to: query.to,
    status: query.status === 'all' ? 'all' : [...new Set(list(query.status) as DatacardStatus[])],
    by: query.by === 'all' ? [...INDICATOR_DIMENSIONS] : [...new Set(list(query.by) as IndicatorDimension[])],
  };
}

/** One value: indicator x year x disaggregation (the Sendai Framework Monitor's grain). */
export const IndicatorRowSchema = z
  .object({
    indicator: z.string().meta({ example: 'A-1' }),
    year: z.number().int(),
    dimension: z.string().meta({ description: "'total' or a disaggregation dimension", example: 'sex' }),
    category: z.string().meta({ description: "'all' for totals", example: 'female' }),
    value: z.number().nullable().meta({ description: 'null when the denominator is missing' }),
    numerator: z.number(),
    denominator: z.number().nullable(),
    unit: z
      .string()
      .meta({ description: 'per_100000, percent_of_gdp, persons, facilities, … or a currency' }),
    flags: z.array(z.enum(INDICATOR_FLAGS)),
  })
  .meta({ id: 'IndicatorRow' });
/** One indicator value. */
export type IndicatorRow = z.infer<typeof IndicatorRowSchema>;

/** An indicator's definition as the report lists it. */
export const IndicatorDefinitionSchema = z
  .object({ code: z.string(), title: z.string(), formula: z.string(), unit: z.string() })
  .meta({ id: 'IndicatorDefinition' });

/** The money basis a report used, present when it is not the default (local currency, nominal). */
export const IndicatorMoneySchema = z
  .object({
    currency: z.enum(['local', 'usd']),
    currencyCode: z.string().meta({ description: 'ISO 4217 code of the amounts', example: 'USD' }),
    basis: z.enum(['nominal', 'constant']),
    baseYear: z.number().int().nullable(),
  })
  .meta({ id: 'IndicatorMoney' });

/** The indicator report: parameters, definitions, rows. */
export const IndicatorReportSchema = z
  .object({
    tenant: z.string(),
    currency: z
      .string()
      .meta({ description: 'Money of the amounts and its basis', example: 'USD (constant 2015)' }),
    money: IndicatorMoneySchema.optional(),
    from: z.number().int().nullable(),
    to: z.number().int().nullable(),
    status: z.union([z.literal('all'), z.array(z.enum(DATACARD_STATUS_VALUES))]),
    by: z.array(z.enum(INDICATOR_DIMENSIONS)),
    definitions: z.array(IndicatorDefinitionSchema),
    rows: z.array(IndicatorRowSchema),
  })
  .meta({ id: 'IndicatorReport' });
/** The indicator report. */
export type IndicatorReport = z.infer<typeof IndicatorReportSchema>;
