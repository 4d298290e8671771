/** API shapes of the spreadsheet import: saved mappings, previews, checks and runs. */
import { z } from 'zod';
import { TableMappingSchema } from '../../../formats/table/mapping.ts';
import { VersionSchema } from '../../../shared/schemas/common.ts';

/** Body of POST /import-mappings. */
export const ImportMappingCreateSchema = z
  .strictObject({ name: z.string().trim().min(1).max(100), mapping: TableMappingSchema })
  .meta({ id: 'ImportMappingCreate' });
/** A new saved mapping. */
export type ImportMappingCreate = z.infer<typeof ImportMappingCreateSchema>;

/** Body of PATCH /import-mappings/{id}. */
export const ImportMappingPatchSchema = ImportMappingCreateSchema.partial()
  .extend({ version: VersionSchema })
  .meta({ id: 'ImportMappingPatch' });

/** A saved mapping as the API returns it. */
export const ImportMappingSchema = z
  .object({
    id: z.number().int(),
    name: z.string(),
    mapping: TableMappingSchema,
    createdBy: z.string(),
    version: z.number().int(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'ImportMapping' });
/** A saved mapping (TypeScript view). */
export type ImportMapping = z.infer<typeof ImportMappingSchema>;

/** Query of POST /table-imports/preview: which sheet and header row to read. */
export const PreviewQuerySchema = z.object({
  sheet: z.string().min(1).optional(),
  headerRow: z.coerce.number().int().min(1).optional(),
});

/** A cell shown in a preview. */
const PreviewCell = z.union([z.string(), z.number(), z.boolean(), z.null()]);

/** Response of POST /table-imports/preview. */
export const TablePreviewSchema = z
  .object({
    token: z.string().meta({ description: 'Names the upload in check and run calls (valid for a day)' }),
    name: z.string(),
    headers: z.array(z.string()),
    headerRow: z.number().int(),
    rows: z.array(z.array(PreviewCell)),
    suggestion: z.object({
      mapping: TableMappingSchema,
      matches: z.array(
        z.object({
          header: z.string(),
          target: z.string().nullable(),
          how: z.enum(['exact', 'dbf']).nullable(),
        }),
      ),
    }),
  })
  .meta({ id: 'TablePreview' });

/** Body of POST /table-imports/check. */
export const TableCheckSchema = z
  .strictObject({
    token: z.string(),
    mapping: z.union([
      TableMappingSchema,
      z.string().min(1).meta({ description: 'Name of a saved mapping' }),
    ]),
  })
  .meta({ id: 'TableCheck' });

/** Body of POST /table-imports/run. */
export const TableRunSchema = TableCheckSchema.extend({
  mode: z.enum(['all-or-nothing', 'per-row']).default('all-or-nothing'),
  dryRun: z.boolean().default(false),
}).meta({ id: 'TableRun' });

const Issue = z.object({ code: z.string(), message: z.string(), place: z.string().optional() });
const Counts = z.object({ created: z.number(), updated: z.number(), unchanged: z.number() });
const Totals = z.object({ cards: z.number(), sums: z.record(z.string(), z.number()) });

/** An import report (see services/imports/types.ts). */
export const ImportReportSchema = z
  .object({
    importId: z.string(),
    status: z.enum(['succeeded', 'failed', 'dry_run']),
    format: z.string(),
    source: z.string(),
    counts: z.record(z.string(), Counts),
    warnings: z.array(Issue),
    errors: z.array(Issue),
    unmapped: z.object({
      eventTypes: z.array(z.string()),
      causes: z.array(z.string()),
      geoUnits: z.array(z.string()),
    }),
    unknownTables: z.array(z.string()),
    unknownColumns: z.array(z.string()),
    totals: z.object({ all: Totals, published: Totals }),
    durationMs: z.number(),
  })
  .meta({ id: 'ImportReport' });

/** Response of check and run: the report, row figures and the values to map or create. */
export const TableImportResultSchema = z
  .object({
    report: ImportReportSchema,
    rows: z.number().int(),
    cards: z.number().int(),
    skippedRows: z.number().int(),
    unknown: z.object({
      eventTypes: z.array(z.string()),
      causes: z.array(z.string()),
      geoUnits: z.array(z.string()),
    }),
  })
  .meta({ id: 'TableImportResult' });
