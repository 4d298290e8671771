/**
 * Measures of statistics, series and maps: `count` (cards), or `fn:field` with fn one of
 * sum (the default: `deaths` = `sum:deaths`), avg, max, min, count (cards with the field above
 * zero or its "there were" flag), over any numeric registry field or numeric extra field
 * (`extra.KEY`). Sums of nothing are 0; averages and extremes of nothing are null. Under a money
 * basis the loss fields measure the converted loss; a card that cannot be converted is left out,
 * and a sum over losses none of which could be converted is null (unknown), not 0.
 */
import { type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../db/engine.ts';
import { type FieldIssue, validationFailed } from '../../shared/errors.ts';
import { ALL_FIELDS, type FieldDef } from '../../shared/fields.ts';
import { MONEY_FIELDS } from '../../shared/money.ts';
import { extraFieldTypes, extraNumber } from './filter-extra.ts';
import type { MoneySql } from './money.ts';
import { cardColumn } from './sql.ts';

/** Aggregate functions. */
export const MEASURE_FNS = ['sum', 'avg', 'max', 'min', 'count'] as const;
type MeasureFn = (typeof MEASURE_FNS)[number];

/** Registry fields that can be measured. */
export const NUMERIC_FIELDS: readonly FieldDef[] = ALL_FIELDS.filter((f) =>
  ['count', 'quantity', 'sector', 'integer', 'decimal'].includes(f.kind),
);

const NUMERIC_EXTRA = new Set(['integer', 'decimal', 'currency']);

/** A measure ready for a query. */
export interface Measure {
  /** Its name in results: 'count', 'deaths', 'avg:deaths', 'max:extra.RAIN_MM'. */
  key: string;
  /** The aggregate over the cards of a group. */
  sql: SQL;
  /** Its value for a group without cards. */
  empty: number | null;
  /** It aggregates converted money (the query's money basis). */
  money: boolean;
}

/** A numeric field's value (and "there were" flag) on the card being read. */
interface NumericValue {
  value: SQL;
  present: SQL | null;
  /** Money: the card has a loss, whether or not it could be converted. */
  hasLoss?: SQL;
}

function aggregate(fn: MeasureFn, v: NumericValue): SQL {
  switch (fn) {
    case 'sum':
      // Losses none of which could be converted sum to unknown (null), never to a silent zero.
      return v.hasLoss
        ? sql`(case when count(${v.value}) = 0 and bool_or(${v.hasLoss}) then null
                 else coalesce(sum(${v.value}), 0) end)::float8`
        : sql`coalesce(sum(${v.value}), 0)::float8`;
    case 'avg':
      return sql`avg(${v.value})::float8`;
    case 'max':
      return sql`max(${v.value})::float8`;
    case 'min':
      return sql`min(${v.value})::float8`;
    case 'count': {
      const has = v.present ? sql`${v.value} > 0 or ${v.present}` : sql`${v.value} > 0`;
      return sql`(count(*) filter (where ${has}))::int`;
    }
  }
}

/** The value of a numeric registry or extra field, or why the field cannot be measured. */
function numericValue(
  field: string,
  extraTypes: Map<string, string>,
  money: MoneySql | undefined,
): NumericValue | string {
  if (field.startsWith('extra.')) {
    const type = extraTypes.get(field.slice(6));
    if (!type || !NUMERIC_EXTRA.has(type)) return `${field} is not a numeric extra field`;
    return { value: extraNumber(field.slice(6)), present: null };
  }
  const def = NUMERIC_FIELDS.find((f) => f.key === field);
  if (!def) return `${field} is not a numeric datacard field`;
  const present = def.presentColumn ? cardColumn(def.presentColumn) : null;
  if (money && isMoneyField(field)) return { value: money.value, present, hasLoss: money.hasLoss };
  return { value: cardColumn(def.column), present };
}

const isMoneyField = (field: string) => (MONEY_FIELDS as readonly string[]).includes(field);

/** Split 'avg:deaths' into function and field; a bare field sums, a bare 'count' counts cards. */
function parse(spec: string): { fn: MeasureFn | null; field: string } {
  const at = spec.indexOf(':');
  if (at < 0) return { fn: spec === 'count' ? null : 'sum', field: spec };
  return { fn: spec.slice(0, at) as MeasureFn, field: spec.slice(at + 1) };
}

/** Why a spec cannot be measured, or null. */
function problemOf(fn: MeasureFn | null, value: NumericValue | string | null): string | null {
  if (fn !== null && !MEASURE_FNS.includes(fn))
    return `unknown function ${fn} (use ${MEASURE_FNS.join(', ')})`;
  return typeof value === 'string' ? value : null;
}

/**
 * Resolve measure specs for the tenant; one issue per bad spec at `<path>.<i>`. With `money`, the
 * loss fields read its converted value (the query must then join `money.joins`).
 */
export async function resolveMeasures(
  ex: Executor,
  tenantId: number,
  specs: readonly string[],
  path = 'measures',
  money?: MoneySql,
): Promise<Measure[]> {
  const parsed = specs.map(parse);
  const extraKeys = parsed.filter((p) => p.field.startsWith('extra.')).map((p) => p.field.slice(6));
  const extraTypes = await extraFieldTypes(ex, tenantId, extraKeys);
  const issues: FieldIssue[] = [];
  const measures: Measure[] = [];
  for (const [i, { fn, field }] of parsed.entries()) {
    const key = fn === null ? 'count' : fn === 'sum' ? field : `${fn}:${field}`;
    const value = fn === null ? null : numericValue(field, extraTypes, money);
    const problem = measures.some((m) => m.key === key) ? `${key} is asked for twice` : problemOf(fn, value);
    if (problem) issues.push({ path: `${path}.${i}`, code: 'invalid_measure', message: problem });
    else if (fn === null || value === null || typeof value === 'string')
      measures.push({ key, sql: sql`count(*)::int`, empty: 0, money: false });
    else
      measures.push({
        key,
        sql: aggregate(fn, value),
        empty: fn === 'sum' || fn === 'count' ? 0 : null,
        money: money !== undefined && fn !== 'count' && isMoneyField(field),
      });
  }
  if (issues.length) throw validationFailed(issues);
  return measures;
}

/** The select list of measures, named m0, m1, … */
export const measureColumns = (measures: readonly Measure[]): SQL =>
  sql.join(
    measures.map((m, i) => sql`${m.sql} as ${sql.identifier(`m${i}`)}`),
    sql`, `,
  );

/** The measures of a result row (m0, m1, …) by key. */
export const measureValues = (
  measures: readonly Measure[],
  row: Record<string, unknown>,
): Record<string, number | null> =>
  Object.fromEntries(measures.map((m, i) => [m.key, (row[`m${i}`] as number | null) ?? null]));

/** The keys of the measures that are money figures. */
export const moneyMeasureKeys = (measures: readonly Measure[]): string[] =>
  measures.filter((m) => m.money).map((m) => m.key);

/** The values of a group without cards. */
export const emptyValues = (measures: readonly Measure[]): Record<string, number | null> =>
  Object.fromEntries(measures.map((m) => [m.key, m.empty]));
