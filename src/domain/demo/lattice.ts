/**
 * One jittered lattice of points from which every Demoland boundary is drawn. Units are
 * rectangles of lattice cells, so neighbours share the very same vertices and nesting holds
 * by construction. The outer border bulges outwards along a smooth curve, giving a coastline.
 */
import type { BBox } from '../coordinates.ts';
import type { Random } from './random.ts';

/** A [longitude, latitude] pair. */
export type Position = [number, number];

/** A GeoJSON Polygon (exterior ring only, counter-clockwise, closed). */
export interface Polygon {
  type: 'Polygon';
  coordinates: Position[][];
}

/** A rectangle of lattice cells: columns c0..c1-1, rows r0..r1-1 (row 0 is the south). */
export interface CellRect {
  c0: number;
  r0: number;
  c1: number;
  r1: number;
}

/** Lattice points, (cols + 1) x (rows + 1), stored row by row. */
export interface Lattice {
  cols: number;
  rows: number;
  lon: Float64Array;
  lat: Float64Array;
}

const round5 = (x: number) => Math.round(x * 1e5) / 1e5;

/** A smooth random function of one coordinate: two sine waves, peak amplitude `amplitude`. */
function waves(rng: Random, amplitude: number, period: number): (t: number) => number {
  const w = [1, 2.3].map((k) => ({ k: k * rng.range(0.8, 1.25), phase: rng.range(0, 2 * Math.PI) }));
  return (t) =>
    (amplitude / 2) *
    w.reduce((sum, { k, phase }) => sum + Math.sin((2 * Math.PI * k * t) / period + phase), 0);
}

/**
 * Build the lattice over a box (units of one cell). Each vertical lattice line is bent by a
 * smooth function of the row, each horizontal one by a function of the column, so borders
 * meander while a point never passes its neighbours: every cell stays a simple quadrilateral
 * and a unit's inner points stay within the bounding box of its border. Small jitter roughens
 * the borders; the outer border is pushed outwards along a smooth curve, giving a coastline.
 */
export function buildLattice(rng: Random, box: BBox, cols: number, rows: number): Lattice {
  const dx = (box.maxLon - box.minLon) / cols;
  const dy = (box.maxLat - box.minLat) / rows;
  const bendX = waves(rng, 1.5, rows / 2);
  const bendY = waves(rng, 1.5, cols / 2);
  const perimeter = 2 * (cols + rows);
  const coast = waves(rng, 1, perimeter / 5);
  /** Outward push of the coast at perimeter position p: smooth, 0.5-2.5 cells. */
  const bulge = (p: number) => 1.5 + coast(p);
  const lon = new Float64Array((cols + 1) * (rows + 1));
  const lat = new Float64Array((cols + 1) * (rows + 1));
  for (let r = 0; r <= rows; r++) {
    for (let c = 0; c <= cols; c++) {
      let x = c + bendX(r);
      let y = r + bendY(c);
      if (c > 0 && c < cols) x += rng.range(-0.25, 0.25);
      if (r > 0 && r < rows) y += rng.range(-0.25, 0.25);
      if (r === 0) y -= bulge(c);
      if (c === cols) x += bulge(cols + r);
      if (r === rows) y += bulge(cols + rows + (cols - c));
      if (c === 0) x -= bulge(2 * cols + rows + (rows - r));
      const i = r * (cols + 1) + c;
      lon[i] = round5(box.minLon + x * dx);
      lat[i] = round5(box.minLat + y * dy);
    }
  }
  return { cols, rows, lon, lat };
}

/** The lattice point at column c, row r. */
export function latticePoint(lattice: Lattice, c: number, r: number): Position {
  const i = r * (lattice.cols + 1) + c;
  return [lattice.lon[i]!, lattice.lat[i]!];
}

/** The closed counter-clockwise ring around a rectangle of cells, through every lattice point on its edge. */
export function ringOf(lattice: Lattice, rect: CellRect): Position[] {
  const ring: Position[] = [];
  for (let c = rect.c0; c < rect.c1; c++) ring.push(latticePoint(lattice, c, rect.r0));
  for (let r = rect.r0; r < rect.r1; r++) ring.push(latticePoint(lattice, rect.c1, r));
  for (let c = rect.c1; c > rect.c0; c--) ring.push(latticePoint(lattice, c, rect.r1));
  for (let r = rect.r1; r > rect.r0; r--) ring.push(latticePoint(lattice, rect.c0, r));
  ring.push(ring[0]!);
  return ring;
}

/** The polygon of a rectangle of cells. */
export const polygonOf = (lattice: Lattice, rect: CellRect): Polygon => ({
  type: 'Polygon',
  coordinates: [ringOf(lattice, rect)],
});

/** Bounding box of a ring. */
export function bboxOf(ring: readonly Position[]): BBox {
  const lons = ring.map((p) => p[0]);
  const lats = ring.map((p) => p[1]);
  return {
    minLon: Math.min(...lons),
    minLat: Math.min(...lats),
    maxLon: Math.max(...lons),
    maxLat: Math.max(...lats),
  };
}

/** Area centroid of a closed ring (shoelace formula), rounded like the vertices. */
export function centroidOf(ring: readonly Position[]): Position {
  let area = 0;
  let cx = 0;
  let cy = 0;
  for (let i = 0; i < ring.length - 1; i++) {
    const [x0, y0] = ring[i]!;
    const [x1, y1] = ring[i + 1]!;
    const cross = x0 * y1 - x1 * y0;
    area += cross;
    cx += (x0 + x1) * cross;
    cy += (y0 + y1) * cross;
  }
  return [round5(cx / (3 * area)), round5(cy / (3 * area))];
}

/** A point inside one cell of a rectangle: bilinear between its corners, away from the edges. */
export function pointInRect(lattice: Lattice, rect: CellRect, rng: Random): Position {
  const c = rng.int(rect.c0, rect.c1 - 1);
  const r = rng.int(rect.r0, rect.r1 - 1);
  const u = rng.range(0.15, 0.85);
  const v = rng.range(0.15, 0.85);
  const [x00, y00] = latticePoint(lattice, c, r);
  const [x10, y10] = latticePoint(lattice, c + 1, r);
  const [x01, y01] = latticePoint(lattice, c, r + 1);
  const [x11, y11] = latticePoint(lattice, c + 1, r + 1);
  const lerp = (a: number, b: number, t: number) => a + (b - a) * t;
  const x = lerp(lerp(x00, x10, u), lerp(x01, x11, u), v);
  const y = lerp(lerp(y00, y10, u), lerp(y01, y11, u), v);
  return [round5(x), round5(y)];
}
