/** Converts between geo_units rows and the API shapes; derives bbox and centroid columns from a boundary. */
import { getTableColumns } from 'drizzle-orm';
import { geoUnits } from '../../db/schema/index.ts';
import { bboxOf, centroidOf } from '../../domain/geometry.ts';
import type { Geometry, GeoUnit, GeoUnitSummary } from '../../shared/schemas/geography.ts';
import { isoTimestamp } from '../datacards/mapping.ts';

/** A geo_units row as drizzle returns it. */
export type GeoUnitRow = typeof geoUnits.$inferSelect;
/** A geo_units row read without its (possibly large) boundary. */
export type GeoUnitLightRow = Omit<GeoUnitRow, 'geometry'>;

const { geometry: _geometry, ...lightColumns } = getTableColumns(geoUnits);
/** Every geo_units column except the boundary, for lists. */
export const unitColumnsWithoutGeometry = lightColumns;

/** The unit ids encoded in a path '/12/40/301/' (top level first, the unit last). */
export const pathIds = (path: string) => path.split('/').filter(Boolean).map(Number);

/** The path of a unit below a parent (or at the top when parent is null). */
export const childPath = (parentPath: string | null, id: number) => `${parentPath ?? '/'}${id}/`;

/** The bbox and centroid columns for a boundary (all null without one). */
export function shapeColumns(geometry: Geometry | null) {
  const box = geometry ? bboxOf(geometry) : null;
  const centre = geometry ? centroidOf(geometry) : null;
  return {
    geometry,
    bboxMinLon: box?.minLon ?? null,
    bboxMinLat: box?.minLat ?? null,
    bboxMaxLon: box?.maxLon ?? null,
    bboxMaxLat: box?.maxLat ?? null,
    centroidLon: centre?.lon ?? null,
    centroidLat: centre?.lat ?? null,
  };
}

/** The list view of a row. */
export function toSummary(row: GeoUnitLightRow): GeoUnitSummary {
  const hasBox =
    row.bboxMinLon !== null && row.bboxMinLat !== null && row.bboxMaxLon !== null && row.bboxMaxLat !== null;
  return {
    id: row.id,
    code: row.code,
    level: row.level,
    parentId: row.parentId,
    names: row.names,
    validFrom: row.validFrom,
    validTo: row.validTo,
    placeholder: row.placeholder,
    bbox: hasBox
      ? { minLon: row.bboxMinLon!, minLat: row.bboxMinLat!, maxLon: row.bboxMaxLon!, maxLat: row.bboxMaxLat! }
      : null,
    centroid:
      row.centroidLon !== null && row.centroidLat !== null
        ? { lon: row.centroidLon, lat: row.centroidLat }
        : null,
    version: row.version,
  };
}

/** Boundary links of one unit. */
export interface UnitLinks {
  predecessorIds: number[];
  successorIds: number[];
}

/** The full view of a row; the boundary only when the row carries one and it was asked for. */
export function toDetail(row: GeoUnitLightRow & { geometry?: unknown }, links: UnitLinks): GeoUnit {
  return {
    ...toSummary(row),
    ancestorIds: pathIds(row.path).slice(0, -1),
    predecessorIds: links.predecessorIds,
    successorIds: links.successorIds,
    ...(row.geometry === undefined ? {} : { geometry: (row.geometry as Geometry | null) ?? null }),
    createdAt: isoTimestamp(row.createdAt),
    updatedAt: isoTimestamp(row.updatedAt),
  };
}

/** The audit snapshot of a unit: its full view without the boundary (bbox and centroid show a change). */
export function auditView(row: GeoUnitRow | GeoUnitLightRow, links: UnitLinks): GeoUnit {
  const { geometry: _g, ...light } = row as GeoUnitRow;
  return toDetail(light, links);
}
