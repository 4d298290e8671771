/**
 * Create, read, update and delete of one tenant-owned catalogue record, shared by event types,
 * causes, disaster events, extra fields and their tabs: tenant-scoped, versioned and audited.
 * Each entity supplies a RecordSpec with its queries and rules.
 */
import { type SQL, sql } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Db, Executor } from '../../db/engine.ts';
import { queryRows } from '../../db/query.ts';
import { AppError, isUuid, notFound, versionConflict } from '../../shared/errors.ts';
import type { Role } from '../../shared/roles.ts';
import { recordAudit } from '../audit.ts';
import { requireRole, requireTenantAdmin } from '../authz.ts';
import { type RequestContext, tenantOf } from '../context.ts';

/** Everything the generic operations need to know about one kind of record. */
export interface RecordSpec<Key extends number | string, Item, Create> {
  /** Words for messages, e.g. 'event type'. */
  entity: string;
  /** audit_log.entity, e.g. 'event_type'. */
  auditEntity: string;
  /** The table, locked and deleted by (tenant_id, id). */
  table: PgTable;
  /** False for tables without a version column (tabs). */
  versioned: boolean;
  /** The key of a path id, or null when it cannot name a record (then 404). */
  parseKey(raw: string): Key | null;
  load(ex: Executor, tenantId: number, key: Key): Promise<Item | undefined>;
  /** Throws 400/409 when the input (merged over `current` on update) breaks a rule. */
  check(
    ex: Executor,
    tenantId: number,
    input: Partial<Create>,
    current: Item | null,
    key: Key | null,
  ): Promise<void>;
  insert(ex: Executor, tenantId: number, input: Create): Promise<Key>;
  update(ex: Executor, tenantId: number, key: Key, fields: Partial<Create>): Promise<void>;
  /** The least role that may create, change and delete (default admin: catalogues are the admins'). */
  writer?: Role;
  /** Throws 403 when this caller may not change or delete this particular record (e.g. not its owner). */
  mayChange?(ctx: RequestContext, current: Item): void;
  /** The least role that may read (default: whoever may enter the tenant, anonymous included for public ones). */
  reader?: Role;
  /** Why the record cannot be deleted (409 in_use), or null. */
  blockers?(ex: Executor, tenantId: number, key: Key, current: Item): Promise<string | null>;
}

/** Parse a positive integer id (an id no int4 column could hold names no record). */
export const parseIntKey = (raw: string): number | null => (/^[1-9]\d{0,8}$/.test(raw) ? Number(raw) : null);
/** Parse a uuid id. */
export const parseUuidKey = (raw: string): string | null => (isUuid(raw) ? raw.toLowerCase() : null);

/** The version bump and timestamp every versioned update sets. */
export const bumpVersion = (version: PgColumn) => ({ version: sql`${version} + 1`, updatedAt: sql`now()` });

/** Catalogues are changed by tenant admins (and superadmins), other records by the spec's writer role. */
function assertWriter(ctx: RequestContext, spec: { writer?: Role; entity: string }): void {
  const writer = spec.writer ?? 'admin';
  if (writer === 'admin') requireTenantAdmin(ctx, `change ${spec.entity} records`);
  else requireRole(ctx, writer, `change ${spec.entity} records`);
}

/** Records of a spec with a reader role are hidden from those below it. */
export function assertReader(ctx: RequestContext, spec: { reader?: Role; entity: string }): void {
  if (spec.reader) requireRole(ctx, spec.reader, `see ${spec.entity} records`, false);
}

const byId = (tenantId: number, key: number | string): SQL => sql`tenant_id = ${tenantId} and id = ${key}`;

/** Get one record of the context's tenant (404 when absent or malformed). */
export async function getRecord<K extends number | string, I, C>(
  db: Db,
  ctx: RequestContext,
  spec: RecordSpec<K, I, C>,
  raw: string,
): Promise<I> {
  assertReader(ctx, spec);
  const tenant = tenantOf(ctx);
  const key = spec.parseKey(raw);
  const item = key === null ? undefined : await spec.load(db, tenant.id, key);
  if (!item) throw notFound(spec.entity, raw);
  return item;
}

/** Create a record in the context's tenant. */
export async function createRecord<K extends number | string, I, C>(
  db: Db,
  ctx: RequestContext,
  spec: RecordSpec<K, I, C>,
  input: C,
): Promise<I> {
  assertWriter(ctx, spec);
  const tenant = tenantOf(ctx);
  return db.transaction(async (tx) => {
    await spec.check(tx, tenant.id, input, null, null);
    const key = await spec.insert(tx, tenant.id, input);
    const after = (await spec.load(tx, tenant.id, key))!;
    await recordAudit(tx, ctx, {
      tenantId: tenant.id,
      action: 'create',
      entity: spec.auditEntity,
      entityId: key,
      after,
    });
    return after;
  });
}

/** Lock a record for change; 404 when absent, 409 when `version` is stale. */
async function lockCurrent<K extends number | string, I, C>(
  tx: Executor,
  tenantId: number,
  spec: RecordSpec<K, I, C>,
  raw: string,
  version: number | undefined,
): Promise<{ key: K; current: I }> {
  const key = spec.parseKey(raw);
  const column = spec.versioned ? sql`version` : sql`null::int`;
  const [row] =
    key === null
      ? []
      : await queryRows<{ version: number | null }>(
          tx,
          sql`select ${column} as version from ${spec.table} where ${byId(tenantId, key)} for update`,
        );
  if (!row || key === null) throw notFound(spec.entity, raw);
  if (row.version !== null && version !== undefined && row.version !== version)
    throw versionConflict(spec.entity, raw, row.version);
  return { key, current: (await spec.load(tx, tenantId, key))! };
}

/** Update some fields of a record; `version` must be the one the caller read. */
export async function updateRecord<K extends number | string, I, C>(
  db: Db,
  ctx: RequestContext,
  spec: RecordSpec<K, I, C>,
  raw: string,
  patch: Partial<C> & { version?: number },
): Promise<I> {
  assertWriter(ctx, spec);
  const tenant = tenantOf(ctx);
  return db.transaction(async (tx) => {
    const { version, ...fields } = patch;
    const { key, current } = await lockCurrent(tx, tenant.id, spec, raw, version);
    spec.mayChange?.(ctx, current);
    const changes = fields as Partial<C>;
    await spec.check(tx, tenant.id, changes, current, key);
    await spec.update(tx, tenant.id, key, changes);
    const after = (await spec.load(tx, tenant.id, key))!;
    await recordAudit(tx, ctx, {
      tenantId: tenant.id,
      action: 'update',
      entity: spec.auditEntity,
      entityId: key,
      before: current,
      after,
    });
    return after;
  });
}

/** Delete a record (409 in_use while others refer to it); `version` must be the one the caller read. */
export async function deleteRecord<K extends number | string, I, C>(
  db: Db,
  ctx: RequestContext,
  spec: RecordSpec<K, I, C>,
  raw: string,
  version?: number,
): Promise<void> {
  assertWriter(ctx, spec);
  const tenant = tenantOf(ctx);
  await db.transaction(async (tx) => {
    const { key, current } = await lockCurrent(tx, tenant.id, spec, raw, version);
    spec.mayChange?.(ctx, current);
    const blocker = await spec.blockers?.(tx, tenant.id, key, current);
    if (blocker) throw new AppError('in_use', blocker, { entity: spec.entity, id: String(key) });
    await tx.execute(sql`delete from ${spec.table} where ${byId(tenant.id, key)}`);
    await recordAudit(tx, ctx, {
      tenantId: tenant.id,
      action: 'delete',
      entity: spec.auditEntity,
      entityId: key,
      before: current,
    });
  });
}

/** The four record operations bound to one spec, for a module to export under its own names. */
export function recordService<K extends number | string, I, C>(spec: RecordSpec<K, I, C>) {
  return {
    get: (db: Db, ctx: RequestContext, id: string) => getRecord(db, ctx, spec, id),
    create: (db: Db, ctx: RequestContext, input: C) => createRecord(db, ctx, spec, input),
    update: (db: Db, ctx: RequestContext, id: string, patch: Partial<C> & { version?: number }) =>
      updateRecord(db, ctx, spec, id, patch),
    remove: (db: Db, ctx: RequestContext, id: string, version?: number) =>
      deleteRecord(db, ctx, spec, id, version),
  };
}
