/** DI8 regions loaded into the database through the import loader: MANIFEST figures via cardTotals. */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { sql } from 'drizzle-orm';
import type { Database } from '../../db/engine.ts';
import { queryRows } from '../../db/query.ts';
import { cardTotals } from '../../services/analytics/totals.ts';
import { type RequestContext, systemContext, withTenant } from '../../services/context.ts';
import { runImport } from '../../services/imports/run-import.ts';
import { createTenant, resolveTenant } from '../../services/tenants/tenants.ts';
import { openTestDatabase } from '../../testing/db.ts';
import { writeDi8Sqlite } from './fixture.ts';
import { readDi8 } from './read.ts';

const folder = join(import.meta.dirname, '../../../../shared/data/desinventar/bol_gcbol_di8_csv');
const skip = existsSync(join(folder, 'Disaster.csv')) ? false : `DI8 dump not found in ${folder}`;
const tmp = mkdtempSync(join(tmpdir(), 'll-di8-load-'));
let database: Database;

before(async () => {
  database = await openTestDatabase();
});
after(async () => {
  await database.close();
  rmSync(tmp, { recursive: true, force: true });
});

async function tenant(code: string): Promise<RequestContext> {
  const system = systemContext('test');
  await createTenant(database.db, system, {
    code,
    names: { en: code },
    currency: 'BOB',
    defaultLanguage: 'es',
  });
  return withTenant(system, await resolveTenant(database.db, code));
}

const run = (ctx: RequestContext, path: string, dryRun = false) =>
  runImport(database.db, ctx, readDi8(path), { dryRun, mode: 'all-or-nothing' });

test('DI8 load > BOL GCBOL: 109 published cards, 444 units with parents, MANIFEST totals in the database', {
  skip,
}, async () => {
  const ctx = await tenant('BOL');
  const dry = await run(ctx, folder, true);
  assert.equal(dry.status, 'dry_run');
  assert.equal(dry.counts.datacards?.created, 109);
  assert.equal((await cardTotals(database.db, ctx, 'all')).cards, 0, 'a dry run writes no card');

  const report = await run(ctx, folder);
  assert.equal(report.status, 'succeeded', JSON.stringify(report.errors));
  assert.deepEqual(
    ['geoLevels', 'geoUnits', 'eventTypes', 'causes', 'datacards'].map((k) => report.counts[k]?.created),
    [3, 444, 37, 36, 109],
  );
  assert.deepEqual(report.unmapped, { eventTypes: [], causes: [], geoUnits: [] });

  const totals = await cardTotals(database.db, ctx, 'published');
  assert.equal(totals.cards, 109);
  const { deaths, missing, injured, housesDestroyed, housesDamaged, directlyAffected, indirectlyAffected } =
    totals.sums;
  assert.deepEqual(
    { deaths, missing, injured, housesDestroyed, housesDamaged, directlyAffected, indirectlyAffected },
    {
      deaths: 166,
      missing: 5,
      injured: 1252,
      housesDestroyed: 79,
      housesDamaged: 1,
      directlyAffected: 9828,
      indirectlyAffected: 115320,
    },
  );
  assert.equal(totals.sums.lossesLocal, 6_000_000);
  assert.equal(totals.sums.lossesUsd, 103_734_095);
  assert.equal(report.totals.published.sums.deaths, 166);

  const tenantId = ctx.tenant!.id;
  const [present] = await queryRows<{ deaths: number; affected: number; notSet: number }>(
    database.db,
    sql`select count(*) filter (where deaths_present and deaths is null)::int as deaths,
               count(*) filter (where indirectly_affected_present)::int as affected,
               count(*) filter (where latitude is null and longitude is null)::int as "notSet"
        from datacards where tenant_id = ${tenantId}`,
  );
  assert.deepEqual(present, { deaths: 5, affected: 102, notSet: 109 });
  const units = await queryRows<{ level: number; n: number; orphans: number }>(
    database.db,
    sql`select u.level, count(*)::int as n,
               count(*) filter (where u.level > 1 and (p.id is null or left(u.code, length(p.code)) <> p.code))::int as orphans
        from geo_units u left join geo_units p on p.tenant_id = u.tenant_id and p.id = u.parent_id
        where u.tenant_id = ${tenantId} group by u.level order by u.level`,
  );
  assert.deepEqual(units, [
    { level: 1, n: 9, orphans: 0 },
    { level: 2, n: 112, orphans: 0 },
    { level: 3, n: 323, orphans: 0 },
  ]);

  const again = await run(ctx, folder);
  assert.equal(again.counts.datacards?.unchanged, 109, 'DisasterId is the re-import key');
});

test('DI8 load > SQLite region: statuses, -2 counted in the report, extra effects stored', async () => {
  const ctx = await tenant('DI8DB');
  const file = join(tmp, 'small.db');
  const id = (n: number) => `00000000-0000-4000-8000-00000000000${n}`;
  const row = (n: number, more: Record<string, string | number>) => ({
    DisasterId: id(n),
    DisasterSerial: `S-${n}`,
    DisasterBeginTime: '2004-05-06',
    GeographyId: '0000100001',
    EventId: 'FLOOD',
    CauseId: 'RAIN',
    RecordStatus: 'PUBLISHED',
    ...more,
  });
  await writeDi8Sqlite(
    file,
    [
      row(1, { EffectPeopleDead: 4, EffectPeopleDeadQ: 4, EffectPeopleInjured: -1, EffectPeopleInjuredQ: 2 }),
      row(2, { EffectPeopleDead: -2, RecordStatus: 'READY' }),
      row(3, { EffectPeopleDead: -1, EffectPeopleDeadQ: 0, RecordStatus: 'TRASH' }),
    ],
    [{ DisasterId: id(1), EEF001: 9, EEF002: 'nota' }],
  );
  const report = await run(ctx, file);
  assert.equal(report.status, 'succeeded', JSON.stringify(report.errors));
  assert.ok(
    report.warnings.some(
      (w) => w.code === 'di8_dont_know' && w.message.startsWith('deaths: 1 card holds -2'),
    ),
  );
  assert.ok(report.warnings.some((w) => w.code === 'geography_orphan'));
  const cards = await queryRows<{
    serial: string;
    status: string;
    deaths: number | null;
    present: boolean;
    extra: unknown;
  }>(
    database.db,
    sql`select serial, status, deaths, deaths_present as present, extra from datacards
        where tenant_id = ${ctx.tenant!.id} order by serial`,
  );
  assert.deepEqual(
    cards.map((c) => [c.serial, c.status, c.deaths, c.present]),
    [
      ['S-1', 'published', 4, false],
      ['S-2', 'submitted', null, false],
      ['S-3', 'support', null, true],
    ],
  );
  assert.deepEqual(cards[0]!.extra, { EEF001: 9, EEF002: 'nota' });
  const totals = await cardTotals(database.db, ctx, 'all');
  assert.equal(totals.sums.injured, 2, '-1 takes the Q twin');
});
