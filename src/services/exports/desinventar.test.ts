import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { after, before, describe, test } from 'node:test';
import { and, eq, sql } from 'drizzle-orm';
import { SaxesParser } from 'saxes';
import type { Database } from '../../db/engine.ts';
import { queryRows } from '../../db/query.ts';
import {
  assetTypePrices,
  assetTypes,
  baselines,
  datacards,
  geoLevels,
  geoUnits,
} from '../../db/schema/index.ts';
import { DI_TABLES } from '../../formats/desinventar-export/tables.ts';
import { openTestDatabase } from '../../testing/db.ts';
import { type RequestContext, systemContext, withTenant } from '../context.ts';
import { seedDemo } from '../demo/seed.ts';
import { resolveTenant } from '../tenants/tenants.ts';
import { exportDesInventar } from './desinventar.ts';
import type { CardExportFilter } from './read.ts';

let database: Database;
let ctx: RequestContext;
let tenantId: number;

before(async () => {
  database = await openTestDatabase();
  await seedDemo(database.db, { tenantCode: 'DEMO', cards: 400, seed: 3 });
  ctx = withTenant(systemContext(), await resolveTenant(database.db, 'DEMO'));
  tenantId = ctx.tenant!.id;
  // Records that exist only in LossLedger: an asset type with a price, a national baseline.
  const [asset] = await database.db
    .insert(assetTypes)
    .values({
      tenantId,
      code: 'BRIDGES',
      names: { en: 'Bridges', ru: 'Мосты' },
      indicator: 'C-5',
      unitPriceLocal: '1500000.5',
    })
    .returning();
  await database.db
    .insert(assetTypePrices)
    .values({ tenantId, assetTypeId: asset!.id, year: 2020, priceLocal: '1400000' });
  await database.db
    .insert(baselines)
    .values({ tenantId, year: 2020, metric: 'population', value: '19000000' });
  const [card] = await database.db.select({ id: datacards.id }).from(datacards).limit(1);
  await database.db
    .update(datacards)
    .set({ deletedAt: sql`now()` })
    .where(and(eq(datacards.tenantId, tenantId), eq(datacards.id, card!.id)));
});
after(() => database.close());

interface Parsed {
  /** Child elements of the root, in order. */
  tables: string[];
  /** Every element name seen below table level. */
  tags: Set<string>;
  rows: Record<string, Record<string, string>[]>;
}

async function exportXml(
  filter?: CardExportFilter,
): Promise<{ xml: string; parsed: Parsed; result: Awaited<ReturnType<typeof exportDesInventar>> }> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const result = await exportDesInventar(database.db, ctx, out, { filter });
  const xml = Buffer.concat(chunks).toString('utf8');
  const parsed: Parsed = { tables: [], tags: new Set(), rows: {} };
  const path: string[] = [];
  let row: Record<string, string> | null = null;
  let text = '';
  const parser = new SaxesParser();
  parser.on('opentag', (t) => {
    path.push(t.name);
    text = '';
    if (path.length === 2) parsed.tables.push(t.name);
    if (path.length === 3) row = {};
    if (path.length === 4) parsed.tags.add(t.name);
  });
  parser.on('text', (t) => {
    text += t;
  });
  parser.on('closetag', () => {
    if (path.length === 4) row![path[3]!] = text;
    if (path.length === 3) {
      const list = parsed.rows[path[1]!] ?? [];
      list.push(row!);
      parsed.rows[path[1]!] = list;
    }
    path.pop();
  });
  parser.write(xml).close();
  return { xml, parsed, result };
}

describe('exportDesInventar (demo tenant)', () => {
  test('is well-formed XML: DESINVENTAR root, the tables in DesInventar order, lower-case tags', async () => {
    const { xml, parsed } = await exportXml();
    assert.ok(xml.startsWith('<?xml version="1.0"  encoding="UTF-8" ?>\n<DESINVENTAR>\n<datamodel>\n<TR>'));
    assert.deepEqual(parsed.tables, [...DI_TABLES]);
    for (const tag of parsed.tags) assert.equal(tag, tag.toLowerCase(), tag);
    assert.ok(xml.includes('<info_maps>\n</info_maps>\n'), 'empty tables are written empty');
  });

  test('writes every live card in every state, each with one extension row and a unique clave', async () => {
    const { parsed, result } = await exportXml();
    const [live] = await queryRows<{ n: number; published: number }>(
      database.db,
      sql`select count(*)::int as n, count(*) filter (where status = 'published')::int as published
          from datacards where tenant_id = ${tenantId} and deleted_at is null`,
    );
    const fichas = parsed.rows.fichas!;
    assert.equal(fichas.length, live!.n);
    assert.equal(result.cards, live!.n);
    const claves = fichas.map((f) => f.clave);
    assert.equal(new Set(claves).size, claves.length);
    assert.deepEqual(
      parsed.rows.extension!.map((e) => e.clave_ext),
      claves,
    );
    assert.equal(fichas.filter((f) => f.approved === '0').length, live!.published);
    const { parsed: published } = await exportXml({ status: 'published' });
    assert.equal(published.rows.fichas!.length, live!.published);
  });

  test('geography, catalogues and effect flags follow the DesInventar conventions', async () => {
    const { parsed } = await exportXml();
    const levels = await database.db.select().from(geoLevels).where(eq(geoLevels.tenantId, tenantId));
    assert.equal(parsed.rows.niveles!.length, levels.length);
    const units = await queryRows<{ level: number; n: number }>(
      database.db,
      sql`select level, count(distinct code)::int as n from geo_units where tenant_id = ${tenantId} group by level order by level`,
    );
    assert.deepEqual(
      ['lev0', 'lev1', 'lev2'].map((t) => parsed.rows[t]?.length ?? 0),
      units.map((u) => u.n),
    );
    const codes = new Set(parsed.rows.eventos!.map((e) => e.nombre));
    for (const f of parsed.rows.fichas!) {
      assert.ok(codes.has(f.evento!), f.evento);
      if (Number(f.muertos) > 0) assert.equal(f.hay_muertos, '-1');
      assert.ok(f.level0 && f.uu_id);
    }
    const [unit] = await database.db.select().from(geoUnits).where(eq(geoUnits.tenantId, tenantId)).limit(1);
    assert.ok(
      parsed.rows.regiones!.some((r) => r.codregion === unit!.code),
      'regiones derived from units',
    );
  });

  test('asset types, prices and baselines made in LossLedger become metadata rows', async () => {
    const { parsed } = await exportXml();
    const element = parsed.rows.metadata_element!.find((e) => e.metadata_element_description === 'Bridges');
    assert.ok(element, 'metadata_element row');
    assert.equal(element.metadata_element_price, '1500000.5');
    assert.equal(element.metadata_country, 'DEMO');
    const cost = parsed.rows.metadata_element_costs!.find(
      (c) => c.metadata_element_key === element.metadata_element_key,
    );
    assert.deepEqual([cost?.metadata_element_year, cost?.metadata_element_unit_cost], ['2020', '1400000']);
    assert.ok(
      parsed.rows.metadata_element_lang!.some(
        (l) => l.metadata_lang === 'ru' && l.metadata_element_description === 'Мосты',
      ),
    );
    const national = parsed.rows.metadata_national_values!;
    assert.deepEqual(
      national.map((n) => [n.metadata_key, n.metadata_country, n.metadata_year, n.metadata_value]),
      [['1', 'DEMO', '2020', '19000000']],
    );
    assert.ok(
      parsed.rows.metadata_national!.some((n) => n.metadata_key === '1' && n.metadata_country === 'DEMO'),
    );
  });
});
