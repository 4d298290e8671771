/** Small zod building blocks shared by the API schemas. */
import { z } from 'zod';

/** Names per language, e.g. { en: 'Flood', ru: 'Наводнение' }. */
export const NamesSchema = z
  .record(
    z.string().regex(/^[a-z]{2,3}$/, 'language codes are 2-3 lower-case letters'),
    z.string().min(1).max(300),
  )
  .refine((names) => Object.keys(names).length > 0, 'at least one name is required')
  .meta({ id: 'Names', description: 'Names per language code', example: { en: 'Flood', ru: 'Наводнение' } });

/** A calendar date YYYY-MM-DD. */
export const IsoDateSchema = z.iso.date();

/** The version a client read; required on every update and delete (optimistic locking). */
export const VersionSchema = z
  .number()
  .int()
  .min(1)
  .meta({ description: 'The version you read; a stale one gives 409' });

/** Paging query parameters. */
export const PageQuerySchema = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(1000).default(50),
});

/** A page of results. */
export const pageOf = <T extends z.ZodType>(item: T, id: string) =>
  z
    .object({
      items: z.array(item),
      total: z.number().int(),
      page: z.number().int(),
      pageSize: z.number().int(),
    })
    .meta({ id });

/** The error body every failing request returns. */
export const ErrorSchema = z
  .object({
    error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }),
  })
  .meta({ id: 'Error' });
