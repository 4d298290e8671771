import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import type { Database } from '../../db/engine.ts';
import { queryRows } from '../../db/query.ts';
import { hazards } from '../../db/schema/index.ts';
import { generateDatacards, planDemoland } from '../../domain/demo/demoland.ts';
import { AppError } from '../../shared/errors.ts';
import { DatacardSchema } from '../../shared/schemas/datacard.ts';
import { openTestDatabase } from '../../testing/db.ts';
import { cardTotals } from '../analytics/totals.ts';
import { systemContext, withTenant } from '../context.ts';
import { listDatacards } from '../datacards/read.ts';
import { resolveTenant } from '../tenants/tenants.ts';
import { seedDemo } from './seed.ts';

let database: Database;
const count = async (query: ReturnType<typeof sql>) =>
  (await queryRows<{ n: number }>(database.db, query))[0]!.n;

before(async () => {
  database = await openTestDatabase();
  // A hazard imported earlier keeps its own name: the demo inserts with ON CONFLICT DO NOTHING.
  await database.db.insert(hazards).values({ code: 'MH0600', names: { en: 'Flooding (imported)' } });
  assert.deepEqual(await seedDemo(database.db, { tenantCode: 'DEMO', cards: 500, seed: 1 }), { cards: 500 });
});
after(() => database.close());

describe('seedDemo', () => {
  test('creates the synthetic tenant with levels, units, catalogues and cards', async () => {
    const [tenant] = await queryRows<Record<string, unknown>>(
      database.db,
      sql`select names->>'en' as name, currency, languages, synthetic, is_public from tenants where code = 'DEMO'`,
    );
    assert.deepEqual(tenant, {
      name: 'Demoland (synthetic demo)',
      currency: 'DMD',
      languages: ['en', 'ru', 'kk'],
      synthetic: true,
      is_public: true,
    });
    const perLevel = await queryRows<{ level: number; n: number }>(
      database.db,
      sql`select level, count(*)::int as n from geo_units where valid_to is null group by level order by level`,
    );
    assert.equal(perLevel[0]!.n, 8);
    assert.ok(perLevel[1]!.n >= 35 && perLevel[2]!.n >= 160, JSON.stringify(perLevel));
    assert.equal(await count(sql`select count(*)::int as n from geo_levels`), 3);
    assert.equal(await count(sql`select count(*)::int as n from geo_unit_links`), 8);
    assert.equal(await count(sql`select count(*)::int as n from event_types`), 19);
    assert.ok((await count(sql`select count(*)::int as n from causes`)) >= 12);
    assert.ok((await count(sql`select count(*)::int as n from disaster_events`)) >= 5);
    assert.equal(await count(sql`select count(*)::int as n from datacards`), 500);
  });

  test('keeps hazards already present and adds the missing ones', async () => {
    const rows = await queryRows<{ code: string; name: string }>(
      database.db,
      sql`select code, names->>'en' as name from hazards where code in ('MH0600', 'GH0101') order by code`,
    );
    assert.deepEqual(rows, [
      { code: 'GH0101', name: 'Earthquake' },
      { code: 'MH0600', name: 'Flooding (imported)' },
    ]);
    assert.equal(
      await count(sql`select count(*)::int as n from event_types e left join hazards h on h.code = e.hazard_code
                      where e.hazard_code is not null and h.code is null`),
      0,
    );
  });

  test('paths and ancestors match the unit tree; cards sit in valid units', async () => {
    assert.equal(
      await count(sql`select count(*)::int as n from geo_units u left join geo_units p
                        on p.tenant_id = u.tenant_id and p.id = u.parent_id
                      where u.path <> coalesce(p.path, '/') || u.id || '/'`),
      0,
    );
    assert.equal(
      await count(sql`select count(*)::int as n from datacards d join geo_units u
                        on u.tenant_id = d.tenant_id and u.id = d.geo_unit_id
                      where u.level <> 3 or '/' || array_to_string(d.geo_ancestors, '/') || '/' <> u.path
                        or (u.valid_from is not null and d.start_date < u.valid_from)
                        or (u.valid_to is not null and d.start_date >= u.valid_to)
                        or (d.latitude is not null and not (d.latitude between u.bbox_min_lat and u.bbox_max_lat))`),
      0,
    );
    assert.equal(
      await count(sql`select count(*)::int as n from datacards
                      where created_by <> 'system:demo' or updated_by <> 'system:demo' or serial !~ '^DL-[0-9]{4}-[0-9]{5}$'`),
      0,
    );
  });

  test('cards read back through the API shape equal the generated ones and validate', async () => {
    const ctx = withTenant(systemContext(), await resolveTenant(database.db, 'DEMO'));
    const list = await listDatacards(database.db, ctx, {
      page: 1,
      pageSize: 500,
      sort: 'serial',
      order: 'asc',
    });
    const generated = new Map(
      [...generateDatacards(planDemoland({ seed: 1, cards: 500 }))].map((c) => [c.id, c]),
    );
    assert.equal(list.items.length, 500);
    for (const card of list.items) {
      DatacardSchema.parse(card);
      const g = generated.get(card.id)!;
      const { serial, status, startYear, startMonth, startDay, latitude, longitude, place, glide } = g;
      assert.deepEqual(
        { serial, status, startYear, startMonth, startDay, latitude, longitude, place, glide },
        {
          serial: card.serial,
          status: card.status,
          startYear: card.startYear,
          startMonth: card.startMonth,
          startDay: card.startDay,
          latitude: card.latitude,
          longitude: card.longitude,
          place: card.place,
          glide: card.glide,
        },
      );
      assert.deepEqual(card.effects, g.effects, g.serial);
      assert.deepEqual(card.sectors, g.sectors, g.serial);
    }
  });

  test('published totals are positive', async () => {
    const ctx = withTenant(systemContext(), await resolveTenant(database.db, 'DEMO'));
    const totals = await cardTotals(database.db, ctx);
    assert.ok(totals.cards > 350 && totals.cards < 500, `${totals.cards} published`);
    for (const key of ['deaths', 'directlyAffected', 'housesDamaged', 'lossesLocal', 'lossesUsd'] as const)
      assert.ok(totals.sums[key] > 0, key);
  });

  test('records one import audit row', async () => {
    const rows = await queryRows<{ actor: string; after: { datacards: number } }>(
      database.db,
      sql`select actor, after from audit_log where entity = 'demo' and action = 'import'`,
    );
    assert.equal(rows.length, 1);
    assert.equal(rows[0]!.actor, 'system:demo');
    assert.equal(rows[0]!.after.datacards, 500);
  });

  test('refuses an existing tenant code and leaves nothing behind', async () => {
    await assert.rejects(
      seedDemo(database.db, { tenantCode: 'DEMO', cards: 10, seed: 2 }),
      (e: unknown) => e instanceof AppError && e.code === 'duplicate',
    );
    assert.equal(await count(sql`select count(*)::int as n from datacards`), 500);
  });

  test('seeds a second demo tenant next to the first', async () => {
    const units = await count(sql`select count(*)::int as n from geo_units`);
    await seedDemo(database.db, { tenantCode: 'DEMO2', cards: 50, seed: 1 });
    assert.equal(await count(sql`select count(*)::int as n from datacards`), 550);
    assert.equal(await count(sql`select count(distinct id)::int as n from geo_units`), 2 * units);
  });
});
