/** Test data for geography: small boundaries and GeoJSON files written on the fly. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** A one-ring Polygon from flat lon, lat pairs (values are not checked, so tests can pass bad ones). */
export function polygonOf(...lonLat: unknown[]) {
  const ring: unknown[][] = [];
  for (let i = 0; i < lonLat.length; i += 2) ring.push([lonLat[i], lonLat[i + 1]]);
  return { type: 'Polygon', coordinates: [ring] };
}

/** A closed square Polygon with its south-west corner at (lon, lat). */
export const squareOf = (lon: number, lat: number, size: number) =>
  polygonOf(lon, lat, lon + size, lat, lon + size, lat + size, lon, lat + size, lon, lat);

/** Write a FeatureCollection of features with these properties (and squares as boundaries) to dir/name. */
export function writeFeatureCollection(
  dir: string,
  name: string,
  properties: Record<string, unknown>[],
): string {
  const features = properties.map((p, i) => ({
    type: 'Feature',
    properties: p,
    geometry: squareOf(60 + i, 45, 0.5),
  }));
  const file = join(dir, name);
  writeFileSync(file, JSON.stringify({ type: 'FeatureCollection', features }));
  return file;
}
