/**
 * A small analytics fixture whose figures are computed by hand in the tests: tenant AAA (from
 * seedTenant: provinces P1 and P2, district D1 in P1, FLOOD, RAIN) plus QUAKE and FIRE event types,
 * seven extra fields, a disaster event with a GLIDE number and six cards (one deleted):
 *
 * | serial | event | unit | date       | status    | deaths      | injured | destroyed | lossesUsd |
 * | S1     | FLOOD | D1   | 2020-05-14 | published | 3           | 10      | 2         | 1000.5    |
 * | S2     | FLOOD | P1   | 2020       | published | null, there | 5       |           | 200       |
 * | S3     | QUAKE | P2   | 2021-02    | published | 10          | 0       | 7         |           |
 * | S4     | FIRE  | D1   | 2019-12-31 | draft     | 1           |         | 1         |           |
 * | S5     | FLOOD | P2   | 2021-07-01 | support   | 0           | 2       |           | 50        |
 * | S6     | FLOOD | P1   | 2020       | published | 100 (deleted: never counts)                   |
 */
import type { Db } from '../db/engine.ts';
import { datacards, disasterEvents, eventTypes, extraFieldDefinitions } from '../db/schema/index.ts';
import { type RequestContext, systemContext, withTenant } from '../services/context.ts';
import { seedHazards } from './catalogue-factories.ts';
import { type SeededTenant, seedTenant } from './factories.ts';

/** What the fixture created. */
export interface AnalyticsFixture extends SeededTenant {
  ctx: RequestContext;
  quakeId: number;
  fireId: number;
  disasterId: string;
}

const option = (code: string) => ({ code, labels: { en: code.toUpperCase() } });

async function seedExtraFields(db: Db, tenantId: number): Promise<void> {
  const field = (
    key: string,
    type: (typeof extraFieldDefinitions.$inferInsert)['type'],
    options: string[] = [],
  ) => ({
    tenantId,
    key,
    type,
    labels: { en: key },
    options: options.map(option),
  });
  await db
    .insert(extraFieldDefinitions)
    .values([
      field('RAIN_MM', 'decimal'),
      field('COUNT_N', 'integer'),
      field('NOTE', 'text'),
      field('KIND', 'list', ['a', 'b']),
      field('TAGS', 'multichoice', ['x', 'y', 'z']),
      field('ROAD_OK', 'yesno'),
      field('SEEN', 'date'),
    ]);
}

/** Seed tenant `code` with the fixture described above; another tenant's cards must never leak into it. */
export async function seedAnalyticsFixture(db: Db, code = 'AAA'): Promise<AnalyticsFixture> {
  await seedHazards(db);
  const t = await seedTenant(db, code);
  const [quake, fire] = await db
    .insert(eventTypes)
    .values([
      {
        tenantId: t.tenantId,
        code: 'QUAKE',
        names: { en: 'Earthquake', ru: 'Землетрясение' },
        hazardCode: 'GH0101',
      },
      { tenantId: t.tenantId, code: 'FIRE', names: { en: 'Fire' } },
    ])
    .returning({ id: eventTypes.id });
  const [disaster] = await db
    .insert(disasterEvents)
    .values({ tenantId: t.tenantId, name: 'Spring floods 2020', glide: 'FL-2020-000001-TST' })
    .returning({ id: disasterEvents.id });
  await seedExtraFields(db, t.tenantId);
  const p1 = [t.provinceId];
  const d1 = [t.provinceId, t.districtId];
  const p2 = [t.otherProvinceId];
  const card = (fields: Partial<typeof datacards.$inferInsert>): typeof datacards.$inferInsert => ({
    tenantId: t.tenantId,
    eventTypeId: t.eventTypeId,
    geoUnitId: fields.geoAncestors!.at(-1)!,
    geoAncestors: p1,
    startYear: 2020,
    status: 'published',
    createdBy: 'test',
    updatedBy: 'test',
    ...fields,
  });
  await db.insert(datacards).values([
    card({
      serial: 'S1',
      causeId: t.causeId,
      geoAncestors: d1,
      startMonth: 5,
      startDay: 14,
      deaths: 3,
      injured: 10,
      housesDestroyed: 2,
      lossesUsd: '1000.5',
      sectorWaterPresent: true,
      place: 'Riverside market',
      disasterEventId: disaster!.id,
      extra: {
        RAIN_MM: 120.5,
        COUNT_N: 4,
        NOTE: 'bridge washed',
        KIND: 'a',
        TAGS: ['x', 'y'],
        ROAD_OK: true,
        SEEN: '2020-05-15',
      },
    }),
    card({
      serial: 'S2',
      causeId: t.causeId,
      geoAncestors: p1,
      deathsPresent: true,
      injured: 5,
      lossesUsd: '200',
      extra: { RAIN_MM: 80, KIND: 'b', TAGS: ['z'], ROAD_OK: false },
    }),
    card({
      serial: 'S3',
      eventTypeId: quake!.id,
      geoAncestors: p2,
      startYear: 2021,
      startMonth: 2,
      deaths: 10,
      injured: 0,
      housesDestroyed: 7,
      sectorTransport: 2,
      comments: 'Aftershock damage',
      glide: 'EQ-2021-000002-TST',
    }),
    card({
      serial: 'S4',
      eventTypeId: fire!.id,
      geoAncestors: d1,
      status: 'draft',
      startYear: 2019,
      startMonth: 12,
      startDay: 31,
      deaths: 1,
      housesDestroyed: 1,
      extra: { COUNT_N: 10 },
    }),
    card({
      serial: 'S5',
      geoAncestors: p2,
      status: 'support',
      startYear: 2021,
      startMonth: 7,
      startDay: 1,
      deaths: 0,
      injured: 2,
      lossesUsd: '50',
    }),
    card({ serial: 'S6', geoAncestors: p1, deaths: 100, deletedAt: '2024-01-01T00:00:00Z' }),
  ]);
  const ctx = withTenant(systemContext('test'), {
    id: t.tenantId,
    code,
    currency: 'USD',
    defaultLanguage: 'en',
  });
  return { ...t, ctx, quakeId: quake!.id, fireId: fire!.id, disasterId: disaster!.id };
}

/** Another tenant with one published FLOOD card of 1000 deaths: it must never show in AAA's figures. */
export async function seedOtherTenant(db: Db, code = 'BBB'): Promise<SeededTenant> {
  const t = await seedTenant(db, code);
  await db.insert(datacards).values({
    tenantId: t.tenantId,
    eventTypeId: t.eventTypeId,
    geoUnitId: t.provinceId,
    geoAncestors: [t.provinceId],
    startYear: 2020,
    status: 'published',
    serial: 'S1',
    deaths: 1000,
    createdBy: 'test',
    updatedBy: 'test',
  });
  return t;
}
