/** The cross-tab as a download table: columns keyed by position, headed by their labels. */
import assert from 'node:assert/strict';
import { PassThrough, Readable } from 'node:stream';
import { test } from 'node:test';
import { readCsv } from '../../formats/table-export/read-back.ts';
import type { CrosstabResult } from './crosstab.ts';
import { crosstabTable, writeTable } from './tables.ts';

/** Two districts called Central (in two provinces), one called total, and the unknown district. */
const result: CrosstabResult = {
  rowDimension: 'year',
  columnDimension: 'geo2',
  measure: 'deaths',
  columns: [
    { key: 11, label: 'Central' },
    { key: 12, label: 'Central' },
    { key: 13, label: 'total' },
    { key: null, label: null },
  ],
  rows: [
    { key: 2020, label: 2020, cells: [1, 2, 3, 4], total: 10 },
    { key: 2021, label: 2021, cells: [5, 0, 0.5, null], total: 5.5 },
  ],
  columnTotals: [6, 2, 3.5, 4],
  total: 15.5,
};

const csvOf = async (r: CrosstabResult) => {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  await writeTable('csv', out, crosstabTable(r), 'crosstab');
  return readCsv(Readable.from(Buffer.concat(chunks)));
};

test('crosstabTable > columns with the same label, or labelled total, keep their own figures', async () => {
  const table = crosstabTable(result);
  assert.deepEqual(
    table.columns.map((c) => [c.key, c.label, c.kind]),
    [
      ['row', 'year', 'text'],
      ['c0', 'Central', 'integer'],
      ['c1', 'Central', 'integer'],
      ['c2', 'total', 'decimal'],
      ['c3', '', 'integer'],
      ['total', 'total', 'decimal'],
    ],
  );
  assert.deepEqual(await csvOf(result), [
    ['year', 'Central', 'Central', 'total', '', 'total'],
    ['2020', '1', '2', '3', '4', '10'],
    ['2021', '5', '0', '0.5', '', '5.5'],
    ['total', '6', '2', '3.5', '4', '15.5'],
  ]);
});

test('crosstabTable > a row dimension named like a column still heads its own column', async () => {
  const r = { ...result, rowDimension: 'c0', columns: [{ key: 1, label: 'row' }] };
  const rows = [{ key: 2020, label: 2020, cells: [7], total: 7 }];
  assert.deepEqual(await csvOf({ ...r, rows, columnTotals: [7], total: 7 }), [
    ['c0', 'row', 'total'],
    ['2020', '7', '7'],
    ['total', '7', '7'],
  ]);
});
