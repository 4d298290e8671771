import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import type { Database } from '../../db/engine.ts';
import { queryRows } from '../../db/query.ts';
import type { ImportItem } from '../../formats/model.ts';
import { openTestDatabase } from '../../testing/db.ts';
import {
  assetType,
  card,
  countryItems,
  detail,
  importTenant,
  itemSource,
} from '../../testing/import-factories.ts';
import type { RequestContext } from '../context.ts';
import { runImport } from './run-import.ts';

let database: Database;
before(async () => {
  database = await openTestDatabase();
});
after(() => database.close());

/** `derived`: the source says its details name only its own cards, so a first import derives card ids. */
const load = (
  ctx: RequestContext,
  items: ImportItem[],
  mode: 'all-or-nothing' | 'per-row' = 'all-or-nothing',
  derived = false,
) =>
  runImport(database.db, ctx, itemSource(items, 'test.xml', { detailsNameItsCards: derived }), {
    dryRun: false,
    mode,
  });
const rows = <T>(query: ReturnType<typeof sql>) => queryRows<T>(database.db, query);
const file = (...more: ImportItem[]) => [...countryItems(), card(1), card(2), ...more, assetType('HOUSE')];

describe('runImport: card details', () => {
  test('changed details replace the card rows; a card changed only by extra values becomes updated', async () => {
    const ctx = await importTenant(database.db, 'DETAILS');
    await load(ctx, file(detail(1), detail(2)));
    const changed = detail(2, {
      humanEffects: [{ effect: 'deaths', dimension: 'sex', category: 'female', value: 2, present: true }],
      extra: { RAINFALL: 99 },
    });
    const report = await load(ctx, file(detail(1), changed));
    assert.deepEqual(report.counts.humanEffects, { created: 0, updated: 1, unchanged: 2 });
    assert.deepEqual(report.counts.assetEffects, { created: 0, updated: 0, unchanged: 2 });
    assert.deepEqual(report.counts.datacards, { created: 0, updated: 1, unchanged: 1 });
    const [c] = await rows<{ id: string; version: number; extra: unknown }>(
      sql`select id, version, extra from datacards where tenant_id = ${ctx.tenant!.id} and source_uuid = 'uuid-2'`,
    );
    assert.equal(c?.version, 2);
    assert.deepEqual(c?.extra, { RAINFALL: 99 });
    const human = await rows<{ category: string; value: number }>(
      sql`select category, value from human_effects where tenant_id = ${ctx.tenant!.id} and datacard_id = ${c!.id}`,
    );
    assert.deepEqual(human, [{ category: 'female', value: 2 }], 'the male row of the earlier import is gone');
    const [audit] = await rows<{ after: unknown }>(
      sql`select after from audit_log where tenant_id = ${ctx.tenant!.id} and entity = 'datacard' and entity_id = ${c!.id}`,
    );
    assert.deepEqual(audit?.after, { extra: { RAINFALL: 99 } });
  });

  for (const derived of [false, true])
    test(`a further detail part of a new card adds to and replaces its first part, later values win${derived ? ' (derived ids)' : ''}`, async () => {
      const ctx = await importTenant(database.db, derived ? 'PARTSD' : 'PARTS');
      const second = detail(1, {
        place: { table: 'extension', row: 2 },
        humanEffects: [{ effect: 'deaths', dimension: 'sex', category: 'female', value: 7, present: true }],
        assetEffects: [],
        extra: { RAINFALL: 12 },
      });
      const report = await load(ctx, file(detail(1), second), 'all-or-nothing', derived);
      assert.deepEqual(report.counts.datacards, { created: 2, updated: 0, unchanged: 0 });
      assert.deepEqual(report.counts.humanEffects, { created: 2, updated: 1, unchanged: 0 });
      assert.deepEqual(report.counts.assetEffects, { created: 1, updated: 0, unchanged: 0 });
      const human = await rows<{ category: string; value: number }>(
        sql`select category, value from human_effects where tenant_id = ${ctx.tenant!.id} order by category`,
      );
      assert.deepEqual(human, [
        { category: 'female', value: 7 },
        { category: 'male', value: 0 },
      ]);
      const assets = await rows<{ damaged: string }>(
        sql`select damaged::text from asset_effects where tenant_id = ${ctx.tenant!.id}`,
      );
      assert.deepEqual(assets, [{ damaged: '3' }], 'the asset row of the first part is kept');
      const [c] = await rows<{ extra: unknown; version: number }>(
        sql`select extra, version from datacards where tenant_id = ${ctx.tenant!.id} and source_uuid = 'uuid-1'`,
      );
      assert.deepEqual(c, { extra: { RAINFALL: 12 }, version: 1 });
    });

  test('a breakdown adding up to more than the card total is kept and listed as a warning', async () => {
    const ctx = await importTenant(database.db, 'OVER');
    const over = detail(2, {
      humanEffects: [
        { effect: 'deaths', dimension: 'sex', category: 'female', value: 2, present: true },
        { effect: 'deaths', dimension: 'sex', category: 'male', value: 1, present: true },
        { effect: 'deaths', dimension: 'age', category: '0-14', value: 1, present: true },
      ],
    });
    const report = await load(ctx, file(detail(1), over));
    // card(2) has 2 deaths: 2 + 1 by sex is too many, 1 by age is fine; card(1)'s 1 + 0 is fine.
    assert.deepEqual(
      report.warnings.filter((w) => w.code === 'breakdown_exceeds_total'),
      [
        {
          code: 'breakdown_exceeds_total',
          message: "deaths by sex add up to 3, more than the card's 2; kept as given",
          place: 'card S2',
        },
      ],
    );
    assert.equal(report.counts.humanEffects!.created, 5);
  });

  test('an unknown asset code fails the import (all-or-nothing) or is skipped with a warning (per-row)', async () => {
    const ctx = await importTenant(database.db, 'ASSETS');
    const bad = detail(1, { assetEffects: [{ ...detail(1).assetEffects[0]!, assetCode: 'YACHT' }] });
    await assert.rejects(load(ctx, file(bad)), /extension row 1: unknown asset type 'YACHT'/);
    const report = await load(ctx, file(bad), 'per-row');
    assert.equal(report.counts.assetEffects!.created, 0);
    assert.equal(report.counts.humanEffects!.created, 2, 'the rest of the detail is kept');
    assert.deepEqual(
      report.warnings.filter((w) => w.code === 'unknown_asset').map((w) => w.place),
      ['extension row 1'],
    );
  });

  test('extra values are checked against their definitions; details of unknown cards are reported', async () => {
    const ctx = await importTenant(database.db, 'EXTRA');
    await assert.rejects(
      load(ctx, file(detail(1, { extra: { RAINFALL: 1.5 } }))),
      /extension row 1: extra.RAINFALL: must be a whole number/,
    );
    await assert.rejects(
      load(ctx, file(detail(1, { extra: { DEATHS_FEMALE: 1 } }))),
      /extra.DEATHS_FEMALE: no extra field with this key/,
    );
    const report = await load(ctx, file(detail(7)));
    assert.match(
      report.warnings.find((w) => w.code === 'orphan_details')?.message ?? '',
      /^1 card details name no card of this import \(keys 7\)/,
    );
  });

  test('human effect values must be whole and non-negative', async () => {
    const ctx = await importTenant(database.db, 'HUMAN');
    const bad = detail(1, {
      humanEffects: [{ effect: 'injured', dimension: 'age', category: '0-14', value: -1, present: false }],
    });
    await assert.rejects(
      load(ctx, file(bad)),
      /extension row 1: human effect injured\/age\/0-14: -1 is not a whole number >= 0/,
    );
  });

  for (const derived of [false, true])
    test(`over several batches: repeated identities and source keys are found in earlier batches, details reach the last card with a key${derived ? ' (derived ids)' : ''}`, async () => {
      const ctx = await importTenant(database.db, derived ? 'BATCHESD' : 'BATCHES');
      const n = 4500; // more than two batches of cards and of details
      const cards = Array.from({ length: n }, (_, i) => card(i + 1));
      // The last card repeats the first card's uu_id and the second card's source key.
      cards.push(card(n + 1, { sourceUuid: 'uuid-1', sourceKey: '2' }));
      const details = Array.from({ length: n }, (_, i) => detail(i + 1));
      // A second part of card 3 after the first parts of every card, in a later batch of details.
      details.push(
        detail(3, { place: { table: 'extension', row: n + 1 }, assetEffects: [], extra: { RAINFALL: 5 } }),
      );
      const report = await load(
        ctx,
        [...countryItems(), ...cards, ...details, assetType('HOUSE')],
        'all-or-nothing',
        derived,
      );
      assert.deepEqual(report.counts.datacards, { created: n + 1, updated: 0, unchanged: 0 });
      assert.deepEqual(
        report.warnings.filter((w) => w.code.startsWith('duplicate_')).map((w) => [w.code, w.place]),
        [
          ['duplicate_identity', `fichas row ${n + 1} (line ${100 + n + 1})`],
          ['duplicate_source_key', `fichas row ${n + 1} (line ${100 + n + 1})`],
        ],
      );
      const tenant = ctx.tenant!.id;
      const byCard = await rows<{ serial: string; human: number; extra: unknown }>(
        sql`select d.serial, (select count(*)::int from human_effects h where h.tenant_id = d.tenant_id and h.datacard_id = d.id) as human, d.extra
          from datacards d where d.tenant_id = ${tenant} and d.serial in ('S2', ${`S${n + 1}`}, 'S3') order by d.serial`,
      );
      assert.deepEqual(byCard, [
        { serial: 'S2', human: 0, extra: {} },
        { serial: 'S3', human: 2, extra: { RAINFALL: 5 } },
        { serial: `S${n + 1}`, human: 2, extra: { RAINFALL: 12 } },
      ]);
      const [{ cards: withAssets }] = (await rows<{ cards: number }>(
        sql`select count(distinct datacard_id)::int as cards from asset_effects where tenant_id = ${tenant}`,
      )) as [{ cards: number }];
      assert.equal(withAssets, n, 'card 2 gives its asset row to the last card with its key');
      const again = await load(ctx, [...countryItems(), ...cards, ...details, assetType('HOUSE')]);
      assert.deepEqual(again.counts.datacards, { created: 0, updated: 0, unchanged: n + 1 });
      assert.equal(again.counts.humanEffects!.created, 0);
    });

  test('cards listed after details (a second fichas part): the details written meanwhile and the later cards both arrive', async () => {
    const ctx = await importTenant(database.db, 'LATECARDS');
    const n = 3000; // each half's details fill more than one batch of direct writes
    const range = (from: number) => Array.from({ length: n }, (_, i) => from + i);
    const report = await load(
      ctx,
      [
        ...countryItems(),
        ...range(1).map((i) => card(i)),
        ...range(1).map((i) => detail(i)),
        ...range(n + 1).map((i) => card(i)),
        ...range(n + 1).map((i) => detail(i)),
        assetType('HOUSE'),
      ],
      'all-or-nothing',
      true,
    );
    assert.deepEqual(report.counts.datacards, { created: 2 * n, updated: 0, unchanged: 0 });
    const [counts] = await rows<{ human: number; assets: number; extras: number }>(
      sql`select (select count(*)::int from human_effects where tenant_id = ${ctx.tenant!.id}) as human,
        (select count(*)::int from asset_effects where tenant_id = ${ctx.tenant!.id}) as assets,
        (select count(*)::int from datacards where tenant_id = ${ctx.tenant!.id} and extra <> '{}'::jsonb) as extras`,
    );
    assert.deepEqual(counts, { human: 4 * n, assets: 2 * n, extras: 2 * n });
  });

  test('derived ids in per-row mode: a refused card leaves its details unplaced, a later card with its key takes them', async () => {
    const ctx = await importTenant(database.db, 'REFUSED');
    const items = [
      ...countryItems(),
      card(1),
      card(2, { startYear: 2999 }),
      card(3, { sourceKey: '1' }),
      card(4, { startYear: 2999 }),
      card(5, { sourceKey: '4' }),
      detail(1),
      detail(2),
      detail(4, { humanEffects: [], assetEffects: [], extra: { RAINFALL: 4 } }),
      assetType('HOUSE'),
    ];
    const report = await load(ctx, items, 'per-row', true);
    assert.deepEqual(report.counts.datacards, { created: 3, updated: 0, unchanged: 0 });
    assert.deepEqual(
      report.warnings.filter((w) => w.code === 'orphan_details').map((w) => w.message),
      ['1 card details name no card of this import (keys 2); skipped'],
    );
    const byCard = await rows<{ serial: string; human: number; assets: number; extra: unknown }>(
      sql`select d.serial, d.extra,
            (select count(*)::int from human_effects h where h.tenant_id = d.tenant_id and h.datacard_id = d.id) as human,
            (select count(*)::int from asset_effects a where a.tenant_id = d.tenant_id and a.datacard_id = d.id) as assets
          from datacards d where d.tenant_id = ${ctx.tenant!.id} order by d.serial`,
    );
    assert.deepEqual(byCard, [
      { serial: 'S1', extra: {}, human: 0, assets: 0 },
      { serial: 'S3', extra: { RAINFALL: 12 }, human: 2, assets: 1 },
      { serial: 'S5', extra: { RAINFALL: 4 }, human: 0, assets: 0 },
    ]);
  });
});
