/** SFM codes in the Sendai Framework Monitor CSV and XLSX, on a fixture of rows. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { IndicatorReport, IndicatorRow } from '../../shared/schemas/indicators.ts';
import { SENDAI_INDICATORS } from './catalogue.ts';
import { INDICATOR_CSV_COLUMNS, indicatorCsv } from './csv.ts';
import { sfmCodeOf } from './sfm.ts';
import { indicatorTable } from './table.ts';

const row = (indicator: string, dimension = 'total', category = 'all', unit = 'persons'): IndicatorRow => ({
  indicator,
  year: 2020,
  dimension,
  category,
  value: 5,
  numerator: 5,
  denominator: null,
  unit,
  flags: ['estimate'],
});

/** A report of every kind of row: [row, the SFM code it must carry]. */
const FIXTURE: [IndicatorRow, string][] = [
  [row('A-1', 'total', 'all', 'per_100000'), 'A-1'],
  [row('A-2', 'total', 'all', 'per_100000'), 'A-2a'],
  [row('A-3', 'sex', 'female', 'per_100000'), 'A-3a'],
  [row('B-1'), 'B-1'],
  [row('B-3'), 'B-3'],
  [row('B-4', 'hazardType', 'FL'), 'B-4'],
  [row('B-3a', 'total', 'all', 'dwellings'), 'B-3a'],
  [row('B-4a', 'geo', 'KZ-AKM', 'dwellings'), 'B-4a'],
  [row('B-1-DI', 'total', 'all', 'per_100000'), ''],
  [row('C-1', 'total', 'all', 'percent_of_gdp'), 'C-1'],
  [row('C-2', 'total', 'all', 'KZT'), 'C-2'],
  [row('C-2', 'subIndicator', 'C-2C', 'KZT'), 'C-2C'],
  [row('C-2', 'subIndicator', 'C-2LB', 'KZT'), 'C-2LB'],
  [row('C-2', 'subIndicator', 'unspecified', 'KZT'), ''],
  [row('C-5', 'subIndicator', 'C-5a', 'KZT'), 'C-5a'],
  [row('C-5', 'subIndicator', 'C-5c', 'KZT'), 'C-5c'],
  [row('C-5', 'subIndicator', 'unspecified', 'KZT'), ''],
  [row('D-8', 'subIndicator', 'water_supply', 'disruptions'), 'D-8'],
  [row('D-8', 'subIndicator', 'unspecified', 'disruptions'), ''],
  [row('D-4', 'infrastructure', 'roads', 'km'), 'D-4'],
  [row('D-2', 'damage', 'destroyed', 'facilities'), 'D-2'],
];

describe('SFM codes', () => {
  test('each row carries the SFM code of its numerator; ours where the SFM uses the same', () => {
    assert.deepEqual(
      FIXTURE.map(([r]) => sfmCodeOf(r)),
      FIXTURE.map(([, code]) => code),
    );
    // Only the rates whose SFM input is a count differ at indicator level.
    const renamed = SENDAI_INDICATORS.filter((d) => sfmCodeOf(row(d.code)) !== d.code).map((d) => d.code);
    assert.deepEqual(renamed, ['A-2', 'A-3']);
  });

  test('the CSV keeps its columns and adds sfmCode last; without the option it is unchanged', () => {
    const rows = FIXTURE.map(([r]) => r);
    const lines = indicatorCsv(rows, { sfmCodes: true }).trimEnd().split('\n');
    assert.equal(lines[0], [...INDICATOR_CSV_COLUMNS, 'sfmCode'].join(','));
    assert.deepEqual(
      lines.slice(1).map((l) => l.split(',').at(-1)),
      FIXTURE.map(([, code]) => code),
    );
    assert.equal(lines[2], 'A-2,2020,total,all,5,5,,per_100000,estimate,A-2a');
    const plain = indicatorCsv(rows).trimEnd().split('\n');
    assert.equal(plain[0], INDICATOR_CSV_COLUMNS.join(','));
    assert.deepEqual(
      plain.slice(1),
      lines.slice(1).map((l) => l.slice(0, l.lastIndexOf(','))),
    );
  });

  test('the XLSX table has the same columns, typed; empty texts are empty cells', () => {
    const report = { rows: FIXTURE.map(([r]) => r) } as IndicatorReport;
    const table = indicatorTable(report, { sfmCodes: true });
    assert.deepEqual(
      table.columns.map((c) => `${c.key}:${c.kind}`),
      [
        'indicator:text',
        'year:integer',
        'dimension:text',
        'category:text',
        'value:decimal',
        'numerator:decimal',
        'denominator:decimal',
        'unit:text',
        'flags:text',
        'sfmCode:text',
      ],
    );
    const rows = [...(table.rows as Record<string, unknown>[])];
    assert.deepEqual(rows[1], {
      indicator: 'A-2',
      year: 2020,
      dimension: 'total',
      category: 'all',
      value: 5,
      numerator: 5,
      denominator: null,
      unit: 'per_100000',
      flags: 'estimate',
      sfmCode: 'A-2a',
    });
    assert.equal(rows.find((r) => r.indicator === 'B-1-DI')!.sfmCode, null);
  });
});
