/**
 * The `money` option of an analytics query: the SQL converting card losses under the chosen
 * basis (see money.ts), and the block each result with money figures carries, so a reader sees
 * the currency and prices, how many cards were converted or deflated, and what was left out.
 */
import type { SQL } from 'drizzle-orm';
import type { Executor } from '../../db/engine.ts';
import type { MoneyBasis, MoneyResult } from '../../shared/money.ts';
import type { RequestContext } from '../context.ts';
import { loadMoneyTenant, type MoneySql, type MoneyTenant, moneyCoverage, moneySql } from './money.ts';

/** A query's money basis with the tenant it applies to and its SQL. */
export interface QueryMoney {
  basis: MoneyBasis;
  tenant: MoneyTenant;
  sql: MoneySql;
}

/** The money of a query, or undefined when it asked for none (raw columns, as stored). */
export async function queryMoney(
  ex: Executor,
  ctx: RequestContext,
  basis: MoneyBasis | undefined,
): Promise<QueryMoney | undefined> {
  if (!basis) return undefined;
  const tenant = await loadMoneyTenant(ex, ctx);
  return { basis, tenant, sql: moneySql(tenant, basis) };
}

/**
 * The money block of a result whose `measures` (keys) are money figures over the cards matching
 * `where` (a compiled filter on alias d); undefined when the result shows no money.
 */
export async function moneyResult(
  ex: Executor,
  ctx: RequestContext,
  money: QueryMoney | undefined,
  where: SQL,
  measures: readonly string[],
): Promise<MoneyResult | undefined> {
  if (!money || measures.length === 0) return undefined;
  const coverage = await moneyCoverage(ex, ctx, money.basis, { status: 'all', where });
  const { currency, basis, baseYear } = money.basis;
  return {
    currency,
    currencyCode: currency === 'usd' ? 'USD' : money.tenant.currency,
    basis,
    baseYear: baseYear ?? null,
    measures: [...measures],
    ...coverage,
  };
}
