/**
 * The grouped query behind statistics, cross-tabs, time series and maps: measures over the
 * filtered cards, grouped by dimension keys, each key with its label.
 */
import { type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../db/engine.ts';
import { queryRows } from '../../db/query.ts';
import { AppError, type FieldIssue, validationFailed } from '../../shared/errors.ts';
import type { Dimension } from './dimensions.ts';
import { type Measure, measureColumns, measureValues } from './measures.ts';
import { cardsFrom, intLiteral } from './sql.ts';
import { summaryFrom, summaryMeasures } from './summary.ts';

/** A dimension value: an id, code, year or name; null = unknown. */
export type DimensionValue = string | number | null;

/** One group: labels and keys by dimension name, values by measure key. */
export interface Group {
  labels: Record<string, DimensionValue>;
  keys: Record<string, DimensionValue>;
  values: Record<string, number | null>;
}

/** A grouped query. */
export interface Grouping {
  where: SQL;
  dims: readonly Dimension[];
  measures: readonly Measure[];
  /** Sort by a measure (its key) or a dimension (its name) first; then the dimensions' own order. */
  sort?: { by: string; order: 'asc' | 'desc' };
  limit?: number;
  /** Joins the measures read (the money basis' rates and price indexes). */
  joins?: SQL;
  /** Read the card summary instead of the datacards: the caller checked readsSummary() (summary.ts). */
  summary?: boolean;
}

const ident = (prefix: string, i: number) => sql.identifier(`${prefix}${i}`);

function orderBy(g: Grouping): SQL {
  const defaults = g.dims.map((d, i) => d.order(sql`g.${ident('k', i)}`, sql`${ident('l', i)}`));
  const dir = g.sort?.order === 'desc' ? sql`desc` : sql`asc`;
  const measure = g.measures.findIndex((m) => m.key === g.sort?.by);
  const dim = g.dims.findIndex((d) => d.name === g.sort?.by);
  const first =
    measure >= 0
      ? [sql`g.${ident('m', measure)} ${dir} nulls last`]
      : dim >= 0
        ? [sql`${ident('l', dim)} ${dir} nulls last`]
        : [];
  const all = [...first, ...defaults];
  return all.length ? sql`order by ${sql.join(all, sql`, `)}` : sql``;
}

/** Run a grouped query; with no dimension it returns the one overall group. */
export async function groupCards(ex: Executor, g: Grouping): Promise<Group[]> {
  const hazards = g.dims.some((d) => d.hazards);
  const [from, measures] = g.summary
    ? [summaryFrom(hazards), summaryMeasures(g.measures)]
    : [sql`${cardsFrom(hazards)} ${g.joins ?? sql``}`, g.measures];
  const keys = g.dims.map((d, i) => sql`${d.key} as ${ident('k', i)}`);
  const labels = g.dims.map((d, i) => sql`${d.label(sql`g.${ident('k', i)}`)} as ${ident('l', i)}`);
  const groupBy = g.dims.length
    ? sql`group by ${sql.join(
        g.dims.map((_, i) => intLiteral(i + 1)),
        sql`, `,
      )}`
    : sql``;
  const inner = sql`select ${sql.join([...keys, measureColumns(measures)], sql`, `)}
    from ${from} where ${g.where} ${groupBy}`;
  const limit = g.limit ? sql`limit ${g.limit}` : sql``;
  const rows = await queryRows<Record<string, unknown>>(
    ex,
    sql`select ${sql.join([...labels, sql`g.*`], sql`, `)} from (${inner}) g ${orderBy(g)} ${limit}`,
  );
  return rows.map((row) => ({
    labels: Object.fromEntries(g.dims.map((d, i) => [d.name, row[`l${i}`] as DimensionValue])),
    keys: Object.fromEntries(g.dims.map((d, i) => [d.name, row[`k${i}`] as DimensionValue])),
    values: measureValues(g.measures, row),
  }));
}

/** Await every step; when several fail validation, one 400 lists all their issues. */
export async function allValid<T extends readonly unknown[]>(
  steps: { [K in keyof T]: Promise<T[K]> },
): Promise<T> {
  const settled = await Promise.allSettled(steps);
  const issues: FieldIssue[] = [];
  for (const s of settled) {
    if (s.status === 'fulfilled') continue;
    const e = s.reason;
    if (!(e instanceof AppError) || e.code !== 'validation_failed') throw e;
    issues.push(...((e.details as { issues: FieldIssue[] }).issues ?? []));
  }
  if (issues.length) throw validationFailed(issues);
  return settled.map((s) => (s as PromiseFulfilledResult<unknown>).value) as unknown as T;
}
