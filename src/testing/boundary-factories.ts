/**
 * A boundary change modelled on Kazakhstan's 2022 one, in small squares: East Kazakhstan (VOS)
 * gives its west half to Abai (ABY), Almaty (ALM) gives Zhetysu (ZHT), Karaganda (KAR) gives
 * its west half to Ulytau (ULT); Akmola (AKM) continues; M1 and M2 merge into MRG. Level 2 has
 * one district in each half of East Kazakhstan (VOS-W goes to Abai, VOS-E stays).
 */
import { sql } from 'drizzle-orm';
import type { Db } from '../db/engine.ts';
import { queryRows } from '../db/query.ts';
import { eventTypes } from '../db/schema/index.ts';
import { type RequestContext, systemContext, withTenant } from '../services/context.ts';
import { createDatacard } from '../services/datacards/write.ts';
import { readGeoJsonUnits } from '../services/geography/geojson.ts';
import { type GeographyImportResult, importGeography } from '../services/geography/import.ts';
import { readUnitLinks } from '../services/geography/links-file.ts';
import { createTenant, resolveTenant } from '../services/tenants/tenants.ts';
import { squareOf } from './geo-factories.ts';

/** The day the new units start. */
export const CHANGE_DATE = '2022-06-08';

type Unit = [code: string, name: string, lon: number, lat: number, width: number, parent?: string];

/** The level-1 units before the change (squares 4° wide unless halved). */
export const LEVEL1_BEFORE: Unit[] = [
  ['VOS', 'East Kazakhstan', 80, 48, 4],
  ['ALM', 'Almaty', 76, 43, 4],
  ['KAR', 'Karaganda', 70, 46, 4],
  ['AKM', 'Akmola', 70, 51, 2],
  ['M1', 'West Merge', 60, 40, 2],
  ['M2', 'East Merge', 62, 40, 2],
];

/** The level-1 units after the change. */
export const LEVEL1_AFTER: Unit[] = [
  ['VOS', 'East Kazakhstan', 82, 48, 2],
  ['ABY', 'Abai', 80, 48, 2],
  ['ALM', 'Almaty', 78, 43, 2],
  ['ZHT', 'Zhetysu', 76, 43, 2],
  ['KAR', 'Karaganda', 72, 46, 2],
  ['ULT', 'Ulytau', 70, 46, 2],
  ['AKM', 'Akmola', 70, 51, 2],
  ['MRG', 'Merged', 60, 40, 4],
];

/** The 2022 links: shares for East Kazakhstan and Karaganda, none for Almaty. */
export const LINKS_CSV = `predecessor_code,successor_code,share
VOS,ABY,0.4
ALM,ZHT,
KAR,ULT,0.3
KAR,KAR,0.7
M1,MRG,1
M2,MRG,1
`;

/** A rectangle `width` wide and 4° high (halves keep the full height). */
const shape = (lon: number, lat: number, width: number) => {
  const square = squareOf(lon, lat, 4);
  square.coordinates[0] = square.coordinates[0]!.map(([x, y]) => [x === lon + 4 ? lon + width : x, y]);
  return square;
};

/** A FeatureCollection of units (properties code, name, parent). */
export const featuresOf = (units: Unit[]) => ({
  type: 'FeatureCollection',
  features: units.map(([code, name, lon, lat, width, parent]) => ({
    type: 'Feature',
    properties: { code, name, ...(parent && { parent }) },
    geometry: shape(lon, lat, width),
  })),
});

/** Import one level of the fixture. */
export function importLevel(
  db: Db,
  ctx: RequestContext,
  level: number,
  units: Unit[],
  validFrom: string | null,
  links?: string,
): Promise<GeographyImportResult> {
  const mapping = {
    level,
    codeProp: 'code',
    nameProps: { en: 'name' },
    parentProp: level > 1 ? 'parent' : undefined,
    validFrom,
  };
  return importGeography(db, ctx, {
    fileName: `level${level}.geojson`,
    level,
    validFrom,
    units: readGeoJsonUnits(featuresOf(units), mapping, `level${level}.geojson`),
    links: links === undefined ? undefined : readUnitLinks(links, 'links.csv'),
  });
}

/** A tenant with the version before the change and an event type. */
export async function seedBoundaryTenant(db: Db, code = 'KZB') {
  const system = systemContext('test');
  await createTenant(db, system, { code, names: { en: 'Kazakhstan' }, currency: 'KZT' });
  const ctx = withTenant(system, await resolveTenant(db, code));
  const [event] = await db
    .insert(eventTypes)
    .values({ tenantId: ctx.tenant!.id, code: 'FLOOD', names: { en: 'Flood' } })
    .returning({ id: eventTypes.id });
  await importLevel(db, ctx, 1, LEVEL1_BEFORE, null);
  await importLevel(
    db,
    ctx,
    2,
    [
      ['VOS-W', 'Western district', 80, 48, 2, 'VOS'],
      ['VOS-E', 'Eastern district', 82, 48, 2, 'VOS'],
    ],
    null,
  );
  const card = (geoUnitId: number, date: string, deaths: number, point?: [number, number]) =>
    createDatacard(db, ctx, {
      eventTypeId: event!.id,
      geoUnitId,
      startYear: Number(date.slice(0, 4)),
      startMonth: Number(date.slice(5, 7)),
      startDay: Number(date.slice(8, 10)),
      status: 'published',
      effects: { deaths: { value: deaths, present: false } },
      ...(point && { longitude: point[0], latitude: point[1] }),
    });
  return { ctx, card };
}

/** The 2022 version: level 1 with the links, then level 2 under the new parents. */
export async function importChange(db: Db, ctx: RequestContext) {
  const level1 = await importLevel(db, ctx, 1, LEVEL1_AFTER, CHANGE_DATE, LINKS_CSV);
  const level2 = await importLevel(
    db,
    ctx,
    2,
    [
      ['VOS-W', 'Western district', 80, 48, 2, 'ABY'],
      ['VOS-E', 'Eastern district', 82, 48, 2, 'VOS'],
    ],
    CHANGE_DATE,
  );
  return { level1, level2 };
}

/** Unit ids by code; a later version of a code wins. */
async function unitIds(db: Db, tenantId: number) {
  const rows = await queryRows<{ code: string; id: number }>(
    db,
    sql`select code, id from geo_units where tenant_id = ${tenantId} order by valid_from nulls first, id`,
  );
  return new Map(rows.map((r) => [r.code, r.id]));
}

/**
 * The tenant with ten published flood cards around the 2022 change (deaths in brackets), then
 * the change: VOS-W 2020 (5, now Abai by its district); VOS 2020 (3, point in Abai); VOS 2021 (2,
 * not placeable); ALM 2019 (4, split without place); KAR 2020 (7, point in the new Karaganda);
 * KAR 2020 (1, point outside every successor); AKM 2020 (1); M1 2020 (2) and M2 2021 (3), merged;
 * ABY 2023 (1, after the change).
 */
export async function seedBoundaryChange(db: Db, code = 'KZB') {
  const { ctx, card } = await seedBoundaryTenant(db, code);
  const old = await unitIds(db, ctx.tenant!.id);
  const at = (unit: string) => old.get(unit)!;
  await card(at('VOS-W'), '2020-05-01', 5);
  await card(at('VOS'), '2020-06-01', 3, [81, 49]);
  await card(at('VOS'), '2021-01-01', 2);
  await card(at('ALM'), '2019-03-01', 4);
  await card(at('KAR'), '2020-07-01', 7, [73, 47]);
  await card(at('KAR'), '2020-07-02', 1, [69, 47]);
  await card(at('AKM'), '2020-08-01', 1);
  await card(at('M1'), '2020-09-01', 2);
  await card(at('M2'), '2021-09-01', 3);
  await importChange(db, ctx);
  await card((await unitIds(db, ctx.tenant!.id)).get('ABY')!, '2023-01-01', 1);
  return { ctx, card };
}
