/**
 * Saved queries: named, versioned and audited like the catalogues (same record core), and run
 * by kind. Their filters are checked against the tenant's catalogues when run, not when saved.
 */
import { and, asc, eq, type SQL } from 'drizzle-orm';
import type { Db, Executor } from '../../db/engine.ts';
import { savedQueries } from '../../db/schema/index.ts';
import { AppError } from '../../shared/errors.ts';
import type { QueryKind } from '../../shared/schemas/analytics.ts';
import { QUERY_SCHEMAS } from '../../shared/schemas/analytics.ts';
import type { SavedQuery, SavedQueryCreate } from '../../shared/schemas/saved-queries.ts';
import { hasRole, requireRole } from '../authz.ts';
import { bumpVersion, parseIntKey, type RecordSpec, recordService } from '../catalogues/records.ts';
import { assertUnique } from '../catalogues/references.ts';
import { actorLabel, type RequestContext, tenantOf } from '../context.ts';
import { isoTimestamp } from '../datacards/mapping.ts';
import { type QueryBody, queryTable, runQuery } from './queries.ts';

type Row = typeof savedQueries.$inferSelect;

const present = (r: Row): SavedQuery => ({
  id: r.id,
  name: r.name,
  description: r.description,
  filter: r.filter as SavedQuery['filter'],
  options: r.options as SavedQuery['options'],
  owner: r.owner,
  version: r.version,
  createdAt: isoTimestamp(r.createdAt),
  updatedAt: isoTimestamp(r.updatedAt),
});

const select = (ex: Executor, tenantId: number, where?: SQL) =>
  ex
    .select()
    .from(savedQueries)
    .where(and(eq(savedQueries.tenantId, tenantId), where))
    .orderBy(asc(savedQueries.name), asc(savedQueries.id));

const nameColumn = { table: savedQueries, column: savedQueries.name, what: 'A saved query named' };

/** The spec of the record core; the owner is the actor who saves, so it is filled in by the caller. */
const spec = (owner: string): RecordSpec<number, SavedQuery, SavedQueryCreate> => ({
  // Members save and share queries; anonymous visitors of a public tenant do not see them.
  writer: 'viewer',
  reader: 'viewer',
  mayChange(ctx, current) {
    if (current.owner !== actorLabel(ctx) && !hasRole(ctx, 'admin'))
      throw new AppError(
        'forbidden',
        'Only the owner of a saved query (or an admin) can change or delete it.',
      );
  },
  entity: 'saved query',
  auditEntity: 'saved_query',
  table: savedQueries,
  versioned: true,
  parseKey: parseIntKey,
  load: async (ex, tenantId, id) => (await select(ex, tenantId, eq(savedQueries.id, id))).map(present)[0],
  async check(ex, tenantId, input, current, id) {
    if (input.name !== undefined && input.name !== current?.name)
      await assertUnique(ex, { ...nameColumn, tenantId, value: input.name, selfId: id });
  },
  async insert(ex, tenantId, input) {
    const [row] = await ex
      .insert(savedQueries)
      .values({ ...input, filter: input.filter ?? {}, tenantId, owner })
      .returning({ id: savedQueries.id });
    return row!.id;
  },
  async update(ex, tenantId, id, fields) {
    await ex
      .update(savedQueries)
      .set({ ...fields, ...bumpVersion(savedQueries.version) })
      .where(and(eq(savedQueries.tenantId, tenantId), eq(savedQueries.id, id)));
  },
});

const service = (ctx: RequestContext) => recordService(spec(actorLabel(ctx)));

/** The tenant's saved queries, by name. */
export async function listSavedQueries(db: Db, ctx: RequestContext): Promise<SavedQuery[]> {
  requireRole(ctx, 'viewer', 'see saved queries', false);
  return (await select(db, tenantOf(ctx).id)).map(present);
}

/** One saved query (404 when not in the tenant). */
export const getSavedQuery = (db: Db, ctx: RequestContext, id: string) => service(ctx).get(db, ctx, id);
/** Save a query. */
export const createSavedQuery = (db: Db, ctx: RequestContext, input: SavedQueryCreate) =>
  service(ctx).create(db, ctx, input);
/** Change a saved query; `version` must be the one the caller read. */
export const updateSavedQuery = (
  db: Db,
  ctx: RequestContext,
  id: string,
  patch: Partial<SavedQueryCreate> & { version: number },
) => service(ctx).update(db, ctx, id, patch);
/** Delete a saved query. */
export const deleteSavedQuery = (db: Db, ctx: RequestContext, id: string, version: number) =>
  service(ctx).remove(db, ctx, id, version);

/** The kind and the full query body of a saved query. */
function bodyOf(saved: SavedQuery): { kind: QueryKind; body: QueryBody<QueryKind> } {
  const { kind, ...options } = saved.options;
  return { kind, body: QUERY_SCHEMAS[kind].parse({ filter: saved.filter, ...options }) };
}

/** Run a saved query: its result, as /query/{kind} would return it. */
export async function runSavedQuery(db: Db, ctx: RequestContext, id: string) {
  const { kind, body } = bodyOf(await getSavedQuery(db, ctx, id));
  return runQuery(db, ctx, kind, body);
}

/** A saved query's result as a table (for CSV/XLSX). */
export async function savedQueryTable(db: Db, ctx: RequestContext, id: string) {
  const saved = await getSavedQuery(db, ctx, id);
  const { kind, body } = bodyOf(saved);
  return { name: saved.name, kind, table: await queryTable(db, ctx, kind, body) };
}
