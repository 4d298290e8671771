/**
 * Dimensions statistics group by. Each has a key (what SQL groups on: an id, a year, a code) and
 * a label (what a reader sees: the name in the request's language, the year itself). A null key
 * is the "unknown" bucket: no cause, no month, a card recorded above the level grouped on.
 *
 * event · hazard (HIPs hazard) · hazardType · hazardCluster · cause · geo<k> (the card's ancestor
 * at level k: the unit valid at the card's date, or in `current` geography mode the unit valid
 * today that succeeds it, see current-units.ts) · year · month (1-12 across years) · decade (1990 = 1990-1999) · season (DJF, MAM,
 * JJA, SON: meteorological quarters, the same names in both hemispheres) · status.
 */
import { type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../db/engine.ts';
import { queryRows } from '../../db/query.ts';
import { type FieldIssue, validationFailed } from '../../shared/errors.ts';
import { DATACARD_STATUS_VALUES } from '../../shared/status.ts';
import { type RequestContext, tenantOf } from '../context.ts';
import { currentUnitKey, type GeographyMode, validToday } from './current-units.ts';
import { intLiteral, localName, nameLanguages } from './sql.ts';

/** Dimension names (geo<k> stands for geo1, geo2, …). */
export const DIMENSION_NAMES = [
  'event',
  'hazard',
  'hazardType',
  'hazardCluster',
  'cause',
  'geo<k>',
  'year',
  'month',
  'decade',
  'season',
  'status',
  'disaster',
] as const;

/** A dimension ready for a query. */
export interface Dimension {
  name: string;
  /** The group key over `d` (and `et`, `h` when `hazards`). */
  key: SQL;
  /** Whether the key reads the event type's hazard. */
  hazards: boolean;
  /** A value per card, or nearly (disaster): too many for a cross-tab's rows or columns. */
  perCard?: boolean;
  /** The label, from the key column of the grouped rows. */
  label(key: SQL): SQL;
  /** The default sort expression (ascending, unknown last), from the key and label columns. */
  order(key: SQL, label: SQL): SQL;
}

const SEASONS = ['DJF', 'MAM', 'JJA', 'SON'];

const byKey = (key: SQL) => sql`${key} asc nulls last`;
const byLabel = (key: SQL, label: SQL) => sql`${label} asc nulls last, ${key} asc nulls last`;
const inList = (values: readonly string[]) => (key: SQL) =>
  sql`array_position(array[${sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  )}]::text[], ${key}) asc nulls last`;
const itself = (key: SQL) => key;

function named(name: string, key: SQL, table: string, tenantId: number | null, langs: string[]): Dimension {
  const tenant = tenantId === null ? sql`` : sql`x.tenant_id = ${tenantId} and`;
  const idColumn = table === 'hazards' ? sql`x.code` : sql`x.id`;
  return {
    name,
    key,
    hazards: name === 'hazard',
    label: (k) =>
      sql`(select ${localName('x', langs)} from ${sql.identifier(table)} x where ${tenant} ${idColumn} = ${k})`,
    order: byLabel,
  };
}

const plain = (name: string, key: SQL, order: Dimension['order'] = byKey, hazards = false): Dimension => ({
  name,
  key,
  hazards,
  label: itself,
  order,
});

/**
 * Disasters: the cards of one disaster event together, and every card without one on its own
 * (a flood that hit five provinces is one disaster, not five). The key is the disaster event's id
 * or the lone card's; the label the event's name, or the card's serial, date and event type.
 * Rows come in key order (sort by a measure to rank them): labels are then looked up only for
 * the rows a limit keeps, not for every card. Cross-tabs refuse it (a row or column per card).
 */
function disaster(tenantId: number, langs: string[]): Dimension {
  return {
    name: 'disaster',
    key: sql`coalesce(d.disaster_event_id, d.id)`,
    hazards: false,
    perCard: true,
    label: (k) => sql`coalesce(
      (select x.name from disaster_events x where x.tenant_id = ${tenantId} and x.id = ${k}),
      (select concat_ws(' · ', c.serial,
          c.start_year || coalesce('-' || lpad(c.start_month::text, 2, '0'), '')
            || coalesce('-' || lpad(c.start_day::text, 2, '0'), ''),
          ${localName('x', langs)})
        from datacards c left join event_types x on x.tenant_id = c.tenant_id and x.id = c.event_type_id
        where c.tenant_id = ${tenantId} and c.id = ${k}))`,
    order: byKey,
  };
}

/** The number of geographic levels of the tenant. */
export async function levelCount(ex: Executor, tenantId: number): Promise<number> {
  const [row] = await queryRows<{ n: number }>(
    ex,
    sql`select coalesce(max(level), 0)::int as n from geo_levels where tenant_id = ${tenantId}`,
  );
  return row?.n ?? 0;
}

const geoLevel = (name: string) => /^geo([1-9]\d?)$/.exec(name)?.[1];

/** geo<k> in current mode: today's unit, and a unit that is no longer valid labelled as historical. */
function currentGeo(name: string, key: SQL, tenantId: number, langs: string[]): Dimension {
  return {
    ...named(name, key, 'geo_units', tenantId, langs),
    label: (k) =>
      sql`(select ${localName('x', langs)} || case when ${validToday('x')} then ''
                  else ' (historical unit, until ' || coalesce(x.valid_to::text, '?') || ')' end
           from geo_units x where x.tenant_id = ${tenantId} and x.id = ${k})`,
  };
}

function dimension(
  name: string,
  tenantId: number,
  langs: string[],
  levels: number,
  currentKey?: SQL,
): Dimension | string {
  const geo = geoLevel(name);
  if (geo) {
    const level = Number(geo);
    if (level > levels) return `the tenant has ${levels} geographic level(s)`;
    if (currentKey) return currentGeo(name, currentKey, tenantId, langs);
    return named(name, sql`d.geo_ancestors[${intLiteral(level)}]`, 'geo_units', tenantId, langs);
  }
  switch (name) {
    case 'event':
      return named(name, sql`d.event_type_id`, 'event_types', tenantId, langs);
    case 'cause':
      return named(name, sql`d.cause_id`, 'causes', tenantId, langs);
    case 'hazard':
      return named(name, sql`et.hazard_code`, 'hazards', null, langs);
    case 'hazardType':
      return plain(name, sql`h.type_name`, byLabel, true);
    case 'hazardCluster':
      return plain(name, sql`h.cluster_name`, byLabel, true);
    case 'year':
      return plain(name, sql`d.start_year`);
    case 'month':
      return plain(name, sql`d.start_month`);
    case 'decade':
      return plain(name, sql`(d.start_year / 10) * 10`);
    case 'season':
      return plain(
        name,
        sql`(case when d.start_month in (12, 1, 2) then 'DJF' when d.start_month in (3, 4, 5) then 'MAM'
                  when d.start_month in (6, 7, 8) then 'JJA' when d.start_month in (9, 10, 11) then 'SON' end)`,
        inList(SEASONS),
      );
    case 'status':
      return plain(name, sql`d.status`, inList(DATACARD_STATUS_VALUES));
    case 'disaster':
      return disaster(tenantId, langs);
    default:
      return `unknown dimension ${name} (use ${DIMENSION_NAMES.join(', ')})`;
  }
}

/**
 * Resolve dimension names for the context's tenant; one issue per bad name at `<path>.<i>`
 * (at `<path>` itself when the request field holds a single name). `geography` says how geo<k>
 * places cards: by the unit valid at the card's date (historical) or by today's units (current).
 */
export async function resolveDimensions(
  ex: Executor,
  ctx: RequestContext,
  names: readonly string[],
  path = 'by',
  single = false,
  geography: GeographyMode = 'historical',
): Promise<Dimension[]> {
  const tenant = tenantOf(ctx);
  const levels = names.some((n) => n.startsWith('geo')) ? await levelCount(ex, tenant.id) : 0;
  const langs = nameLanguages(ctx);
  const issues: FieldIssue[] = [];
  const dims: Dimension[] = [];
  for (const [i, name] of names.entries()) {
    const geo = geoLevel(name);
    const currentKey =
      geography === 'current' && geo && Number(geo) <= levels
        ? await currentUnitKey(ex, tenant.id, Number(geo))
        : undefined;
    const dim =
      names.indexOf(name) < i
        ? `${name} is asked for twice`
        : dimension(name, tenant.id, langs, levels, currentKey);
    if (typeof dim === 'string')
      issues.push({ path: single ? path : `${path}.${i}`, code: 'invalid_dimension', message: dim });
    else dims.push(dim);
  }
  if (issues.length) throw validationFailed(issues);
  return dims;
}
