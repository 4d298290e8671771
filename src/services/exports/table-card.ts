/** A datacard row as a table row: registry fields, resolved names, and a point for maps. */

import type { CardPoint, CodeName, StoredEffect, TableCard } from '../../formats/table-export/columns.ts';
import { columnProp, DESCRIPTIVE_FIELDS, EFFECT_FIELDS, SECTOR_FIELDS } from '../../shared/fields.ts';
import { isoTimestamp } from '../datacards/mapping.ts';
import type { CardRow } from './card-batches.ts';
import type { CardLookups } from './lookups.ts';

const EFFECTS = [...EFFECT_FIELDS, ...SECTOR_FIELDS].map((f) => ({
  key: f.key,
  value: columnProp(f.column),
  present: columnProp(f.presentColumn!),
}));

const missing = (id: number): CodeName => ({ code: String(id), name: String(id) });

/** The table view of one card row. */
export function toTableCard(row: CardRow, lookups: CardLookups): TableCard {
  const r = row as unknown as Record<string, unknown>;
  const fields: Record<string, string | number | null> = {};
  for (const f of DESCRIPTIVE_FIELDS)
    fields[f.key] = (r[columnProp(f.column)] as string | number | null) ?? null;
  const effects: Record<string, StoredEffect> = {};
  for (const e of EFFECTS) {
    effects[e.key] = {
      value: (r[e.value] as number | string | null) ?? null,
      present: Boolean(r[e.present]),
    };
  }
  const levels: (CodeName | null)[] = [];
  for (const id of row.geoAncestors) {
    const unit = lookups.units.get(id);
    if (unit) levels[unit.level - 1] = unit;
  }
  for (let i = 0; i < lookups.levelCount; i++) levels[i] ??= null;
  return {
    id: row.id,
    fields,
    effects,
    extra: row.extra,
    eventType: lookups.eventTypes.get(row.eventTypeId) ?? missing(row.eventTypeId),
    cause: row.causeId === null ? null : (lookups.causes.get(row.causeId) ?? missing(row.causeId)),
    geoUnit: lookups.units.get(row.geoUnitId) ?? missing(row.geoUnitId),
    levels,
    sourceUuid: row.sourceUuid,
    createdAt: isoTimestamp(row.createdAt),
    updatedAt: isoTimestamp(row.updatedAt),
  };
}

/** The card's own coordinates, else its unit's centroid, else null. */
export function cardPoint(row: CardRow, lookups: CardLookups): CardPoint | null {
  if (row.latitude !== null && row.longitude !== null) {
    return { lon: row.longitude, lat: row.latitude, source: 'card' };
  }
  const centroid = lookups.units.get(row.geoUnitId)?.centroid;
  return centroid ? { ...centroid, source: 'unit' } : null;
}
