/**
 * Time series by year or month, without gaps: every period from the first to the last (or over the
 * filter's from/to) gets a point, empty ones with zero counts and sums. In a monthly series the
 * cards dated by year only are reported per year under `unknownMonth` (DESIGN.md, Partial dates).
 */
import type { Db } from '../../db/engine.ts';
import { validationFailed } from '../../shared/errors.ts';
import type { MoneyResult } from '../../shared/money.ts';
import type { TimeseriesQuery } from '../../shared/schemas/analytics.ts';
import { type RequestContext, tenantOf } from '../context.ts';
import { resolveDimensions } from './dimensions.ts';
import { compileFilter } from './filter.ts';
import { allValid, type Group, groupCards } from './grouping.ts';
import { emptyValues, moneyMeasureKeys, resolveMeasures } from './measures.ts';
import { moneyResult, queryMoney } from './money-block.ts';
import { readsSummary } from './summary.ts';

/** One point: its period and the measures. */
export type SeriesPoint = Record<string, string | number | null>;

/** A time series. */
export interface TimeseriesResult {
  interval: 'year' | 'month';
  measures: string[];
  points: SeriesPoint[];
  unknownMonth: SeriesPoint[];
  /** The money basis and its coverage, when a measure is a converted loss. */
  money?: MoneyResult;
}

/** Most points a series returns. */
const MAX_POINTS = 20_000;

const pad = (n: number) => String(n).padStart(2, '0');
/** Months are counted from year 0 so that a range is a plain integer interval. */
const monthIndex = (year: number, month: number) => year * 12 + month - 1;

/** The first and last period (year or month index) of the data, narrowed or widened by the filter's range. */
function bounds(q: TimeseriesQuery, indexes: number[]): [number, number] | null {
  const index = (text: string | undefined, last: boolean) => {
    if (!text) return undefined;
    const [y, m] = text.split('-').map(Number) as [number, number?];
    if (q.interval === 'year') return y;
    return monthIndex(y, m ?? (last ? 12 : 1));
  };
  const from = index(q.filter?.from, false) ?? Math.min(...indexes);
  const to = index(q.filter?.to, true) ?? Math.max(...indexes);
  return indexes.length || (q.filter?.from && q.filter?.to) ? [from, to] : null;
}

/** The series of the measures over the cards matching the filter. */
export async function cardTimeseries(
  db: Db,
  ctx: RequestContext,
  q: TimeseriesQuery,
): Promise<TimeseriesResult> {
  const money = await queryMoney(db, ctx, q.money);
  const [where, dims, measures] = await allValid([
    compileFilter(db, ctx, q.filter),
    resolveDimensions(db, ctx, q.interval === 'year' ? ['year'] : ['year', 'month']),
    resolveMeasures(db, tenantOf(ctx).id, q.measures, 'measures', money?.sql),
  ] as const);
  const summary = await readsSummary(db, ctx, { filter: q.filter, dims, measures });
  const [groups, moneyBlock] = await Promise.all([
    groupCards(db, { where, dims, measures, joins: money?.sql.joins, summary }),
    moneyResult(db, ctx, money, where, moneyMeasureKeys(measures)),
  ]);
  const dated = groups.filter((g) => q.interval === 'year' || g.keys.month !== null);
  const indexOf = (g: Group) =>
    q.interval === 'year' ? Number(g.keys.year) : monthIndex(Number(g.keys.year), Number(g.keys.month));
  const byIndex = new Map(dated.map((g) => [indexOf(g), g]));
  const range = bounds(q, [...byIndex.keys()]);
  if (range && range[1] - range[0] >= MAX_POINTS)
    throw validationFailed([
      {
        path: 'filter.from',
        code: 'too_many_points',
        message: `the series would exceed ${MAX_POINTS} points`,
      },
    ]);
  const points: SeriesPoint[] = [];
  for (let i = range?.[0] ?? 0; range && i <= range[1]; i++) {
    const values = byIndex.get(i)?.values ?? emptyValues(measures);
    if (q.interval === 'year') points.push({ period: String(i), year: i, ...values });
    else {
      const [year, month] = [Math.floor(i / 12), (i % 12) + 1];
      points.push({ period: `${year}-${pad(month)}`, year, month, ...values });
    }
  }
  const unknownMonth =
    q.interval === 'month'
      ? groups.filter((g) => g.keys.month === null).map((g) => ({ year: g.keys.year ?? null, ...g.values }))
      : [];
  return {
    interval: q.interval,
    measures: measures.map((m) => m.key),
    points,
    unknownMonth,
    ...(moneyBlock && { money: moneyBlock }),
  };
}
