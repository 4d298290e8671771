/**
 * Analytics API schemas: the bodies of /query/{list|totals|statistics|crosstab|timeseries|map}
 * (each carries a filter spec, see filter.ts) and their results.
 */
import { z } from 'zod';
import { MoneyBasisSchema, MoneyResultSchema } from '../money.ts';
import { DATACARD_STATUS_VALUES } from '../status.ts';
import { FilterSchema } from './filter.ts';

/** A dimension name; geo<k> groups by the card's unit at level k. */
export const DimensionSchema = z.string().min(1).max(40).meta({
  description:
    'event, hazard, hazardType, hazardCluster, cause, geo<k> (ancestor at level k), year, month, decade, season, status, disaster (the cards of a disaster event together, a card without one alone)',
  example: 'event',
});

/** A measure: count, a field (its sum), or fn:field with fn sum|avg|max|min|count. */
export const MeasureSchema = z.string().min(1).max(100).meta({
  description:
    '\'count\' (cards), a numeric field or extra.KEY (its sum), or fn:field with fn sum, avg, max, min or count (cards with the field > 0 or its "there were" flag)',
  example: 'deaths',
});

const measures = z.array(MeasureSchema).min(1).max(40);
const Order = z.enum(['asc', 'desc']);
/** Loss measures and columns in local currency or USD, nominal or constant; absent = as stored. */
const money = MoneyBasisSchema.optional();
/** geo<k>, maps and the profile's top-level units: by the unit valid at each card's date, or re-aggregated onto today's units. */
const geography = z.enum(['historical', 'current']).optional().meta({
  description:
    "historical (the default): the unit valid at the card's date; current: today's unit succeeding it (a card of a split unit goes to the successor holding its lower-level unit or point, else stays under the historical unit)",
});

/** Output options of each query kind (everything but the filter), shared with saved queries. */
export const QUERY_OPTIONS = {
  totals: { money },
  statistics: {
    money,
    geography,
    by: z.array(DimensionSchema).max(3).default([]),
    measures,
    sort: z
      .strictObject({
        by: z.string().meta({ description: 'A measure key or dimension name' }),
        order: Order.default('desc'),
      })
      .optional()
      .meta({ description: 'Sort first by this; rows are otherwise in dimension order' }),
    limit: z.number().int().min(1).max(100_000).optional(),
  },
  crosstab: { rows: DimensionSchema, columns: DimensionSchema, measure: MeasureSchema, money, geography },
  timeseries: { interval: z.enum(['year', 'month']).default('year'), measures, money },
  map: {
    money,
    geography,
    level: z.number().int().min(1).max(20).default(1),
    measures,
    geometry: z.boolean().default(true).meta({ description: "Include the units' boundaries" }),
  },
  list: {
    money,
    columns: z.array(z.string().min(1).max(100)).min(1).max(200).optional().meta({
      description:
        'Column keys: registry fields, <effect>_present, eventTypeName, geoUnitCode, level<k>Name, extra.KEY…',
    }),
    sort: z.string().min(1).max(100).default('startDate'),
    order: Order.default('desc'),
    pageSize: z.number().int().min(1).max(1000).default(50),
    page: z
      .number()
      .int()
      .min(1)
      .max(1_000_000)
      .default(1)
      .meta({ description: 'Ignored when cursor is given' }),
    cursor: z
      .string()
      .max(2000)
      .optional()
      .meta({ description: 'nextCursor of the previous page (keyset paging)' }),
  },
} as const;

/** The query kinds: /query/{kind}. */
export const QUERY_KINDS = ['list', 'totals', 'statistics', 'crosstab', 'timeseries', 'map'] as const;
/** A query kind. */
export type QueryKind = (typeof QUERY_KINDS)[number];

const body = <K extends QueryKind>(kind: K, id: string) =>
  z.strictObject({ filter: FilterSchema.optional(), ...QUERY_OPTIONS[kind] }).meta({ id });

/** Body of POST /query/totals. */
export const TotalsQuerySchema = body('totals', 'TotalsQuery');
/** Body of POST /query/statistics. */
export const StatisticsQuerySchema = body('statistics', 'StatisticsQuery');
/** A statistics query. */
export type StatisticsQuery = z.infer<typeof StatisticsQuerySchema>;
/** Body of POST /query/crosstab. */
export const CrosstabQuerySchema = body('crosstab', 'CrosstabQuery');
/** A cross-tab query. */
export type CrosstabQuery = z.infer<typeof CrosstabQuerySchema>;
/** Body of POST /query/timeseries. */
export const TimeseriesQuerySchema = body('timeseries', 'TimeseriesQuery');
/** A time-series query. */
export type TimeseriesQuery = z.infer<typeof TimeseriesQuerySchema>;
/** Body of POST /query/map. */
export const MapQuerySchema = body('map', 'MapQuery');
/** A map query. */
export type MapQuery = z.infer<typeof MapQuerySchema>;
/** Body of POST /query/list. */
export const ListQuerySchema = body('list', 'ListQuery');
/** A list query. */
export type ListQuery = z.infer<typeof ListQuerySchema>;

/** The body schema of each kind. */
export const QUERY_SCHEMAS = {
  list: ListQuerySchema,
  totals: TotalsQuerySchema,
  statistics: StatisticsQuerySchema,
  crosstab: CrosstabQuerySchema,
  timeseries: TimeseriesQuerySchema,
  map: MapQuerySchema,
} as const;

const Value = z.union([z.string(), z.number(), z.boolean(), z.null()]);
const Values = z.record(z.string(), z.unknown());
const NumberOrNull = z.number().nullable();
/** Present when the query chose a money basis and the result shows losses. */
const MoneyResult = MoneyResultSchema.optional();

/** Totals under a filter. */
export const TotalsResultSchema = z
  .object({
    cards: z.number().int(),
    sums: z.record(z.string(), z.number()),
    cardsWith: z
      .record(z.string(), z.number().int())
      .meta({ description: 'Cards with each effect (> 0 or flag)' }),
    money: MoneyResult,
  })
  .meta({ id: 'TotalsResult' });

/** Statistics rows. */
export const StatisticsResultSchema = z
  .object({
    dimensions: z.array(z.string()),
    measures: z.array(z.string()),
    rows: z.array(z.record(z.string(), Value)),
    keys: z.array(z.record(z.string(), Value)).meta({ description: 'Ids and codes behind each row' }),
    money: MoneyResult,
  })
  .meta({ id: 'StatisticsResult' });

/** A cross-tab. */
export const CrosstabResultSchema = z
  .object({
    rowDimension: z.string(),
    columnDimension: z.string(),
    measure: z.string(),
    columns: z.array(z.object({ key: Value, label: Value })),
    rows: z.array(z.object({ key: Value, label: Value, cells: z.array(NumberOrNull), total: NumberOrNull })),
    columnTotals: z.array(NumberOrNull),
    total: NumberOrNull,
    money: MoneyResult,
  })
  .meta({ id: 'CrosstabResult' });

/** A time series. */
export const TimeseriesResultSchema = z
  .object({
    interval: z.enum(['year', 'month']),
    measures: z.array(z.string()),
    points: z.array(Values).meta({ description: 'period (YYYY or YYYY-MM), year, month, then measures' }),
    unknownMonth: z.array(Values).meta({ description: 'Monthly series: cards dated by year only, per year' }),
    money: MoneyResult,
  })
  .meta({ id: 'TimeseriesResult' });

/** Map values per unit as a GeoJSON FeatureCollection. */
export const MapResultSchema = z
  .object({
    type: z.literal('FeatureCollection'),
    level: z.number().int(),
    measures: z.array(z.string()),
    features: z.array(
      z.object({ type: z.literal('Feature'), id: z.number(), geometry: z.unknown(), properties: Values }),
    ),
    unlocated: Values.meta({ description: 'Cards recorded above this level' }),
    money: MoneyResult,
  })
  .meta({ id: 'MapResult' });

/** A page of the list. */
export const ListResultSchema = z
  .object({
    columns: z.array(z.string()),
    items: z.array(Values),
    total: z.number().int(),
    page: z.number().int().nullable(),
    pageSize: z.number().int(),
    nextCursor: z.string().nullable(),
    money: MoneyResult,
  })
  .meta({ id: 'ListResult' });

/** The tables of the country profile, as they are named in its result, its downloads and `table=`. */
export const PROFILE_TABLES = ['totals', 'byEvent', 'byTopUnit', 'byYear', 'largest'] as const;
/** A profile table. */
export type ProfileTable = (typeof PROFILE_TABLES)[number];

/** Query of GET /profile. */
export const ProfileQuerySchema = z.object({
  status: z.union([z.enum(DATACARD_STATUS_VALUES), z.literal('all')]).default('published'),
  geography: z.enum(['historical', 'current']).default('historical').meta({
    description: "byTopUnit by the unit valid at each card's date, or re-aggregated onto today's units",
  }),
  format: z
    .enum(['json', 'csv', 'xlsx'])
    .default('json')
    .meta({ description: 'json; xlsx = one sheet per table; csv = the table chosen by `table`' }),
  table: z.enum(PROFILE_TABLES).optional().meta({
    description: 'Download only this table (required with format=csv)',
  }),
  largest: z.coerce.number().int().min(1).max(100).default(10),
  language: z
    .string()
    .regex(/^[a-z]{2,3}$/)
    .optional(),
  money: z.string().optional().meta({
    description:
      'Losses as currency,basis[,baseYear]: local or usd, nominal or constant (e.g. usd,constant,2015)',
    example: 'usd,constant,2015',
  }),
});

/** The country profile. */
export const ProfileResultSchema = z
  .object({
    tenant: z.object({ code: z.string(), name: z.string() }),
    status: z.string(),
    geography: z.enum(['historical', 'current']),
    totals: TotalsResultSchema,
    byEvent: StatisticsResultSchema,
    byTopUnit: StatisticsResultSchema,
    byYear: TimeseriesResultSchema,
    largest: z.array(Values),
    money: MoneyResult,
  })
  .meta({ id: 'ProfileResult' });
