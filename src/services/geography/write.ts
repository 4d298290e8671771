/** Create, update (including moves) and delete geographic units: validated, tenant-scoped, versioned, audited. */
import { and, count, eq, inArray, or, sql } from 'drizzle-orm';
import type { Db, Executor } from '../../db/engine.ts';
import { datacards, geoUnitLinks, geoUnits } from '../../db/schema/index.ts';
import { AppError, type FieldIssue, validationFailed, versionConflict } from '../../shared/errors.ts';
import type { Geometry, GeoUnit, GeoUnitCreate, GeoUnitPatch } from '../../shared/schemas/geography.ts';
import { recordAudit } from '../audit.ts';
import { requireTenantAdmin } from '../authz.ts';
import { type RequestContext, tenantOf } from '../context.ts';
import { auditView, childPath, type GeoUnitLightRow, shapeColumns, toDetail } from './mapping.ts';
import { moveSubtree } from './move.ts';
import { loadLinks, loadUnitRow, parseUnitId } from './read.ts';
import { allocateUnitIds, checkCodeLength, checkValidity, loadLevel, loadParent } from './rules.ts';

async function checkPredecessors(tx: Executor, tenantId: number, ids: number[], issues: FieldIssue[]) {
  if (ids.length === 0) return;
  const found = await tx
    .select({ id: geoUnits.id })
    .from(geoUnits)
    .where(and(eq(geoUnits.tenantId, tenantId), inArray(geoUnits.id, ids)));
  const missing = ids.filter((id) => !found.some((f) => f.id === id));
  if (missing.length > 0) {
    issues.push({
      path: 'predecessorIds',
      code: 'unknown_reference',
      message: `no geographic unit ${missing.join(', ')} in this database`,
    });
  }
}

/** Create a unit in the context's tenant, below its parent, with bbox and centroid from its boundary. */
export async function createGeoUnit(db: Db, ctx: RequestContext, input: GeoUnitCreate): Promise<GeoUnit> {
  requireTenantAdmin(ctx, 'change geographic units');
  const tenant = tenantOf(ctx);
  return db.transaction(async (tx) => {
    const issues: FieldIssue[] = [];
    const level = await loadLevel(tx, tenant.id, input.level, issues);
    const parent = level
      ? await loadParent(tx, tenant.id, input.level, input.parentId ?? null, issues)
      : null;
    checkCodeLength(level, input.code, issues);
    checkValidity(input.validFrom ?? null, input.validTo ?? null, issues);
    const predecessorIds = [...new Set(input.predecessorIds ?? [])];
    await checkPredecessors(tx, tenant.id, predecessorIds, issues);
    if (issues.length > 0) throw validationFailed(issues);
    const [id] = await allocateUnitIds(tx, 1);
    const [row] = await tx
      .insert(geoUnits)
      .values({
        tenantId: tenant.id,
        id: id!,
        level: input.level,
        code: input.code,
        parentId: parent?.id ?? null,
        path: childPath(parent?.path ?? null, id!),
        names: input.names,
        ...shapeColumns(input.geometry ?? null),
        validFrom: input.validFrom ?? null,
        validTo: input.validTo ?? null,
      })
      .returning();
    if (predecessorIds.length > 0) {
      await tx
        .insert(geoUnitLinks)
        .values(predecessorIds.map((p) => ({ tenantId: tenant.id, predecessorId: p, successorId: id! })));
    }
    const links = { predecessorIds: predecessorIds.sort((a, b) => a - b), successorIds: [] };
    const created = auditView(row!, links);
    await recordAudit(tx, ctx, {
      tenantId: tenant.id,
      action: 'create',
      entity: 'geo_unit',
      entityId: id!,
      after: created,
    });
    return created;
  });
}

async function lockUnit(
  tx: Executor,
  tenantId: number,
  id: number,
  version: number,
): Promise<GeoUnitLightRow> {
  const row = await loadUnitRow(tx, tenantId, id, true);
  if (row.version !== version) throw versionConflict('geographic unit', id, row.version);
  return row;
}

/** Update a unit; a new parent moves its subtree and the datacards in it. `version` must be the one read. */
export async function updateGeoUnit(
  db: Db,
  ctx: RequestContext,
  id: string | number,
  patch: GeoUnitPatch,
): Promise<GeoUnit> {
  requireTenantAdmin(ctx, 'change geographic units');
  const tenant = tenantOf(ctx);
  const unitId = parseUnitId(id);
  return db.transaction(async (tx) => {
    const current = await lockUnit(tx, tenant.id, unitId, patch.version);
    const issues: FieldIssue[] = [];
    const moving = patch.parentId !== undefined && patch.parentId !== current.parentId;
    const parent = moving
      ? await loadParent(tx, tenant.id, current.level, patch.parentId ?? null, issues)
      : null;
    if (patch.code !== undefined && patch.code !== current.code) {
      checkCodeLength(await loadLevel(tx, tenant.id, current.level, issues), patch.code, issues);
    }
    checkValidity(
      patch.validFrom === undefined ? current.validFrom : patch.validFrom,
      patch.validTo === undefined ? current.validTo : patch.validTo,
      issues,
    );
    if (issues.length > 0) throw validationFailed(issues);
    const move = moving ? await moveSubtree(tx, tenant.id, current, parent?.path ?? null) : null;
    const { version: _v, geometry, ...fields } = patch;
    const [row] = await tx
      .update(geoUnits)
      .set({
        ...fields,
        ...(geometry === undefined ? {} : shapeColumns(geometry as Geometry | null)),
        version: sql`${geoUnits.version} + 1`,
        updatedAt: sql`now()`,
      })
      .where(and(eq(geoUnits.tenantId, tenant.id), eq(geoUnits.id, unitId)))
      .returning();
    const links = await loadLinks(tx, tenant.id, unitId);
    const after = auditView(row!, links);
    await recordAudit(tx, ctx, {
      tenantId: tenant.id,
      action: 'update',
      entity: 'geo_unit',
      entityId: unitId,
      before: toDetail(current, links),
      after: move ? { ...after, moved: move } : after,
    });
    return after;
  });
}

/** Delete a unit that has no child units and no datacards (else 409 in_use); its boundary links go with it. */
export async function deleteGeoUnit(
  db: Db,
  ctx: RequestContext,
  id: string | number,
  version: number,
): Promise<void> {
  requireTenantAdmin(ctx, 'change geographic units');
  const tenant = tenantOf(ctx);
  const unitId = parseUnitId(id);
  await db.transaction(async (tx) => {
    const current = await lockUnit(tx, tenant.id, unitId, version);
    const [children] = await tx
      .select({ n: count() })
      .from(geoUnits)
      .where(and(eq(geoUnits.tenantId, tenant.id), eq(geoUnits.parentId, unitId)));
    if (children && children.n > 0) {
      throw new AppError(
        'in_use',
        `The unit ${current.code} has ${children.n} child unit(s); move or delete them first.`,
        {
          children: children.n,
        },
      );
    }
    const [cards] = await tx
      .select({ n: count() })
      .from(datacards)
      .where(and(eq(datacards.tenantId, tenant.id), eq(datacards.geoUnitId, unitId)));
    if (cards && cards.n > 0) {
      throw new AppError(
        'in_use',
        `The unit ${current.code} has ${cards.n} datacard(s), deleted ones included.`,
        {
          datacards: cards.n,
        },
      );
    }
    const links = await loadLinks(tx, tenant.id, unitId);
    await tx
      .delete(geoUnitLinks)
      .where(
        and(
          eq(geoUnitLinks.tenantId, tenant.id),
          or(eq(geoUnitLinks.predecessorId, unitId), eq(geoUnitLinks.successorId, unitId)),
        ),
      );
    await tx.delete(geoUnits).where(and(eq(geoUnits.tenantId, tenant.id), eq(geoUnits.id, unitId)));
    await recordAudit(tx, ctx, {
      tenantId: tenant.id,
      action: 'delete',
      entity: 'geo_unit',
      entityId: unitId,
      before: toDetail(current, links),
    });
  });
}
