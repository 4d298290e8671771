import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, test } from 'node:test';
import { dmdPerUsd } from './catalogue.ts';
import { type DemoCard, generateDatacards, planDemoland } from './demoland.ts';

/** Digest of everything generated for a seed and card count. */
function digest(seed: number, cards: number): string {
  const hash = createHash('sha256');
  const plan = planDemoland({ seed, cards });
  hash.update(JSON.stringify({ ...plan, geography: { ...plan.geography, lattice: null } }));
  hash.update(JSON.stringify([...plan.geography.lattice.lon, ...plan.geography.lattice.lat]));
  for (const card of generateDatacards(plan)) hash.update(JSON.stringify(card));
  return hash.digest('hex');
}

const plan = planDemoland({ seed: 1, cards: 20_000 });
const cards: DemoCard[] = [...generateDatacards(plan)];
const units = plan.geography.units;
const provinceOf = (c: DemoCard) => units[units[units[c.unit]!.parent!]!.parent!]!;
const share = (pred: (c: DemoCard) => boolean, of: DemoCard[] = cards) => of.filter(pred).length / of.length;

describe('Demoland generator', () => {
  test('same seed and count give identical data; another seed differs', () => {
    const first = digest(7, 1500);
    assert.equal(digest(7, 1500), first);
    assert.notEqual(digest(8, 1500), first);
    assert.notEqual(digest(7, 1501), first);
  });

  test('the geography does not depend on the card count', () => {
    assert.deepEqual(planDemoland({ seed: 1, cards: 10 }).geography.units, plan.geography.units);
  });

  test('makes exactly the cards asked for, with unique v4 ids and serials', () => {
    assert.equal(cards.length, 20_000);
    assert.equal(new Set(cards.map((c) => c.id)).size, cards.length);
    for (const c of cards)
      assert.match(c.id, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    assert.equal(new Set(cards.map((c) => c.serial)).size, cards.length);
    assert.equal(cards[0]!.serial, 'DL-1995-00001');
    assert.equal([...generateDatacards(planDemoland({ seed: 3, cards: 1 }))].length, 1);
  });

  test('refuses a card count out of range', () => {
    assert.throws(() => planDemoland({ seed: 1, cards: 0 }), RangeError);
    assert.throws(() => planDemoland({ seed: 1, cards: 2_000_001 }), RangeError);
  });

  test('spans 1995-2024 with more reporting in later years', () => {
    const years = new Set(cards.map((c) => c.startYear));
    assert.deepEqual(
      [...years].sort(),
      Array.from({ length: 30 }, (_, i) => 1995 + i),
    );
    const early = share((c) => c.startYear < 2005);
    const late = share((c) => c.startYear >= 2015);
    assert.ok(late > early * 1.5, `${early} vs ${late}`);
  });

  test('every province has cards; mountains get landslides, the steppe droughts', () => {
    const provinces = units.filter((u) => u.level === 1);
    for (const p of provinces)
      assert.ok(
        cards.some((c) => provinceOf(c) === p),
        `${p.code} has no card`,
      );
    const onTerrain = (t: string) => cards.filter((c) => provinceOf(c).terrain === t);
    const mountain = onTerrain('mountain');
    const steppe = onTerrain('steppe');
    assert.ok(
      share((c) => c.eventType === 'LANDSLIDE', mountain) >
        3 * share((c) => c.eventType === 'LANDSLIDE', steppe),
    );
    assert.ok(
      share((c) => c.eventType === 'DROUGHT', steppe) > 3 * share((c) => c.eventType === 'DROUGHT', mountain),
    );
  });

  test('status mix is mostly published', () => {
    const expected = { published: 0.85, draft: 0.05, submitted: 0.04, rejected: 0.03, support: 0.03 };
    for (const [status, p] of Object.entries(expected)) {
      const actual = share((c) => c.status === status);
      assert.ok(Math.abs(actual - p) < 0.015, `${status}: ${actual}`);
    }
  });

  test('floods peak in spring, avalanches in winter; some dates are partial', () => {
    const byMonth = (type: string) => {
      const counts = Array<number>(13).fill(0);
      for (const c of cards) if (c.eventType === type && c.startMonth) counts[c.startMonth]!++;
      return counts;
    };
    const floods = byMonth('FLOOD');
    const peak = floods.indexOf(Math.max(...floods));
    assert.ok(peak >= 3 && peak <= 5, `flood peak in month ${peak}`);
    const spring = floods[3]! + floods[4]! + floods[5]!;
    assert.ok(spring > floods[6]! + floods[7]! + floods[8]! + floods[9]! + floods[10]! + floods[11]!);
    const avalanches = byMonth('AVALANCHE');
    assert.ok(avalanches[1]! + avalanches[2]! > 10 * (avalanches[6]! + avalanches[7]! + avalanches[8]!));
    const yearOnly = share((c) => c.startMonth === null);
    const monthOnly = share((c) => c.startMonth !== null && c.startDay === null);
    assert.ok(yearOnly > 0.03 && yearOnly < 0.07, `year only: ${yearOnly}`);
    assert.ok(monthOnly > 0.07 && monthOnly < 0.13, `month only: ${monthOnly}`);
  });

  test('effects are skewed and consistent', () => {
    const value = (c: DemoCard, k: keyof DemoCard['effects']) => c.effects[k].value ?? 0;
    const deaths = cards.map((c) => value(c, 'deaths')).sort((a, b) => a - b);
    assert.equal(deaths[Math.floor(deaths.length / 2)], 0, 'the median card has no deaths');
    assert.ok(deaths[deaths.length - 1]! >= 50, 'a few cards have many deaths');
    const sum = (k: keyof DemoCard['effects']) => cards.reduce((s, c) => s + value(c, k), 0);
    assert.ok(sum('housesDamaged') > 5 * sum('housesDestroyed'));
    assert.ok(cards.some((c) => c.effects.deaths.value === null && c.effects.deaths.present));
    assert.ok(
      cards.some((c) => c.effects.deaths.value === 0) && cards.some((c) => c.effects.deaths.value === null),
    );
    for (const c of cards) {
      const local = c.effects.lossesLocal.value;
      const usd = c.effects.lossesUsd.value;
      if (usd && local) assert.ok(Math.abs(usd - local / dmdPerUsd(c.startYear)) <= 0.01, c.serial);
      if (usd) assert.ok(local !== null, `${c.serial}: USD without local losses`);
    }
    assert.ok(share((c) => Object.values(c.sectors).some((s) => s.present)) > 0.3);
  });

  test('points lie in their commune; named disasters group cards under one GLIDE', () => {
    const withPoint = cards.filter((c) => c.latitude !== null);
    assert.ok(withPoint.length > 0.15 * cards.length);
    for (const c of withPoint) {
      const { bbox } = units[c.unit]!;
      assert.ok(c.latitude! >= bbox.minLat && c.latitude! <= bbox.maxLat, c.serial);
      assert.ok(c.longitude! >= bbox.minLon && c.longitude! <= bbox.maxLon, c.serial);
    }
    assert.ok(plan.disasters.length >= 8);
    for (const d of plan.disasters) {
      const grouped = cards.filter((c) => c.disaster === d.id);
      assert.equal(grouped.length, d.cards);
      assert.match(d.glide, /^[A-Z]{2}-\d{4}-\d{6}-XDL$/);
      for (const c of grouped) {
        assert.equal(c.glide, d.glide);
        assert.ok(d.provinces.includes(provinceOf(c).key));
      }
    }
  });
});
