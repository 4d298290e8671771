/**
 * Plain-JS geometry of administrative boundaries (no PostGIS): bounding box and area-weighted
 * centroid of GeoJSON Polygon / MultiPolygon, computed on lon/lat as a plane. That is exact
 * enough for map labels and "is the point near its unit" checks; units crossing the antimeridian
 * are not handled.
 */
import type { BBox } from './coordinates.ts';

/** A GeoJSON position: [longitude, latitude, …]. */
export type Position = readonly number[];

/** The boundary geometries a geographic unit can have. */
export type AreaGeometry =
  | { type: 'Polygon'; coordinates: readonly (readonly Position[])[] }
  | { type: 'MultiPolygon'; coordinates: readonly (readonly (readonly Position[])[])[] };

/** A point in degrees. */
export interface LonLat {
  lon: number;
  lat: number;
}

const polygonsOf = (g: AreaGeometry) => (g.type === 'Polygon' ? [g.coordinates] : g.coordinates);

/** The smallest box holding every position of the geometry (null when it has none). */
export function bboxOf(geometry: AreaGeometry): BBox | null {
  let box: BBox | null = null;
  for (const polygon of polygonsOf(geometry)) {
    for (const ring of polygon) {
      for (const [lon, lat] of ring) {
        if (lon === undefined || lat === undefined) continue;
        if (!box) box = { minLon: lon, minLat: lat, maxLon: lon, maxLat: lat };
        else {
          box.minLon = Math.min(box.minLon, lon);
          box.minLat = Math.min(box.minLat, lat);
          box.maxLon = Math.max(box.maxLon, lon);
          box.maxLat = Math.max(box.maxLat, lat);
        }
      }
    }
  }
  return box;
}

/** Twice the signed area of a ring and its first moments, relative to the origin (ox, oy). */
function ringMoments(ring: readonly Position[], ox: number, oy: number) {
  let area2 = 0;
  let mx = 0;
  let my = 0;
  for (let i = 0; i + 1 < ring.length; i++) {
    const x0 = ring[i]![0]! - ox;
    const y0 = ring[i]![1]! - oy;
    const x1 = ring[i + 1]![0]! - ox;
    const y1 = ring[i + 1]![1]! - oy;
    const cross = x0 * y1 - x1 * y0;
    area2 += cross;
    mx += (x0 + x1) * cross;
    my += (y0 + y1) * cross;
  }
  return { area2, mx, my };
}

/**
 * The area-weighted centroid: holes subtract, parts of a MultiPolygon weigh by their area,
 * ring orientation does not matter. Falls back to the mean vertex when the area is zero.
 */
export function centroidOf(geometry: AreaGeometry): LonLat | null {
  const box = bboxOf(geometry);
  if (!box) return null;
  // Moments around a nearby origin keep the products small and the sums precise.
  const ox = box.minLon;
  const oy = box.minLat;
  let area2 = 0;
  let mx = 0;
  let my = 0;
  let sumX = 0;
  let sumY = 0;
  let count = 0;
  for (const polygon of polygonsOf(geometry)) {
    polygon.forEach((ring, index) => {
      const m = ringMoments(ring, ox, oy);
      // The outer ring adds its area, holes remove theirs, whatever way each ring winds.
      const sign = (index === 0 ? 1 : -1) * Math.sign(m.area2);
      area2 += sign * m.area2;
      mx += sign * m.mx;
      my += sign * m.my;
      for (const [lon, lat] of ring) {
        sumX += lon!;
        sumY += lat!;
        count++;
      }
    });
  }
  if (Math.abs(area2) < 1e-15) return { lon: sumX / count, lat: sumY / count };
  return { lon: ox + mx / (3 * area2), lat: oy + my / (3 * area2) };
}
