import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import type { Database } from '../../db/engine.ts';
import { queryRows } from '../../db/query.ts';
import { seedHazards, writeTempFile } from '../../testing/catalogue-factories.ts';
import { openTestDatabase } from '../../testing/db.ts';
import { systemContext } from '../context.ts';
import { importCrosswalk, loadCrosswalk, suggestHazard } from './crosswalk.ts';

/** The DesInventar standard events mapped to HIPs 2025, kept outside the project. */
const EVENTS_CSV = join(
  import.meta.dirname,
  '../../../../shared/data/reference/hazards/desinventar-events.csv',
);
const skipNoFile = existsSync(EVENTS_CSV) ? false : `reference file ${EVENTS_CSV} is absent`;

let database: Database;
before(async () => {
  database = await openTestDatabase();
  await seedHazards(database.db);
});
after(() => database.close());

describe('importCrosswalk', () => {
  test('loads every name of the DesInventar events file; codes missing from the hazard catalogue are listed', {
    skip: skipNoFile,
  }, async () => {
    const result = await importCrosswalk(database.db, systemContext('test'), EVENTS_CSV);
    assert.equal(result.names, 76, '38 events in English and Russian');
    assert.equal(result.created, 76);
    assert.ok(result.missingHazards.includes('TL0305'), 'FIRE maps to a hazard the test catalogue lacks');
    assert.ok(!result.missingHazards.includes('MH0600'));
    const [flood] = await queryRows<{ hazard_code: string; glide: string }>(
      database.db,
      sql`select hazard_code, glide from event_hazard_crosswalk where name = 'НАВОДНЕНИЕ'`,
    );
    assert.deepEqual(flood, { hazard_code: 'MH0600', glide: 'FL' });
    const again = await importCrosswalk(database.db, systemContext('test'), EVENTS_CSV);
    assert.deepEqual([again.created, again.updated], [0, 76]);
  });

  test('suggestHazard tries the English name, then the others, ignoring case and spacing', async () => {
    const csv = writeTempFile('x.csv', 'name_en,name_es,hips_2025_code\nFlash Flood,AVENIDA,MH0603\n');
    await importCrosswalk(database.db, systemContext('test'), csv);
    const crosswalk = await loadCrosswalk(database.db);
    assert.equal(suggestHazard(crosswalk, { en: 'flash  flood' }), 'MH0603');
    assert.equal(suggestHazard(crosswalk, { en: 'Torrent', es: 'Avenida' }), 'MH0603');
    assert.equal(suggestHazard(crosswalk, { en: 'Meteor' }), null);
  });

  test('a file without name or code columns is refused', async () => {
    const csv = writeTempFile('bad.csv', 'event,code\nFLOOD,MH0600\n');
    await assert.rejects(
      importCrosswalk(database.db, systemContext('test'), csv),
      /bad\.csv: the header needs name_<language> columns/,
    );
  });
});
