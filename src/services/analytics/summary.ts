/**
 * The card summary (db/schema/summary.ts: live cards added up per tenant, status, event type,
 * cause, year, month and level-1/level-2 unit) as the source of grouped analytics. A query reads
 * it instead of the datacards when, and only when, the summary gives exactly the same answer:
 *
 * - dimensions among event, hazard, hazardType, hazardCluster, cause, geo1, geo2, year, month,
 *   decade, season and status, with geo<k> in historical geography (the unit of the card's date);
 * - measures `count`, and the sum or cards-with (`count:`) of a summary effect, none converted to
 *   a money basis;
 * - filter conditions on summary columns only: status, event types, hazards, hazard clusters,
 *   causes, units of levels 1-2 (with descendants), from/to by year or month; and a geographic
 *   scope of level 1-2 units.
 *
 * Anything else (text, effects, sectors, GLIDE, serials, extra fields, disaster events, day
 * ranges, deeper units, averages and extremes, converted losses) reads the datacards. Sums of
 * group sums are exact (bigint and numeric) and only then cast like the card query casts them.
 *
 * The summary is presented as `d` with the datacards columns that compileFilter() and the
 * dimension keys read (geo_ancestors = [geo1, geo2], start_date = the month's first day, no
 * deleted cards), so both apply unchanged.
 */
import { type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../db/engine.ts';
import { queryRows } from '../../db/query.ts';
import { SUMMARY_FIELDS, summarySumColumn, summaryWithColumn } from '../../db/schema/index.ts';
import type { FieldDef } from '../../shared/fields.ts';
import type { Filter } from '../../shared/schemas/filter.ts';
import { type RequestContext, tenantOf } from '../context.ts';
import type { GeographyMode } from './current-units.ts';
import type { Dimension } from './dimensions.ts';
import type { Measure } from './measures.ts';
import { cardsFrom, paramList } from './sql.ts';

let routing = true;

/** Let eligible queries read the summary (the default), or send every query to the datacards (tests, benchmarks). */
export function setSummaryRouting(enabled: boolean): void {
  routing = enabled;
}

const DIMENSIONS = new Set([
  'event',
  'hazard',
  'hazardType',
  'hazardCluster',
  'cause',
  'geo1',
  'geo2',
  'year',
  'month',
  'decade',
  'season',
  'status',
]);

/** effectsJoin only says how effect conditions join, and those are not allowed. */
const FILTER_KEYS = new Set([
  'status',
  'eventTypes',
  'hazards',
  'hazardClusters',
  'causes',
  'geoUnits',
  'from',
  'to',
  'effectsJoin',
]);

/** The deepest level the summary keeps a unit of. */
const SUMMARY_LEVELS = 2;

const FIELDS = new Map(SUMMARY_FIELDS.map((f) => [f.key, f]));

const column = (name: string) => sql`d.${sql.identifier(name)}`;

/** The cards of the groups read (an int8 or numeric sum; cast it). */
export const summaryCount: SQL = sql`coalesce(sum(d.cards), 0)`;
/** The sum of an effect over the groups read (nothing sums to 0). */
export const summarySum = (f: FieldDef): SQL => sql`coalesce(sum(${column(summarySumColumn(f))}), 0)`;
/** The cards with an effect (above zero or its "there were" flag) over the groups read. */
export const summaryWith = (f: FieldDef): SQL => sql`coalesce(sum(${column(summaryWithColumn(f))}), 0)`;

/** A measure's aggregate over the summary, or null when the summary cannot give it (keys as in measures.ts). */
function summaryMeasure(m: Measure): SQL | null {
  if (m.money) return null;
  if (m.key === 'count') return sql`${summaryCount}::int`;
  const counted = m.key.startsWith('count:');
  const field = FIELDS.get(counted ? m.key.slice(6) : m.key);
  if (!field) return null;
  return counted ? sql`${summaryWith(field)}::int` : sql`${summarySum(field)}::float8`;
}

/** The summary groups as `d`, shaped like the datacards columns the filter and the dimensions read. */
const SUMMARY_CARDS = sql`(select s.*, array[s.geo1, s.geo2] as geo_ancestors,
    make_date(s.start_year, coalesce(s.start_month, 1), 1) as start_date, null::timestamptz as deleted_at
  from card_summary s) d`;

/** FROM clause of a query over the summary; the caller checked readsSummary(). */
export const summaryFrom = (withHazards = false): SQL => cardsFrom(withHazards, SUMMARY_CARDS);

/** The measures aggregating the summary instead of the cards; the caller checked readsSummary(). */
export const summaryMeasures = (measures: readonly Measure[]): Measure[] =>
  measures.map((m) => ({ ...m, sql: summaryMeasure(m)! }));

/** A partial date whose period starts and ends on month boundaries (YYYY or YYYY-MM). */
const wholeMonths = (text: string | undefined) => text === undefined || text.length <= 7;

function filterFits(f: Filter): boolean {
  const keys = Object.entries(f).filter(([, v]) => v !== undefined);
  return keys.every(([k]) => FILTER_KEYS.has(k)) && wholeMonths(f.from) && wholeMonths(f.to);
}

/** Whether every unit (by id or code) lies at a level the summary keeps. */
async function unitsFit(
  ex: Executor,
  tenantId: number,
  refs: readonly (number | string)[],
): Promise<boolean> {
  if (refs.length === 0) return true;
  const ids = refs.filter((r) => typeof r === 'number');
  const codes = refs.filter((r) => typeof r === 'string');
  const [row] = await queryRows<{ deepest: number }>(
    ex,
    sql`select coalesce(max(level), 0)::int as deepest from geo_units where tenant_id = ${tenantId}
        and (${ids.length ? sql`id in (${paramList(ids)})` : sql`false`}
             or ${codes.length ? sql`code in (${paramList(codes)})` : sql`false`})`,
  );
  return (row?.deepest ?? 0) <= SUMMARY_LEVELS;
}

/** When each database last had its summary statistics looked at (ms). */
const statisticsChecked = new WeakMap<Executor, number>();
const STATISTICS_EVERY_MS = 10_000;

/**
 * Analyze the summary when it never was or a fifth of it changed since (at most every 10 s per
 * database): PGlite has no autovacuum, and a planner that believes the tenant has a few hundred
 * groups joins the hazard catalogue in a nested loop over all of them, several times slower.
 */
async function refreshSummaryStatistics(ex: Executor): Promise<void> {
  const now = Date.now();
  if (now - (statisticsChecked.get(ex) ?? 0) < STATISTICS_EVERY_MS) return;
  statisticsChecked.set(ex, now);
  const [stats] = await queryRows<{ analyzed: boolean; stale: boolean }>(
    ex,
    sql`select c.reltuples >= 0 as analyzed,
               pg_stat_get_mod_since_analyze(c.oid) >= greatest(1000, pg_stat_get_live_tuples(c.oid) / 5) as stale
        from pg_class c where c.oid = 'card_summary'::regclass`,
  );
  if (stats?.analyzed && !stats.stale) return;
  try {
    await ex.execute(sql`analyze card_summary`);
  } catch {
    // A role that does not own the table cannot analyze it; queries are only slower then.
  }
}

/** What a query asks, as far as the choice of source goes. */
export interface SummaryQuestion {
  filter?: Filter;
  dims?: readonly Dimension[];
  measures?: readonly Measure[];
  geography?: GeographyMode;
}

/**
 * Whether the summary answers the query exactly (see the rules at the top of this file); when it
 * does, its planner statistics are brought up to date first.
 */
export async function readsSummary(ex: Executor, ctx: RequestContext, q: SummaryQuestion): Promise<boolean> {
  const filter = q.filter ?? {};
  const dims = q.dims ?? [];
  if (!routing || !filterFits(filter)) return false;
  if (dims.some((d) => !DIMENSIONS.has(d.name))) return false;
  if (q.geography === 'current' && dims.some((d) => d.name.startsWith('geo'))) return false;
  if ((q.measures ?? []).some((m) => summaryMeasure(m) === null)) return false;
  if (!(await unitsFit(ex, tenantOf(ctx).id, [...(filter.geoUnits ?? []), ...(ctx.geoScope ?? [])])))
    return false;
  await refreshSummaryStatistics(ex);
  return true;
}
