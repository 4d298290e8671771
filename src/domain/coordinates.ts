/** Point locations of datacards. */
import type { FieldIssue } from '../shared/errors.ts';

/** A bounding box in degrees. */
export interface BBox {
  minLon: number;
  minLat: number;
  maxLon: number;
  maxLat: number;
}

/** Latitude and longitude come together or not at all. */
export function checkCoordinatePair(lat: number | null, lon: number | null): FieldIssue[] {
  if ((lat === null) === (lon === null)) return [];
  const missing = lat === null ? 'latitude' : 'longitude';
  return [{ path: missing, code: 'required', message: 'latitude and longitude must be given together' }];
}

/** A warning (not an error) when a point lies outside its unit's bounding box. */
export function bboxWarnings(
  lat: number | null,
  lon: number | null,
  bbox: BBox | null,
  unitName: string,
): FieldIssue[] {
  if (lat === null || lon === null || !bbox) return [];
  const inside = lat >= bbox.minLat && lat <= bbox.maxLat && lon >= bbox.minLon && lon <= bbox.maxLon;
  if (inside) return [];
  return [
    {
      path: 'latitude',
      code: 'outside_unit',
      message: `the point (${lat}, ${lon}) lies outside the bounding box of ${unitName}`,
    },
  ];
}
