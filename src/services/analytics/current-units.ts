/**
 * Re-aggregating cards onto today's units: the geo<k> key of a card in `current` geography mode.
 * A card keeps the unit valid at its date (historical mode); here its level-k ancestor h is
 * replaced by the unit(s) valid today that succeed h, following predecessor -> successor links
 * transitively (so 1990 -> 2015 -> 2022 changes chain).
 *
 * - h valid today: h itself.
 * - One current successor (rename, re-versioned unit, merge): that unit; merged units add up.
 * - A SPLIT (several current successors): the card is placed, never divided:
 *   1. by its own lower-level unit: the deepest of the card's units below level k whose current
 *      version (itself, or its one current successor) lies in one of h's successors;
 *   2. else by its coordinates: the successor whose boundary contains the card's point;
 *   3. else it stays under h, labelled "(historical unit, until <valid_to>)".
 *   Shares of links are not used to apportion: a card is one event in one place, so spreading its
 *   count and losses by a population or area share would invent fractional cards and put losses
 *   where the event did not happen; an unplaced card stays visible under its historical unit.
 * - No current successor (a unit that simply ended): h, labelled as historical.
 *
 * A filter on units follows the same mode (currentUnitsCondition): in current mode a unit also
 * takes the cards this placement puts in it, e.g. Abai (2022) the cards of East Kazakhstan's
 * western half filed before 2022.
 */
import { type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../db/engine.ts';
import { queryRows } from '../../db/query.ts';
import type { Filter } from '../../shared/schemas/filter.ts';
import { intLiteral, paramList } from './sql.ts';

/** How geo<k> dimensions and maps place a card: by the unit valid at its date, or by today's units. */
export type GeographyMode = 'historical' | 'current';

/** A unit valid today, over alias `alias`. */
export const validToday = (alias: string): SQL => {
  const a = sql.identifier(alias);
  return sql`((${a}.valid_from is null or ${a}.valid_from <= current_date) and (${a}.valid_to is null or ${a}.valid_to > current_date))`;
};

/** A Postgres int[] literal, sent as one text parameter (no limit on the number of ids). */
const intArray = (ids: readonly number[]): SQL => sql`${`{${ids.join(',')}}`}::int[]`;

/** Units (of `origins`) mapped to the units valid today they lead to through links, with each one's level-k ancestor. */
async function currentSuccessors(ex: Executor, tenantId: number, origins: SQL, level: number) {
  const at = intLiteral(level + 1);
  return queryRows<{ origin: number; originAncestor: number; current: number; ancestor: number }>(
    ex,
    sql`with recursive origin as (${origins}),
        reach(origin, unit) as (
          select id, id from origin
          union
          select r.origin, l.successor_id
            from reach r
            join geo_units u on u.tenant_id = ${tenantId} and u.id = r.unit
            join geo_unit_links l on l.tenant_id = ${tenantId} and l.predecessor_id = r.unit
           where not ${validToday('u')})
        select r.origin::int as origin, split_part(o.path, '/', ${at})::int as "originAncestor",
               c.id::int as current, split_part(c.path, '/', ${at})::int as ancestor
          from reach r
          join geo_units o on o.tenant_id = ${tenantId} and o.id = r.origin
          join geo_units c on c.tenant_id = ${tenantId} and c.id = r.unit
         where ${validToday('c')} and c.level = o.level
         order by 1, 3`,
  );
}

/** Successors by historical unit, for units of `level` no longer valid today. */
async function levelSuccessors(ex: Executor, tenantId: number, level: number) {
  const origins = sql`select id from geo_units u where u.tenant_id = ${tenantId} and u.level = ${level} and not ${validToday('u')}`;
  const rows = await currentSuccessors(ex, tenantId, origins, level);
  const ended = await queryRows<{ id: number }>(ex, sql`${origins}`);
  const successors = new Map<number, number[]>(ended.map((u) => [u.id, []]));
  for (const r of rows) successors.get(r.origin)?.push(r.current);
  return successors;
}

/** Lower-level units in split units that place a card in one successor: [unit, successor] pairs. */
async function placingUnits(
  ex: Executor,
  tenantId: number,
  level: number,
  splits: ReadonlyMap<number, readonly number[]>,
): Promise<[number, number][]> {
  const at = intLiteral(level + 1);
  const origins = sql`select id from geo_units u where u.tenant_id = ${tenantId} and u.level > ${level}
    and split_part(u.path, '/', ${at})::int = any(${intArray([...splits.keys()])})`;
  const rows = await currentSuccessors(ex, tenantId, origins, level);
  const placed = new Map<number, Set<number>>();
  for (const r of rows) {
    if (!splits.get(r.originAncestor)?.includes(r.ancestor)) continue;
    placed.set(r.origin, (placed.get(r.origin) ?? new Set()).add(r.ancestor));
  }
  return [...placed].filter(([, to]) => to.size === 1).map(([unit, to]) => [unit, [...to][0]!]);
}

/** Point-in-polygon (even-odd rule over every ring) of the card's coordinates in the boundary of `g`. */
const containsCard = sql`(select count(*) % 2 = 1
  from jsonb_array_elements(case g.geometry->>'type'
         when 'Polygon' then jsonb_build_array(g.geometry->'coordinates')
         when 'MultiPolygon' then g.geometry->'coordinates' else '[]'::jsonb end) poly(rings)
  cross join lateral jsonb_array_elements(poly.rings) ring(pts)
  cross join lateral jsonb_array_elements(ring.pts) with ordinality a(p, i)
  cross join lateral (select ring.pts -> a.i::int as q) b
  where b.q is not null
    and (((a.p->>1)::float8 > d.latitude) <> ((b.q->>1)::float8 > d.latitude))
    and d.longitude < ((b.q->>0)::float8 - (a.p->>0)::float8) * (d.latitude - (a.p->>1)::float8)
        / nullif((b.q->>1)::float8 - (a.p->>1)::float8, 0) + (a.p->>0)::float8)`;

/** The geo<level> key of a card (`d`) in current mode; see the rules at the top of this file. */
export async function currentUnitKey(ex: Executor, tenantId: number, level: number): Promise<SQL> {
  const own = sql`d.geo_ancestors[${intLiteral(level)}]`;
  const successors = await levelSuccessors(ex, tenantId, level);
  const moved = [...successors].filter(([, to]) => to.length === 1);
  const splits = new Map([...successors].filter(([, to]) => to.length > 1));
  if (moved.length === 0 && splits.size === 0) return own;
  const cases: SQL[] = [];
  if (moved.length > 0) {
    const from = intArray(moved.map(([h]) => h));
    const to = intArray(moved.map(([, [s]]) => s!));
    cases.push(sql`when ${own} = any(${from}) then (${to})[array_position(${from}, ${own})]`);
  }
  if (splits.size > 0) {
    const pairs = await placingUnits(ex, tenantId, level, splits);
    const byUnit = sql`(select p.s from unnest(${intArray(pairs.map(([u]) => u))}, ${intArray(pairs.map(([, s]) => s))}) p(u, s)
      where p.u = any(d.geo_ancestors) order by array_position(d.geo_ancestors, p.u) desc limit 1)`;
    const hs = [...splits].flatMap(([h, to]) => to.map(() => h));
    const byPoint = sql`(select m.s from unnest(${intArray(hs)}, ${intArray([...splits.values()].flat())}) m(h, s)
      join geo_units g on g.tenant_id = ${tenantId} and g.id = m.s
      where m.h = ${own} and d.latitude is not null and d.longitude is not null
        and d.longitude between g.bbox_min_lon and g.bbox_max_lon and d.latitude between g.bbox_min_lat and g.bbox_max_lat
        and ${containsCard}
      order by m.s limit 1)`;
    cases.push(
      sql`when ${own} = any(${intArray([...splits.keys()])}) then coalesce(${byUnit}, ${byPoint}, ${own})`,
    );
  }
  return sql`(case ${sql.join(cases, sql` `)} else ${own} end)`;
}

/**
 * Cards of filter units in current mode: those under a unit at the card's date (`historical`,
 * the filter's usual condition) or placed in it by currentUnitKey at its level.
 */
export async function currentUnitsCondition(
  ex: Executor,
  tenantId: number,
  units: readonly { id: number; level?: number }[],
  historical: SQL,
): Promise<SQL> {
  const levels = [...new Set(units.map((u) => u.level!))].sort((a, b) => a - b);
  const placed = await Promise.all(
    levels.map(async (level) => {
      const ids = units.filter((u) => u.level === level).map((u) => u.id);
      return sql`${await currentUnitKey(ex, tenantId, level)} in (${paramList(ids)})`;
    }),
  );
  return sql`(${historical} or ${sql.join(placed, sql` or `)})`;
}

/**
 * Whether a query filters units in current mode: its condition reads the cards' points and every
 * unit level, which the card summary does not hold, so such a query reads the datacards.
 */
export const filtersCurrentUnits = (filter: Filter | undefined, geography: GeographyMode | undefined) =>
  geography === 'current' && (filter?.geoUnits?.length ?? 0) > 0;
