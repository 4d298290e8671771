/**
 * Denominators from baselines: population (total, by sex, age band, disability, income), GDP,
 * persons per household and the exchange rate, nationally (unit null) or per unit, by year.
 */
import { sql } from 'drizzle-orm';
import type { Executor } from '../../db/engine.ts';
import { queryRows } from '../../db/query.ts';

/** Persons per household when no baseline gives it (DESIGN.md, Sendai indicators). */
export const DEFAULT_PERSONS_PER_HOUSEHOLD = 4;

/** Population metric of each people category ('all' = total population). */
export const POPULATION_METRIC: Record<string, string> = {
  all: 'population',
  female: 'population_female',
  male: 'population_male',
  '0-14': 'population_0_14',
  '15-64': 'population_15_64',
  '65+': 'population_65_plus',
  disabled: 'population_disabled',
  poor: 'population_poor',
};

const METRICS = [
  ...Object.values(POPULATION_METRIC),
  'gdp',
  'households',
  'persons_per_household',
  'exchange_rate',
];

/**
 * A GDP figure in the report's money: converted = from the other currency at the year's rate;
 * deflated = at constant prices; missingCpi = no price index for the year (value null).
 */
export interface Gdp {
  value: number | null;
  converted: boolean;
  deflated?: boolean;
  missingCpi?: boolean;
}

/** The money GDP is wanted in: currency, and the CPI ratios of constant prices (null = nominal). */
export interface GdpMoney {
  currency: 'local' | 'usd';
  ratios: Map<number, number | null> | null;
}

/** Household size used for B-3/B-4 estimates; fallback = the default was used. */
export interface HouseholdSize {
  persons: number;
  fallback: boolean;
}

interface BaselineRow {
  unit: number | null;
  year: number;
  metric: string;
  value: number | null;
  usd: number | null;
}

/** Metric name given to the global exchange_rates rows, which win over the tenant's exchange_rate baseline. */
const RATE = 'exchange_rate_table';

/** Baseline values of one tenant for a year range. */
export class Denominators {
  private readonly values = new Map<string, { value: number | null; usd: number | null }>();

  private constructor(
    rows: BaselineRow[],
    private readonly currency: string,
    private readonly money: GdpMoney,
  ) {
    for (const r of rows) this.values.set(`${r.unit}|${r.year}|${r.metric}`, { value: r.value, usd: r.usd });
  }

  /** Load the baselines of the years from..to, and the exchange rates of the tenant's currency. */
  static async load(
    db: Executor,
    tenant: { id: number; currency: string },
    from: number,
    to: number,
    money: GdpMoney = { currency: 'local', ratios: null },
  ): Promise<Denominators> {
    const rows = await queryRows<BaselineRow>(
      db,
      sql`select geo_unit_id as unit, year, metric, value::float8 as value, value_usd::float8 as usd
          from baselines
          where tenant_id = ${tenant.id} and year between ${from} and ${to}
            and metric in (${sql.join(
              METRICS.map((m) => sql`${m}`),
              sql`, `,
            )})
          union all
          select null, year, ${RATE}::text, per_usd::float8, null from exchange_rates
          where currency = ${tenant.currency} and year between ${from} and ${to}`,
    );
    return new Denominators(rows, tenant.currency, money);
  }

  /** A metric's value (null unit = national); null when absent or not positive. */
  get(metric: string, year: number, unit: number | null = null): number | null {
    const value = this.values.get(`${unit}|${year}|${metric}`)?.value ?? null;
    return value !== null && value > 0 ? value : null;
  }

  /** Population of a category (see POPULATION_METRIC) in a year, nationally or in a unit. */
  population(category: string, year: number, unit: number | null = null): number | null {
    const metric = POPULATION_METRIC[category];
    return metric ? this.get(metric, year, unit) : null;
  }

  /** GDP in the report's currency and prices (see GdpMoney). */
  gdp(year: number, unit: number | null = null): Gdp | null {
    const nominal = this.money.currency === 'usd' ? this.gdpUsd(year, unit) : this.gdpLocal(year, unit);
    if (nominal === null || this.money.ratios === null) return nominal;
    const ratio = this.money.ratios.get(year) ?? null;
    return ratio === null
      ? { value: null, converted: nominal.converted, missingCpi: true }
      : { value: nominal.value! * ratio, converted: nominal.converted, deflated: true };
  }

  /** Local currency per USD in a year: the global table, else the tenant's baseline (1 for a USD tenant). */
  private rate(year: number): number | null {
    return this.get(RATE, year) ?? this.get('exchange_rate', year) ?? (this.currency === 'USD' ? 1 : null);
  }

  /** GDP in the tenant's currency; the USD figure at the year's national rate fills a gap. */
  private gdpLocal(year: number, unit: number | null): Gdp | null {
    const local = this.get('gdp', year, unit);
    if (local !== null) return { value: local, converted: false };
    const usd = this.values.get(`${unit}|${year}|gdp`)?.usd ?? null;
    const rate = this.rate(year);
    return usd !== null && usd > 0 && rate !== null ? { value: usd * rate, converted: true } : null;
  }

  /** GDP in US dollars: the baseline's USD value, else the local value at the year's rate. */
  private gdpUsd(year: number, unit: number | null): Gdp | null {
    const usd = this.values.get(`${unit}|${year}|gdp`)?.usd ?? null;
    if (usd !== null && usd > 0) return { value: usd, converted: false };
    const local = this.get('gdp', year, unit);
    const rate = this.rate(year);
    return local !== null && rate !== null
      ? { value: local / rate, converted: this.currency !== 'USD' }
      : null;
  }

  /** Persons per household: the baseline, else population / households, else the default. */
  householdSize(year: number): HouseholdSize {
    const given = this.get('persons_per_household', year);
    if (given !== null) return { persons: given, fallback: false };
    const population = this.get('population', year);
    const households = this.get('households', year);
    if (population !== null && households !== null)
      return { persons: population / households, fallback: false };
    return { persons: DEFAULT_PERSONS_PER_HOUSEHOLD, fallback: true };
  }
}
