/** Cause (DesInventar "causas") API schemas; event types extend the same catalogue shape. */
import { z } from 'zod';
import { NamesSchema, VersionSchema } from './common.ts';

/** A catalogue code: 1-60 characters, no control characters, no leading or trailing space. */
export const CatalogueCodeSchema = z
  .string()
  .min(1)
  .max(60)
  .regex(/^(?!\s)[^\p{Cc}]*(?<!\s)$/u, 'must not contain control characters or start/end with a space')
  .meta({ example: 'FLOOD' });

/** Position in lists (lower first). */
export const SortOrderSchema = z.number().int().min(0).max(1_000_000);

/** The writable fields every tenant catalogue entry has. */
export const catalogueFields = {
  code: CatalogueCodeSchema,
  names: NamesSchema,
  sortOrder: SortOrderSchema.optional(),
  active: z
    .boolean()
    .optional()
    .meta({ description: 'Inactive entries stay on old cards but are not offered' }),
};

/** The fields every tenant catalogue entry returns. */
export const catalogueOutput = {
  id: z.number().int(),
  code: z.string(),
  names: z.record(z.string(), z.string()),
  sortOrder: z.number().int(),
  active: z.boolean(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
};

/** Body of POST /causes. */
export const CauseCreateSchema = z.strictObject(catalogueFields).meta({ id: 'CauseCreate' });
/** A new cause. */
export type CauseCreate = z.infer<typeof CauseCreateSchema>;

/** Body of PATCH /causes/{id}. */
export const CausePatchSchema = z
  .strictObject(catalogueFields)
  .partial()
  .extend({ version: VersionSchema })
  .meta({ id: 'CausePatch' });

/** A cause as the API returns it. */
export const CauseSchema = z.object(catalogueOutput).meta({ id: 'Cause' });
/** A cause (TypeScript view). */
export type Cause = z.infer<typeof CauseSchema>;
