/** Extra-field (DesInventar diccionario / extension) API schemas: definitions and their tabs. */
import { z } from 'zod';
import { NamesSchema, VersionSchema } from './common.ts';

/** The 9 extra-field types, DesInventar diccionario fieldtype 0..8 in that order. */
export const EXTRA_FIELD_TYPE_VALUES = [
  'text',
  'integer',
  'decimal',
  'currency',
  'date',
  'memo',
  'yesno',
  'list',
  'multichoice',
] as const;

/** An extra-field type. */
export type ExtraFieldType = (typeof EXTRA_FIELD_TYPE_VALUES)[number];

const sortOrder = z.number().int().min(0).max(1_000_000);

/** Body of POST /extra-field-tabs. */
export const ExtraFieldTabCreateSchema = z
  .strictObject({ labels: NamesSchema, sortOrder: sortOrder.optional() })
  .meta({ id: 'ExtraFieldTabCreate' });
/** A new tab. */
export type ExtraFieldTabCreate = z.infer<typeof ExtraFieldTabCreateSchema>;

/** Body of PATCH /extra-field-tabs/{id} (tabs carry no version). */
export const ExtraFieldTabPatchSchema = ExtraFieldTabCreateSchema.partial().meta({
  id: 'ExtraFieldTabPatch',
});

/** A tab as the API returns it. */
export const ExtraFieldTabSchema = z
  .object({ id: z.number().int(), labels: z.record(z.string(), z.string()), sortOrder: z.number().int() })
  .meta({ id: 'ExtraFieldTab' });
/** A tab (TypeScript view). */
export type ExtraFieldTab = z.infer<typeof ExtraFieldTabSchema>;

/** One choice of a list or multi-choice field. */
export const ExtraFieldOptionSchema = z
  .strictObject({ code: z.string().min(1).max(60), labels: NamesSchema })
  .meta({ id: 'ExtraFieldOption' });

const writable = {
  key: z
    .string()
    .regex(/^[A-Za-z][A-Za-z0-9_]{0,62}$/, 'must start with a letter, then letters, digits or _ (max 63)')
    .meta({ description: 'Key of the value in datacard.extra', example: 'RAINFALL_MM' }),
  type: z.enum(EXTRA_FIELD_TYPE_VALUES),
  labels: NamesSchema,
  description: z.string().max(2000).nullable().optional(),
  tabId: z.number().int().positive().nullable().optional(),
  sortOrder: sortOrder.optional(),
  required: z.boolean().optional(),
  maxLength: z
    .number()
    .int()
    .min(1)
    .max(100_000)
    .nullable()
    .optional()
    .meta({ description: 'Text and memo fields only' }),
  options: z.array(ExtraFieldOptionSchema).max(1000).optional().meta({
    description: 'Required (non-empty, unique codes) for list and multichoice; forbidden otherwise',
  }),
};

/** Body of POST /extra-fields. */
export const ExtraFieldCreateSchema = z.strictObject(writable).meta({ id: 'ExtraFieldCreate' });
/** A new extra-field definition. */
export type ExtraFieldCreate = z.infer<typeof ExtraFieldCreateSchema>;

/** Body of PATCH /extra-fields/{id}. */
export const ExtraFieldPatchSchema = z
  .strictObject(writable)
  .partial()
  .extend({ version: VersionSchema })
  .meta({ id: 'ExtraFieldPatch' });

/** An extra-field definition as the API returns it. */
export const ExtraFieldSchema = z
  .object({
    id: z.number().int(),
    key: z.string(),
    type: z.enum(EXTRA_FIELD_TYPE_VALUES),
    labels: z.record(z.string(), z.string()),
    description: z.string().nullable(),
    tabId: z.number().int().nullable(),
    tab: ExtraFieldTabSchema.nullable(),
    sortOrder: z.number().int(),
    required: z.boolean(),
    maxLength: z.number().int().nullable(),
    options: z.array(z.object({ code: z.string(), labels: z.record(z.string(), z.string()) })),
    version: z.number().int(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'ExtraField' });

/** An extra-field definition (TypeScript view). */
export type ExtraField = z.infer<typeof ExtraFieldSchema>;
