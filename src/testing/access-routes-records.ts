/**
 * The access rules of the record routes (datacards, imports, exports, queries, saved queries,
 * indicators): part of the table of access-routes.ts.
 */
import { systemContext, withTenant } from '../services/context.ts';
import { startImportJob } from '../services/imports/jobs.ts';
import { resolveTenant } from '../services/tenants/tenants.ts';
import {
  type AccessFixture,
  CALLERS,
  type CardOptions,
  MAPPING,
  P,
  TINY_XML,
  tinyCsv,
} from './access-fixture.ts';
import type { RouteCase } from './access-routes.ts';
import { itemSource, syntheticCards } from './import-factories.ts';

/** The routes from the datacards on, in the table's order (`fixture` as for `accessRoutes`). */
export function recordRoutes(fixture: () => AccessFixture): Record<string, RouteCase> {
  const next = () => fixture().next();
  const card = (opts?: CardOptions) => fixture().card(opts);
  const created = (path: string, body: unknown) => fixture().created(path, body);
  const savedQuery = () => fixture().savedQuery();
  const uploadToken = () => fixture().uploadToken();

  return {
    'GET /api/tenants/{code}/datacards': { access: 'viewer' },
    'POST /api/tenants/{code}/datacards': {
      access: 'contributor',
      inScopeA: true,
      make: async () => ({
        body: {
          serial: `MX-${next()}`,
          eventTypeId: fixture().priv.eventTypeId,
          geoUnitId: fixture().priv.districtId,
          startYear: 2022,
        },
      }),
      expect: { outOfScope: 403 },
    },
    'GET /api/tenants/{code}/datacards/{id}': {
      access: 'viewer',
      inScopeA: true,
      make: async () => ({ path: `${P}/datacards/${(await card({ status: 'published' })).id}` }),
    },
    'PATCH /api/tenants/{code}/datacards/{id}': {
      // The caller's own draft in A: a viewer cannot even see a draft.
      access: 'contributor',
      inScopeA: true,
      make: async (who) => {
        const c = await card({ author: who });
        return { path: `${P}/datacards/${c.id}`, body: { comments: 'edited', version: c.version } };
      },
      expect: { viewer: 404 },
    },
    'DELETE /api/tenants/{code}/datacards/{id}': {
      access: 'contributor',
      inScopeA: true,
      ok: 204,
      make: async (who) => {
        const c = await card({ author: who });
        return { path: `${P}/datacards/${c.id}?version=${c.version}` };
      },
      expect: { viewer: 404 },
    },
    'POST /api/tenants/{code}/datacards/{id}/transitions': {
      access: 'contributor',
      inScopeA: true,
      ok: 200,
      make: async (who) => {
        const c = await card({ author: who });
        return { path: `${P}/datacards/${c.id}/transitions`, body: { action: 'submit', version: c.version } };
      },
    },
    'GET /api/tenants/{code}/review-queue': { access: 'contributor' },

    'POST /api/tenants/{code}/imports': {
      access: 'admin',
      ok: 202,
      make: async () => {
        const form = new FormData();
        form.append('file', new File([TINY_XML], 'tiny.xml', { type: 'application/xml' }));
        return { path: `${P}/imports?dryRun=true`, form };
      },
    },
    'GET /api/tenants/{code}/imports': { access: 'admin' },
    'GET /api/tenants/{code}/imports/{jobId}': {
      // Only the credential that started a job sees it; this one was started by someone else.
      access: 'anyone',
      make: async () => {
        const ctx = withTenant(systemContext('test'), await resolveTenant(fixture().database.db, 'PRIV'));
        const job = startImportJob(
          fixture().database.db,
          ctx,
          itemSource(() => syntheticCards(1), 'one.xml'),
          { dryRun: true, mode: 'all-or-nothing' },
          'somebody else',
        );
        return { path: `${P}/imports/${job.jobId}` };
      },
      expect: Object.fromEntries(CALLERS.map((c) => [c, 404])),
    },
    'POST /api/tenants/{code}/table-imports/preview': {
      access: 'admin',
      ok: 200,
      make: async () => ({ form: tinyCsv() }),
    },
    'POST /api/tenants/{code}/table-imports/check': {
      access: 'admin',
      ok: 200,
      make: async () => ({ body: { token: await uploadToken(), mapping: MAPPING } }),
    },
    'POST /api/tenants/{code}/table-imports/run': {
      access: 'admin',
      ok: 202,
      make: async () => ({ body: { token: await uploadToken(), mapping: MAPPING, dryRun: true } }),
    },
    'GET /api/tenants/{code}/import-mappings': { access: 'admin' },
    'POST /api/tenants/{code}/import-mappings': {
      access: 'admin',
      make: async () => ({ body: { name: `Mapping ${next()}`, mapping: MAPPING } }),
    },
    'GET /api/tenants/{code}/import-mappings/{id}': {
      access: 'admin',
      make: async () => ({
        path: `${P}/import-mappings/${(await created('/import-mappings', { name: `M${next()}`, mapping: MAPPING })).id}`,
      }),
    },
    'PATCH /api/tenants/{code}/import-mappings/{id}': {
      access: 'admin',
      make: async () => {
        const m = await created('/import-mappings', { name: `M${next()}`, mapping: MAPPING });
        return { path: `${P}/import-mappings/${m.id}`, body: { name: `M${next()}`, version: m.version } };
      },
    },
    'DELETE /api/tenants/{code}/import-mappings/{id}': {
      access: 'admin',
      ok: 204,
      make: async () => {
        const m = await created('/import-mappings', { name: `M${next()}`, mapping: MAPPING });
        return { path: `${P}/import-mappings/${m.id}?version=${m.version}` };
      },
    },

    'GET /api/tenants/{code}/exports/datacards.csv': { access: 'viewer' },
    'GET /api/tenants/{code}/exports/datacards.xlsx': { access: 'viewer' },
    'GET /api/tenants/{code}/exports/datacards.geojson': { access: 'viewer' },
    'GET /api/tenants/{code}/exports/desinventar.xml': { access: 'viewer' },
    ...query('list', { columns: ['serial', 'deaths'] }, 'columns=serial,deaths'),
    ...query('totals', {}, ''),
    ...query('statistics', { by: ['event'], measures: ['count'] }, 'by=event&measures=count'),
    ...query(
      'crosstab',
      { rows: 'event', columns: 'year', measure: 'deaths' },
      'rows=event&columns=year&measure=deaths',
    ),
    ...query('timeseries', { measures: ['deaths'] }, 'measures=deaths'),
    ...query('map', { level: 1, measures: ['deaths'] }, 'level=1&measures=deaths'),
    'GET /api/tenants/{code}/profile': { access: 'viewer' },
    'GET /api/tenants/{code}/saved-queries': { access: 'viewer', membersOnly: true },
    'POST /api/tenants/{code}/saved-queries': {
      access: 'viewer',
      make: async () => ({ body: { name: `Q${next()}`, options: { kind: 'totals' } } }),
    },
    'GET /api/tenants/{code}/saved-queries/{id}': {
      access: 'viewer',
      make: async () => ({ path: `${P}/saved-queries/${(await savedQuery()).id}` }),
    },
    'GET /api/tenants/{code}/saved-queries/{id}/result': {
      access: 'viewer',
      make: async () => ({ path: `${P}/saved-queries/${(await savedQuery()).id}/result` }),
    },
    'PATCH /api/tenants/{code}/saved-queries/{id}': {
      // Someone else's query: only admins change it.
      access: 'admin',
      make: async () => {
        const q = await savedQuery();
        return { path: `${P}/saved-queries/${q.id}`, body: { name: `Q${next()}`, version: q.version } };
      },
    },
    'DELETE /api/tenants/{code}/saved-queries/{id}': {
      access: 'admin',
      ok: 204,
      make: async () => {
        const q = await savedQuery();
        return { path: `${P}/saved-queries/${q.id}?version=${q.version}` };
      },
    },
    'GET /api/tenants/{code}/indicators': { access: 'viewer' },
    'GET /api/tenants/{code}/indicators.csv': { access: 'viewer' },
    'GET /api/tenants/{code}/indicators/report': { access: 'viewer' },
    'GET /api/tenants/{code}/indicators/sdg': { access: 'viewer' },
    'GET /api/tenants/{code}/indicators.xlsx': { access: 'viewer' },
    'GET /api/tenants/{code}/indicators/sdg.csv': { access: 'viewer' },
    'GET /api/tenants/{code}/indicators/sdg.xlsx': { access: 'viewer' },
  };
}

/** POST and GET forms of one query kind: reads, open to viewers (and read tokens). */
function query(kind: string, body: Record<string, unknown>, params: string): Record<string, RouteCase> {
  return {
    [`POST /api/tenants/{code}/query/${kind}`]: { access: 'viewer', ok: 200, make: async () => ({ body }) },
    [`GET /api/tenants/{code}/query/${kind}`]: {
      access: 'viewer',
      make: async () => ({ path: `${P}/query/${kind}${params ? `?${params}` : ''}` }),
    },
  };
}
