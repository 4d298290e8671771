import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { eq, sql } from 'drizzle-orm';
import { openTestDatabase, testEngine } from '../testing/db.ts';
import { type SeededTenant, seedTenant } from '../testing/factories.ts';
import type { Database } from './engine.ts';
import { queryRows } from './query.ts';
import { causes, datacards, eventTypes, tenants } from './schema/index.ts';
import { insideTenantWall, outsideTenantWall } from './tenant-wall.ts';

const postgres = testEngine() === 'postgres';
const skip = postgres
  ? false
  : 'row-level security is the PostgreSQL wall; PGlite runs one process for one user';

let database: Database;
let a: SeededTenant;
let b: SeededTenant;

before(async () => {
  database = await openTestDatabase();
  a = await seedTenant(database.db, 'WALLA');
  b = await seedTenant(database.db, 'WALLB');
  for (const t of [a, b])
    await database.db.insert(datacards).values({
      tenantId: t.tenantId,
      eventTypeId: t.eventTypeId,
      geoUnitId: t.districtId,
      geoAncestors: [t.provinceId, t.districtId],
      startYear: 2020,
      serial: t.code,
      createdBy: 'system:test',
      updatedBy: 'system:test',
    });
});
after(() => database?.close());

test('every table with a tenant_id column has row-level security with the tenant_wall policy', async () => {
  const rows = await queryRows<{ table: string; rls: boolean; policy: boolean }>(
    database.db,
    sql`select c.relname as table, c.relrowsecurity as rls,
          exists (select 1 from pg_policies p where p.tablename = c.relname and p.policyname = 'tenant_wall') as policy
        from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = 'public' and c.relkind = 'r'
          and (exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attname = 'tenant_id' and not a.attisdropped)
               or c.relname = 'tenants')
        order by 1`,
  );
  assert.ok(rows.length > 20, `only ${rows.length} tenant tables`);
  assert.deepEqual(
    rows.filter((r) => !r.rls || !r.policy).map((r) => r.table),
    [],
  );
});

test('inside the wall a query without a tenant condition sees only its tenant', { skip }, async () => {
  assert.equal(await database.tenantWall(), true);
  const serials = async () =>
    (await database.db.select({ serial: datacards.serial }).from(datacards)).map((r) => r.serial).sort();
  assert.deepEqual(await serials(), ['WALLA', 'WALLB'], 'the owner sees both tenants');
  assert.deepEqual(await insideTenantWall(a.tenantId, serials), ['WALLA']);
  assert.deepEqual(await insideTenantWall(b.tenantId, serials), ['WALLB']);
  const inTx = await insideTenantWall(a.tenantId, () =>
    database.db.transaction(async (tx) => (await tx.select().from(tenants)).map((t) => t.code)),
  );
  assert.deepEqual(inTx, ['WALLA'], 'transactions are walled too');
  assert.deepEqual(await insideTenantWall(a.tenantId, () => outsideTenantWall(serials)), ['WALLA', 'WALLB']);
  const unit = await insideTenantWall(a.tenantId, async () => {
    const [row] = await database.db.select().from(datacards).where(eq(datacards.serial, 'WALLB'));
    return row;
  });
  assert.equal(unit, undefined, "even asked by its serial, the other tenant's card is not there");
  assert.deepEqual(
    await serials(),
    ['WALLA', 'WALLB'],
    'a connection leaves the wall with the code that took it',
  );
});

test('inside the wall writes to another tenant are refused', { skip }, async () => {
  await assert.rejects(
    // Query builders are lazy: they must be awaited inside the wall (as request handlers do).
    insideTenantWall(a.tenantId, async () => {
      await database.db
        .insert(causes)
        .values({ tenantId: b.tenantId, code: 'SNEAK', names: { en: 'Sneak' } });
    }),
    (error: Error) => /violates row-level security policy for table "causes"/.test(String(error.cause)),
  );
  const changed = await insideTenantWall(
    a.tenantId,
    async () =>
      await database.db
        .update(eventTypes)
        .set({ code: 'HIJACKED' })
        .where(eq(eventTypes.tenantId, b.tenantId))
        .returning(),
  );
  assert.equal(changed.length, 0, "another tenant's rows cannot even be found to update");
  const [still] = await database.db.select().from(eventTypes).where(eq(eventTypes.tenantId, b.tenantId));
  assert.equal(still?.code, 'FLOOD');
});
