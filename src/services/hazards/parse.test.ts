import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AppError } from '../../shared/errors.ts';
import { HAZARD_CSV, HIPS_2025, skipWithoutHips, writeTempFile } from '../../testing/catalogue-factories.ts';
import { hazardsFromCsv, hazardsFromJson, readHazardFile } from './parse.ts';

/** Assert that fn throws an AppError whose message matches each pattern. */
function rejects(fn: () => unknown, ...patterns: RegExp[]) {
  assert.throws(fn, (e: unknown) => {
    assert.ok(e instanceof AppError, String(e));
    for (const p of patterns) assert.match(e.message, p);
    return true;
  });
}

test('readHazardFile reads the HIPs 2025 JSON: 281 hazards, 6 umbrellas', { skip: skipWithoutHips }, () => {
  const items = readHazardFile(HIPS_2025);
  assert.equal(items.length, 281);
  assert.equal(items.filter((h) => h.umbrella).length, 6);
  const flash = items.find((h) => h.code === 'MH0603');
  assert.equal(flash?.names.en, 'Flash Flooding');
  assert.equal(flash?.clusterCode, 'MH-WATER');
  assert.equal(flash?.code2020, 'MH0006');
});

test('readHazardFile reads CSV: names per language, quoted definitions, umbrella flags', () => {
  const items = readHazardFile(writeTempFile('h.csv', HAZARD_CSV));
  assert.deepEqual(
    items.map((h) => [h.code, h.umbrella]),
    [
      ['MH0600', true],
      ['MH0603', false],
      ['GH0101', false],
    ],
  );
  assert.deepEqual(items[0]?.names, { en: 'Flooding', ru: 'Наводнение' });
  assert.deepEqual(items[1]?.names, { en: 'Flash Flooding' });
  assert.equal(items[1]?.definition, 'Sudden, local "flash" flood');
  assert.equal(items[0]?.definition, null);
});

test('readHazardFile refuses a missing file and an unknown extension', () => {
  rejects(() => readHazardFile('/nonexistent/hazards.json'), /No such file: \/nonexistent\/hazards\.json/);
  rejects(() => readHazardFile(writeTempFile('h.xml', '<x/>')), /unknown file type "\.xml"/);
  rejects(() => readHazardFile(writeTempFile('h.json', '{ nope')), /not valid JSON/);
});

test('hazardsFromJson refuses another shape and names bad entries by index', () => {
  rejects(() => hazardsFromJson('f.json', [{ code: 'X' }]), /"hazards" array/);
  const data = {
    hazards: [
      { code: 'MH0600', name: { en: 'Flooding' } },
      { name: { en: 'No code' } },
      { code: 'mh1', name: {} },
    ],
  };
  rejects(
    () => hazardsFromJson('f.json', data),
    /3 problems/,
    /hazards\[1\]: has no code/,
    /hazards\[2\]: code: must be/,
    /hazards\[2\]: name: at least one/,
  );
});

test('hazardsFromCsv refuses a header without code or names, or with unknown columns', () => {
  rejects(() => hazardsFromCsv('f.csv', 'name_en,type\nFlood,x'), /no "code" column/);
  rejects(() => hazardsFromCsv('f.csv', 'code,type\nMH1,x'), /no name column/);
  rejects(() => hazardsFromCsv('f.csv', 'code,name_en,colour\nMH1,x,red'), /unknown column\(s\) colour/);
  rejects(() => hazardsFromCsv('f.csv', ''), /no "code" column/);
});

test('hazardsFromCsv names the line of each bad row, and refuses duplicate codes', () => {
  const text = [
    'code,name_en,umbrella',
    'MH0601,Coastal Flooding,',
    ',Nameless,',
    'MH0601,Again,',
    'MH0602,Riverine,maybe',
    'MH0604,Too,many,fields',
    '"MH0605,Unclosed',
  ];
  rejects(
    () => hazardsFromCsv('f.csv', text.slice(0, 6).join('\n')),
    /line 3: has no code/,
    /line 4: code MH0601 repeats line 2/,
    /line 5: umbrella/,
    /line 6: has 4 fields, the header 3/,
  );
  rejects(() => hazardsFromCsv('f.csv', text.join('\n')), /line 7: a quoted field is not closed/);
  rejects(() => hazardsFromCsv('f.csv', 'code,name_en\n'), /contains no hazards/);
});
