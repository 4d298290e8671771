/** readTable on CSV and XLSX fixtures: header detection, value parsing, catalogue resolution, errors. */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import type { CardInput, ImportItem } from '../model.ts';
import { writeCsv, writeXlsx } from './fixtures.ts';
import type { TableMapping } from './mapping.ts';
import { readTable } from './read.ts';
import { catalogueKey, type TableCatalogue } from './resolve.ts';
import { readRows } from './rows.ts';
import { suggestMapping } from './suggest.ts';

const tmp = mkdtempSync(join(tmpdir(), 'll-table-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

async function collect(items: AsyncIterable<ImportItem>): Promise<ImportItem[]> {
  const all: ImportItem[] = [];
  for await (const item of items) all.push(item);
  return all;
}
const cardsOf = (items: ImportItem[]): CardInput[] =>
  items.flatMap((i) => (i.kind === 'card' ? [i.card] : []));

const ENGLISH = [
  ['Disaster report, exported 2024'],
  [],
  [
    'Serial',
    'Event',
    'Level0',
    'Level1',
    'Date',
    'Deaths',
    'With killed',
    'Losses $USD',
    'Transport',
    'Notes x',
  ],
  ['A-1', 'FLOOD', '01', '0101', '07/03/2019', '1,204', '', '2,500,000.50', 'yes', 'kept'],
  ['A-2', 'flood', '01', '', '2019-04', '', 'x', '', '', ''],
  ['A-3', 'Sequía', '02', '', '2020', '-1', '', '10', '3', ''],
];

test('readTable > CSV: title rows skipped, suggested mapping, separators, D/M/Y and partial dates', async () => {
  const file = join(tmp, 'english.csv');
  writeCsv(file, ENGLISH);
  const headers = ENGLISH[2]! as string[];
  const { mapping } = suggestMapping(headers);
  assert.equal(mapping.columns['Notes x'], undefined);
  const source = readTable(file, { ...mapping, fixed: { status: 'published' } });
  const items = await collect(source.items);
  const [a1, a2, a3] = cardsOf(items);
  assert.equal(cardsOf(items).length, 3);
  assert.equal(a1!.serial, 'A-1');
  assert.equal(a1!.status, 'published');
  assert.equal(a1!.geoCode, '0101');
  assert.equal(a2!.geoCode, '01');
  assert.deepEqual([a1!.startYear, a1!.startMonth, a1!.startDay], [2019, 3, 7]);
  assert.deepEqual([a2!.startYear, a2!.startMonth, a2!.startDay], [2019, 4, null]);
  assert.deepEqual([a3!.startYear, a3!.startMonth], [2020, null]);
  assert.deepEqual(a1!.effects.deaths, { value: 1204, present: false });
  assert.deepEqual(a2!.effects.deaths, { value: null, present: true }, '"there were" column');
  assert.deepEqual(a3!.effects.deaths, { value: null, present: true }, '-1 = there were');
  assert.deepEqual(a1!.effects.lossesUsd, { value: '2500000.5', present: false });
  assert.deepEqual(a1!.sectors.transport, { value: null, present: true });
  assert.deepEqual(a3!.sectors.transport, { value: 3, present: false });
  assert.deepEqual(a1!.legacy, { 'Notes x': 'kept' });
  assert.equal(a1!.eventCode, 'FLOOD', 'without a catalogue values pass as given');
  assert.ok(items.some((i) => i.kind === 'notice' && i.code === 'unknown_column'));
  assert.equal(source.stats.cards, 3);
});

test('readTable > XLSX: Spanish headers, date cells, sheet by name, decimal commas in text cells', async () => {
  const file = join(tmp, 'spanish.xlsx');
  await writeXlsx(file, {
    Notas: [['nada']],
    Fichas: [
      [
        'Serie',
        'Evento',
        'Causa',
        'Nivel0',
        'Fecha',
        'Muertos',
        'Damnificados',
        'Pérdidas $Local',
        'Latitud',
        'Longitud',
      ],
      ['B-1', 'Inundación', 'Lluvias', '01', new Date(Date.UTC(2018, 10, 5)), 3, 12, '1.234,5', -16.5, -68.1],
      ['B-2', 'INUNDACION', '', '02', '2018-12-00', 0, null, 0, 0, 0],
    ],
  });
  const headers = [
    'Serie',
    'Evento',
    'Causa',
    'Nivel0',
    'Fecha',
    'Muertos',
    'Damnificados',
    'Pérdidas $Local',
  ];
  const { mapping } = suggestMapping([...headers, 'Latitud', 'Longitud']);
  assert.deepEqual(Object.values(mapping.columns), [
    'serial',
    'eventType',
    'cause',
    'geoCode1',
    'date',
    'deaths',
    'directlyAffected',
    'lossesLocal',
    'latitude',
    'longitude',
  ]);
  const catalogue: TableCatalogue = {
    eventTypes: new Map([[catalogueKey('Inundación'), 'FLOOD']]),
    causes: new Map([[catalogueKey('RAIN'), 'RAIN']]),
    geoCodes: new Map([['01', 1]]),
    geoNames: new Map(),
    extraFields: new Map(),
  };
  const withOptions: TableMapping = {
    ...mapping,
    values: { cause: { Lluvias: 'RAIN' } },
    options: { sheet: 'Fichas', decimalSeparator: ',', language: 'es' },
  };
  const source = readTable(file, withOptions, { catalogue });
  const [b1, b2] = cardsOf(await collect(source.items));
  assert.deepEqual([b1!.startYear, b1!.startMonth, b1!.startDay], [2018, 11, 5]);
  assert.deepEqual([b2!.startYear, b2!.startMonth, b2!.startDay], [2018, 12, null]);
  assert.equal(b1!.eventCode, 'FLOOD');
  assert.equal(b2!.eventCode, 'FLOOD', 'names match ignoring case and accents');
  assert.equal(b1!.causeCode, 'RAIN', 'value map');
  assert.equal(b2!.causeCode, null);
  assert.deepEqual(b1!.effects.lossesLocal, { value: '1234.5', present: false });
  assert.deepEqual([b1!.latitude, b1!.longitude], [-16.5, -68.1]);
  assert.deepEqual([b2!.latitude, b2!.longitude], [null, null], '0,0 = not set');
  assert.equal(b1!.status, 'draft', 'default status');
  assert.deepEqual([...source.stats.unknown.geoUnits], ['02']);
});

test('readTable > creates unknown event types, causes and units once, before the first card using them', async () => {
  const file = join(tmp, 'create.csv');
  writeCsv(file, [
    ['Event', 'Cause', 'Province', 'Province name', 'District', 'District name', 'Year'],
    ['Dust storm', 'Wind', 'P9', 'Ninth', 'P9-D1', 'First', '2021'],
    ['Dust storm', 'Wind', 'P9', 'Ninth', 'P9-D2', 'Second', '2021'],
  ]);
  const catalogue: TableCatalogue = {
    eventTypes: new Map(),
    causes: new Map(),
    geoCodes: new Map(),
    geoNames: new Map(),
    extraFields: new Map(),
  };
  const mapping: TableMapping = {
    columns: {
      Event: 'eventType',
      Cause: 'cause',
      Province: 'geoCode1',
      'Province name': 'geoName1',
      District: 'geoCode2',
      'District name': 'geoName2',
      Year: 'startYear',
    },
    options: { create: { eventTypes: true, causes: true, geoUnits: true } },
  };
  const source = readTable(file, mapping, { catalogue, language: 'kk' });
  const items = await collect(source.items);
  assert.deepEqual(
    items
      .filter((i) => i.kind !== 'notice')
      .map((i) => (i.kind === 'card' ? 'card' : `${i.kind}:${'code' in i ? i.code : ''}`)),
    ['eventType:Dust storm', 'cause:Wind', 'geoUnit:P9', 'geoUnit:P9-D1', 'card', 'geoUnit:P9-D2', 'card'],
  );
  const district = items.find((i) => i.kind === 'geoUnit' && i.code === 'P9-D1');
  assert.deepEqual(district?.kind === 'geoUnit' && [district.level, district.parentCode, district.names], [
    2,
    'P9',
    { kk: 'First' },
  ]);
  assert.deepEqual(source.stats.created, { eventTypes: 1, causes: 1, geoUnits: 3 });
  assert.equal(source.stats.unknown.eventTypes.size, 0);
});

test('readTable > bad input names row and column', async () => {
  const file = join(tmp, 'bad.csv');
  writeCsv(file, [
    ['Event', 'Level0', 'Date', 'Deaths'],
    ['FLOOD', '01', '2019-01-01', '2'],
    ['FLOOD', '01', '2019-01-02', 'many'],
    ['FLOOD', '01', '31/02/2019', '1'],
    ['', '01', '2019-01-03', '1'],
  ]);
  const good: TableMapping = {
    columns: { Event: 'eventType', Level0: 'geoCode1', Date: 'date', Deaths: 'deaths' },
  };
  const read = (mapping: TableMapping, badRows?: 'skip') =>
    collect(readTable(file, mapping, { badRows }).items);
  await assert.rejects(read(good), /bad\.csv row 3, column 'Deaths' \(deaths\): 'many' is not a number/);
  await assert.rejects(
    read({ columns: { Event: 'eventType', Date: 'date' } }),
    /the mapping does not fit: no column or fixed value for the place/,
  );
  await assert.rejects(
    read({ columns: { ...good.columns, Deaths: 'dead' } }),
    /column 'Deaths': unknown target 'dead'/,
  );
  await assert.rejects(
    read({ columns: { ...good.columns, Missing: 'missing' } }),
    /column 'Missing' is not in the file/,
  );
  await assert.rejects(
    read({ columns: good.columns, bogus: 1 } as unknown as TableMapping),
    /invalid mapping: .*bogus/,
  );

  const items = await read(good, 'skip');
  const skipped = items.flatMap((i) => (i.kind === 'notice' && i.code === 'row_skipped' ? [i.message] : []));
  assert.equal(skipped.length, 3);
  assert.match(skipped[1]!, /row 4, column 'Date' \(date\): '31\/02\/2019' is not a valid date/);
  assert.match(skipped[2]!, /row 5, column 'Event' \(eventType\): is empty; every card needs an event type/);
  assert.equal(cardsOf(items).length, 1);
});

test('readTable > semicolon CSV with decimal commas; .xls refused', async () => {
  const file = join(tmp, 'semicolon.csv');
  writeCsv(
    file,
    [
      ['Evento', 'Nivel0', 'Año', 'Hectáreas'],
      ['SEQUIA', '01', '2001', '12,75'],
    ],
    ';',
  );
  const mapping: TableMapping = {
    columns: { Evento: 'eventType', Nivel0: 'geoCode1', Año: 'startYear', Hectáreas: 'cropsHa' },
    options: { decimalSeparator: ',' },
  };
  const [card] = cardsOf(await collect(readTable(file, mapping).items));
  assert.deepEqual(card!.effects.cropsHa, { value: '12.75', present: false });
  await assert.rejects(
    collect(readTable(join(tmp, 'old.xls'), mapping).items),
    /\.xls \(Excel 97-2003\) is not supported/,
  );
});

test('readRows > a sheet after a skipped sheet reads every time (exceljs parks both in temporary files)', async () => {
  const file = join(tmp, 'two-sheets.xlsx');
  await writeXlsx(file, {
    Notes: [['nothing']],
    Cards: [
      ['Serial', 'Deaths'],
      ['A-1', 2],
    ],
  });
  for (let i = 0; i < 40; i++) {
    const rows = [];
    for await (const row of readRows(file, { sheet: 'Cards' })) rows.push(row.cells);
    assert.deepEqual(rows, [
      ['Serial', 'Deaths'],
      ['A-1', 2],
    ]);
  }
});
