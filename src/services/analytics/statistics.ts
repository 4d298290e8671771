/** Statistics: measures of the filtered cards grouped by up to three dimensions. */
import type { Db } from '../../db/engine.ts';
import { validationFailed } from '../../shared/errors.ts';
import type { MoneyResult } from '../../shared/money.ts';
import type { StatisticsQuery } from '../../shared/schemas/analytics.ts';
import { type RequestContext, tenantOf } from '../context.ts';
import { filtersCurrentUnits } from './current-units.ts';
import { resolveDimensions } from './dimensions.ts';
import { compileFilter } from './filter.ts';
import { allValid, type DimensionValue, groupCards } from './grouping.ts';
import { moneyMeasureKeys, resolveMeasures } from './measures.ts';
import { moneyResult, queryMoney } from './money-block.ts';
import { readsSummary } from './summary.ts';

/** One row: each dimension's label and each measure's value, by name. */
export type StatisticsRow = Record<string, DimensionValue>;

/** Statistics as the API and the CLI return them. */
export interface StatisticsResult {
  dimensions: string[];
  measures: string[];
  /** Labels (names in the request's language, years, months…; null = unknown) and measures. */
  rows: StatisticsRow[];
  /** What each row's labels stand for (ids, codes), for drilling down: keys[i] belongs to rows[i]. */
  keys: Record<string, DimensionValue>[];
  /** The money basis and its coverage, when a measure is a converted loss. */
  money?: MoneyResult;
}

/** Group the tenant's cards matching the filter by `by` and compute `measures` for each group. */
export async function cardStatistics(
  db: Db,
  ctx: RequestContext,
  q: StatisticsQuery,
): Promise<StatisticsResult> {
  const money = await queryMoney(db, ctx, q.money);
  const [where, dims, measures] = await allValid([
    compileFilter(db, ctx, q.filter, q.geography),
    resolveDimensions(db, ctx, q.by, 'by', false, q.geography),
    resolveMeasures(db, tenantOf(ctx).id, q.measures, 'measures', money?.sql),
  ] as const);
  const names = [...dims.map((d) => d.name), ...measures.map((m) => m.key)];
  if (q.sort && !names.includes(q.sort.by))
    throw validationFailed([
      { path: 'sort.by', code: 'invalid_sort', message: `sort by one of ${names.join(', ')}` },
    ]);
  const summary =
    !filtersCurrentUnits(q.filter, q.geography) &&
    (await readsSummary(db, ctx, { filter: q.filter, dims, measures, geography: q.geography }));
  const [groups, moneyBlock] = await Promise.all([
    groupCards(db, { where, dims, measures, sort: q.sort, limit: q.limit, joins: money?.sql.joins, summary }),
    moneyResult(db, ctx, money, where, moneyMeasureKeys(measures)),
  ]);
  return {
    dimensions: dims.map((d) => d.name),
    measures: measures.map((m) => m.key),
    rows: groups.map((g) => ({ ...g.labels, ...g.values })),
    keys: groups.map((g) => g.keys),
    ...(moneyBlock && { money: moneyBlock }),
  };
}
