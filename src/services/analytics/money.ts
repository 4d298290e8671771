/**
 * Loss values of datacards in the tenant's currency or US dollars, at nominal or constant prices.
 * A reported value in the chosen currency wins; the other currency fills a gap at the exchange
 * rate of the card's start year ('converted'). Constant prices multiply by the CPI ratio
 * index(base year) / index(card year) ('deflated'): the tenant country's CPI for local money, the
 * United States' for dollars, so a reported dollar figure is never re-derived from local money.
 * A missing rate or index gives null with 'missing_rate' / 'missing_cpi', never a zero. Rates come
 * from the global exchange_rates table, else the tenant's national `exchange_rate` baseline.
 *
 * moneySql() returns SQL fragments to embed in any query over `datacards` (joins + expressions);
 * moneyCoverage() and cardMoney() are ready-made queries built on it.
 */
import { type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../db/engine.ts';
import { queryRows } from '../../db/query.ts';
import type { MoneyBasis, MoneyFlag } from '../../shared/money.ts';
import type { DatacardStatus } from '../../shared/status.ts';
import { type RequestContext, tenantOf } from '../context.ts';

/** What conversion needs to know about the tenant. */
export interface MoneyTenant {
  /** ISO 4217 code of the tenant's currency. */
  currency: string;
  /** ISO3 code of the tenant's country (its CPI); null = constant local prices are unknown. */
  country: string | null;
}

/** The CPI series that deflates US dollar figures. */
const USD_CPI_COUNTRY = 'USA';

/** SQL pieces for one money basis; every expression reads the card alias and the joins. */
export interface MoneySql {
  /** Left joins to place right after `from datacards <alias>`. */
  joins: SQL;
  /** The loss in the tenant's currency at the basis' prices (numeric, null when unknown). */
  lossLocalValue: SQL;
  /** The loss in US dollars at the basis' prices (numeric, null when unknown). */
  lossUsdValue: SQL;
  /** The loss in the chosen currency. */
  value: SQL;
  /** Boolean: the card has a loss figure in either currency. */
  hasLoss: SQL;
  /** Boolean flags of `value`, one per MoneyFlag. */
  flag: Record<MoneyFlag, SQL>;
  /** The flags of `value` as a JSON array of MoneyFlag. */
  flags: SQL;
}

/** Options of moneySql. */
export interface MoneySqlOptions {
  /** Alias of datacards in the host query (default d). */
  card?: string;
  /** Prefix of the joined aliases, to keep them apart from the host query's (default money). */
  prefix?: string;
}

/** Joins and expressions converting the card losses of one tenant under one basis. */
export function moneySql(tenant: MoneyTenant, basis: MoneyBasis, options: MoneySqlOptions = {}): MoneySql {
  const card = options.card ?? 'd';
  const p = options.prefix ?? 'money';
  const col = (name: string) => sql.raw(`${card}.${name}`);
  const ref = (alias: string, column: string) => sql.raw(`${p}_${alias}.${column}`);
  const constant = basis.basis === 'constant';
  const usdTenant = tenant.currency === 'USD';
  const joins: SQL[] = [];
  if (!usdTenant) {
    joins.push(sql`left join exchange_rates ${sql.raw(`${p}_rate`)}
      on ${ref('rate', 'currency')} = ${tenant.currency} and ${ref('rate', 'year')} = ${col('start_year')}`);
    // The tenant's own national exchange_rate baseline (e.g. DesInventar's exrate) fills years the
    // global table lacks, as in the Sendai indicators.
    joins.push(sql`left join baselines ${sql.raw(`${p}_brate`)}
      on ${ref('brate', 'tenant_id')} = ${col('tenant_id')} and ${ref('brate', 'geo_unit_id')} is null
      and ${ref('brate', 'metric')} = 'exchange_rate' and ${ref('brate', 'year')} = ${col('start_year')}`);
  }
  if (constant && tenant.country)
    joins.push(sql`left join cpi ${sql.raw(`${p}_cpi`)}
      on ${ref('cpi', 'country')} = ${tenant.country} and ${ref('cpi', 'year')} = ${col('start_year')}`);
  if (constant)
    joins.push(sql`left join cpi ${sql.raw(`${p}_cpi_usd`)}
      on ${ref('cpi_usd', 'country')} = ${USD_CPI_COUNTRY} and ${ref('cpi_usd', 'year')} = ${col('start_year')}`);

  // Local units per dollar in the card's year; a USD tenant needs no rate.
  const rate = usdTenant
    ? sql`1::numeric`
    : sql`coalesce(${ref('rate', 'per_usd')}, nullif(${ref('brate', 'value')}, 0)::numeric)`;
  const baseIndex = (country: string) =>
    sql`(select value from cpi where country = ${country} and year = ${basis.baseYear ?? null}::int)`;
  const ratio = (country: string | null, alias: string) =>
    country ? sql`(${baseIndex(country)} / ${ref(alias, 'value')})` : sql`null::numeric`;
  const local = col('losses_local');
  const usd = col('losses_usd');
  const nominalLocal = sql`coalesce(${local}, ${usd} * ${rate})`;
  const nominalUsd = sql`coalesce(${usd}, ${local} / ${rate})`;
  const localRatio = ratio(tenant.country, 'cpi');
  const usdRatio = ratio(USD_CPI_COUNTRY, 'cpi_usd');
  const lossLocalValue = constant ? sql`(${nominalLocal} * ${localRatio})` : nominalLocal;
  const lossUsdValue = constant ? sql`(${nominalUsd} * ${usdRatio})` : nominalUsd;

  const [own, other, nominal, cpiRatio] =
    basis.currency === 'usd' ? [usd, local, nominalUsd, usdRatio] : [local, usd, nominalLocal, localRatio];
  const hasLoss = sql`(${local} is not null or ${usd} is not null)`;
  const filled = usdTenant ? sql`false` : sql`(${own} is null and ${other} is not null)`;
  const flag: Record<MoneyFlag, SQL> = {
    reported: usdTenant ? hasLoss : sql`(${own} is not null)`,
    converted: sql`(${filled} and ${rate} is not null)`,
    missing_rate: sql`(${filled} and ${rate} is null)`,
    deflated: constant ? sql`(${nominal} is not null and ${cpiRatio} is not null)` : sql`false`,
    missing_cpi: constant ? sql`(${nominal} is not null and ${cpiRatio} is null)` : sql`false`,
  };
  const flags = sql`to_json(array_remove(array[${sql.join(
    Object.entries(flag).map(([name, test]) => sql`case when ${test} then ${name}::text end`),
    sql`, `,
  )}]::text[], null))`;
  return {
    joins: sql.join(joins, sql` `),
    lossLocalValue,
    lossUsdValue,
    value: basis.currency === 'usd' ? lossUsdValue : lossLocalValue,
    hasLoss,
    flag,
    flags,
  };
}

/** The currency and country of the context's tenant. */
export async function loadMoneyTenant(db: Executor, ctx: RequestContext): Promise<MoneyTenant> {
  const tenant = tenantOf(ctx);
  const [row] = await queryRows<MoneyTenant>(
    db,
    sql`select currency, country from tenants where id = ${tenant.id}`,
  );
  return row ?? { currency: tenant.currency, country: null };
}

/** Which cards a ready-made query reads. */
export interface MoneyScope {
  /** Published cards (the public figure) by default; 'all' = every state. */
  status?: DatacardStatus | 'all';
  /** An extra condition on the card alias d (e.g. a compiled filter). */
  where?: SQL;
}

function scopeSql(tenantId: number, scope: MoneyScope): SQL {
  const status = scope.status ?? 'published';
  return sql`d.tenant_id = ${tenantId} and d.deleted_at is null
    ${status === 'all' ? sql`` : sql`and d.status = ${status}`} ${scope.where ? sql`and (${scope.where})` : sql``}`;
}

/** How completely the cards' losses can be shown under a basis. */
export interface MoneyCoverage {
  /** Cards in scope, and those with a loss figure in either currency. */
  cards: number;
  withLoss: number;
  /** Cards per flag of the chosen currency's value (a card can be converted and deflated). */
  counts: Record<MoneyFlag, number>;
  /** Card years lacking an exchange rate / a CPI value, to tell the admin what to import. */
  missingRateYears: number[];
  missingCpiYears: number[];
}

/** Count the cards reported, converted, deflated or left unknown under a basis. */
export async function moneyCoverage(
  db: Executor,
  ctx: RequestContext,
  basis: MoneyBasis,
  scope: MoneyScope = {},
): Promise<MoneyCoverage> {
  const tenant = tenantOf(ctx);
  const m = moneySql(await loadMoneyTenant(db, ctx), basis);
  const years = (test: SQL) =>
    sql`coalesce(array_to_json(array_agg(distinct d.start_year order by d.start_year) filter (where ${test})), '[]')`;
  const [row] = await queryRows<
    Record<MoneyFlag, number> & { cards: number; withLoss: number; rateYears: number[]; cpiYears: number[] }
  >(
    db,
    sql`select count(*)::int as cards, count(*) filter (where ${m.hasLoss})::int as "withLoss",
          ${sql.join(
            Object.entries(m.flag).map(
              ([name, test]) => sql`count(*) filter (where ${test})::int as ${sql.identifier(name)}`,
            ),
            sql`, `,
          )},
          ${years(m.flag.missing_rate)} as "rateYears", ${years(m.flag.missing_cpi)} as "cpiYears"
        from datacards d ${m.joins}
        where ${scopeSql(tenant.id, scope)}`,
  );
  const r = row!;
  return {
    cards: r.cards,
    withLoss: r.withLoss,
    counts: {
      reported: r.reported,
      converted: r.converted,
      deflated: r.deflated,
      missing_rate: r.missing_rate,
      missing_cpi: r.missing_cpi,
    },
    missingRateYears: r.rateYears,
    missingCpiYears: r.cpiYears,
  };
}

/** One card's loss under a basis. */
export interface CardMoney {
  id: string;
  year: number;
  /** In the chosen currency; null when unknown (see flags). */
  value: number | null;
  lossLocal: number | null;
  lossUsd: number | null;
  flags: MoneyFlag[];
}

/** The converted losses of the given cards (of the context's tenant), by start year and id. */
export async function cardMoney(
  db: Executor,
  ctx: RequestContext,
  basis: MoneyBasis,
  ids: string[],
): Promise<CardMoney[]> {
  if (ids.length === 0) return [];
  const tenant = tenantOf(ctx);
  const m = moneySql(await loadMoneyTenant(db, ctx), basis);
  const idList = sql.join(
    ids.map((id) => sql`${id}::uuid`),
    sql`, `,
  );
  const rows = await queryRows<{
    id: string;
    year: number;
    value: string | null;
    lossLocal: string | null;
    lossUsd: string | null;
    flags: MoneyFlag[];
  }>(
    db,
    sql`select d.id, d.start_year as year, (${m.value})::text as value, (${m.lossLocalValue})::text as "lossLocal",
          (${m.lossUsdValue})::text as "lossUsd", ${m.flags} as flags
        from datacards d ${m.joins}
        where ${scopeSql(tenant.id, { status: 'all' })} and d.id in (${idList})
        order by d.start_year, d.id`,
  );
  const num = (v: string | null) => (v === null ? null : Number(v));
  return rows.map((r) => ({
    ...r,
    value: num(r.value),
    lossLocal: num(r.lossLocal),
    lossUsd: num(r.lossUsd),
  }));
}
