/**
 * The money basis of the indicators C-1..C-6: the tenant's currency or US dollars, nominal or at
 * constant prices of a base year (the analytics basis, shared/money.ts). Amounts are valued in the
 * chosen currency by economic-facts.ts; constant prices then multiply each year's sums by the CPI
 * ratio index(base year) / index(year), the tenant country's CPI for local money and the United
 * States' for dollars (as services/analytics/money.ts does per card). A year without an index keeps
 * no amount: it is flagged 'missing_cpi' and shows no value, never a zero.
 */
import { sql } from 'drizzle-orm';
import type { Executor } from '../../db/engine.ts';
import { queryRows } from '../../db/query.ts';
import type { MoneyBasis } from '../../shared/money.ts';
import type { IndicatorReport } from '../../shared/schemas/indicators.ts';
import { loadMoneyTenant } from '../analytics/money.ts';
import type { RequestContext } from '../context.ts';
import { LOSS_TARGETS, SUB_KEYS } from './economic-facts.ts';
import type { CubeCell } from './selection.ts';

/** The basis of a run and what applying it needs. */
export interface IndicatorMoney {
  basis: MoneyBasis;
  /** The tenant's currency (ISO 4217). */
  tenantCurrency: string;
  /** What the amounts are in: 'KZT', 'USD', 'USD (constant 2015)'. */
  label: string;
  /** Local currency at nominal prices: the report stays exactly as it always was. */
  isDefault: boolean;
  /** CPI ratio base year / year for constant prices (null = no index); null for nominal prices. */
  ratios: Map<number, number | null> | null;
}

/** The default basis: the tenant's currency at nominal prices. */
export const LOCAL_NOMINAL: MoneyBasis = { currency: 'local', basis: 'nominal' };

/** The CPI series that deflates US dollar amounts. */
const USD_CPI_COUNTRY = 'USA';

/** The currency code and label of a basis. */
export function moneyLabel(basis: MoneyBasis, tenantCurrency: string): { code: string; label: string } {
  const code = basis.currency === 'usd' ? 'USD' : tenantCurrency;
  return { code, label: basis.basis === 'constant' ? `${code} (constant ${basis.baseYear})` : code };
}

/** Resolve a basis for the context's tenant over the years from..to (loads the CPI for constant prices). */
export async function loadIndicatorMoney(
  db: Executor,
  ctx: RequestContext,
  tenantCurrency: string,
  basis: MoneyBasis = LOCAL_NOMINAL,
  years: number[] = [],
): Promise<IndicatorMoney> {
  const isDefault = basis.currency === 'local' && basis.basis === 'nominal';
  const { label } = moneyLabel(basis, tenantCurrency);
  if (basis.basis !== 'constant') return { basis, tenantCurrency, label, isDefault, ratios: null };
  const country = basis.currency === 'usd' ? USD_CPI_COUNTRY : (await loadMoneyTenant(db, ctx)).country;
  const index = new Map<number, number>();
  if (country !== null && years.length > 0) {
    const rows = await queryRows<{ year: number; value: number }>(
      db,
      sql`select year, value::float8 as value from cpi
          where country = ${country} and (year between ${Math.min(...years)} and ${Math.max(...years)}
            or year = ${basis.baseYear ?? null}::int)`,
    );
    for (const r of rows) index.set(r.year, r.value);
  }
  const base = index.get(basis.baseYear ?? 0);
  const ratios = new Map(
    years.map((y) => {
      const value = index.get(y);
      return [y, base !== undefined && value !== undefined ? base / value : null];
    }),
  );
  return { basis, tenantCurrency, label, isDefault, ratios };
}

const AMOUNT_KEYS = ['c1', ...LOSS_TARGETS.map((t) => t.replace('-', '').toLowerCase()), ...SUB_KEYS];

/**
 * Constant prices for the loss measures of each cell (one year each): amounts times the year's
 * CPI ratio, counted as `{key}_deflated`; without a ratio the amounts are dropped and counted as
 * `{key}_no_cpi`. Cells are changed in place.
 */
export function deflateCells(cells: CubeCell[], ratios: Map<number, number | null>): CubeCell[] {
  for (const { year, m } of cells) {
    const ratio = ratios.get(year) ?? null;
    for (const key of AMOUNT_KEYS) {
      const amounts = [`${key}_reported`, `${key}_estimate`];
      if (amounts.every((k) => (m[k] ?? 0) === 0)) continue;
      for (const k of amounts) m[k] = ratio === null ? 0 : (m[k] ?? 0) * ratio;
      m[ratio === null ? `${key}_no_cpi` : `${key}_deflated`] = 1;
    }
  }
  return cells;
}

/** The report's money block: only for a basis other than the default. */
export function moneyBlock(money: IndicatorMoney): Pick<IndicatorReport, 'money'> {
  if (money.isDefault) return {};
  const { basis, tenantCurrency } = money;
  return {
    money: {
      currency: basis.currency,
      currencyCode: moneyLabel(basis, tenantCurrency).code,
      basis: basis.basis,
      baseYear: basis.baseYear ?? null,
    },
  };
}
