/** Saved spreadsheet column mappings (import_mappings): tenant-scoped, versioned, audited, reused by name. */
import { and, asc, eq, type SQL } from 'drizzle-orm';
import type { Db, Executor } from '../../../db/engine.ts';
import { importMappings } from '../../../db/schema/index.ts';
import { mappingProblems, type TableMapping } from '../../../formats/table/mapping.ts';
import { AppError, notFound, validationFailed } from '../../../shared/errors.ts';
import { requireTenantAdmin } from '../../authz.ts';
import { bumpVersion, parseIntKey, type RecordSpec, recordService } from '../../catalogues/records.ts';
import { assertUnique } from '../../catalogues/references.ts';
import { actorLabel, type RequestContext, tenantOf } from '../../context.ts';
import { isoTimestamp } from '../../datacards/mapping.ts';
import type { ImportMapping, ImportMappingCreate } from './schemas.ts';

type Row = typeof importMappings.$inferSelect;

const present = (r: Row): ImportMapping => ({
  id: r.id,
  name: r.name,
  mapping: r.mapping as TableMapping,
  createdBy: r.createdBy,
  version: r.version,
  createdAt: isoTimestamp(r.createdAt),
  updatedAt: isoTimestamp(r.updatedAt),
});

const select = (ex: Executor, tenantId: number, where?: SQL) =>
  ex
    .select()
    .from(importMappings)
    .where(and(eq(importMappings.tenantId, tenantId), where))
    .orderBy(asc(importMappings.name));

/** A mapping must name its targets correctly and say where event, place and date come from. */
function checkMapping(mapping: TableMapping): void {
  const problems = mappingProblems(mapping, Object.keys(mapping.columns));
  if (problems.length > 0) {
    throw validationFailed(
      problems.map((message) => ({ path: 'mapping', code: 'invalid_mapping', message })),
    );
  }
}

/** The spec needs the actor for created_by; one spec per call keeps the shared core unchanged. */
function specFor(ctx: RequestContext): RecordSpec<number, ImportMapping, ImportMappingCreate> {
  return {
    reader: 'admin',
    entity: 'import mapping',
    auditEntity: 'import_mapping',
    table: importMappings,
    versioned: true,
    parseKey: parseIntKey,
    load: async (ex, tenantId, id) => (await select(ex, tenantId, eq(importMappings.id, id))).map(present)[0],
    async check(ex, tenantId, input, current, id) {
      if (input.mapping !== undefined) checkMapping(input.mapping);
      if (input.name !== undefined && input.name !== current?.name) {
        await assertUnique(ex, {
          table: importMappings,
          column: importMappings.name,
          what: 'A mapping named',
          tenantId,
          value: input.name,
          selfId: id,
        });
      }
    },
    async insert(ex, tenantId, input) {
      const [row] = await ex
        .insert(importMappings)
        .values({ tenantId, name: input.name, mapping: input.mapping, createdBy: actorLabel(ctx) })
        .returning({ id: importMappings.id });
      return row!.id;
    },
    async update(ex, tenantId, id, fields) {
      await ex
        .update(importMappings)
        .set({ ...fields, ...bumpVersion(importMappings.version) })
        .where(and(eq(importMappings.tenantId, tenantId), eq(importMappings.id, id)));
    },
  };
}

/** The tenant's saved mappings, by name. */
export async function listImportMappings(db: Db, ctx: RequestContext): Promise<ImportMapping[]> {
  requireTenantAdmin(ctx, 'see import mappings', false);
  return (await select(db, tenantOf(ctx).id)).map(present);
}

/** Get one saved mapping by id. */
export const getImportMapping = (db: Db, ctx: RequestContext, id: string) =>
  recordService(specFor(ctx)).get(db, ctx, id);
/** Save a new mapping (admin). */
export const createImportMapping = (db: Db, ctx: RequestContext, input: ImportMappingCreate) =>
  recordService(specFor(ctx)).create(db, ctx, input);
/** Rename or change a mapping; `version` must be the one the caller read. */
export const updateImportMapping = (
  db: Db,
  ctx: RequestContext,
  id: string,
  patch: Partial<ImportMappingCreate> & { version?: number },
) => recordService(specFor(ctx)).update(db, ctx, id, patch);
/** Delete a saved mapping. */
export const deleteImportMapping = (db: Db, ctx: RequestContext, id: string, version?: number) =>
  recordService(specFor(ctx)).remove(db, ctx, id, version);

/** A saved mapping by name (404 when the tenant has none of that name). */
export async function findImportMapping(db: Db, ctx: RequestContext, name: string): Promise<ImportMapping> {
  const [row] = await select(db, tenantOf(ctx).id, eq(importMappings.name, name));
  if (!row) throw notFound('import mapping', name);
  return present(row);
}

/** The mapping a request names: a saved mapping's name, or a mapping object. */
export async function mappingOf(
  db: Db,
  ctx: RequestContext,
  mapping: TableMapping | string,
): Promise<TableMapping> {
  if (typeof mapping !== 'string') return mapping;
  if (mapping.trim() === '') throw new AppError('validation_failed', 'the mapping name is empty');
  return (await findImportMapping(db, ctx, mapping)).mapping;
}
