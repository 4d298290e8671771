/** One entry point per query kind: run it, or get its result as a table for CSV/XLSX downloads. */
import type { z } from 'zod';
import type { Db } from '../../db/engine.ts';
import type { QUERY_SCHEMAS, QueryKind } from '../../shared/schemas/analytics.ts';
import type { RequestContext } from '../context.ts';
import { cardCrosstab } from './crosstab.ts';
import { listCards, listTable } from './list.ts';
import { cardMap } from './map.ts';
import { cardStatistics } from './statistics.ts';
import {
  crosstabTable,
  mapTable,
  type ResultTable,
  statisticsTable,
  timeseriesTable,
  totalsTable,
} from './tables.ts';
import { cardTimeseries } from './timeseries.ts';
import { filteredTotals } from './totals.ts';

/** The validated body of a query of kind K. */
export type QueryBody<K extends QueryKind> = z.infer<(typeof QUERY_SCHEMAS)[K]>;

/** Run a query of any kind. */
export function runQuery<K extends QueryKind>(db: Db, ctx: RequestContext, kind: K, body: QueryBody<K>) {
  const q = body as never;
  switch (kind) {
    case 'list':
      return listCards(db, ctx, q);
    case 'totals':
      return filteredTotals(
        db,
        ctx,
        (body as QueryBody<'totals'>).filter,
        (body as QueryBody<'totals'>).money,
      );
    case 'statistics':
      return cardStatistics(db, ctx, q);
    case 'crosstab':
      return cardCrosstab(db, ctx, q);
    case 'timeseries':
      return cardTimeseries(db, ctx, q);
    default:
      return cardMap(db, ctx, q);
  }
}

/** A query's result as a table; a list gives every matching card, not only one page. */
export async function queryTable<K extends QueryKind>(
  db: Db,
  ctx: RequestContext,
  kind: K,
  body: QueryBody<K>,
): Promise<ResultTable> {
  const q = body as never;
  switch (kind) {
    case 'list':
      return listTable(db, ctx, q);
    case 'totals':
      return totalsTable(
        await filteredTotals(
          db,
          ctx,
          (body as QueryBody<'totals'>).filter,
          (body as QueryBody<'totals'>).money,
        ),
      );
    case 'statistics':
      return statisticsTable(await cardStatistics(db, ctx, q));
    case 'crosstab':
      return crosstabTable(await cardCrosstab(db, ctx, q));
    case 'timeseries':
      return timeseriesTable(await cardTimeseries(db, ctx, q));
    default:
      return mapTable(await cardMap(db, ctx, q));
  }
}
