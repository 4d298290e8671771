import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import type { Database } from '../../db/engine.ts';
import { auditLog, hazards } from '../../db/schema/index.ts';
import { HAZARD_CSV, HIPS_2025, skipWithoutHips, writeTempFile } from '../../testing/catalogue-factories.ts';
import { openTestDatabase } from '../../testing/db.ts';
import { systemContext } from '../context.ts';
import { importHazards } from './import.ts';
import { readHazardFile } from './parse.ts';

let database: Database;
before(async () => {
  database = await openTestDatabase();
});
after(() => database.close());

const importFile = (file: string) =>
  importHazards(database.db, systemContext('test'), readHazardFile(file), 'test-file');

test('imports the HIPs 2025 file (281 hazards), and a re-import creates none', {
  skip: skipWithoutHips,
}, async () => {
  const started = performance.now();
  assert.deepEqual(await importFile(HIPS_2025), { total: 281, created: 281, updated: 0 });
  const first = performance.now() - started;
  assert.deepEqual(await importFile(HIPS_2025), { total: 281, created: 0, updated: 281 });
  console.log(`HIPs 2025 import: ${first.toFixed(0)} ms (parse + upsert of 281 hazards)`);
  const [quake] = await database.db.select().from(hazards).where(eq(hazards.code, 'GH0101'));
  assert.equal(quake?.names.ru, 'Землетрясение');
  assert.equal(quake?.clusterCode, 'GEO-SEIS');
});

test('imports CSV, overwrites by code, keeps hazards absent from the file, and audits once per import', async () => {
  const edited = HAZARD_CSV.replace('Flash Flooding', 'Flash Flood');
  const first = await importFile(writeTempFile('h.csv', HAZARD_CSV));
  assert.equal(first.total, 3);
  const second = await importFile(writeTempFile('h.csv', edited.split('\r\n').slice(0, 3).join('\n')));
  assert.deepEqual(second, { total: 2, created: 0, updated: 2 });
  const [flash] = await database.db.select().from(hazards).where(eq(hazards.code, 'MH0603'));
  assert.equal(flash?.names.en, 'Flash Flood');
  assert.equal((await database.db.select().from(hazards).where(eq(hazards.code, 'GH0101'))).length, 1);
  const audits = await database.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.entity, 'hazards'), eq(auditLog.action, 'import')));
  const last = audits.at(-1);
  assert.equal(last?.tenantId, null);
  assert.deepEqual(last?.after, { total: 2, created: 0, updated: 2, source: 'test-file' });
});

test('refuses callers that are not superadmins, storing nothing', async () => {
  const ctx = { ...systemContext('test'), superadmin: false };
  await assert.rejects(
    importHazards(
      database.db,
      ctx,
      [{ ...readHazardFile(writeTempFile('h.csv', HAZARD_CSV))[0]!, code: 'ZZ0001' }],
      'x',
    ),
    /superadmin/,
  );
  assert.equal((await database.db.select().from(hazards).where(eq(hazards.code, 'ZZ0001'))).length, 0);
});
