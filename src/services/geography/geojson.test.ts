import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { AppError } from '../../shared/errors.ts';
import { polygonOf, squareOf } from '../../testing/geo-factories.ts';
import { type GeoJsonMapping, readGeoJsonUnits } from './geojson.ts';

const mapping: GeoJsonMapping = {
  level: 2,
  codeProp: 'CODE',
  nameProps: { en: 'NAME', ru: 'NAME_RU' },
  parentProp: 'PARENT',
  validFrom: null,
};
const feature = (properties: Record<string, unknown>, geometry: unknown = squareOf(70, 45, 1)) => ({
  type: 'Feature',
  properties,
  geometry,
});
const collection = (...features: unknown[]) => ({ type: 'FeatureCollection', features });
const good = (code: string) => feature({ CODE: code, NAME: `n${code}`, NAME_RU: `р${code}`, PARENT: 'P' });

/** The message of the AppError that fn throws. */
function failure(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    assert.ok(error instanceof AppError);
    return error.message;
  }
  assert.fail('expected an error');
}

describe('readGeoJsonUnits', () => {
  test('reads code, names per language, parent code and boundary; numeric codes become text', () => {
    const units = readGeoJsonUnits(
      collection(good('A'), feature({ CODE: 101, NAME: 'B', PARENT: 'P' }, null)),
      mapping,
      'f.geojson',
    );
    assert.deepEqual(units[0], {
      feature: 1,
      code: 'A',
      names: { en: 'nA', ru: 'рA' },
      parentCode: 'P',
      geometry: squareOf(70, 45, 1),
    });
    assert.equal(units[1]?.code, '101');
    assert.deepEqual(units[1]?.names, { en: 'B' });
    assert.equal(units[1]?.geometry, null);
  });

  test('refuses anything but a FeatureCollection with features, naming the file', () => {
    assert.match(
      failure(() => readGeoJsonUnits({ type: 'Feature' }, mapping, 'f.geojson')),
      /^f\.geojson: not a GeoJSON FeatureCollection/,
    );
    assert.match(
      failure(() => readGeoJsonUnits([], mapping, 'f.geojson')),
      /not a GeoJSON FeatureCollection/,
    );
    assert.match(
      failure(() => readGeoJsonUnits(collection(), mapping, 'f.geojson')),
      /has no features/,
    );
  });

  test('names each feature lacking a property, and lists what the features have when none has it', () => {
    const one = failure(() =>
      readGeoJsonUnits(collection(good('A'), feature({ CODE: 'B', NAME: 'b' })), mapping, 'f'),
    );
    assert.match(one, /feature #2 lacks property PARENT/);
    const all = failure(() =>
      readGeoJsonUnits(collection(good('A'), good('B')), { ...mapping, codeProp: 'PCODE' }, 'f'),
    );
    assert.match(
      all,
      /2 features \(#1, #2\) lack property PCODE; feature #1 has: CODE, NAME, NAME_RU, PARENT/,
    );
  });

  test('checks every boundary with the API schema and reports repeated codes', () => {
    const message = failure(() =>
      readGeoJsonUnits(
        collection(
          good('A'),
          feature({ CODE: 'B', NAME: 'b', PARENT: 'P' }, polygonOf(0, 0, 200, 0, 1, 1, 0, 0)),
          good('A'),
        ),
        mapping,
        'f',
      ),
    );
    assert.match(message, /feature #2 \(B\): geometry\.coordinates\.0\.1\.0: longitude must be at most 180/);
    assert.match(message, /feature #3: code A repeats feature #1/);
  });

  test('a language property that no feature has is a mistake; some gaps are not', () => {
    const noRu = feature({ CODE: 'B', NAME: 'b', PARENT: 'P' });
    assert.equal(readGeoJsonUnits(collection(good('A'), noRu), mapping, 'f').length, 2);
    const typo = { ...mapping, nameProps: { en: 'NAME', kk: 'NAME_KK' } };
    assert.match(
      failure(() => readGeoJsonUnits(collection(good('A')), typo, 'f')),
      /no feature has property NAME_KK/,
    );
  });
});
