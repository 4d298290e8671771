/**
 * Datacards as a GeoJSON FeatureCollection written incrementally: one Feature per card with a
 * Point (the card's coordinates, else its unit's centroid) or a null geometry, and the table
 * columns as properties.
 */
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { ChunkedOutput } from '../desinventar-export/xml-writer.ts';
import type { CardPoint, Cell, TableCard } from './columns.ts';
import type { CardTableSpec, CardTableWriter } from './writer.ts';

/** Properties of one card: column key -> cell, numbers as JSON numbers. */
function properties(spec: CardTableSpec, card: TableCard, point: CardPoint | null): Record<string, Cell> {
  const props: Record<string, Cell> = {};
  for (const column of spec.columns) {
    const cell = column.get(card);
    props[column.key] =
      typeof cell === 'string' && (column.kind === 'decimal' || column.kind === 'integer') && cell !== ''
        ? Number(cell)
        : cell;
  }
  props.geometrySource = point?.source ?? null;
  return props;
}

/** A GeoJSON writer (RFC 7946: WGS 84 longitude, latitude). */
export function geojsonCardWriter(out: Writable, spec: CardTableSpec): CardTableWriter {
  const output = new ChunkedOutput(out);
  let first = true;
  return {
    async write(card: TableCard, point: CardPoint | null) {
      const feature = {
        type: 'Feature',
        id: card.id,
        geometry: point ? { type: 'Point', coordinates: [point.lon, point.lat] } : null,
        properties: properties(spec, card, point),
      };
      const prefix = first ? '{"type":"FeatureCollection","features":[\n' : ',\n';
      first = false;
      await output.write(prefix + JSON.stringify(feature));
    },
    async end() {
      await output.write(first ? '{"type":"FeatureCollection","features":[]}\n' : '\n]}\n');
      await output.flush();
      out.end();
      await finished(out);
    },
  };
}
