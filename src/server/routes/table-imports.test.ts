/** POST /table-imports/preview|check|run and /import-mappings, in-process against a fresh database. */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Database } from '../../db/engine.ts';
import { writeCsv } from '../../formats/table/fixtures.ts';
import type { TableMapping } from '../../formats/table/mapping.ts';
import { cardTotals } from '../../services/analytics/totals.ts';
import { systemContext, withTenant } from '../../services/context.ts';
import { waitForImportJob } from '../../services/imports/jobs.ts';
import { resolveTenant } from '../../services/tenants/tenants.ts';
import { openTestDatabase } from '../../testing/db.ts';
import { seedTenant } from '../../testing/factories.ts';
import { errorOf, type TestResponse, testClient } from '../../testing/http.ts';

const tmp = mkdtempSync(join(tmpdir(), 'll-table-routes-'));
let database: Database;
let client: ReturnType<typeof testClient>;
const base = '/api/tenants/TIR';

before(async () => {
  process.env.LOSSLEDGER_UPLOAD_DIR = join(tmp, 'uploads');
  database = await openTestDatabase();
  await seedTenant(database.db, 'TIR');
  client = testClient(database);
});
after(async () => {
  await database.close();
  rmSync(tmp, { recursive: true, force: true });
});

async function upload(name: string, bytes: Uint8Array, query = ''): Promise<TestResponse> {
  const form = new FormData();
  form.set('file', new File([new Uint8Array(bytes)], name));
  const res = await client.app.request(`${base}/table-imports/preview${query}`, {
    method: 'POST',
    body: form,
  });
  return { status: res.status, body: await res.json() };
}

const MAPPING: TableMapping = {
  columns: {
    Serie: 'serial',
    Evento: 'eventType',
    Nivel0: 'geoCode1',
    Nivel1: 'geoCode2',
    Fecha: 'date',
    Muertos: 'deaths',
  },
  fixed: { status: 'published' },
};

function csvBytes(rows: string[][]): Uint8Array {
  const file = join(tmp, `f${Math.random()}.csv`);
  writeCsv(file, rows);
  return readFileSync(file);
}

const HEADER = ['Serie', 'Evento', 'Nivel0', 'Nivel1', 'Fecha', 'Muertos'];

test('POST /table-imports/preview > headers, sample, suggestion and a token; bad uploads are 400', async () => {
  const bytes = csvBytes([
    HEADER,
    ...Array.from({ length: 30 }, (_, i) => [`R${i}`, 'FLOOD', 'TIR-P1', '', '2022-01-01', '1']),
  ]);
  const res = await upload('losses.csv', bytes);
  assert.equal(res.status, 200, JSON.stringify(res.body));
  const body = res.body as {
    token: string;
    headers: string[];
    rows: unknown[][];
    suggestion: { mapping: TableMapping };
  };
  assert.deepEqual(body.headers, HEADER);
  assert.equal(body.rows.length, 20);
  assert.deepEqual(body.suggestion.mapping.columns, {
    Serie: 'serial',
    Evento: 'eventType',
    Nivel0: 'geoCode1',
    Nivel1: 'geoCode2',
    Fecha: 'date',
    Muertos: 'deaths',
  });
  assert.match(body.token, /^[0-9a-f-]{36}$/);

  process.env.LOSSLEDGER_MAX_TABLE_BYTES = '1000';
  try {
    const big = await upload('big.csv', new Uint8Array(5000).fill(65));
    assert.equal(big.status, 413, JSON.stringify(big.body));
    assert.match(errorOf(big).message, /larger than 1000 bytes/);
  } finally {
    delete process.env.LOSSLEDGER_MAX_TABLE_BYTES;
  }
  const xls = await upload('old.xls', new Uint8Array(8));
  assert.equal(xls.status, 400);
  assert.match(errorOf(xls).message, /\.xls \(Excel 97-2003\) is not supported/);
  const noFile = await client.app.request(`${base}/table-imports/preview`, {
    method: 'POST',
    body: new FormData(),
  });
  assert.equal(noFile.status, 400);
  const empty = await upload('empty.csv', new TextEncoder().encode('\n\n'));
  assert.equal(empty.status, 400);
  assert.match(errorOf(empty).message, /empty\.csv: no header row found/);
});

test('/import-mappings > create, list, get, update (version), duplicate, bad target, delete', async () => {
  const created = await client.post(`${base}/import-mappings`, { name: 'Spanish sheet', mapping: MAPPING });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  const { id } = created.body as { id: number };
  const duplicate = await client.post(`${base}/import-mappings`, { name: 'Spanish sheet', mapping: MAPPING });
  assert.equal(duplicate.status, 409);
  const bad = await client.post(`${base}/import-mappings`, {
    name: 'Bad',
    mapping: { columns: { A: 'nope' } },
  });
  assert.equal(bad.status, 400);
  assert.match(JSON.stringify(errorOf(bad).details), /column 'A': unknown target 'nope'/);
  const patched = await client.patch(`${base}/import-mappings/${id}`, { name: 'Hoja', version: 1 });
  assert.equal(patched.status, 200);
  assert.equal((await client.patch(`${base}/import-mappings/${id}`, { name: 'X', version: 1 })).status, 409);
  const list = await client.get(`${base}/import-mappings`);
  assert.deepEqual(
    (list.body as { name: string }[]).map((m) => m.name),
    ['Hoja'],
  );
  assert.equal((await client.get(`${base}/import-mappings/${id}`)).status, 200);
  const other = await client.post(`${base}/import-mappings`, { name: 'Other', mapping: MAPPING });
  const otherId = (other.body as { id: number }).id;
  assert.equal((await client.delete(`${base}/import-mappings/${otherId}?version=1`)).status, 204);
  assert.equal((await client.get(`${base}/import-mappings/${otherId}`)).status, 404);
});

test('POST /table-imports/check and /run > dry run lists unknown values; the run creates the cards', async () => {
  const bytes = csvBytes([
    HEADER,
    ['K-1', 'FLOOD', 'TIR-P1', 'TIR-P1-D1', '2022-03-04', '2'],
    ['K-2', 'Avalanche', 'TIR-P2', '', '2022-03-05', 'x'],
    ['K-3', 'FLOOD', 'TIR-P7', '', '2022-03-06', '5'],
  ]);
  const { token } = (await upload('check.csv', bytes)).body as { token: string };
  const check = await client.post(`${base}/table-imports/check`, { token, mapping: 'Hoja' });
  assert.equal(check.status, 200, JSON.stringify(check.body));
  const result = check.body as {
    unknown: Record<string, string[]>;
    skippedRows: number;
    report: { status: string };
  };
  assert.equal(result.report.status, 'dry_run');
  assert.deepEqual(result.unknown, { eventTypes: [], causes: [], geoUnits: ['TIR-P7'] });
  assert.equal(result.skippedRows, 1, "'x' is not a number");
  const unknownToken = await client.post(`${base}/table-imports/check`, {
    token: crypto.randomUUID(),
    mapping: MAPPING,
  });
  assert.equal(unknownToken.status, 404);

  const good = csvBytes([
    HEADER,
    ['G-1', 'FLOOD', 'TIR-P1', 'TIR-P1-D1', '2022-03-04', '2'],
    ['G-2', 'FLOOD', 'TIR-P2', '', '2022-04', '3'],
  ]);
  const second = (await upload('good.csv', good)).body as { token: string };
  const started = await client.post(`${base}/table-imports/run`, { token: second.token, mapping: MAPPING });
  assert.equal(started.status, 202, JSON.stringify(started.body));
  const { jobId } = started.body as { jobId: string };
  const job = await waitForImportJob(jobId);
  assert.equal(job.status, 'succeeded', JSON.stringify(job.error));
  assert.equal(job.report?.counts.datacards?.created, 2);
  const status = await client.get(`${base}/imports/${jobId}`);
  assert.equal(status.status, 200);
  const ctx = withTenant(systemContext(), await resolveTenant(database.db, 'TIR'));
  const totals = await cardTotals(database.db, ctx, 'published');
  assert.deepEqual([totals.cards, totals.sums.deaths], [2, 5]);

  const badMapping = await client.post(`${base}/table-imports/run`, {
    token: second.token,
    mapping: { columns: { Evento: 'eventType' } },
  });
  assert.equal(badMapping.status, 400);
  assert.match(
    errorOf(badMapping).message,
    /good\.csv: the mapping does not fit: no column or fixed value for the place/,
  );
});

test('OpenAPI > the table import routes are documented, the upload as a binary file', async () => {
  const doc = (await client.get('/api/openapi.json')).body as {
    paths?: Record<string, { post?: { requestBody?: unknown } }>;
  };
  for (const path of ['preview', 'check', 'run'])
    assert.ok(doc.paths?.[`/api/tenants/{code}/table-imports/${path}`], path);
  assert.ok(doc.paths?.['/api/tenants/{code}/import-mappings/{id}']);
  const body = JSON.stringify(doc.paths?.['/api/tenants/{code}/table-imports/preview']?.post?.requestBody);
  assert.match(body, /"multipart\/form-data".*"file":\{"type":"string","format":"binary"/);
});
