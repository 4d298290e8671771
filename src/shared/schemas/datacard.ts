/**
 * Datacard API schemas, derived from the field registry (src/shared/fields.ts):
 * adding a field there adds it to input validation, output and the OpenAPI document.
 */
import { z } from 'zod';
import {
  DESCRIPTIVE_FIELDS,
  type DescriptiveKey,
  EFFECT_FIELDS,
  type EffectKey,
  type FieldDef,
  SECTOR_FIELDS,
  type SectorKey,
} from '../fields.ts';
import { DATACARD_STATUS_VALUES } from '../status.ts';
import { PageQuerySchema, VersionSchema } from './common.ts';

/** An effect: the number (null = not reported) and the "there were" flag. */
export interface EffectValue {
  value: number | null;
  present: boolean;
}

function effectSchema(field: FieldDef): z.ZodType<EffectValue> {
  const base = field.kind === 'quantity' ? z.number() : z.number().int('must be a whole number');
  const value = base.min(0, 'must not be negative').max(1e15, 'is too large').nullable();
  return z
    .object({ value, present: z.boolean().default(false) })
    .meta({ id: `Effect_${field.kind}` }) as z.ZodType<EffectValue>;
}

function descriptiveSchema(field: FieldDef): z.ZodType {
  const v = field.validation ?? {};
  switch (field.kind) {
    case 'text':
      return z.string().max(v.maxLength ?? 2000, `must be at most ${v.maxLength ?? 2000} characters`);
    case 'integer': {
      let s = z.number().int('must be a whole number');
      if (v.min !== undefined) s = s.min(v.min, `must be at least ${v.min}`);
      if (v.max !== undefined) s = s.max(v.max, `must be at most ${v.max}`);
      return s;
    }
    case 'decimal': {
      let s = z.number();
      if (v.min !== undefined) s = s.min(v.min, `must be at least ${v.min}`);
      if (v.max !== undefined) s = s.max(v.max, `must be at most ${v.max}`);
      return s;
    }
    case 'ref':
      return v.uuid ? z.uuid('must be a UUID') : z.number().int().positive('must be a positive id');
    case 'status':
      return z.enum(DATACARD_STATUS_VALUES);
    default:
      throw new Error(`no schema for ${field.kind}`);
  }
}

type DescriptiveValue<K extends DescriptiveKey> = K extends 'status'
  ? (typeof DATACARD_STATUS_VALUES)[number]
  : K extends
        | 'disasterEventId'
        | 'serial'
        | 'causeText'
        | 'magnitude'
        | 'glide'
        | 'place'
        | 'sources'
        | 'otherLosses'
        | 'comments'
    ? string
    : number;

/** Descriptive fields of a datacard as the API sees them. */
export type DatacardDescriptive = { [K in DescriptiveKey]: DescriptiveValue<K> | null };

/** The writable part of a datacard. */
export type DatacardFields = Partial<DatacardDescriptive> & {
  effects?: Partial<Record<EffectKey, EffectValue>>;
  sectors?: Partial<Record<SectorKey, EffectValue>>;
  extra?: Record<string, unknown>;
};

const descriptiveShape = Object.fromEntries(
  DESCRIPTIVE_FIELDS.map((f) => {
    const s = descriptiveSchema(f);
    return [f.key, f.validation?.required ? s : s.nullable().optional()];
  }),
);
const effectsShape = Object.fromEntries(EFFECT_FIELDS.map((f) => [f.key, effectSchema(f).optional()]));
const sectorsShape = Object.fromEntries(SECTOR_FIELDS.map((f) => [f.key, effectSchema(f).optional()]));

const writable = {
  ...descriptiveShape,
  effects: z.strictObject(effectsShape).optional(),
  sectors: z.strictObject(sectorsShape).optional(),
  extra: z.record(z.string(), z.unknown()).optional(),
};

/** Body of POST /datacards. */
export const DatacardCreateSchema = z
  .strictObject(writable)
  .meta({ id: 'DatacardCreate' }) as unknown as z.ZodType<DatacardCreate>;

/** A new datacard: any fields, with event type, unit and year required. */
export type DatacardCreate = DatacardFields & { eventTypeId: number; geoUnitId: number; startYear: number };

/** Body of PATCH /datacards/{id}: any subset of fields plus the version read. */
export const DatacardPatchSchema = z
  .strictObject({
    ...Object.fromEntries(Object.entries(writable).map(([k, s]) => [k, (s as z.ZodType).optional()])),
    version: VersionSchema,
  })
  .meta({ id: 'DatacardPatch' }) as unknown as z.ZodType<DatacardFields & { version: number }>;

/** A datacard as returned by the API. */
export const DatacardSchema = z
  .object({
    id: z.uuid(),
    version: z.number().int(),
    ...Object.fromEntries(DESCRIPTIVE_FIELDS.map((f) => [f.key, descriptiveSchema(f).nullable()])),
    effects: z.object(Object.fromEntries(EFFECT_FIELDS.map((f) => [f.key, effectSchema(f)]))),
    sectors: z.object(Object.fromEntries(SECTOR_FIELDS.map((f) => [f.key, effectSchema(f)]))),
    extra: z.record(z.string(), z.unknown()),
    startDate: z.string(),
    datePrecision: z.enum(['year', 'month', 'day']),
    importId: z.uuid().nullable(),
    createdBy: z.string(),
    createdAt: z.string(),
    updatedBy: z.string(),
    updatedAt: z.string(),
    warnings: z.array(z.object({ path: z.string(), code: z.string(), message: z.string() })).optional(),
  })
  .meta({ id: 'Datacard' });

/** A datacard as returned by the API (TypeScript view). */
export type Datacard = DatacardDescriptive & {
  id: string;
  version: number;
  effects: Record<EffectKey, EffectValue>;
  sectors: Record<SectorKey, EffectValue>;
  extra: Record<string, unknown>;
  startDate: string;
  datePrecision: 'year' | 'month' | 'day';
  importId: string | null;
  createdBy: string;
  createdAt: string;
  updatedBy: string;
  updatedAt: string;
  warnings?: { path: string; code: string; message: string }[];
};

/** Columns a datacard list can be sorted by. */
export const DATACARD_SORTS = [
  'startDate',
  'serial',
  'updatedAt',
  'createdAt',
  ...EFFECT_FIELDS.map((f) => f.key),
] as const;

/** Query of GET /datacards. */
export const DatacardListQuerySchema = PageQuerySchema.extend({
  sort: z.enum(DATACARD_SORTS).default('startDate'),
  order: z.enum(['asc', 'desc']).default('desc'),
  status: z.enum(DATACARD_STATUS_VALUES).optional(),
  eventTypeId: z.coerce.number().int().positive().optional(),
  geoUnitId: z.coerce
    .number()
    .int()
    .positive()
    .optional()
    .meta({ description: 'This unit and all units below it' }),
  year: z.coerce.number().int().optional(),
});
