import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { type AreaGeometry, bboxOf, centroidOf, type Position } from './geometry.ts';

const square = (x: number, y: number, size: number): Position[] => [
  [x, y],
  [x + size, y],
  [x + size, y + size],
  [x, y + size],
  [x, y],
];
const polygon = (...rings: Position[][]): AreaGeometry => ({ type: 'Polygon', coordinates: rings });
const close = (actual: number | undefined, expected: number) =>
  assert.ok(Math.abs((actual ?? Number.NaN) - expected) < 1e-9, `${actual} is not ${expected}`);

describe('bboxOf', () => {
  test('spans every position of every part', () => {
    const g: AreaGeometry = {
      type: 'MultiPolygon',
      coordinates: [[square(10, 40, 2)], [square(-5, -3, 1)]],
    };
    assert.deepEqual(bboxOf(g), { minLon: -5, minLat: -3, maxLon: 12, maxLat: 42 });
  });

  test('is null for a geometry without positions', () => {
    assert.equal(bboxOf({ type: 'MultiPolygon', coordinates: [] }), null);
  });
});

describe('centroidOf', () => {
  test('a square has its centre as centroid', () => {
    const c = centroidOf(polygon(square(10, 40, 2)));
    close(c?.lon, 11);
    close(c?.lat, 41);
  });

  test('ring orientation does not matter', () => {
    const c = centroidOf(polygon([...square(10, 40, 2)].reverse()));
    close(c?.lon, 11);
    close(c?.lat, 41);
  });

  test('a triangle has the mean of its vertices', () => {
    const c = centroidOf(
      polygon([
        [0, 0],
        [6, 0],
        [0, 3],
        [0, 0],
      ]),
    );
    close(c?.lon, 2);
    close(c?.lat, 1);
  });

  test('is weighted by area, not by vertex count', () => {
    // An L-shape drawn with many vertices on one arm: the mean vertex would be pulled there.
    const l: Position[] = [
      [0, 0],
      [4, 0],
      [4, 1],
      [3, 1],
      [2, 1],
      [1, 1.0],
      [1, 4],
      [0, 4],
      [0, 0],
    ];
    const c = centroidOf(polygon(l));
    // Two rectangles: 4x1 centred (2, 0.5) and 1x3 centred (0.5, 2.5); total area 7.
    close(c?.lon, (4 * 2 + 3 * 0.5) / 7);
    close(c?.lat, (4 * 0.5 + 3 * 2.5) / 7);
  });

  test('a hole moves the centroid away from it', () => {
    // 4x4 square with a 2x2 hole in its right half: 16 - 4 = 12.
    const c = centroidOf(polygon(square(0, 0, 4), square(2, 1, 2)));
    close(c?.lon, (16 * 2 - 4 * 3) / 12);
    close(c?.lat, 2);
  });

  test('a hole wound like the outer ring still subtracts', () => {
    const hole = [...square(2, 1, 2)].reverse();
    const a = centroidOf(polygon(square(0, 0, 4), hole));
    const b = centroidOf(polygon(square(0, 0, 4), square(2, 1, 2)));
    assert.deepEqual(a, b);
  });

  test('parts of a MultiPolygon weigh by their area', () => {
    const c = centroidOf({
      type: 'MultiPolygon',
      coordinates: [[square(0, 0, 2)], [square(10, 0, 1)]],
    });
    // Areas 4 and 1, centres (1, 1) and (10.5, 0.5).
    close(c?.lon, (4 * 1 + 1 * 10.5) / 5);
    close(c?.lat, (4 * 1 + 1 * 0.5) / 5);
  });

  test('stays precise far from the origin (real longitudes, tiny unit)', () => {
    const c = centroidOf(polygon(square(76.9, 43.2, 0.0001)));
    close(c?.lon, 76.90005);
    close(c?.lat, 43.20005);
  });

  test('a degenerate ring falls back to the mean vertex', () => {
    const c = centroidOf(
      polygon([
        [0, 0],
        [2, 0],
        [0, 0],
        [0, 0],
      ]),
    );
    close(c?.lat, 0);
    close(c?.lon, 0.5);
  });

  test('is null for an empty geometry', () => {
    assert.equal(centroidOf({ type: 'Polygon', coordinates: [] }), null);
  });
});
