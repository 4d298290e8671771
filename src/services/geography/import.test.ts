import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { and, eq, sql } from 'drizzle-orm';
import type { Database } from '../../db/engine.ts';
import { queryRows } from '../../db/query.ts';
import { importRuns } from '../../db/schema/index.ts';
import { AppError } from '../../shared/errors.ts';
import { openTestDatabase } from '../../testing/db.ts';
import { type RequestContext, systemContext, withTenant } from '../context.ts';
import { createTenant, resolveTenant } from '../tenants/tenants.ts';
import { type GeoJsonMapping, readGeoJsonUnits } from './geojson.ts';
import { type GeographyImport, importGeography } from './import.ts';

const admin = join(import.meta.dirname, '../../../../shared/data/reference/admin');
const files = { adm1: join(admin, 'kz_adm1_2024.geojson'), adm2: join(admin, 'kz_adm2_2024.geojson') };
const skip = Object.values(files).every(existsSync)
  ? false
  : `Kazakhstan boundaries not found in ${admin} (../shared/data): import tests skipped`;

type Collection = { features: { properties: Record<string, string> }[] };
const load = (file: string) =>
  existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Collection) : null;
const adm1 = load(files.adm1);
const adm2 = load(files.adm2);

const names = (n: 1 | 2) => ({ en: `ADM${n}_EN`, ru: `ADM${n}_RU`, kk: `ADM${n}_KK` });
const mapping1: GeoJsonMapping = { level: 1, codeProp: 'ADM1_PCODE', nameProps: names(1), validFrom: null };
const mapping2: GeoJsonMapping = {
  level: 2,
  codeProp: 'ADM2_PCODE',
  nameProps: names(2),
  parentProp: 'ADM1_PCODE',
  validFrom: null,
};
const request = (json: unknown, mapping: GeoJsonMapping, fileName: string): GeographyImport => ({
  fileName,
  level: mapping.level,
  validFrom: null,
  units: readGeoJsonUnits(json, mapping, fileName),
});

let database: Database;
let ctx: RequestContext;

before(async () => {
  database = await openTestDatabase();
  const system = systemContext('test');
  await createTenant(database.db, system, { code: 'KZ', names: { en: 'Kazakhstan' }, currency: 'KZT' });
  ctx = withTenant(system, await resolveTenant(database.db, 'KZ'));
});
after(() => database.close());

const unitCount = async () =>
  (await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from geo_units`))[0]?.n;

describe('importGeography with the Kazakhstan boundaries', { skip }, () => {
  test('refuses level 2 before level 1 exists, writes nothing and records the failed run', async () => {
    await assert.rejects(
      importGeography(database.db, ctx, request(adm2, mapping2, 'adm2')),
      /level 1 does not exist/,
    );
    assert.equal(await unitCount(), 0);
    const runs = await database.db.select().from(importRuns).where(eq(importRuns.status, 'failed'));
    assert.equal(runs.length, 1);
  });

  test('imports 20 regions and 224 districts under the right parents, with names and shapes', async () => {
    const r1 = await importGeography(database.db, ctx, request(adm1, mapping1, 'kz_adm1_2024.geojson'));
    assert.deepEqual([r1.created, r1.updated, r1.levelCreated], [20, 0, true]);
    const r2 = await importGeography(database.db, ctx, request(adm2, mapping2, 'kz_adm2_2024.geojson'));
    assert.deepEqual([r2.created, r2.updated, r2.unchanged], [224, 0, 0]);
    const rows = await queryRows<{
      code: string;
      parent: string;
      ru: string;
      kk: string;
      pathOk: boolean;
      inside: boolean;
    }>(
      database.db,
      sql`select u.code, p.code as parent, u.names->>'ru' as ru, u.names->>'kk' as kk,
                 u.path = p.path || u.id || '/' as "pathOk",
                 u.centroid_lon between 46 and 88 and u.centroid_lat between 40 and 56 as inside
            from geo_units u join geo_units p on p.tenant_id = u.tenant_id and p.id = u.parent_id
           where u.level = 2`,
    );
    const expected = new Map(adm2!.features.map((f) => [f.properties.ADM2_PCODE, f.properties.ADM1_PCODE]));
    assert.equal(rows.length, 224);
    for (const r of rows) {
      assert.equal(r.parent, expected.get(r.code), r.code);
      assert.ok(r.ru && r.kk && r.pathOk && r.inside, JSON.stringify(r));
    }
  });

  test('importing again changes nothing; a changed name or parent updates (and moves) in place', async () => {
    const again = await importGeography(database.db, ctx, request(adm2, mapping2, 'kz_adm2_2024.geojson'));
    assert.deepEqual([again.created, again.updated, again.unchanged], [0, 0, 224]);
    const edited = structuredClone(adm2!);
    const district = edited.features[0]!.properties;
    const newParent = adm1!.features.find((f) => f.properties.ADM1_PCODE !== district.ADM1_PCODE)!.properties;
    district.ADM2_EN = 'Renamed';
    district.ADM1_PCODE = newParent.ADM1_PCODE!;
    const result = await importGeography(database.db, ctx, request(edited, mapping2, 'edited.geojson'));
    assert.deepEqual([result.created, result.updated, result.unchanged], [0, 1, 223]);
    assert.equal(await unitCount(), 244);
    const [moved] = await queryRows<{ en: string; parent: string; pathOk: boolean }>(
      database.db,
      sql`select u.names->>'en' as en, p.code as parent, u.path = p.path || u.id || '/' as "pathOk"
            from geo_units u join geo_units p on p.tenant_id = u.tenant_id and p.id = u.parent_id
           where u.code = ${district.ADM2_PCODE}`,
    );
    assert.deepEqual(moved, { en: 'Renamed', parent: newParent.ADM1_PCODE, pathOk: true });
    const runs = await database.db
      .select()
      .from(importRuns)
      .where(and(eq(importRuns.kind, 'geography'), eq(importRuns.status, 'succeeded')));
    assert.equal(runs.length, 4);
  });

  test('an unknown parent code fails the whole file, naming the feature and the code', async () => {
    const edited = structuredClone(adm2!);
    edited.features[5]!.properties.ADM1_PCODE = 'KZ99';
    edited.features[6]!.properties.ADM2_EN = 'Would be renamed';
    const error = await importGeography(database.db, ctx, request(edited, mapping2, 'bad.geojson')).catch(
      (e) => e,
    );
    assert.ok(error instanceof AppError);
    assert.match(
      error.message,
      /^bad\.geojson: .*\n.*feature #6 \(KZ\d+\): parent code KZ99 not found at level 1/s,
    );
    const [unchanged] = await queryRows<{ n: number }>(
      database.db,
      sql`select count(*)::int as n from geo_units where names->>'en' = 'Would be renamed'`,
    );
    assert.equal(unchanged?.n, 0);
  });
});
