import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Database } from '../../db/engine.ts';
import { systemContext, withTenant } from '../../services/context.ts';
import { type ImportJob, startImportJob, waitForImportJob } from '../../services/imports/jobs.ts';
import { resolveTenant } from '../../services/tenants/tenants.ts';
import { openTestDatabase } from '../../testing/db.ts';
import { seedTenant } from '../../testing/factories.ts';
import { errorOf, type TestResponse, testClient } from '../../testing/http.ts';
import { itemSource, syntheticCards } from '../../testing/import-factories.ts';

/** A tiny DesInventar export: one event type, one unit, a published and a support card. */
const TINY = `<?xml version="1.0" encoding="UTF-8" ?>
<DESINVENTAR>
<eventos><TR><serial>1</serial><nombre>FLOOD</nombre><nombre_en>FLOOD</nombre_en></TR></eventos>
<lev0><TR><lev0_cod>A</lev0_cod><lev0_name>Alpha</lev0_name><lev0_name_en>Alpha</lev0_name_en></TR></lev0>
<fichas>
<TR><serial>1</serial><level0>A</level0><evento>FLOOD</evento><fechano>2000</fechano><muertos>3</muertos><clave>1</clave><approved>0</approved></TR>
<TR><serial>2</serial><level0>A</level0><evento>FLOOD</evento><fechano>2001</fechano><muertos>4</muertos><clave>2</clave><approved>4</approved></TR>
</fichas>
</DESINVENTAR>`;

let database: Database;
let client: ReturnType<typeof testClient>;
before(async () => {
  database = await openTestDatabase();
  client = testClient(database);
  await seedTenant(database.db, 'UP');
  await seedTenant(database.db, 'OTHER');
});
after(() => database.close());

/** POST a file as multipart/form-data. */
async function upload(tenant: string, name: string, text: string, query = ''): Promise<TestResponse> {
  const form = new FormData();
  form.append('file', new File([text], name, { type: 'application/xml' }));
  const res = await client.app.request(`/api/tenants/${tenant}/imports${query}`, {
    method: 'POST',
    body: form,
  });
  return { status: res.status, body: await res.json() };
}

async function finished(res: TestResponse): Promise<ImportJob> {
  assert.equal(res.status, 202, JSON.stringify(res.body));
  const { jobId } = res.body as { jobId: string };
  await waitForImportJob(jobId);
  const status = await client.get(`/api/tenants/UP/imports/${jobId}`);
  assert.equal(status.status, 200);
  return status.body as ImportJob;
}

const uploads = () => join(tmpdir(), 'lossledger-imports');
const uploadCount = () => (existsSync(uploads()) ? readdirSync(uploads()).length : 0);

describe('POST /api/tenants/{code}/imports', () => {
  test('202 with a job whose status, progress and report follow the import; the upload is deleted', async () => {
    const before = uploadCount();
    const job = await finished(await upload('UP', 'tiny.xml', TINY));
    assert.equal(job.status, 'succeeded');
    assert.equal(job.fileName, 'tiny.xml');
    assert.equal(job.report?.counts.datacards?.created, 2);
    assert.deepEqual([job.report?.totals.all.cards, job.report?.totals.published.cards], [2, 1]);
    assert.equal(job.progress.phase, 'finishing');
    assert.ok(job.finishedAt);
    assert.equal(uploadCount(), before, 'the temporary folder was removed');
  });

  test('dryRun=true reports and writes nothing; the history lists every run, newest first', async () => {
    const job = await finished(await upload('UP', 'tiny.xml', TINY, '?dryRun=true&mode=per-row'));
    assert.equal(job.status, 'dry_run');
    assert.equal(job.report?.counts.datacards?.unchanged, 2, 'the cards of the first upload are matched');
    const runs = await client.get('/api/tenants/UP/imports');
    assert.equal(runs.status, 200);
    const items = (
      runs.body as { items: { status: string; fileName: string; counts: Record<string, number> }[] }
    ).items;
    assert.deepEqual(
      items.map((r) => r.status),
      ['dry_run', 'succeeded'],
    );
    assert.equal(items[1]?.counts['datacards.created'], 2);
  });

  test('a broken file ends in a failed job naming the place', async () => {
    const job = await finished(await upload('UP', 'broken.xml', '<DESINVENTAR><fichas><TR><serial>1</TR>'));
    assert.equal(job.status, 'failed');
    assert.equal(job.error?.code, 'validation_failed');
    assert.match(job.error?.message ?? '', /broken\.xml/);
  });

  test('400 for another content type or extension, 404 for an unknown tenant, 413 above the size limit', async () => {
    const json = await client.post('/api/tenants/UP/imports', { file: 'x' });
    assert.equal(json.status, 400);
    assert.match(errorOf(json).message, /multipart\/form-data/);
    const csv = await upload('UP', 'cards.csv', 'a,b');
    assert.equal(csv.status, 400);
    assert.match(errorOf(csv).message, /\.xml or \.zip/);
    const noFile = await client.app.request('/api/tenants/UP/imports', {
      method: 'POST',
      body: new FormData(),
    });
    assert.equal(noFile.status, 400);
    assert.equal((await upload('NOPE', 'tiny.xml', TINY)).status, 404);
    process.env.LOSSLEDGER_MAX_IMPORT_BYTES = '100';
    try {
      const big = await upload('UP', 'tiny.xml', TINY);
      assert.equal(big.status, 413);
      assert.equal(errorOf(big).code, 'payload_too_large');
    } finally {
      delete process.env.LOSSLEDGER_MAX_IMPORT_BYTES;
    }
  });
});

describe('GET /api/tenants/{code}/imports/{jobId}', () => {
  test('404 for an unknown job and for a job of another tenant', async () => {
    const unknown = await client.get('/api/tenants/UP/imports/00000000-0000-4000-8000-000000000000');
    assert.equal(unknown.status, 404);
    const res = await upload('UP', 'tiny.xml', TINY, '?dryRun=true');
    const { jobId } = res.body as { jobId: string };
    await waitForImportJob(jobId);
    assert.equal((await client.get(`/api/tenants/OTHER/imports/${jobId}`)).status, 404);
  });

  test('answers from memory while an import holds the database', async () => {
    const tenant = await resolveTenant(database.db, 'UP');
    const ctx = withTenant(systemContext('test'), tenant);
    const job = startImportJob(
      database.db,
      ctx,
      itemSource(() => syntheticCards(6000), 'big.xml'),
      {
        dryRun: true,
        mode: 'all-or-nothing',
      },
      await client.fingerprint(),
    );
    let seen: ImportJob | null = null;
    while (!seen || seen.status === 'running') {
      const res = await client.get(`/api/tenants/UP/imports/${job.jobId}`);
      assert.equal(res.status, 200);
      seen = res.body as ImportJob;
      if (seen.status === 'running' && seen.progress.cards > 0) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    assert.equal(seen.status, 'running', 'a status was read before the import ended');
    assert.ok(seen.progress.cards > 0 && seen.progress.cards < 6000, JSON.stringify(seen.progress));
    const done = await waitForImportJob(job.jobId);
    assert.equal(done.report?.counts.datacards?.created, 6000);
  });

  test('the job route is in the OpenAPI document', async () => {
    const doc = await client.get('/api/openapi.json');
    const paths = (doc.body as { paths: Record<string, object> }).paths;
    assert.ok(paths['/api/tenants/{code}/imports/{jobId}']);
    assert.ok(paths['/api/tenants/{code}/imports']);
  });
});
