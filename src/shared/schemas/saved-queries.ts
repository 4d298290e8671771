/** Saved queries: a named filter spec plus the output options of one query kind. */
import { z } from 'zod';
import { QUERY_OPTIONS } from './analytics.ts';
import { VersionSchema } from './common.ts';
import { FilterSchema } from './filter.ts';

const { cursor: _cursor, page: _page, ...listOptions } = QUERY_OPTIONS.list;

/** The output options, tagged by query kind (a list keeps its columns and sort, never a page). */
export const SavedQueryOptionsSchema = z
  .discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('list'), ...listOptions }),
    z.strictObject({ kind: z.literal('totals'), ...QUERY_OPTIONS.totals }),
    z.strictObject({ kind: z.literal('statistics'), ...QUERY_OPTIONS.statistics }),
    z.strictObject({ kind: z.literal('crosstab'), ...QUERY_OPTIONS.crosstab }),
    z.strictObject({ kind: z.literal('timeseries'), ...QUERY_OPTIONS.timeseries }),
    z.strictObject({ kind: z.literal('map'), ...QUERY_OPTIONS.map }),
  ])
  .meta({
    id: 'SavedQueryOptions',
    description: 'The query kind and its options (the POST body without filter)',
  });
/** Saved output options. */
export type SavedQueryOptions = z.infer<typeof SavedQueryOptionsSchema>;

const writable = {
  name: z.string().trim().min(1, 'must not be blank').max(200),
  description: z.string().max(2000).nullable().optional(),
  filter: FilterSchema.optional(),
  options: SavedQueryOptionsSchema,
};

/** Body of POST /saved-queries. */
export const SavedQueryCreateSchema = z.strictObject(writable).meta({ id: 'SavedQueryCreate' });
/** A new saved query. */
export type SavedQueryCreate = z.infer<typeof SavedQueryCreateSchema>;

/** Body of PATCH /saved-queries/{id}. */
export const SavedQueryPatchSchema = z
  .strictObject(writable)
  .partial()
  .extend({ version: VersionSchema })
  .meta({ id: 'SavedQueryPatch' });

/** A saved query as the API returns it. */
export const SavedQuerySchema = z
  .object({
    id: z.number().int(),
    name: z.string(),
    description: z.string().nullable(),
    filter: z.record(z.string(), z.unknown()),
    options: z.record(z.string(), z.unknown()),
    owner: z.string(),
    version: z.number().int(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'SavedQuery' });
/** A saved query (TypeScript view). */
export type SavedQuery = Omit<z.infer<typeof SavedQuerySchema>, 'filter' | 'options'> & {
  filter: z.infer<typeof FilterSchema>;
  options: SavedQueryOptions;
};
