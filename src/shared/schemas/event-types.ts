/** Event type (DesInventar "eventos") API schemas: a tenant catalogue mapped to hazard codes. */
import { z } from 'zod';
import { catalogueFields, catalogueOutput } from './causes.ts';
import { VersionSchema } from './common.ts';

const writable = {
  ...catalogueFields,
  description: z.string().max(2000).nullable().optional(),
  hazardCode: z
    .string()
    .min(1)
    .max(20)
    .nullable()
    .optional()
    .meta({ description: 'A code of GET /api/hazards' }),
  parentId: z.number().int().positive().nullable().optional().meta({ description: 'Broader event type' }),
};

/** Body of POST /event-types. */
export const EventTypeCreateSchema = z.strictObject(writable).meta({ id: 'EventTypeCreate' });
/** A new event type. */
export type EventTypeCreate = z.infer<typeof EventTypeCreateSchema>;

/** Body of PATCH /event-types/{id}. */
export const EventTypePatchSchema = z
  .strictObject(writable)
  .partial()
  .extend({ version: VersionSchema })
  .meta({ id: 'EventTypePatch' });

/** An event type as the API returns it. */
export const EventTypeSchema = z
  .object({
    ...catalogueOutput,
    description: z.string().nullable(),
    hazardCode: z.string().nullable(),
    hazardName: z.string().nullable().meta({ description: "The hazard's English name" }),
    parentId: z.number().int().nullable(),
  })
  .meta({ id: 'EventType' });

/** An event type (TypeScript view). */
export type EventType = z.infer<typeof EventTypeSchema>;
