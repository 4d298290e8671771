/** `lossledger export …` in-process against the test engine's database (src/testing/cli.ts). */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { type CliTarget, cliTarget } from '../../testing/cli.ts';

let cli: CliTarget;
const tmp = mkdtempSync(join(tmpdir(), 'll-export-cli-'));

before(async () => {
  cli = await cliTarget();
  const demo = await cli.run(['demo', '--cards', '40', '--seed', '2']);
  assert.equal(demo.code, 0, demo.stderr);
});
after(async () => {
  await cli.close();
  rmSync(tmp, { recursive: true, force: true });
});

describe('lossledger export', () => {
  test('csv and desinventar write their files and report on stderr', async () => {
    const csv = join(tmp, 'cards.csv');
    const r1 = await cli.run(['export', 'csv', '--tenant', 'DEMO', '--out', csv, '--year-from', '1990']);
    assert.equal(r1.code, 0, r1.stderr);
    assert.match(r1.stderr, /Exported \d+ datacards of DEMO to .*cards\.csv/);
    assert.match(readFileSync(csv, 'utf8'), /^id,serial,status,/);
    const xml = join(tmp, 'DI_export_demo.xml');
    const r2 = await cli.run(['export', 'desinventar', '--tenant', 'DEMO', '--out', xml]);
    assert.equal(r2.code, 0, r2.stderr);
    assert.match(r2.stderr, /Exported 40 datacards/);
    const text = readFileSync(xml, 'utf8');
    assert.ok(text.startsWith('<?xml version="1.0"  encoding="UTF-8" ?>\n<DESINVENTAR>'));
    assert.equal(text.match(/<clave_ext>/g)?.length, 40);
  });

  test('usage errors exit 2; an unwritable file exits 1 and leaves nothing behind', async () => {
    const status = await cli.run([
      'export',
      'xlsx',
      '--tenant',
      'DEMO',
      '--out',
      join(tmp, 'x.xlsx'),
      '--status',
      'approved',
    ]);
    assert.equal(status.code, 2);
    assert.match(status.stderr, /unknown --status approved/);
    const years = await cli.run([
      'export',
      'geojson',
      '--tenant',
      'DEMO',
      '--out',
      join(tmp, 'x.geojson'),
      '--year-from',
      '2030',
      '--year-to',
      '2020',
    ]);
    assert.equal(years.code, 2);
    assert.match(years.stderr, /--year-from is after --year-to/);
    const noOut = await cli.run(['export', 'csv', '--tenant', 'DEMO']);
    assert.equal(noOut.code, 2);
    assert.match(noOut.stderr, /--out is required/);
    const file = join(tmp, 'missing-dir', 'x.geojson');
    const unwritable = await cli.run(['export', 'geojson', '--tenant', 'DEMO', '--out', file]);
    assert.equal(unwritable.code, 1);
    assert.match(unwritable.stderr, /ENOENT/);
    assert.ok(!existsSync(file));
  });
});
