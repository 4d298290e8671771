import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { BOUNDARY_CHANGE_DATE, buildGeography, type DemoUnit, validOn } from './geography.ts';
import type { Position } from './lattice.ts';
import { Random } from './random.ts';

const geography = buildGeography(Random.stream(1, 'geography'));
const { units, links } = geography;
const current = units.filter((u) => validOn(u, '2024-01-01'));
const atLevel = (level: number) => current.filter((u) => u.level === level);
const inside = (inner: DemoUnit, outer: DemoUnit) =>
  inner.bbox.minLon >= outer.bbox.minLon &&
  inner.bbox.maxLon <= outer.bbox.maxLon &&
  inner.bbox.minLat >= outer.bbox.minLat &&
  inner.bbox.maxLat <= outer.bbox.maxLat;
const ring = (u: DemoUnit) => u.geometry.coordinates[0]!;
const key = (p: Position) => `${p[0]},${p[1]}`;

/** Directed edges of a unit's ring. */
const edges = (u: DemoUnit) =>
  ring(u)
    .slice(1)
    .map((p, i) => `${key(ring(u)[i]!)}>${key(p)}`);

/** The outer boundary of a set of units: edges not shared (in reverse) by a neighbour. */
function outerEdges(parts: DemoUnit[]): Set<string> {
  const all = new Set(parts.flatMap(edges));
  const reverse = (e: string) => e.split('>').reverse().join('>');
  return new Set([...all].filter((e) => !all.has(reverse(e))));
}

describe('Demoland geography', () => {
  test('has 8 provinces, about 40 districts and 160-200 communes', () => {
    assert.equal(atLevel(1).length, 8);
    assert.ok(atLevel(2).length >= 35 && atLevel(2).length <= 48, `${atLevel(2).length} districts`);
    assert.ok(atLevel(3).length >= 160 && atLevel(3).length <= 200, `${atLevel(3).length} communes`);
  });

  test('stays in the South Atlantic box, rings closed and counter-clockwise', () => {
    for (const u of units) {
      const r = ring(u);
      assert.deepEqual(r[0], r[r.length - 1]);
      let area = 0;
      for (let i = 0; i < r.length - 1; i++) area += r[i]![0] * r[i + 1]![1] - r[i + 1]![0] * r[i]![1];
      assert.ok(area > 0, `${u.code} is clockwise`);
      assert.ok(u.bbox.minLon >= -32 && u.bbox.maxLon <= -22 && u.bbox.minLat >= -46 && u.bbox.maxLat <= -38);
      const [lon, lat] = u.centroid;
      assert.ok(lon > u.bbox.minLon && lon < u.bbox.maxLon && lat > u.bbox.minLat && lat < u.bbox.maxLat);
    }
  });

  test("every unit's bbox lies within its parent's (and so its province's)", () => {
    for (const u of units) {
      if (u.parent === null) continue;
      const parent = units[u.parent]!;
      assert.equal(parent.level, u.level - 1);
      assert.ok(inside(u, parent), `${u.code} sticks out of ${parent.code}`);
      if (parent.parent !== null) assert.ok(inside(u, units[parent.parent]!));
    }
  });

  test('children tile their parent exactly, sharing identical vertices', () => {
    for (const date of ['2000-01-01', BOUNDARY_CHANGE_DATE]) {
      const valid = units.filter((u) => validOn(u, date));
      for (const parent of valid.filter((u) => u.level < 3)) {
        const children = valid.filter((u) => u.parent === parent.key);
        assert.ok(children.length > 0, `${parent.code} has no children`);
        assert.deepEqual([...outerEdges(children)].sort(), edges(parent).sort(), `${parent.code} on ${date}`);
      }
      assert.deepEqual(
        [...outerEdges(valid.filter((u) => u.level === 3))].sort(),
        [...outerEdges(valid.filter((u) => u.level === 1))].sort(),
      );
    }
  });

  test('codes nest (DL01, DL0103, DL010305) and are unique per version', () => {
    for (const u of units) {
      assert.match(u.code, u.level === 1 ? /^DL\d{2}$/ : u.level === 2 ? /^DL\d{4}$/ : /^DL\d{6}$/);
      if (u.parent !== null) assert.ok(u.code.startsWith(units[u.parent]!.code));
    }
    const versions = units.map((u) => `${u.code}@${u.validFrom}`);
    assert.equal(new Set(versions).size, versions.length);
  });

  test('one district splits on 2015-01-01, linked to its successors', () => {
    const ended = units.filter((u) => u.validTo !== null);
    const old = ended.find((u) => u.level === 2)!;
    assert.equal(old.validTo, BOUNDARY_CHANGE_DATE);
    const successors = links.filter((l) => l.predecessor === old.key);
    assert.equal(successors.length, 2);
    assert.ok(Math.abs(successors.reduce((s, l) => s + l.share, 0) - 1) < 1e-9);
    for (const commune of ended.filter((u) => u.level === 3)) {
      assert.equal(commune.parent, old.key);
      assert.equal(links.filter((l) => l.predecessor === commune.key).length, 1);
    }
  });

  test('names come in English, Russian and Kazakh, unique in the country', () => {
    const latin = /^[A-Z][a-z]+$/;
    const cyrillic = /^[А-ЯЁӘҒҚҢӨҰҮҺІ][а-яёәғқңөұүһі]+$/;
    for (const u of current) {
      assert.match(u.names.en, latin);
      assert.match(u.names.ru, cyrillic);
      assert.match(u.names.kk, cyrillic);
    }
    assert.ok(
      current.some((u) => /[әғқңөұүі]/.test(u.names.kk)),
      'Kazakh letters are used',
    );
    assert.equal(new Set(current.map((u) => u.names.en)).size, current.length);
  });

  test('every terrain is present', () => {
    assert.deepEqual(new Set(atLevel(1).map((u) => u.terrain)), new Set(['mountain', 'river', 'steppe']));
  });
});
