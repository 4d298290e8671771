/**
 * Map values: measures per geographic unit at one level, as a GeoJSON FeatureCollection of the
 * level's units (current ones, plus historical ones that hold cards) with their boundaries.
 * Cards recorded above the level (e.g. a province-wide card on a district map) are `unlocated`.
 * With `geography: 'current'` cards are re-aggregated onto today's units (see current-units.ts):
 * the features are today's units, plus any historical unit still holding cards that could not be
 * placed in one successor, each with a `historical` flag and the unit's `validTo`.
 */
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/engine.ts';
import { queryRows } from '../../db/query.ts';
import type { MoneyResult } from '../../shared/money.ts';
import type { MapQuery } from '../../shared/schemas/analytics.ts';
import { type RequestContext, tenantOf } from '../context.ts';
import { filtersCurrentUnits, validToday } from './current-units.ts';
import { resolveDimensions } from './dimensions.ts';
import { compileFilter } from './filter.ts';
import { allValid, groupCards } from './grouping.ts';
import { emptyValues, moneyMeasureKeys, resolveMeasures } from './measures.ts';
import { moneyResult, queryMoney } from './money-block.ts';
import { localName, nameLanguages, paramList } from './sql.ts';
import { readsSummary } from './summary.ts';

/** One unit on the map. */
export interface MapFeature {
  type: 'Feature';
  id: number;
  geometry: unknown;
  properties: Record<string, string | number | boolean | null>;
}

/** Map values of a level. */
export interface MapResult {
  type: 'FeatureCollection';
  level: number;
  measures: string[];
  features: MapFeature[];
  unlocated: Record<string, number | null>;
  /** The money basis and its coverage, when a measure is a converted loss. */
  money?: MoneyResult;
}

interface UnitRow {
  id: number;
  code: string;
  name: string;
  geometry: unknown;
  historical: boolean;
  validTo: string | null;
}

/** Measures per unit of `level` over the cards matching the filter. */
export async function cardMap(db: Db, ctx: RequestContext, q: MapQuery): Promise<MapResult> {
  const tenant = tenantOf(ctx);
  const money = await queryMoney(db, ctx, q.money);
  const [where, dims, measures] = await allValid([
    compileFilter(db, ctx, q.filter, q.geography),
    resolveDimensions(db, ctx, [`geo${q.level}`], 'level', true, q.geography),
    resolveMeasures(db, tenant.id, q.measures, 'measures', money?.sql),
  ] as const);
  const summary =
    !filtersCurrentUnits(q.filter, q.geography) &&
    (await readsSummary(db, ctx, { filter: q.filter, dims, measures, geography: q.geography }));
  const [groups, moneyBlock] = await Promise.all([
    groupCards(db, { where, dims, measures, joins: money?.sql.joins, summary }),
    moneyResult(db, ctx, money, where, moneyMeasureKeys(measures)),
  ]);
  const name = dims[0]!.name;
  const byUnit = new Map(
    groups.filter((g) => g.keys[name] !== null).map((g) => [Number(g.keys[name]), g.values]),
  );
  const withCards = byUnit.size ? sql`or id in (${paramList([...byUnit.keys()])})` : sql``;
  const units = await queryRows<UnitRow>(
    db,
    sql`select id, code, ${localName('x', nameLanguages(ctx))} as name,
               ${q.geometry ? sql`geometry` : sql`null::jsonb`} as geometry,
               not ${validToday('x')} as historical, valid_to::text as "validTo"
        from geo_units x
        where tenant_id = ${tenant.id} and level = ${q.level}
          and (((valid_from is null or valid_from <= current_date) and (valid_to is null or valid_to > current_date))
               ${withCards})
        order by code, id`,
  );
  const empty = emptyValues(measures);
  return {
    type: 'FeatureCollection',
    level: q.level,
    measures: measures.map((m) => m.key),
    features: units.map((u) => ({
      type: 'Feature',
      id: u.id,
      geometry: u.geometry ?? null,
      properties: {
        unitId: u.id,
        code: u.code,
        name: u.name,
        ...(q.geography === 'current' && { historical: u.historical, validTo: u.validTo }),
        ...(byUnit.get(u.id) ?? empty),
      },
    })),
    unlocated: groups.find((g) => g.keys[name] === null)?.values ?? empty,
    ...(moneyBlock && { money: moneyBlock }),
  };
}
