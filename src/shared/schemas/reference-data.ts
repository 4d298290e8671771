/** API schemas of reference data: baselines (per tenant), exchange rates and CPI (global). */
import { z } from 'zod';
import { BaselineValueSchema, BaselineYearSchema } from '../baselines.ts';

const yearQuery = z.coerce.number().int().min(1800).max(2200).optional();
const iso3 = (what: string, example: string) =>
  z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]{3}$/, `must be an ${what} code such as ${example}`);

/** An ISO 4217 currency code (upper-cased). */
export const CurrencyCodeSchema = iso3('ISO 4217', 'KZT');
/** An ISO 3166-1 alpha-3 country code (upper-cased). */
export const CountryCodeSchema = iso3('ISO 3166-1 alpha-3', 'KAZ');

/** A stored baseline value. */
export const BaselineSchema = z
  .object({
    unitCode: z.string().nullable(),
    year: z.number().int(),
    metric: z.string(),
    value: z.number().nullable(),
    valueUsd: z.number().nullable(),
    source: z.string().nullable(),
    updatedAt: z.string(),
  })
  .meta({ id: 'Baseline' });

/** A stored baseline (TypeScript view). */
export type Baseline = z.infer<typeof BaselineSchema>;

/** Query of GET /baselines. */
export const BaselineQuerySchema = z.object({
  metric: z.string().max(100).optional(),
  unit: z.string().max(100).optional().meta({ description: 'A unit code; "national" for national values' }),
  yearFrom: yearQuery,
  yearTo: yearQuery,
});

/** Body of PUT /baselines: values upserted by (unit, year, metric); values not listed are kept. */
export const BaselinePutSchema = z
  .strictObject({ values: z.array(BaselineValueSchema).min(1).max(5000) })
  .meta({ id: 'BaselinePut' });

/** What a baseline write did. */
export const BaselineWriteResultSchema = z
  .object({
    total: z.number().int(),
    created: z.number().int(),
    updated: z.number().int(),
    unchanged: z.number().int(),
    deleted: z.number().int(),
  })
  .meta({ id: 'BaselineWriteResult' });

/** One exchange rate to store. */
export const ExchangeRateInputSchema = z.strictObject({
  currency: CurrencyCodeSchema,
  year: BaselineYearSchema,
  perUsd: z.number().positive('must be greater than 0').max(1e12, 'is too large'),
  source: z.string().trim().max(500).nullable(),
});

/** A stored exchange rate: local currency units per US dollar in the year. */
export const ExchangeRateSchema = z
  .object({ currency: z.string(), year: z.number().int(), perUsd: z.number(), source: z.string().nullable() })
  .meta({ id: 'ExchangeRate' });

/** Query of GET /api/exchange-rates. */
export const ExchangeRateQuerySchema = z.object({
  currency: CurrencyCodeSchema.optional(),
  yearFrom: yearQuery,
  yearTo: yearQuery,
});

/** One CPI value to store. */
export const CpiInputSchema = z.strictObject({
  country: CountryCodeSchema,
  year: BaselineYearSchema,
  value: z.number().positive('must be greater than 0').max(1e12, 'is too large'),
  baseYear: BaselineYearSchema.nullable(),
  source: z.string().trim().max(500).nullable(),
});

/** A stored consumer price index value. */
export const CpiSchema = z
  .object({
    country: z.string(),
    year: z.number().int(),
    value: z.number(),
    baseYear: z.number().int().nullable(),
    source: z.string().nullable(),
  })
  .meta({ id: 'Cpi' });

/** Query of GET /api/cpi. */
export const CpiQuerySchema = z.object({
  country: CountryCodeSchema.optional(),
  yearFrom: yearQuery,
  yearTo: yearQuery,
});

/** What an exchange-rate or CPI import did. */
export interface ReferenceImportResult {
  total: number;
  created: number;
  updated: number;
  unchanged: number;
}
