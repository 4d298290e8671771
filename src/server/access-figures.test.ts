/**
 * Figures by caller: totals and Sendai indicators count only the cards in the caller's scope and
 * states, and anonymous visitors of the public tenant PUBL see its published cards and nothing
 * more. The callers and marker cards are those of the access matrix (src/testing/access-fixture.ts).
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { baselines } from '../db/schema/index.ts';
import { type AccessFixture, type Caller, openAccessFixture, P } from '../testing/access-fixture.ts';
import { accessRoutes } from '../testing/access-routes.ts';

let fx: AccessFixture;
const ROUTES = accessRoutes(() => fx);

before(async () => {
  fx = await openAccessFixture();
});
after(() => fx.database.close());

describe('figures by caller', () => {
  const deaths = async (who: Caller, status?: string) => {
    const res = await fx.clients[who].post(`${P}/query/totals`, status ? { filter: { status } } : {});
    assert.equal(res.status, 200, `${who}: ${JSON.stringify(res.body)}`);
    return (res.body as { sums: { deaths: number } }).sums.deaths;
  };

  test("totals count only the cards in the caller's scope and states", async () => {
    assert.deepEqual(
      {
        viewer: await deaths('viewer'),
        contributor: await deaths('contributor'),
        outOfScope: await deaths('outOfScope'),
        admin: await deaths('admin'),
        readToken: await deaths('readToken'),
      },
      { viewer: 21000, contributor: 1000, outOfScope: 20000, admin: 21000, readToken: 21000 },
    );
    assert.equal(await deaths('admin', 'all'), 321000);
    assert.equal(await deaths('contributor', 'all'), 301000);
    const viewerAll = await fx.clients.viewer.post(`${P}/query/totals`, { filter: { status: 'all' } });
    assert.equal(viewerAll.status, 403, 'a viewer cannot count unpublished cards');
  });

  test("Sendai indicators count only the cards in the caller's scope and states", async () => {
    const a1 = async (who: Caller, status = 'published') => {
      const res = await fx.clients[who].get(`${P}/indicators?from=2021&to=2021&status=${status}`);
      assert.equal(res.status, 200, `${who}: ${JSON.stringify(res.body)}`);
      const rows = (res.body as { rows: { indicator: string; dimension: string; numerator: number }[] }).rows;
      return rows.find((r) => r.indicator === 'A-1' && r.dimension === 'total')?.numerator ?? 0;
    };
    assert.deepEqual(
      {
        viewer: await a1('viewer'),
        contributor: await a1('contributor'),
        outOfScope: await a1('outOfScope'),
      },
      { viewer: 21000, contributor: 1000, outOfScope: 20000 },
    );
    assert.equal(await a1('admin', 'all'), 321000);
    // Rates divide by the population of the caller's scope, never the nation's for a scoped count.
    await fx.database.db.insert(baselines).values([
      { tenantId: fx.priv.tenantId, year: 2021, metric: 'population', value: '1000000' },
      {
        tenantId: fx.priv.tenantId,
        geoUnitId: fx.priv.provinceId,
        year: 2021,
        metric: 'population',
        value: '100000',
      },
    ]);
    const rate = async (who: Caller) => {
      const res = await fx.clients[who].get(`${P}/indicators?from=2021&to=2021`);
      const rows = (
        res.body as {
          rows: { indicator: string; dimension: string; value: number | null; flags: string[] }[];
        }
      ).rows;
      return rows.find((r) => r.indicator === 'A-1' && r.dimension === 'total');
    };
    assert.equal((await rate('viewer'))?.value, 2100, '21000 per 1,000,000, per 100,000');
    assert.equal((await rate('contributor'))?.value, 1000, "1000 per the province's 100,000");
    const noBaseline = await rate('outOfScope');
    assert.equal(noBaseline?.value, null, 'no population for region B: no rate, not a national one');
    assert.ok(noBaseline?.flags.includes('missing_denominator'));
    assert.equal((await fx.clients.viewer.get(`${P}/indicators?status=all`)).status, 403);
    assert.equal((await fx.clients.viewer.get(`${P}/indicators?status=published,draft`)).status, 403);
  });

  test('anonymous callers read the published cards of a public tenant everywhere, and only those', async () => {
    const anon = fx.clients.anonymous;
    const reads = Object.entries(ROUTES).filter(
      ([key]) =>
        key.startsWith('GET /api/tenants/{code}') &&
        !key.includes('{id}') &&
        !key.includes('{jobId}') &&
        !key.includes('{userId}'),
    );
    const problems: string[] = [];
    for (const [key, c] of reads) {
      const call = (await c.make?.('anonymous')) ?? {};
      const path = (call.path ?? key.slice(4))
        .replace('/api/tenants/PRIV', '/api/tenants/PUBL')
        .replace('{code}', 'PUBL');
      const res = await anon.app.request(path);
      const text = await res.text();
      const want = c.access === 'viewer' && !c.membersOnly ? 200 : 401;
      if (res.status !== want) problems.push(`${key}: ${res.status} (want ${want}) ${text.slice(0, 120)}`);
      if (text.includes('PUBLIC-DRAFT')) problems.push(`${key}: shows a draft`);
    }
    assert.deepEqual(problems, []);
    const totals = await anon.post('/api/tenants/PUBL/query/totals', {});
    assert.equal((totals.body as { sums: { deaths: number } }).sums.deaths, 5);
    const list = await anon.get('/api/tenants/PUBL/datacards');
    assert.equal((list.body as { total: number }).total, 1);
    assert.equal(
      (await anon.post('/api/tenants/PUBL/query/totals', { filter: { status: 'all' } })).status,
      401,
    );
    const write = await anon.post('/api/tenants/PUBL/datacards', {
      eventTypeId: fx.publ.eventTypeId,
      geoUnitId: fx.publ.districtId,
      startYear: 2020,
    });
    assert.equal(write.status, 401);
  });
});
