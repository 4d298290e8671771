/**
 * Cross-tabulation: one measure by a row dimension and a column dimension, with row, column and
 * grand totals computed by the database (an average's total is the average of all cards, not a
 * sum of averages). With `geography: 'current'` a geo<k> row or column places cards on today's
 * units, as statistics do (current-units.ts).
 */
import type { Db } from '../../db/engine.ts';
import { validationFailed } from '../../shared/errors.ts';
import type { MoneyResult } from '../../shared/money.ts';
import type { CrosstabQuery } from '../../shared/schemas/analytics.ts';
import { type RequestContext, tenantOf } from '../context.ts';
import { filtersCurrentUnits } from './current-units.ts';
import { resolveDimensions } from './dimensions.ts';
import { compileFilter } from './filter.ts';
import { allValid, type DimensionValue, type Group, groupCards } from './grouping.ts';
import { moneyMeasureKeys, resolveMeasures } from './measures.ts';
import { moneyResult, queryMoney } from './money-block.ts';
import { readsSummary } from './summary.ts';

/** A row or column heading: the key behind it and its label. */
export interface Heading {
  key: DimensionValue;
  label: DimensionValue;
}

/** A cross-tab. */
export interface CrosstabResult {
  rowDimension: string;
  columnDimension: string;
  measure: string;
  columns: Heading[];
  rows: (Heading & { cells: (number | null)[]; total: number | null })[];
  columnTotals: (number | null)[];
  total: number | null;
  /** The money basis and its coverage, when the measure is a converted loss. */
  money?: MoneyResult;
}

const headings = (groups: Group[], name: string): Heading[] =>
  groups.map((g) => ({ key: g.keys[name] ?? null, label: g.labels[name] ?? null }));

/** Tabulate the measure over the cards matching the filter. */
export async function cardCrosstab(db: Db, ctx: RequestContext, q: CrosstabQuery): Promise<CrosstabResult> {
  const money = await queryMoney(db, ctx, q.money);
  const [where, rowDims, colDims, measures] = await allValid([
    compileFilter(db, ctx, q.filter, q.geography),
    resolveDimensions(db, ctx, [q.rows], 'rows', true, q.geography),
    resolveDimensions(db, ctx, [q.columns], 'columns', true, q.geography),
    resolveMeasures(db, tenantOf(ctx).id, [q.measure], 'measure', money?.sql),
  ] as const);
  const [rowDim, colDim, measure] = [rowDims[0]!, colDims[0]!, measures[0]!];
  if (rowDim.name === colDim.name)
    throw validationFailed([
      { path: 'columns', code: 'invalid_dimension', message: 'must differ from rows' },
    ]);
  const perCard = [rowDim, colDim].findIndex((d) => d.perCard);
  if (perCard >= 0)
    throw validationFailed([
      {
        path: perCard === 0 ? 'rows' : 'columns',
        code: 'invalid_dimension',
        message: `${[rowDim, colDim][perCard]!.name} has a value per card: use statistics by it with a sort and a limit`,
      },
    ]);
  const dims = [rowDim, colDim];
  const summary =
    !filtersCurrentUnits(q.filter, q.geography) &&
    (await readsSummary(db, ctx, { filter: q.filter, dims, measures, geography: q.geography }));
  const base = { where, measures, joins: money?.sql.joins, summary };
  const [cells, byRow, byColumn, [all], moneyBlock] = await Promise.all([
    groupCards(db, { ...base, dims }),
    groupCards(db, { ...base, dims: [rowDim] }),
    groupCards(db, { ...base, dims: [colDim] }),
    groupCards(db, { ...base, dims: [] }),
    moneyResult(db, ctx, money, where, moneyMeasureKeys(measures)),
  ]);
  const columns = headings(byColumn, colDim.name);
  const cellOf = new Map(cells.map((c) => [JSON.stringify([c.keys[rowDim.name], c.keys[colDim.name]]), c]));
  return {
    rowDimension: q.rows,
    columnDimension: q.columns,
    measure: measure.key,
    columns,
    rows: byRow.map((r) => {
      const key = r.keys[rowDim.name] ?? null;
      return {
        key,
        label: r.labels[rowDim.name] ?? null,
        // A cell without cards is empty (0 for sums); a cell whose losses are all unknown stays null.
        cells: columns.map((c) => {
          const cell = cellOf.get(JSON.stringify([key, c.key]));
          return cell ? (cell.values[measure.key] ?? null) : measure.empty;
        }),
        total: r.values[measure.key] ?? null,
      };
    }),
    columnTotals: byColumn.map((c) => c.values[measure.key] ?? null),
    total: all?.values[measure.key] ?? null,
    ...(moneyBlock && { money: moneyBlock }),
  };
}
