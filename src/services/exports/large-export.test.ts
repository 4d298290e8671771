/**
 * 50,000 synthetic cards (the demo seeder) through every export format: the output is read
 * back while it streams (or from a temporary file for XLSX) and checked against the database;
 * throughput and heap are printed, and the heap retained after garbage collection must stay flat:
 * under 40 MB, so a leak of 0.8 KB per card fails (EXPORT_TEST_CARDS sets the count).
 */
import assert from 'node:assert/strict';
import { createReadStream, createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { PassThrough, type Writable } from 'node:stream';
import { after, before, describe, test } from 'node:test';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { sql } from 'drizzle-orm';
import { SaxesParser } from 'saxes';
import type { Database } from '../../db/engine.ts';
import { queryRows } from '../../db/query.ts';
import { forEachCsvRecord, forEachXlsxRow } from '../../formats/table-export/read-back.ts';
import { openTestDatabase, testEngine } from '../../testing/db.ts';
import { type RequestContext, systemContext, withTenant } from '../context.ts';
import { seedDemo } from '../demo/seed.ts';
import { resolveTenant } from '../tenants/tenants.ts';
import { type CardExportFormat, exportCards } from './cards.ts';
import { exportDesInventar } from './desinventar.ts';

const CARDS = Number(process.env.EXPORT_TEST_CARDS ?? 50_000);
/** Retained heap allowed: about 0.8 KB per card, at least 40 MB. */
const RETAINED_LIMIT_MB = Math.max(40, (CARDS * 800) / 1e6);
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

let database: Database;
let ctx: RequestContext;
let expected: { cards: number; deaths: number; present: number; losses: number };
const tmp = mkdtempSync(join(tmpdir(), 'll-large-export-'));

before(async () => {
  database = await openTestDatabase();
  await seedDemo(database.db, { tenantCode: 'BIG', cards: CARDS, seed: 11 });
  ctx = withTenant(systemContext(), await resolveTenant(database.db, 'BIG'));
  const [totals] = await queryRows<typeof expected>(
    database.db,
    sql`select count(*)::int as cards, coalesce(sum(deaths), 0)::float8 as deaths,
               count(*) filter (where deaths_present)::int as present, coalesce(sum(losses_local), 0)::float8 as losses
        from datacards where deleted_at is null`,
  );
  expected = totals!;
});
after(async () => {
  await database.close();
  rmSync(tmp, { recursive: true, force: true });
});

/** Sums of what was read back. */
class Totals {
  cards = 0;
  deaths = 0;
  present = 0;
  losses = 0;
  add(deaths: unknown, present: unknown, losses: unknown) {
    this.cards++;
    this.deaths += Number(deaths ?? 0);
    this.present += present === true || present === 'true' || present === -1 || present === '-1' ? 1 : 0;
    this.losses += Number(losses ?? 0);
  }
  check() {
    assert.equal(this.cards, expected.cards);
    assert.equal(this.deaths, expected.deaths);
    assert.equal(this.present, expected.present);
    assert.ok(
      Math.abs(this.losses - expected.losses) <= expected.losses * 1e-12,
      `${this.losses} vs ${expected.losses}`,
    );
  }
}

/** Run one export, sampling the heap; returns cards/s, peak heap growth and retained heap growth (after GC). */
async function measure(
  name: string,
  write: (out: Writable, onBatch: () => void) => Promise<{ cards: number }>,
  out: Writable,
) {
  gc();
  const base = process.memoryUsage().heapUsed;
  let peak = base;
  let retained = 0;
  const sample = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().heapUsed);
  }, 25);
  let batches = 0;
  const onBatch = () => {
    // Every fifth batch: what the export keeps alive once garbage is collected.
    if (++batches % 5 !== 0) return;
    gc();
    retained = Math.max(retained, process.memoryUsage().heapUsed - base);
  };
  const started = performance.now();
  const result = await write(out, onBatch);
  clearInterval(sample);
  const seconds = (performance.now() - started) / 1000;
  const figures = {
    cardsPerSecond: Math.round(result.cards / seconds),
    peakHeapMb: Math.round((peak - base) / 1e6),
    retainedHeapMb: Math.round(retained / 1e6),
  };
  console.log(
    `[${testEngine()}] ${name}: ${result.cards} cards in ${seconds.toFixed(1)} s, ${JSON.stringify(figures)}`,
  );
  assert.equal(result.cards, expected.cards);
  assert.ok(figures.retainedHeapMb < RETAINED_LIMIT_MB, `${name} retained ${figures.retainedHeapMb} MB`);
  return figures;
}

const cards = (format: CardExportFormat) => (out: Writable, onBatch: () => void) =>
  exportCards(
    database.db,
    ctx,
    format,
    out,
    { status: 'all' },
    { onProgress: onBatch, snapshot: testEngine() === 'postgres' },
  );

describe(`exports of ${CARDS.toLocaleString('en')} cards`, () => {
  test('CSV parses back to every card, memory flat', async () => {
    const out = new PassThrough();
    const totals = new Totals();
    let at: (k: string) => number = () => -1;
    const read = forEachCsvRecord(out, (r) => {
      if (r[0] === 'id') at = (k) => r.indexOf(k);
      else totals.add(r[at('deaths')] || 0, r[at('deaths_present')], r[at('lossesLocal')] || 0);
    });
    await measure('csv', cards('csv'), out);
    await read;
    totals.check();
  });

  test('XLSX reads back with the streaming reader to every card, memory flat', async () => {
    const file = join(tmp, 'cards.xlsx');
    await measure('xlsx', cards('xlsx'), createWriteStream(file));
    const totals = new Totals();
    let at: (k: string) => number = () => -1;
    await forEachXlsxRow(createReadStream(file), (_sheet, r) => {
      if (r[0] === 'id') at = (k) => r.indexOf(k);
      else totals.add(r[at('deaths')], r[at('deaths_present')], r[at('lossesLocal')]);
    });
    totals.check();
  });

  test('GeoJSON holds one feature per card, memory flat', async () => {
    const out = new PassThrough();
    const totals = new Totals();
    const read = (async () => {
      for await (const line of createInterface({ input: out })) {
        if (!line.startsWith('{"type":"Feature"')) continue;
        const p = JSON.parse(line.replace(/,$/, '')).properties;
        totals.add(p.deaths, p.deaths_present, p.lossesLocal);
      }
    })();
    await measure('geojson', cards('geojson'), out);
    await read;
    totals.check();
  });

  test('DesInventar XML is well-formed with one ficha per card, memory flat', async () => {
    const out = new PassThrough();
    const totals = new Totals();
    const parser = new SaxesParser();
    let row: Record<string, string> | null = null;
    let text = '';
    const path: string[] = [];
    parser.on('opentag', (t) => {
      path.push(t.name);
      if (t.name === 'TR' && path[1] === 'fichas') row = {};
      text = '';
    });
    parser.on('text', (t) => {
      text += t;
    });
    parser.on('closetag', (t) => {
      path.pop();
      if (row && t.name === 'TR') {
        totals.add(row.muertos || 0, row.hay_muertos, row.valorloc || 0);
        row = null;
      } else if (row) row[t.name] = text;
    });
    const read = (async () => {
      for await (const chunk of out) parser.write((chunk as Buffer).toString('utf8'));
      parser.close();
    })();
    await measure(
      'desinventar',
      (o, onBatch) => exportDesInventar(database.db, ctx, o, { onProgress: onBatch }),
      out,
    );
    await read;
    // hay_muertos is -1 for every card with deaths > 0 as well as for "present" ones.
    const [withDeaths] = await queryRows<{ n: number }>(
      database.db,
      sql`select count(*)::int as n from datacards where deaths_present or deaths > 0`,
    );
    expected = { ...expected, present: withDeaths!.n };
    totals.check();
  });
});
