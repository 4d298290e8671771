import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { FixtureTable } from './synthetic.ts';
import { ofKind, readTables } from './testing.ts';

const element = (key: string, country: string, extra: Record<string, string | null> = {}) => ({
  ...{
    metadata_element_key: key,
    metadata_country: country,
    metadata_element_code: 'A0122',
    metadata_element_fao: '486',
  },
  ...{
    metadata_element_sector: 'Bananas',
    metadata_element_source: 'FAO',
    metadata_element_description: 'Growing of fruits',
  },
  ...{
    metadata_element_unit: 'Area',
    metadata_element_measurement: 'Ha',
    metadata_element_average_size: '1',
  },
  ...{
    metadata_element_equipment: '0.10000000000000001',
    metadata_element_infrastr: '0.1',
    metadata_element_damage_r: '0.25',
  },
  ...{
    metadata_element_formula: 'FAO Methodology',
    metadata_element_workers: '0',
    metadata_element_price: '1',
  },
  metadata_element_price_us: null,
  ...extra,
});

const ASSETS: FixtureTable[] = [
  [
    'metadata_indicator',
    [
      { indicator_key: '1', indicator_code: 'C-2C', indicator_description: 'Agricultural Crops' },
      { indicator_key: '9', indicator_code: 'C-5', indicator_description: 'Other Critical Infrastructure' },
    ],
  ],
  [
    'metadata_indicator_lang',
    [{ indicator_key: '1', metadata_lang: 'es', indicator_description: 'Cultivos' }],
  ],
  [
    'metadata_element',
    [
      element('97', '@@@'),
      element('357', '@@@', { metadata_element_sector: 'Roads', metadata_element_description: 'Road' }),
      element('97', 'grd', { metadata_element_price: '3.5E3', metadata_element_price_us: '1296.3' }),
    ],
  ],
  [
    'metadata_element_costs',
    [
      {
        metadata_element_key: '97',
        metadata_country: 'grd',
        metadata_element_year: '2015',
        metadata_element_unit_cost: '3500',
        metadata_element_unit_cost_us: null,
      },
      {
        metadata_element_key: '97',
        metadata_country: '@@@',
        metadata_element_year: '2015',
        metadata_element_unit_cost: '1',
        metadata_element_unit_cost_us: null,
      },
    ],
  ],
  [
    'metadata_element_lang',
    [
      {
        metadata_element_key: '97',
        metadata_country: '@@@',
        metadata_lang: 'en',
        metadata_element_description: 'Template fruits',
      },
      {
        metadata_element_key: '97',
        metadata_country: 'grd',
        metadata_lang: 'en',
        metadata_element_description: 'Growing of fruits',
      },
      {
        metadata_element_key: '97',
        metadata_country: 'grd',
        metadata_lang: 'es',
        metadata_element_description: 'Cultivo de frutas',
      },
    ],
  ],
  [
    'metadata_element_indicator',
    [
      { metadata_element_key: '97', metadata_country: 'grd', indicator_key: '1' },
      { metadata_element_key: '357', metadata_country: '@@@', indicator_key: '9' },
    ],
  ],
];

test('metadata_element -> one asset type per key; the region row wins over the @@@ template', async () => {
  const items = await readTables(ASSETS);
  const assets = ofKind(items, 'assetType');
  assert.deepEqual(
    assets.map((a) => [a.code, a.indicator, a.sector]),
    [
      ['97', 'C-2C', 'Bananas'],
      ['357', 'C-5', 'Roads'],
    ],
  );
  const [bananas, roads] = assets;
  assert.deepEqual(bananas?.names, { en: 'Growing of fruits', es: 'Cultivo de frutas' });
  assert.deepEqual(
    [
      bananas?.isicCode,
      bananas?.faoCode,
      bananas?.unit,
      bananas?.measurement,
      bananas?.averageSize,
      bananas?.equipmentFactor,
    ],
    ['A0122', '486', 'Area', 'Ha', '1', '0.10000000000000001'],
  );
  assert.deepEqual(
    [
      bananas?.infrastructureFactor,
      bananas?.damageRatio,
      bananas?.workers,
      bananas?.unitPriceLocal,
      bananas?.unitPriceUsd,
    ],
    ['0.1', '0.25', '0', '3500', '1296.3'],
  );
  assert.deepEqual([bananas?.source, bananas?.formula], ['FAO', 'FAO Methodology']);
  assert.deepEqual(bananas?.prices, [{ year: 2015, priceLocal: '3500', priceUsd: null }]);
  assert.deepEqual(bananas?.legacy, { metadata_country: 'grd' });
  assert.deepEqual(roads?.names, { en: 'Road' }, 'no _lang rows: the English template description');
  assert.equal(roads?.legacy.metadata_country, '@@@');
});

test('every raw metadata row is kept as a legacy row', async () => {
  const rows = ofKind(await readTables(ASSETS), 'legacyRow');
  const count = (table: string) => rows.filter((r) => r.table === table).length;
  assert.deepEqual(
    [
      'metadata_indicator',
      'metadata_indicator_lang',
      'metadata_element',
      'metadata_element_costs',
      'metadata_element_lang',
      'metadata_element_indicator',
    ].map(count),
    [2, 1, 3, 2, 3, 2],
  );
});

test('metadata_national_values of the region -> baselines; template values and definitions stay legacy rows', async () => {
  const national = (key: string, country: string, variable: string) => ({
    metadata_key: key,
    metadata_country: country,
    metadata_variable: variable,
    metadata_description: variable,
    metadata_source: country === '@@@' ? 'World Bank' : 'Statistics office',
    metadata_default_value: '0',
  });
  const value = (key: string, country: string, year: string, v: string | null, us: string | null = null) => ({
    metadata_key: key,
    metadata_country: country,
    metadata_year: year,
    metadata_value: v,
    metadata_value_us: us,
  });
  const items = await readTables([
    [
      'metadata_national',
      [national('1', '@@@', 'Population'), national('1', 'grd', 'Population'), national('5', '@@@', 'GDP')],
    ],
    [
      'metadata_national_values',
      [
        value('1', 'grd', '2014', '1.06825E5'),
        value('5', 'grd', '2014', '2.2E9', '8.1E8'),
        value('12', 'grd', '2014', '3'),
        value('1', '@@@', '2014', '0'),
      ],
    ],
    [
      'metadata_national_lang',
      [
        {
          metadata_key: '1',
          metadata_country: 'grd',
          metadata_lang: 'fr',
          metadata_description: 'Population',
        },
      ],
    ],
  ]);
  assert.deepEqual(
    ofKind(items, 'baseline').map((b) => [b.unitCode, b.year, b.metric, b.value, b.valueUsd, b.source]),
    [
      [null, 2014, 'population', '106825', null, 'Statistics office'],
      [null, 2014, 'gdp', '2200000000', '810000000', 'World Bank'],
      [null, 2014, 'di_metadata_12', '3', null, null],
    ],
  );
  assert.deepEqual(
    ofKind(items, 'legacyRow').map((r) => r.table),
    [
      'metadata_national',
      'metadata_national',
      'metadata_national',
      'metadata_national_values',
      'metadata_national_lang',
    ],
  );
});
