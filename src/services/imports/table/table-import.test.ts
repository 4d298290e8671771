/** The spreadsheet workflow on the database: preview, saved mappings, dry-run check, import. */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { sql } from 'drizzle-orm';
import type { Database } from '../../../db/engine.ts';
import { queryRows } from '../../../db/query.ts';
import { writeCsv, writeXlsx } from '../../../formats/table/fixtures.ts';
import type { TableMapping } from '../../../formats/table/mapping.ts';
import { openTestDatabase } from '../../../testing/db.ts';
import { type SeededTenant, seedTenant } from '../../../testing/factories.ts';
import { cardTotals } from '../../analytics/totals.ts';
import { type RequestContext, systemContext, withTenant } from '../../context.ts';
import { resolveTenant } from '../../tenants/tenants.ts';
import { checkTable, importTable } from './import.ts';
import {
  createImportMapping,
  deleteImportMapping,
  listImportMappings,
  mappingOf,
  updateImportMapping,
} from './mappings.ts';
import { previewTable } from './preview.ts';
import { findUpload, saveUpload } from './uploads.ts';

const tmp = mkdtempSync(join(tmpdir(), 'll-table-import-'));
let database: Database;
let seeded: SeededTenant;
let ctx: RequestContext;

before(async () => {
  process.env.LOSSLEDGER_UPLOAD_DIR = join(tmp, 'uploads');
  database = await openTestDatabase();
  seeded = await seedTenant(database.db, 'TBL');
  ctx = withTenant(systemContext('test'), await resolveTenant(database.db, 'TBL'));
});
after(async () => {
  await database.close();
  rmSync(tmp, { recursive: true, force: true });
});

const HEADER = ['Serial', 'Event', 'Cause', 'Level0', 'Level1', 'Fecha', 'Muertos', 'Dead_Peopl'];
const rows = (n: number) =>
  Array.from({ length: n }, (_, i) => [
    `S-${i + 1}`,
    'Flood',
    'RAIN',
    'TBL-P1',
    'TBL-P1-D1',
    '2020-05-01',
    String(i),
    '',
  ]);
const MAPPING: TableMapping = {
  columns: {
    Serial: 'serial',
    Event: 'eventType',
    Cause: 'cause',
    Level0: 'geoCode1',
    Level1: 'geoCode2',
    Fecha: 'date',
    Muertos: 'deaths',
    Dead_Peopl: 'ignore',
  },
  fixed: { status: 'published' },
};

test('previewTable > headers, the first 20 rows and a suggested mapping', async () => {
  const file = join(tmp, 'preview.xlsx');
  await writeXlsx(file, { Sheet1: [HEADER, ...rows(25)] });
  const preview = await previewTable({ path: file, name: 'losses.xlsx' });
  assert.deepEqual(preview.headers, HEADER);
  assert.equal(preview.headerRow, 1);
  assert.equal(preview.rows.length, 20);
  assert.deepEqual(preview.rows[0], ['S-1', 'Flood', 'RAIN', 'TBL-P1', 'TBL-P1-D1', '2020-05-01', '0', null]);
  assert.deepEqual(preview.suggestion.mapping.columns, {
    Serial: 'serial',
    Event: 'eventType',
    Cause: 'cause',
    Level0: 'geoCode1',
    Level1: 'geoCode2',
    Fecha: 'date',
    Muertos: 'deaths',
  });
  assert.deepEqual(preview.suggestion.matches.at(-1), { header: 'Dead_Peopl', target: null, how: null });
  await assert.rejects(
    previewTable({ path: join(tmp, 'x.pdf'), name: 'x.pdf' }),
    /x\.pdf: expected a \.csv or \.xlsx file/,
  );
});

test('uploads > a token opens its file in its own tenant only', async () => {
  const { token } = await saveUpload(ctx, 'mine.csv', new TextEncoder().encode('a,b\n1,2\n'));
  const found = await findUpload(ctx, token);
  assert.equal(found.name, 'mine.csv');
  assert.equal(readFileSync(found.path, 'utf8'), 'a,b\n1,2\n');
  const other = withTenant(ctx, { ...ctx.tenant!, id: ctx.tenant!.id + 1000 });
  await assert.rejects(findUpload(other, token), /No uploaded file/);
  await assert.rejects(
    saveUpload(ctx, 'old.xls', new Uint8Array(1)),
    /\.xls \(Excel 97-2003\) is not supported/,
  );
});

test('saved mappings > create, list, update with version, duplicate name, bad target, delete; audited', async () => {
  const created = await createImportMapping(database.db, ctx, { name: 'Provinces 2020', mapping: MAPPING });
  assert.equal(created.version, 1);
  assert.equal(created.createdBy, 'system:system');
  await assert.rejects(
    createImportMapping(database.db, ctx, { name: 'Provinces 2020', mapping: MAPPING }),
    /A mapping named Provinces 2020 already exists/,
  );
  await assert.rejects(
    createImportMapping(database.db, ctx, { name: 'Bad', mapping: { columns: { Event: 'evento' } } }),
    (e: Error & { details?: { issues: { message: string }[] } }) =>
      e.details?.issues.some((i) => i.message === "column 'Event': unknown target 'evento'") === true,
  );
  const updated = await updateImportMapping(database.db, ctx, String(created.id), {
    name: 'Provinces',
    version: 1,
  });
  assert.equal(updated.version, 2);
  await assert.rejects(
    updateImportMapping(database.db, ctx, String(created.id), { name: 'Again', version: 1 }),
    /changed by someone else/,
  );
  assert.deepEqual((await mappingOf(database.db, ctx, 'Provinces')).columns, MAPPING.columns);
  const temporary = await createImportMapping(database.db, ctx, { name: 'Temporary', mapping: MAPPING });
  await deleteImportMapping(database.db, ctx, String(temporary.id), 1);
  assert.deepEqual(
    (await listImportMappings(database.db, ctx)).map((m) => m.name),
    ['Provinces'],
  );
  const audit = await queryRows<{ action: string; n: number }>(
    database.db,
    sql`select action, count(*)::int as n from audit_log where entity = 'import_mapping' group by action order by action`,
  );
  assert.deepEqual(audit, [
    { action: 'create', n: 2 },
    { action: 'delete', n: 1 },
    { action: 'update', n: 1 },
  ]);
});

test('checkTable > a dry run lists bad rows and unknown values; nothing is written', async () => {
  const file = join(tmp, 'check.csv');
  writeCsv(file, [
    HEADER,
    ['C-1', 'flood', 'RAIN', 'TBL-P1', '', '2020-01-01', '3', ''],
    ['C-2', 'Dust storm', 'Wind', 'TBL-P1', '', '2020-01-02', '1', ''],
    ['C-3', 'FLOOD', '', 'TBL-P9', '', '2020-01-03', 'lots', ''],
    ['C-4', 'FLOOD', '', 'TBL-P9', '', '2020-01-04', '2', ''],
  ]);
  const result = await checkTable(database.db, ctx, { path: file, name: 'check.csv' }, MAPPING);
  assert.equal(result.report.status, 'dry_run');
  assert.deepEqual(result.unknown, { eventTypes: ['Dust storm'], causes: ['Wind'], geoUnits: ['TBL-P9'] });
  // The loader stops at a card's first unknown reference; the reader lists every one.
  assert.deepEqual(result.report.unmapped.eventTypes, ['Dust storm']);
  assert.deepEqual(result.report.unmapped.geoUnits, ['TBL-P9']);
  assert.equal(result.skippedRows, 1);
  assert.ok(
    result.report.warnings.some((w) =>
      /check\.csv row 4, column 'Muertos' \(deaths\): 'lots' is not a number/.test(w.message),
    ),
  );
  assert.equal(result.report.counts.datacards?.created, 1, 'only the card with known values');
  assert.equal((await cardTotals(database.db, ctx, 'all')).cards, 0);
  await assert.rejects(
    checkTable(database.db, ctx, { path: file, name: 'check.csv' }, { columns: { Event: 'eventType' } }),
    /check\.csv: the mapping does not fit: no column or fixed value for the place/,
  );
});

test('importTable > a saved mapping reused: cards created, unknown values created on request', async () => {
  const file = join(tmp, 'run.csv');
  writeCsv(file, [HEADER, ...rows(3), ['S-4', 'Dust storm', '', 'TBL-P2', '', '2021-02-03', '7', '']]);
  const saved = await mappingOf(database.db, ctx, 'Provinces');
  await assert.rejects(
    importTable(database.db, ctx, { path: file, name: 'run.csv' }, saved, {
      dryRun: false,
      mode: 'all-or-nothing',
    }),
    /Dust storm/,
  );
  const withCreate = { ...saved, options: { create: { eventTypes: true } } };
  const result = await importTable(database.db, ctx, { path: file, name: 'run.csv' }, withCreate, {
    dryRun: false,
    mode: 'all-or-nothing',
  });
  assert.equal(result.report.status, 'succeeded');
  assert.equal(result.report.counts.datacards?.created, 4);
  assert.equal(result.report.counts.eventTypes?.created, 1);
  const totals = await cardTotals(database.db, ctx, 'published');
  assert.deepEqual([totals.cards, totals.sums.deaths], [4, 0 + 1 + 2 + 7]);
  const [card] = await queryRows<{ unit: number; cause: number | null }>(
    database.db,
    sql`select geo_unit_id as unit, cause_id as cause from datacards where tenant_id = ${seeded.tenantId} and serial = 'S-1'`,
  );
  assert.deepEqual(card, { unit: seeded.districtId, cause: seeded.causeId });
});
