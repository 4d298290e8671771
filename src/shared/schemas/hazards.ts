/** Hazard (UNDRR-ISC Hazard Information Profiles) API schemas: a global, read-only catalogue. */
import { z } from 'zod';
import { NamesSchema } from './common.ts';

/** A hazard code such as MH0600 (HIPs 2025); other classifications may use letters, digits, '.', '_', '-'. */
export const HazardCodeSchema = z
  .string()
  .regex(/^[A-Z0-9][A-Z0-9._-]{1,19}$/, 'must be 2-20 upper-case letters, digits, ., _ or -')
  .meta({ example: 'MH0600' });

const optionalText = (max: number) => z.string().min(1).max(max).nullable();

/** One hazard as an importer validates it (the same fields the API returns). */
export const HazardInputSchema = z.strictObject({
  code: HazardCodeSchema,
  names: NamesSchema,
  typeName: optionalText(200),
  clusterName: optionalText(200),
  clusterCode: optionalText(40),
  code2020: optionalText(20),
  umbrella: z.boolean(),
  definition: z.string().max(10000).nullable(),
});

/** A hazard as the API returns it. */
export const HazardSchema = z
  .object({
    code: z.string(),
    names: z.record(z.string(), z.string()),
    typeName: z
      .string()
      .nullable()
      .meta({ description: 'Hazard type, e.g. Meteorological and Hydrological' }),
    clusterName: z.string().nullable().meta({ description: 'Hazard cluster, e.g. Water-related' }),
    clusterCode: z.string().nullable().meta({ description: 'Cluster key, e.g. MET-WATER' }),
    code2020: z.string().nullable().meta({ description: 'The code of the same hazard in the 2020 HIPs' }),
    umbrella: z.boolean().meta({ description: 'An umbrella (chapeau) profile covering a group' }),
    definition: z.string().nullable(),
  })
  .meta({ id: 'Hazard' });

/** A hazard (TypeScript view). */
export type Hazard = z.infer<typeof HazardSchema>;

/** Query of GET /api/hazards. */
export const HazardListQuerySchema = z.object({
  q: z.string().max(100).optional().meta({ description: 'Text in the code or a name (any language)' }),
  type: z.string().max(200).optional().meta({ description: 'Hazard type name (case-insensitive)' }),
  cluster: z.string().max(200).optional().meta({ description: 'Cluster code or name (case-insensitive)' }),
});

/** Filters of a hazard list. */
export type HazardListQuery = z.infer<typeof HazardListQuerySchema>;

/** Path parameter {code} of GET /api/hazards/{code}. */
export const HazardParams = z.object({
  code: z.string().meta({ description: 'Hazard code', example: 'MH0600' }),
});
