/**
 * The country profile: totals, figures by event type, by top-level unit and by year, and the
 * largest disasters (the cards with most deaths), all over one status (published by default).
 * The top-level units are those valid at each card's date, or today's (`geography: 'current'`).
 * A money basis converts every loss figure in it; the profile's money block is that of its totals.
 */
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/engine.ts';
import { queryRows } from '../../db/query.ts';
import { EFFECT_KEYS } from '../../shared/fields.ts';
import type { MoneyBasis, MoneyResult } from '../../shared/money.ts';
import type { DatacardStatus } from '../../shared/status.ts';
import { type RequestContext, tenantOf } from '../context.ts';
import type { GeographyMode } from './current-units.ts';
import { levelCount } from './dimensions.ts';
import { listCards } from './list.ts';
import { localName, nameLanguages } from './sql.ts';
import { cardStatistics, type StatisticsResult } from './statistics.ts';
import { cardTimeseries, type TimeseriesResult } from './timeseries.ts';
import { type FilteredTotals, filteredTotals } from './totals.ts';

/** The country profile. */
export interface Profile {
  tenant: { code: string; name: string };
  status: string;
  geography: GeographyMode;
  totals: FilteredTotals;
  byEvent: StatisticsResult;
  byTopUnit: StatisticsResult;
  byYear: TimeseriesResult;
  largest: Record<string, unknown>[];
  money?: MoneyResult;
}

/** Measures of the profile tables: the card count and the sum of every core effect. */
const MEASURES = ['count', ...EFFECT_KEYS];

/** Columns of the largest disasters (after the card id). */
export const LARGEST_COLUMNS = [
  'serial',
  'startDate',
  'eventTypeName',
  'geoUnitName',
  'deaths',
  'missing',
  'directlyAffected',
  'housesDestroyed',
  'lossesUsd',
];

/** The profile of the context's tenant. */
export async function countryProfile(
  db: Db,
  ctx: RequestContext,
  opts: { status: DatacardStatus | 'all'; largest: number; money?: MoneyBasis; geography?: GeographyMode },
): Promise<Profile> {
  const tenant = tenantOf(ctx);
  const filter = { status: opts.status };
  const [named] = await queryRows<{ name: string }>(
    db,
    sql`select ${localName('x', nameLanguages(ctx))} as name from tenants x where x.id = ${tenant.id}`,
  );
  const levels = await levelCount(db, tenant.id);
  const money = opts.money;
  const geography = opts.geography ?? 'historical';
  const statistics = (by: string[]) =>
    cardStatistics(db, ctx, { filter, by, measures: MEASURES, money, geography });
  const [totals, byEvent, byTopUnit, byYear, largest] = await Promise.all([
    filteredTotals(db, ctx, filter, money),
    statistics(['event']),
    levels > 0
      ? statistics(['geo1'])
      : Promise.resolve({ dimensions: ['geo1'], measures: MEASURES, rows: [], keys: [] }),
    cardTimeseries(db, ctx, { filter, interval: 'year', measures: MEASURES, money }),
    listCards(
      db,
      ctx,
      {
        filter,
        columns: LARGEST_COLUMNS,
        sort: 'deaths',
        order: 'desc',
        pageSize: opts.largest,
        page: 1,
        money,
      },
      { withTotal: false },
    ),
  ]);
  return {
    tenant: { code: tenant.code, name: named?.name ?? tenant.code },
    status: opts.status,
    geography,
    totals,
    byEvent,
    byTopUnit,
    byYear,
    largest: largest.items,
    ...(totals.money && { money: totals.money }),
  };
}
