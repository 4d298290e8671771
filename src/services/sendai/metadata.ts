/**
 * The national metadata the Sendai Framework Monitor asks for beside the figures, for the readable
 * report: the card states counted, each year's exchange rate and persons per household (with where
 * they came from), the CPI ratio of constant prices, and the housing asset type the valuation of
 * houses uses. Read with the same rules as the engine (denominators.ts, economic-facts.ts, money.ts).
 */
import { sql } from 'drizzle-orm';
import type { Executor } from '../../db/engine.ts';
import { queryRows } from '../../db/query.ts';
import type { IndicatorReport } from '../../shared/schemas/indicators.ts';
import { type RequestContext, tenantOf } from '../context.ts';
import { Denominators } from './denominators.ts';
import { loadIndicatorMoney } from './money.ts';

/** Where a year's figure came from. */
export type HouseholdSource = 'baseline' | 'population / households' | 'default';
/** exchange_rates = the global table; baseline = the tenant's exchange_rate baseline; none = no rate. */
export type RateSource = 'exchange_rates' | 'baseline' | 'usd_tenant' | 'none';

/** The metadata of one year. */
export interface YearMetadata {
  year: number;
  personsPerHousehold: number;
  householdSource: HouseholdSource;
  /** Local currency per US dollar; null when there is none. */
  perUsd: number | null;
  rateSource: RateSource;
  /** The source named with the rate, if any. */
  rateNote: string | null;
  /** CPI(base year) / CPI(year) of constant prices; undefined for nominal prices, null without an index. */
  cpiRatio?: number | null;
}

/** The asset type houses without housing detail are valued as (indicator C-4), with its parameters. */
export interface HousingValuation {
  code: string;
  name: string;
  averageSize: number | null;
  damageRatio: number | null;
  infrastructureFactor: number | null;
  equipmentFactor: number | null;
  unitPriceLocal: number | null;
  unitPriceUsd: number | null;
}

/** What the report states about how its figures were made. */
export interface NationalMetadata {
  /** The tenant's currency (ISO 4217). */
  currency: string;
  states: IndicatorReport['status'];
  years: YearMetadata[];
  housing: HousingValuation | null;
}

interface RateRow {
  year: number;
  source: 'exchange_rates' | 'baseline';
  value: number;
  note: string | null;
}

/** Per year, the rates the engine may use: the global table wins over the tenant's baseline. */
const rateRows = (tenantId: number, currency: string, from: number, to: number) => sql`
  select year, 'exchange_rates' as source, per_usd::float8 as value, source as note from exchange_rates
  where currency = ${currency} and year between ${from} and ${to}
  union all
  select year, 'baseline', value::float8, source from baselines
  where tenant_id = ${tenantId} and geo_unit_id is null and metric = 'exchange_rate'
    and year between ${from} and ${to} and value > 0
  order by 1, 2 desc`;

/** The housing type economic-facts.ts values houses as: the first C-4 type with a price. */
const housingRow = (tenantId: number) => sql`
  select t.code, coalesce(t.names->>'en', t.code) as name, t.average_size::float8 as "averageSize",
    t.damage_ratio::float8 as "damageRatio", t.infrastructure_factor::float8 as "infrastructureFactor",
    t.equipment_factor::float8 as "equipmentFactor", t.unit_price_local::float8 as "unitPriceLocal",
    t.unit_price_usd::float8 as "unitPriceUsd"
  from asset_types t
  where t.tenant_id = ${tenantId} and t.indicator = 'C-4'
  order by (t.unit_price_local is null and t.unit_price_usd is null
    and not exists (select 1 from asset_type_prices p where p.tenant_id = t.tenant_id and p.asset_type_id = t.id)),
    t.id
  limit 1`;

/** The national metadata of a computed report (same tenant, years and money basis). */
export async function loadNationalMetadata(
  db: Executor,
  ctx: RequestContext,
  report: IndicatorReport,
): Promise<NationalMetadata> {
  const tenant = tenantOf(ctx);
  const base = { currency: tenant.currency, states: report.status };
  if (report.from === null || report.to === null) return { ...base, years: [], housing: null };
  const { from, to } = report;
  const years = Array.from({ length: to - from + 1 }, (_, i) => from + i);
  const constant = report.money?.basis === 'constant' ? report.money : null;
  const [denominators, rates, [housing], money] = await Promise.all([
    Denominators.load(db, tenant, from, to),
    queryRows<RateRow>(db, rateRows(tenant.id, tenant.currency, from, to)),
    queryRows<HousingValuation>(db, housingRow(tenant.id)),
    constant
      ? loadIndicatorMoney(
          db,
          ctx,
          tenant.currency,
          { currency: constant.currency, basis: 'constant', baseYear: constant.baseYear ?? undefined },
          years,
        )
      : null,
  ]);
  return {
    ...base,
    housing: housing ?? null,
    years: years.map((year) => {
      const household = denominators.householdSize(year);
      const rate = rates.find((r) => r.year === year);
      const usdTenant = tenant.currency === 'USD';
      return {
        year,
        personsPerHousehold: household.persons,
        householdSource: household.fallback
          ? 'default'
          : denominators.get('persons_per_household', year) !== null
            ? 'baseline'
            : 'population / households',
        perUsd: rate?.value ?? (usdTenant ? 1 : null),
        rateSource: rate?.source ?? (usdTenant ? 'usd_tenant' : 'none'),
        rateNote: rate?.note ?? null,
        ...(money?.ratios && { cpiRatio: money.ratios.get(year) ?? null }),
      };
    }),
  };
}
