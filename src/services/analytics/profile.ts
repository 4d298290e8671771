/**
 * The country profile: totals, figures by event type, by top-level unit and by year, and the
 * largest disasters by deaths (the cards of a disaster event together, a card without one on its
 * own: the `disaster` dimension), all over one status (published by default).
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

/** Measures of the largest disasters. */
const LARGEST_MEASURES = ['count', 'deaths', 'missing', 'directlyAffected', 'housesDestroyed', 'lossesUsd'];
/**
 * Columns of the largest disasters (after the id: the disaster event's, or the lone card's):
 * its name (a card's serial, date and event type), its cards and their effects.
 */
export const LARGEST_COLUMNS = ['disaster', ...LARGEST_MEASURES];

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
    cardStatistics(db, ctx, {
      filter,
      by: ['disaster'],
      measures: LARGEST_MEASURES,
      sort: { by: 'deaths', order: 'desc' },
      limit: opts.largest,
      money,
      geography,
    }),
  ]);
  return {
    tenant: { code: tenant.code, name: named?.name ?? tenant.code },
    status: opts.status,
    geography,
    totals,
    byEvent,
    byTopUnit,
    byYear,
    largest: largest.rows.map((row, i) => ({ id: largest.keys[i]!.disaster, ...row })),
    ...(totals.money && { money: totals.money }),
  };
}
