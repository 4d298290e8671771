/** `lossledger import table` as a user runs it: --suggest, then an import with the edited mapping file. */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { writeCsv } from '../../formats/table/fixtures.ts';
import type { TableMapping } from '../../formats/table/mapping.ts';
import { type CliTarget, cliTarget } from '../../testing/cli.ts';

const tmp = mkdtempSync(join(tmpdir(), 'll-cli-table-'));
const file = join(tmp, 'losses.csv');
let target: CliTarget;

before(async () => {
  target = await cliTarget();
  writeCsv(file, [
    ['Serial', 'Evento', 'Causa', 'Level0', 'Name0', 'Fecha', 'Muertos', 'Losses $USD', 'Remarks'],
    ['T-1', 'Inundación', 'Lluvias', 'P1', 'Norte', '05/03/2020', '1,200', '10.5', 'first'],
    ['T-2', 'Sequía', '', 'P2', 'Sur', '2021', '3', '', ''],
  ]);
});
after(async () => {
  await target.close();
  rmSync(tmp, { recursive: true, force: true });
});

test('import table > --suggest prints a mapping; the edited file imports the sheet', async () => {
  const suggested = await target.run(['import', 'table', file, '--suggest']);
  assert.equal(suggested.code, 0, suggested.stderr);
  const mapping = JSON.parse(suggested.stdout) as TableMapping;
  assert.deepEqual(mapping.columns, {
    Serial: 'serial',
    Evento: 'eventType',
    Causa: 'cause',
    Level0: 'geoCode1',
    Name0: 'geoName1',
    Fecha: 'date',
    Muertos: 'deaths',
    'Losses $USD': 'lossesUsd',
  });
  assert.match(suggested.stderr, /Not matched .*: Remarks/);

  const mappingFile = join(tmp, 'mapping.json');
  const edited: TableMapping = {
    ...mapping,
    fixed: { status: 'published' },
    options: { language: 'es', create: { eventTypes: true, causes: true, geoUnits: true } },
  };
  writeFileSync(mappingFile, JSON.stringify(edited));
  const tenant = await target.run(['tenant', 'create', 'TAB', '--name', 'Tabla', '--currency', 'USD']);
  assert.equal(tenant.code, 0, tenant.stderr);
  const [strict, missing] = await Promise.all([
    target.run(['import', 'table', file, '--tenant', 'TAB', '--mapping', join(tmp, 'nope.json')]),
    target.run(['import', 'table', file, '--tenant', 'TAB', '--mapping', 'No such mapping']),
  ]);
  assert.equal(strict.code, 1);
  assert.match(strict.stderr, /cannot read mapping .*nope\.json: ENOENT/);
  assert.equal(missing.code, 1);
  assert.match(missing.stderr, /No import mapping with id No such mapping/);

  const run = await target.run(['import', 'table', file, '--tenant', 'TAB', '--mapping', mappingFile]);
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stdout, /Imported losses\.csv into TAB/);
  assert.match(run.stdout, /datacards: 2 created/);
  assert.match(run.stdout, /eventTypes: 2 created/);
  assert.match(run.stdout, /published: 2 cards, deaths 1203, lossesUsd 10\.5/);
  assert.match(run.stdout, /columns kept in legacy: .*Remarks/);

  const bad = join(tmp, 'bad.json');
  writeFileSync(bad, JSON.stringify({ ...edited, columns: { ...edited.columns, Muertos: 'dead' } }));
  const rejected = await target.run([
    'import',
    'table',
    file,
    '--tenant',
    'TAB',
    '--mapping',
    bad,
    '--dry-run',
  ]);
  assert.equal(rejected.code, 1);
  assert.match(
    rejected.stderr,
    /losses\.csv: the mapping does not fit: column 'Muertos': unknown target 'dead'/,
  );
});
