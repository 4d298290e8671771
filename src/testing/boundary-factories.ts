/**
 * A boundary change modelled on Kazakhstan's 2022 one, in small squares: East Kazakhstan (VOS)
 * gives its west half to Abai (ABY), Almaty (ALM) gives Zhetysu (ZHT), Karaganda (KAR) gives
 * its west half to Ulytau (ULT); Akmola (AKM) continues; M1 and M2 merge into MRG. Level 2 has
 * one district in each half of East Kazakhstan (VOS-W goes to Abai, VOS-E stays).
 */
import type { Db } from '../db/engine.ts';
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
