/**
 * Demoland's administrative geography: provinces, districts and communes cut from one
 * lattice in the South Atlantic (never overlapping a real country), plus one district split
 * on 2015-01-01 to exercise boundary versioning.
 */
import type { BBox } from '../coordinates.ts';
import {
  bboxOf,
  buildLattice,
  type CellRect,
  centroidOf,
  type Lattice,
  type Polygon,
  type Position,
  polygonOf,
} from './lattice.ts';
import { NameMaker, type Names } from './names.ts';
import { cellCount, communeRects, readingOrder, splitRect, toFine } from './partition.ts';
import type { Random } from './random.ts';

/** Landscape of a province; it steers which hazards strike there. */
export type Terrain = 'mountain' | 'river' | 'steppe';

/** One administrative unit (one version of it, when boundaries changed). */
export interface DemoUnit {
  /** Index of this unit in DemoGeography.units (database ids are assigned on insert). */
  key: number;
  level: 1 | 2 | 3;
  code: string;
  parent: number | null;
  names: Names;
  /** The unit's rectangle on the fine lattice. */
  rect: CellRect;
  geometry: Polygon;
  bbox: BBox;
  centroid: Position;
  validFrom: string | null;
  validTo: string | null;
  terrain: Terrain;
  /** Relative population (communes only; 0 above), used to place datacards. */
  population: number;
}

/** A boundary change: the predecessor unit passed `share` of its area to the successor. */
export interface DemoLink {
  predecessor: number;
  successor: number;
  share: number;
}

/** The whole geography. */
export interface DemoGeography {
  lattice: Lattice;
  units: DemoUnit[];
  links: DemoLink[];
}

/** The date of Demoland's one boundary change (valid_to is exclusive, valid_from inclusive). */
export const BOUNDARY_CHANGE_DATE = '2015-01-01';

/** Lattice box; bends and coast move the border up to 4 fine cells out, staying inside lon -32..-22, lat -46..-38. */
const BOX: BBox = { minLon: -31.1, minLat: -44.8, maxLon: -22.9, maxLat: -39.2 };
const COLS = 16;
const ROWS = 12;
const FINE = 3;
const PROVINCES = 8;
const TERRAIN_PEOPLE: Record<Terrain, number> = { mountain: 0.8, river: 1.4, steppe: 0.6 };

const pad2 = (n: number) => String(n).padStart(2, '0');

/** Provinces sorted west to east: the west is mountainous, the east is steppe, rivers in between. */
function terrains(provinces: CellRect[]): Terrain[] {
  const order = provinces
    .map((p, i) => ({ i, x: p.c0 + p.c1 }))
    .sort((a, b) => a.x - b.x || a.i - b.i)
    .map((p) => p.i);
  const out: Terrain[] = provinces.map(() => 'river');
  for (const i of order.slice(0, 3)) out[i] = 'mountain';
  for (const i of order.slice(-2)) out[i] = 'steppe';
  return out;
}

/** Build Demoland's geography from one random stream. */
export function buildGeography(rng: Random): DemoGeography {
  const lattice = buildLattice(rng, BOX, COLS * FINE, ROWS * FINE);
  const names = new NameMaker(rng);
  const units: DemoUnit[] = [];
  const add = (u: Omit<DemoUnit, 'key' | 'geometry' | 'bbox' | 'centroid' | 'validFrom' | 'validTo'>) => {
    const geometry = polygonOf(lattice, u.rect);
    const ring = geometry.coordinates[0]!;
    const unit: DemoUnit = {
      ...u,
      key: units.length,
      geometry,
      bbox: bboxOf(ring),
      centroid: centroidOf(ring),
      validFrom: null,
      validTo: null,
    };
    units.push(unit);
    return unit;
  };

  const provinceRects = readingOrder(splitRect(rng, { c0: 0, r0: 0, c1: COLS, r1: ROWS }, PROVINCES));
  const terrainOf = terrains(provinceRects);
  const firstRiver = terrainOf.indexOf('river');
  let toSplit: DemoUnit | null = null;
  for (const [pi, pr] of provinceRects.entries()) {
    const terrain = terrainOf[pi]!;
    const province = add({
      level: 1,
      code: `DL${pad2(pi + 1)}`,
      parent: null,
      names: names.next(terrain),
      rect: toFine(pr, FINE),
      terrain,
      population: 0,
    });
    const districtRects = readingOrder(
      splitRect(rng, pr, Math.min(6, Math.max(4, Math.round(cellCount(pr) / 5)))),
    );
    const largest = districtRects.reduce((best, d) => (cellCount(d) > cellCount(best) ? d : best));
    for (const [di, dr] of districtRects.entries()) {
      const district = add({
        level: 2,
        code: `${province.code}${pad2(di + 1)}`,
        parent: province.key,
        names: names.next(terrain),
        rect: toFine(dr, FINE),
        terrain,
        population: 0,
      });
      const splitsLater = pi === firstRiver && dr === largest;
      if (splitsLater) toSplit = district;
      communeRects(rng, dr, splitsLater ? 0 : 0.12).forEach((cr, ci) => {
        add({
          level: 3,
          code: `${district.code}${pad2(ci + 1)}`,
          parent: district.key,
          names: names.next(rng.chance(0.5) ? terrain : null),
          rect: toFine(cr, FINE),
          terrain,
          population: rng.logNormal(0, 0.7) * TERRAIN_PEOPLE[terrain] * cellCount(cr),
        });
      });
    }
  }
  crownCapital(units);
  const links = toSplit ? splitDistrict(rng, units, toSplit, names, add) : [];
  return { lattice, units, links };
}

/** The commune nearest the middle of the country is the capital: far more people, far more cards. */
function crownCapital(units: DemoUnit[]): void {
  const mid = [(BOX.minLon + BOX.maxLon) / 2, (BOX.minLat + BOX.maxLat) / 2];
  const distance = (u: DemoUnit) => (u.centroid[0] - mid[0]!) ** 2 + (u.centroid[1] - mid[1]!) ** 2;
  const communes = units.filter((u) => u.level === 3);
  const capital = communes.reduce((best, u) => (distance(u) < distance(best) ? u : best));
  capital.population *= 12;
}

type AddUnit = (
  u: Omit<DemoUnit, 'key' | 'geometry' | 'bbox' | 'centroid' | 'validFrom' | 'validTo'>,
) => DemoUnit;

/** Split one district in two on BOUNDARY_CHANGE_DATE; its communes get new versions under the new districts. */
function splitDistrict(
  rng: Random,
  units: DemoUnit[],
  old: DemoUnit,
  names: NameMaker,
  add: AddUnit,
): DemoLink[] {
  const coarse: CellRect = {
    c0: old.rect.c0 / FINE,
    r0: old.rect.r0 / FINE,
    c1: old.rect.c1 / FINE,
    r1: old.rect.r1 / FINE,
  };
  const halves = splitRect(rng, coarse, 2);
  const siblings = units.filter((u) => u.parent === old.parent && u.level === 2).length;
  const oldCommunes = units.filter((u) => u.parent === old.key);
  const links: DemoLink[] = [];
  for (const u of [old, ...oldCommunes]) u.validTo = BOUNDARY_CHANGE_DATE;
  halves.forEach((half, h) => {
    const rect = toFine(half, FINE);
    const code = h === 0 ? old.code : `${old.code.slice(0, 4)}${pad2(siblings + 1)}`;
    const district = add({
      ...old,
      code,
      names: h === 0 ? old.names : names.next(old.terrain),
      rect,
    });
    district.validFrom = BOUNDARY_CHANGE_DATE;
    links.push({ predecessor: old.key, successor: district.key, share: cellCount(half) / cellCount(coarse) });
    const inside = oldCommunes.filter(
      (c) => c.rect.c0 >= rect.c0 && c.rect.c1 <= rect.c1 && c.rect.r0 >= rect.r0 && c.rect.r1 <= rect.r1,
    );
    inside.forEach((c, i) => {
      const commune = add({ ...c, code: h === 0 ? c.code : `${code}${pad2(i + 1)}`, parent: district.key });
      commune.validFrom = BOUNDARY_CHANGE_DATE;
      links.push({ predecessor: c.key, successor: commune.key, share: 1 });
    });
  });
  return links;
}

/** True when a unit version is valid on a date (YYYY-MM-DD): valid_from inclusive, valid_to exclusive. */
export const validOn = (u: DemoUnit, date: string) =>
  (u.validFrom === null || u.validFrom <= date) && (u.validTo === null || date < u.validTo);
