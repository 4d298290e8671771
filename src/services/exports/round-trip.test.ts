/**
 * Round trips through the DesInventar XML export: import a real file with the loader, export the
 * tenant, import the export into a second tenant, and compare the two tenants record by record.
 * DesInventar 9 files must come back identical; a DesInventar 8 source keeps everything the
 * DesInventar 9 format can hold (see the DI8 test for what it cannot).
 */
import assert from 'node:assert/strict';
import { createWriteStream, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Database } from '../../db/engine.ts';
import type { ImportSource } from '../../formats/model.ts';
import { EFFECT_FIELDS } from '../../shared/fields.ts';
import { openTestDatabase } from '../../testing/db.ts';
import { type RequestContext, systemContext, withTenant } from '../context.ts';
import type { ImportOptions, ImportReport } from '../imports/types.ts';
import { createTenant, resolveTenant } from '../tenants/tenants.ts';
import { exportDesInventar } from './desinventar.ts';
import { snapshotTenant, type TenantSnapshot } from './tenant-snapshot.ts';

const here = import.meta.dirname;
const data = join(here, '../../../../shared/data/desinventar');
const modules = {
  xml: join(here, '../../formats/desinventar-xml/read.ts'),
  di8: join(here, '../../formats/di8/read.ts'),
  loader: join(here, '../imports/run-import.ts'),
};
type RunImport = (
  db: Database['db'],
  ctx: RequestContext,
  source: ImportSource,
  o: ImportOptions,
) => Promise<ImportReport>;
type ReadXml = (path: string, options?: { language?: string }) => ImportSource;
type ReadDi8 = (path: string) => ImportSource;

const missing = (path: string, what: string) => (existsSync(path) ? false : `${what} not found (${path})`);
const skipLoader =
  missing(modules.xml, 'the DesInventar XML reader') || missing(modules.loader, 'the import loader');

let database: Database;
let runImport: RunImport;
let readXml: ReadXml;
const tmp = mkdtempSync(join(tmpdir(), 'll-round-trip-'));
const options: ImportOptions = { dryRun: false, mode: 'all-or-nothing' };

before(async () => {
  database = await openTestDatabase();
  if (skipLoader) return;
  runImport = ((await import(modules.loader)) as { runImport: RunImport }).runImport;
  readXml = ((await import(modules.xml)) as { readDesInventarXml: ReadXml }).readDesInventarXml;
});
after(async () => {
  await database.close();
  rmSync(tmp, { recursive: true, force: true });
});

async function tenant(code: string, language: string): Promise<RequestContext> {
  const sys = systemContext();
  await createTenant(database.db, sys, {
    code,
    names: { en: code },
    currency: 'USD',
    languages: [language],
    defaultLanguage: language,
  });
  return withTenant(sys, await resolveTenant(database.db, code));
}

/** Import `source` into a new tenant, export it, import the export into another; both snapshots. */
async function roundTrip(code: string, language: string, source: ImportSource) {
  const first = await tenant(`${code}1`, language);
  const imported = await runImport(database.db, first, source, options);
  const file = join(tmp, `${code}.xml`);
  const exported = await exportDesInventar(database.db, first, createWriteStream(file));
  const second = await tenant(`${code}2`, language);
  const reimported = await runImport(database.db, second, readXml(file, { language }), options);
  return {
    imported,
    exported,
    reimported,
    a: await snapshotTenant(database.db, first.tenant!.id),
    b: await snapshotTenant(database.db, second.tenant!.id),
  };
}

const KINDS: (keyof TenantSnapshot)[] = [
  'levels',
  'units',
  'eventTypes',
  'causes',
  'tabs',
  'fields',
  'assetTypes',
];

function assertSame(
  a: TenantSnapshot,
  b: TenantSnapshot,
  kinds: (keyof TenantSnapshot)[] = Object.keys(a) as (keyof TenantSnapshot)[],
) {
  for (const kind of kinds) {
    assert.equal(b[kind].length, a[kind].length, `${kind}: row count`);
    for (const [i, row] of a[kind].entries()) assert.deepStrictEqual(b[kind][i], row, `${kind} row ${i}`);
  }
}

/** DESIGN "Effect states": the export writes hay_* = -1 for a positive value too, so it reads back as present. */
const FLAGGED = EFFECT_FIELDS.filter((f) => f.diXmlFlag).map((f) => [f.column, f.presentColumn!] as const);
const withFlags = (card: Record<string, unknown>) => {
  const out = { ...card };
  for (const [value, present] of FLAGGED) out[present] = Boolean(out[present]) || Number(out[value] ?? 0) > 0;
  return out;
};

const XML_FILES = [
  { code: 'GRD', file: 'grd/DI_export_grd.xml', language: 'en', cards: 162 },
  { code: 'NGA', file: 'nga/DI_export_nga.xml', language: 'en', cards: 1 },
  { code: 'BDI', file: 'bdi/DI_export_bdi.xml', language: 'fr', cards: 0 },
];

describe('DesInventar XML round trip: import, export, import, compare', () => {
  for (const { code, file, language, cards } of XML_FILES) {
    const path = join(data, file);
    test(`${code}: every record comes back identical`, {
      skip: missing(path, `${code} export`) || skipLoader,
    }, async () => {
      const { imported, exported, reimported, a, b } = await roundTrip(
        code,
        language,
        readXml(path, { language }),
      );
      assert.equal(exported.cards, cards);
      assert.deepEqual(reimported.counts, imported.counts);
      assert.deepEqual(reimported.totals, imported.totals);
      assert.deepEqual(reimported.errors, []);
      assertSame(a, b);
    });
  }

  const di8 = join(data, 'bol_gcbol_di8_csv');
  const skipDi8 = missing(di8, 'the DI8 folder') || missing(modules.di8, 'the DI8 reader') || skipLoader;
  test('DI8 (Bolivia Gran Chaco): cards, effects, geography and catalogue codes survive', {
    skip: skipDi8,
  }, async () => {
    const { readDi8 } = (await import(modules.di8)) as { readDi8: ReadDi8 };
    const { imported, reimported, a, b } = await roundTrip('BOL', 'es', readDi8(di8));
    assert.equal(reimported.counts.datacards?.created, imported.counts.datacards?.created);
    assert.deepEqual(reimported.totals, imported.totals);
    // DesInventar XML cannot carry DI8's own columns as written (tags are lower-case, empty = null)
    // nor names of event types and causes that differ from their codes (eventos is keyed by name).
    const comparable = (s: TenantSnapshot): TenantSnapshot => ({
      ...s,
      levels: s.levels.map(({ legacy: _l, ...r }) => r),
      units: s.units.map(({ legacy: _l, ...r }) => r),
      eventTypes: s.eventTypes.map((r) => ({ code: r.code, description: r.description, parent: r.parent })),
      causes: s.causes.map((r) => ({ code: r.code })),
      cards: s.cards.map(({ legacy: _l, ...r }) => withFlags(r)),
    });
    assertSame(comparable(a), comparable(b), [
      ...KINDS,
      'cards',
      'humanEffects',
      'assetEffects',
      'baselines',
    ]);
    for (const [i, card] of a.cards.entries()) {
      const lower = Object.fromEntries(
        Object.entries(card.legacy as Record<string, unknown>).map(([k, v]) => [
          k.toLowerCase(),
          v === '' ? null : v,
        ]),
      );
      const back = b.cards[i]!.legacy as Record<string, unknown>;
      for (const [key, value] of Object.entries(lower))
        assert.deepEqual(back[key], value, `card ${i} legacy ${key}`);
    }
  });
});
