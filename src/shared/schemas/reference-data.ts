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

/** A unit price of an asset type: greater than 0. */
export const AssetUnitPriceSchema = z.number().positive('must be greater than 0').max(1e12, 'is too large');

/** One year's unit price of an asset type, in the tenant's currency and/or in US dollars. */
export const AssetPriceSchema = z
  .object({
    year: z.number().int(),
    unitPrice: z.number().nullable().meta({ description: "In the tenant's currency" }),
    unitPriceUsd: z.number().nullable().meta({ description: 'In US dollars' }),
  })
  .meta({ id: 'AssetPrice' });

/** An asset type with its DesInventar-Sendai valuation parameters and unit prices by year. */
export const AssetTypeSchema = z
  .object({
    id: z.number().int(),
    code: z.string().meta({ description: 'The DesInventar element key for imported or default asset types' }),
    names: z.record(z.string(), z.string()),
    sector: z.string().nullable(),
    indicator: z
      .string()
      .nullable()
      .meta({ description: 'Sendai Framework Monitor indicator, e.g. C-2C, C-4, D-2' }),
    isicCode: z.string().nullable(),
    faoCode: z.string().nullable(),
    unit: z.string().nullable(),
    measurement: z.string().nullable(),
    averageSize: z.number().nullable(),
    damageRatio: z.number().nullable(),
    infrastructureFactor: z.number().nullable(),
    equipmentFactor: z.number().nullable(),
    unitPrice: z
      .number()
      .nullable()
      .meta({ description: 'Price of any year without its own, in the tenant currency' }),
    unitPriceUsd: z.number().nullable(),
    prices: z.array(AssetPriceSchema),
    version: z.number().int(),
    updatedAt: z.string(),
  })
  .meta({ id: 'AssetType' });

/** An asset type (TypeScript view). */
export type AssetType = z.infer<typeof AssetTypeSchema>;

/** One year's price to store: at least one of the two. */
export const AssetPriceInputSchema = z
  .strictObject({
    year: BaselineYearSchema,
    unitPrice: AssetUnitPriceSchema.nullable().meta({ description: "In the tenant's currency" }),
    unitPriceUsd: AssetUnitPriceSchema.nullable().optional().meta({ description: 'In US dollars' }),
  })
  .refine((p) => p.unitPrice !== null || (p.unitPriceUsd ?? null) !== null, {
    message: 'give unitPrice or unitPriceUsd',
    path: ['unitPrice'],
  });

/** Body of PUT …/asset-types/{id}/prices: the type's prices become exactly these years. */
export const AssetPricesPutSchema = z
  .strictObject({
    prices: z.array(AssetPriceInputSchema).max(500),
    version: z.number().int().min(1).meta({ description: 'The version of the asset type read last' }),
  })
  .meta({ id: 'AssetPricesPut' });
