/** Geography API schemas: levels, units (with GeoJSON boundaries), the unit tree. */
import { z } from 'zod';
import { IsoDateSchema, NamesSchema, PageQuerySchema, VersionSchema } from './common.ts';

const Longitude = z
  .number()
  .min(-180, 'longitude must be at least -180')
  .max(180, 'longitude must be at most 180');
const Latitude = z.number().min(-90, 'latitude must be at least -90').max(90, 'latitude must be at most 90');
/** [longitude, latitude] with an optional altitude, as GeoJSON orders them. */
const PositionSchema = z.tuple([Longitude, Latitude], z.number());
const RingSchema = z
  .array(PositionSchema)
  .min(4, 'a ring needs at least 4 positions')
  .refine((ring) => {
    const first = ring[0];
    const last = ring.at(-1);
    return !first || !last || (first[0] === last[0] && first[1] === last[1]);
  }, 'a ring must end at its first position');
const PolygonCoordinates = z.array(RingSchema).min(1, 'a polygon needs an outer ring');

/** A boundary: GeoJSON Polygon or MultiPolygon in WGS 84 degrees. */
export const GeometrySchema = z
  .discriminatedUnion('type', [
    z.object({ type: z.literal('Polygon'), coordinates: PolygonCoordinates }),
    z.object({
      type: z.literal('MultiPolygon'),
      coordinates: z.array(PolygonCoordinates).min(1, 'a MultiPolygon needs a polygon'),
    }),
  ])
  .meta({ id: 'Geometry', description: 'GeoJSON Polygon or MultiPolygon, [longitude, latitude] positions' });

/** A boundary (TypeScript view). */
export type Geometry = z.infer<typeof GeometrySchema>;

const LevelNumber = z.number().int('must be a whole number').min(1, 'levels start at 1').max(20);
const CodeLength = z.number().int('must be a whole number').min(1).max(50);

/** Body of POST /geo-levels. */
export const GeoLevelCreateSchema = z
  .strictObject({ level: LevelNumber, names: NamesSchema, codeLength: CodeLength.nullable().optional() })
  .meta({ id: 'GeoLevelCreate' });

/** Body of PATCH /geo-levels/{level}. */
export const GeoLevelPatchSchema = z
  .strictObject({
    names: NamesSchema.optional(),
    codeLength: CodeLength.nullable().optional(),
    version: VersionSchema,
  })
  .meta({ id: 'GeoLevelPatch' });

/** An administrative level as returned by the API. */
export const GeoLevelSchema = z
  .object({
    level: z.number().int(),
    names: z.record(z.string(), z.string()),
    codeLength: z.number().int().nullable(),
    version: z.number().int(),
  })
  .meta({ id: 'GeoLevel' });

/** An administrative level (TypeScript view). */
export type GeoLevel = z.infer<typeof GeoLevelSchema>;

const UnitCode = z
  .string()
  .min(1, 'is required')
  .max(50, 'must be at most 50 characters')
  .regex(/^(\S(.*\S)?)?$/, 'must not start or end with a space');
const unitFields = {
  code: UnitCode,
  names: NamesSchema,
  parentId: z.number().int().positive('must be a positive id').nullable(),
  geometry: GeometrySchema.nullable(),
  validFrom: IsoDateSchema.nullable(),
  validTo: IsoDateSchema.nullable().meta({
    description: 'First day the unit no longer exists (validity is [validFrom, validTo))',
  }),
};

/** Body of POST /geo-units. */
export const GeoUnitCreateSchema = z
  .strictObject({
    code: unitFields.code,
    level: LevelNumber,
    parentId: unitFields.parentId.optional(),
    names: unitFields.names,
    geometry: unitFields.geometry.optional(),
    validFrom: unitFields.validFrom.optional(),
    validTo: unitFields.validTo.optional(),
    predecessorIds: z
      .array(z.number().int().positive('must be a positive id'))
      .max(100)
      .optional()
      .meta({ description: 'Units this one replaces (split, merge, rename)' }),
  })
  .meta({ id: 'GeoUnitCreate' });

/** A new unit (TypeScript view). */
export type GeoUnitCreate = z.infer<typeof GeoUnitCreateSchema>;

/** Body of PATCH /geo-units/{id}; a new parentId moves the unit with its whole subtree. */
export const GeoUnitPatchSchema = z
  .strictObject({
    code: unitFields.code.optional(),
    names: unitFields.names.optional(),
    parentId: unitFields.parentId.optional(),
    geometry: unitFields.geometry.optional(),
    validFrom: unitFields.validFrom.optional(),
    validTo: unitFields.validTo.optional(),
    version: VersionSchema,
  })
  .meta({ id: 'GeoUnitPatch' });

/** A unit update (TypeScript view). */
export type GeoUnitPatch = z.infer<typeof GeoUnitPatchSchema>;

const BBoxSchema = z
  .object({ minLon: z.number(), minLat: z.number(), maxLon: z.number(), maxLat: z.number() })
  .meta({ id: 'BBox' });

/** A unit in lists: everything but the boundary itself. */
export const GeoUnitSummarySchema = z
  .object({
    id: z.number().int(),
    code: z.string(),
    level: z.number().int(),
    parentId: z.number().int().nullable(),
    names: z.record(z.string(), z.string()),
    validFrom: z.string().nullable(),
    validTo: z.string().nullable(),
    placeholder: z.boolean(),
    bbox: BBoxSchema.nullable(),
    centroid: z.object({ lon: z.number(), lat: z.number() }).nullable(),
    version: z.number().int(),
  })
  .meta({ id: 'GeoUnitSummary' });

/** A unit in lists (TypeScript view). */
export type GeoUnitSummary = z.infer<typeof GeoUnitSummarySchema>;

/** One unit with its ancestors, boundary links and (when asked for) its boundary. */
export const GeoUnitSchema = GeoUnitSummarySchema.extend({
  ancestorIds: z.array(z.number().int()).meta({ description: 'From the top level down, without the unit' }),
  predecessorIds: z.array(z.number().int()),
  successorIds: z.array(z.number().int()),
  geometry: GeometrySchema.nullable().optional().meta({ description: 'Only with ?geometry=true' }),
  createdAt: z.string(),
  updatedAt: z.string(),
}).meta({ id: 'GeoUnit' });

/** One unit (TypeScript view). */
export type GeoUnit = z.infer<typeof GeoUnitSchema>;

/** A node of the unit tree (TypeScript view). */
export interface GeoUnitTreeNode {
  id: number;
  code: string;
  level: number;
  names: Record<string, string>;
  children: GeoUnitTreeNode[];
}

/** A node of the unit tree: the unit and its current children. */
export const GeoUnitTreeNodeSchema: z.ZodType<GeoUnitTreeNode> = z
  .object({
    id: z.number().int(),
    code: z.string(),
    level: z.number().int(),
    names: z.record(z.string(), z.string()),
    get children() {
      return z.array(GeoUnitTreeNodeSchema);
    },
  })
  .meta({ id: 'GeoUnitTreeNode' });

/** Query of GET /geo-units. */
export const GeoUnitListQuerySchema = z.object({
  ...PageQuerySchema.shape,
  level: z.coerce.number().int().min(1).optional(),
  parentId: z.coerce.number().int().positive().optional().meta({ description: 'Direct children of' }),
  q: z.string().min(1).max(100).optional().meta({ description: 'Part of a code or of a name, any language' }),
});

/** Query of GET /geo-units/{id}. */
export const GeoUnitGetQuerySchema = z.object({
  geometry: z.enum(['true', 'false']).optional().meta({ description: 'Include the GeoJSON boundary' }),
});

/** A list that is not paged. */
export const itemsOf = <T extends z.ZodType>(item: T, id: string) =>
  z.object({ items: z.array(item) }).meta({ id });
