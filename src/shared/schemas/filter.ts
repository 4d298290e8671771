/**
 * The analytics filter spec: which datacards a list, total, statistic, map or profile counts.
 * Conditions are ANDed; effect conditions are joined by `effectsJoin`. Catalogue references are
 * ids (numbers) or codes (strings). Field names come from the field registry (src/shared/fields.ts).
 */
import { z } from 'zod';
import { EFFECT_KEYS, SECTOR_KEYS } from '../fields.ts';
import { DATACARD_STATUS_VALUES } from '../status.ts';

/** Most values one list condition takes. */
const MAX_VALUES = 1000;

/** A tenant catalogue row by id (number) or code (string). */
const RefSchema = z.union([
  z.number().int().positive('must be a positive id').max(2_147_483_647, 'is not an id'),
  z.string().trim().min(1, 'must not be empty').max(200),
]);
const refs = (description: string) =>
  z.array(RefSchema).min(1).max(MAX_VALUES).optional().meta({ description });
const texts = (description: string) =>
  z.array(z.string().trim().min(1).max(200)).min(1).max(MAX_VALUES).optional().meta({ description });

/** A partial date: YYYY, YYYY-MM or YYYY-MM-DD. */
export const PartialDateTextSchema = z
  .string()
  .regex(/^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/, 'must be YYYY, YYYY-MM or YYYY-MM-DD')
  .refine((v) => v.length < 10 || new Date(`${v}T00:00:00Z`).toISOString().startsWith(v), 'no such day')
  .meta({ example: '2010-06' });

/** Status condition: one state, several, or 'all' (every state). */
export const StatusFilterSchema = z
  .union([z.literal('all'), z.enum(DATACARD_STATUS_VALUES), z.array(z.enum(DATACARD_STATUS_VALUES)).min(1)])
  .meta({ description: "Workflow state(s), or 'all'. Default: published (the public figures)." });
/** A status condition. */
export type StatusFilter = z.infer<typeof StatusFilterSchema>;

/** A condition on a core effect or a sector (value and "there were" flag). */
export const EffectConditionSchema = z
  .strictObject({
    field: z.enum([...EFFECT_KEYS, ...SECTOR_KEYS]),
    min: z.number().optional().meta({ description: 'value >= min' }),
    max: z.number().optional().meta({ description: 'value <= max' }),
    there: z.boolean().optional().meta({
      description: 'true: there were some (value > 0 or the "there were" flag); false: none reported',
    }),
    present: z.boolean().optional().meta({ description: 'The "there were" flag itself' }),
  })
  .refine(
    (c) => c.min !== undefined || c.max !== undefined || c.there !== undefined || c.present !== undefined,
    {
      message: 'give min, max, there or present',
    },
  )
  .refine((c) => c.min === undefined || c.max === undefined || c.min <= c.max, {
    message: 'min must not exceed max',
    path: ['min'],
  })
  .meta({ id: 'EffectCondition' });
/** An effect condition. */
export type EffectCondition = z.infer<typeof EffectConditionSchema>;

const EXTRA_OPERATORS = ['min', 'max', 'equals', 'contains', 'in', 'is'] as const;

/** A condition on an extra field, by its key; the operators must fit the field's type. */
export const ExtraConditionSchema = z
  .strictObject({
    field: z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,62}$/, 'must be an extra-field key'),
    min: z.union([z.number(), z.iso.date()]).optional().meta({ description: 'Numbers and dates' }),
    max: z.union([z.number(), z.iso.date()]).optional().meta({ description: 'Numbers and dates' }),
    equals: z
      .union([z.string().max(2000), z.number()])
      .optional()
      .meta({ description: 'Text, numbers, list codes' }),
    contains: z.string().min(1).max(200).optional().meta({ description: 'Text and memo (case-insensitive)' }),
    in: z.array(z.string().max(60)).min(1).max(MAX_VALUES).optional().meta({
      description: 'List and multi-choice codes (any of them)',
    }),
    is: z.boolean().optional().meta({ description: 'Yes/no fields' }),
  })
  .refine((c) => EXTRA_OPERATORS.some((op) => c[op] !== undefined), {
    message: `give one of ${EXTRA_OPERATORS.join(', ')}`,
  })
  .meta({ id: 'ExtraCondition' });
/** An extra-field condition. */
export type ExtraCondition = z.infer<typeof ExtraConditionSchema>;

/** The filter spec. Every key is optional; an empty filter means every published card. */
export const FilterSchema = z
  .strictObject({
    status: StatusFilterSchema.optional(),
    eventTypes: refs('Event types by id or code'),
    hazards: texts('Hazard codes (UNDRR-ISC HIPs) the event types map to'),
    hazardClusters: texts('Hazard clusters by code or name'),
    causes: refs('Causes by id or code'),
    geoUnits: refs('Geographic units by id or code, each with every unit below it'),
    from: PartialDateTextSchema.optional().meta({
      description: "Card start on or after this period's start",
    }),
    to: PartialDateTextSchema.optional().meta({ description: "Card start on or before this period's end" }),
    effects: z.array(EffectConditionSchema).min(1).max(50).optional(),
    effectsJoin: z
      .enum(['and', 'or'])
      .optional()
      .meta({ description: 'How effect conditions join (default and)' }),
    sectors: z
      .array(z.enum(SECTOR_KEYS))
      .min(1)
      .optional()
      .meta({ description: 'Any of these sectors affected' }),
    text: z.string().trim().min(1).max(200).optional().meta({
      description: 'Case-insensitive text in any text field (place, comments, sources, magnitude, …)',
    }),
    glide: texts('GLIDE numbers of the card or of its disaster event (case-insensitive)'),
    serial: texts('Card serials (exact)'),
    extra: z.array(ExtraConditionSchema).min(1).max(50).optional(),
    disasterEvents: z.array(z.uuid()).min(1).max(MAX_VALUES).optional(),
  })
  .meta({ id: 'Filter', description: 'Which datacards count; conditions are ANDed' });

/** A filter spec. */
export type Filter = z.infer<typeof FilterSchema>;
