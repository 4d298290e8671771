/**
 * Totals of the core effects over a tenant's live datacards (nulls ignored, exact numeric sums).
 * Under a money basis both loss sums hold the loss in the chosen money; cards that cannot be
 * converted are left out of them and counted in the money block.
 */
import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/engine.ts';
import { queryRows } from '../../db/query.ts';
import { EFFECT_FIELDS, type EffectKey, type FieldDef } from '../../shared/fields.ts';
import { MONEY_FIELDS, type MoneyBasis, type MoneyResult } from '../../shared/money.ts';
import type { Filter } from '../../shared/schemas/filter.ts';
import type { DatacardStatus } from '../../shared/status.ts';
import type { RequestContext } from '../context.ts';
import { compileFilter, hasEffect } from './filter.ts';
import type { MoneySql } from './money.ts';
import { moneyResult, queryMoney } from './money-block.ts';
import { cardColumn } from './sql.ts';
import { readsSummary, summaryCount, summaryFrom, summarySum, summaryWith } from './summary.ts';

/** Card count and the sum of every core effect. */
export interface Totals {
  cards: number;
  sums: Record<EffectKey, number>;
}

/** Totals plus, per effect, the cards that have it (value > 0 or the "there were" flag). */
export interface FilteredTotals extends Totals {
  cardsWith: Record<EffectKey, number>;
  /** The money basis of the loss sums and its coverage, when one was chosen. */
  money?: MoneyResult;
}

const named = (prefix: string, f: FieldDef) => sql.identifier(`${prefix}${f.key}`);

/** Card count, each effect's exact sum (as text) and its cards-with, over `datacards d`. */
function cardColumns(money: MoneySql | undefined): SQL {
  const value = (f: FieldDef) =>
    money && (MONEY_FIELDS as readonly string[]).includes(f.key) ? money.value : cardColumn(f.column);
  const columns = EFFECT_FIELDS.flatMap((f) => [
    sql`coalesce(sum(${value(f)}), 0)::text as ${named('sum_', f)}`,
    sql`(count(*) filter (where ${hasEffect(f.key)}))::int as ${named('with_', f)}`,
  ]);
  return sql.join([sql`count(*)::int as cards`, ...columns], sql`, `);
}

/** The same columns over the card summary. */
function summaryColumns(): SQL {
  const columns = EFFECT_FIELDS.flatMap((f) => [
    sql`${summarySum(f)}::text as ${named('sum_', f)}`,
    sql`${summaryWith(f)}::int as ${named('with_', f)}`,
  ]);
  return sql.join([sql`${summaryCount}::int as cards`, ...columns], sql`, `);
}

/** Totals of the cards matching a filter (published cards when the filter names no status). */
export async function filteredTotals(
  db: Db,
  ctx: RequestContext,
  filter: Filter = {},
  basis?: MoneyBasis,
): Promise<FilteredTotals> {
  const money = await queryMoney(db, ctx, basis);
  const where = await compileFilter(db, ctx, filter);
  // The summary holds every core effect (SUMMARY_FIELDS), but never a converted loss.
  const [from, columns] =
    !money && (await readsSummary(db, ctx, { filter }))
      ? [summaryFrom(), summaryColumns()]
      : [sql`datacards d ${money?.sql.joins ?? sql``}`, cardColumns(money?.sql)];
  const [[row], moneyBlock] = await Promise.all([
    queryRows<Record<string, string | number>>(db, sql`select ${columns} from ${from} where ${where}`),
    moneyResult(db, ctx, money, where, MONEY_FIELDS),
  ]);
  const byEffect = (prefix: string) =>
    Object.fromEntries(EFFECT_FIELDS.map((f) => [f.key, Number(row?.[`${prefix}${f.key}`] ?? 0)])) as Record<
      EffectKey,
      number
    >;
  return {
    cards: Number(row?.cards ?? 0),
    sums: byEffect('sum_'),
    cardsWith: byEffect('with_'),
    ...(moneyBlock && { money: moneyBlock }),
  };
}

/** Totals for published cards (the public figure), one status, or every state ('all'). */
export async function cardTotals(
  db: Db,
  ctx: RequestContext,
  status: DatacardStatus | 'all' = 'published',
): Promise<Totals> {
  const { cards, sums } = await filteredTotals(db, ctx, { status });
  return { cards, sums };
}
