/** Disaster event API schemas: optional groupings of datacards into one disaster. */
import { z } from 'zod';
import { IsoDateSchema, PageQuerySchema, VersionSchema } from './common.ts';

/** A GLIDE number such as FL-2020-000123-KAZ (hazard, year, number, optional ISO3 country). */
export const GlideSchema = z
  .string()
  .regex(
    /^[A-Z]{2}-\d{4}-\d{1,6}(-[A-Z]{3})?$/,
    'must be a GLIDE number like FL-2020-000123-KAZ: two upper-case letters, year, number, optional country',
  )
  .meta({ example: 'FL-2020-000123-KAZ' });

const writable = {
  name: z.string().min(1).max(300),
  glide: GlideSchema.nullable().optional(),
  hazardCode: z
    .string()
    .min(1)
    .max(20)
    .nullable()
    .optional()
    .meta({ description: 'A code of GET /api/hazards' }),
  startDate: IsoDateSchema.nullable().optional(),
  endDate: IsoDateSchema.nullable().optional().meta({ description: 'Not before startDate' }),
  parentId: z.uuid().nullable().optional().meta({ description: 'The event this one cascades from' }),
  description: z.string().max(5000).nullable().optional(),
};

/** Body of POST /disaster-events. */
export const DisasterEventCreateSchema = z.strictObject(writable).meta({ id: 'DisasterEventCreate' });
/** A new disaster event. */
export type DisasterEventCreate = z.infer<typeof DisasterEventCreateSchema>;

/** Body of PATCH /disaster-events/{id}. */
export const DisasterEventPatchSchema = z
  .strictObject(writable)
  .partial()
  .extend({ version: VersionSchema })
  .meta({ id: 'DisasterEventPatch' });

/** A disaster event as the API returns it. */
export const DisasterEventSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    glide: z.string().nullable(),
    hazardCode: z.string().nullable(),
    hazardName: z.string().nullable().meta({ description: "The hazard's English name" }),
    startDate: z.string().nullable(),
    endDate: z.string().nullable(),
    parentId: z.uuid().nullable(),
    description: z.string().nullable(),
    version: z.number().int(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'DisasterEvent' });

/** A disaster event (TypeScript view). */
export type DisasterEvent = z.infer<typeof DisasterEventSchema>;

/** Query of GET /disaster-events. */
export const DisasterEventListQuerySchema = PageQuerySchema.extend({
  q: z.string().max(200).optional().meta({ description: 'Text in the name or GLIDE number' }),
  hazardCode: z.string().max(20).optional(),
  year: z.coerce
    .number()
    .int()
    .min(1)
    .max(9999)
    .optional()
    .meta({ description: 'Events whose start-end period touches this year' }),
});

/** Options of a disaster event list. */
export type DisasterEventListQuery = z.infer<typeof DisasterEventListQuerySchema>;
