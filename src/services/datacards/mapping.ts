/** Converts between datacard rows and the API shape, driven by the field registry. */

import type { datacards } from '../../db/schema/index.ts';
import { datePrecision } from '../../domain/dates.ts';
import {
  columnProp,
  DESCRIPTIVE_FIELDS,
  EFFECT_FIELDS,
  type FieldDef,
  SECTOR_FIELDS,
} from '../../shared/fields.ts';
import type {
  Datacard,
  DatacardDescriptive,
  DatacardFields,
  EffectValue,
} from '../../shared/schemas/datacard.ts';

/** A datacard row as drizzle returns it. */
export type DatacardRow = typeof datacards.$inferSelect;
type Insert = typeof datacards.$inferInsert;

const toNumber = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
/** Timestamps leave the API as ISO 8601 whatever the engine printed. */
export const isoTimestamp = (v: string) =>
  new Date(v.replace(' ', 'T').replace(/([+-]\d\d)$/, '$1:00')).toISOString();

function readEffect(row: Record<string, unknown>, field: FieldDef): EffectValue {
  return {
    value: toNumber(row[columnProp(field.column)]),
    present: Boolean(row[columnProp(field.presentColumn!)]),
  };
}

/** The API view of a row. */
export function rowToDatacard(row: DatacardRow): Datacard {
  const r = row as unknown as Record<string, unknown>;
  const descriptive = Object.fromEntries(
    DESCRIPTIVE_FIELDS.map((f) => [f.key, f.kind === 'decimal' ? toNumber(r[f.key]) : (r[f.key] ?? null)]),
  );
  return {
    id: row.id,
    version: row.version,
    ...(descriptive as DatacardDescriptive),
    effects: Object.fromEntries(EFFECT_FIELDS.map((f) => [f.key, readEffect(r, f)])) as Datacard['effects'],
    sectors: Object.fromEntries(SECTOR_FIELDS.map((f) => [f.key, readEffect(r, f)])) as Datacard['sectors'],
    extra: row.extra,
    startDate: row.startDate ?? '',
    datePrecision: datePrecision({ year: row.startYear, month: row.startMonth, day: row.startDay }),
    importId: row.importId,
    createdBy: row.createdBy,
    createdAt: isoTimestamp(row.createdAt),
    updatedBy: row.updatedBy,
    updatedAt: isoTimestamp(row.updatedAt),
  };
}

/** The column values for the fields present in an API input (absent fields are left out). */
export function fieldsToColumns(input: DatacardFields): Partial<Insert> {
  const out: Record<string, unknown> = {};
  const src = input as Record<string, unknown>;
  for (const f of DESCRIPTIVE_FIELDS) {
    if (src[f.key] !== undefined) out[f.key] = src[f.key];
  }
  const writeEffects = (
    fields: readonly FieldDef[],
    values: Record<string, EffectValue | undefined> | undefined,
  ) => {
    for (const f of fields) {
      const v = values?.[f.key];
      if (!v) continue;
      const value = v.value === null ? null : f.kind === 'quantity' ? String(v.value) : v.value;
      out[columnProp(f.column)] = value;
      out[columnProp(f.presentColumn!)] = v.present;
    }
  };
  writeEffects(EFFECT_FIELDS, input.effects);
  writeEffects(SECTOR_FIELDS, input.sectors);
  if (input.extra !== undefined) out.extra = input.extra;
  return out as Partial<Insert>;
}
