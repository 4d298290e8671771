/** Create, update and soft-delete datacards: validated, tenant-scoped, versioned and audited. */
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Db, Executor } from '../../db/engine.ts';
import { datacards } from '../../db/schema/index.ts';
import { bboxWarnings, checkCoordinatePair } from '../../domain/coordinates.ts';
import { checkPartialDate } from '../../domain/dates.ts';
import { checkExtraValues } from '../../domain/extra-fields.ts';
import { type FieldIssue, isUuid, notFound, validationFailed, versionConflict } from '../../shared/errors.ts';
import type { Datacard, DatacardCreate, DatacardFields } from '../../shared/schemas/datacard.ts';
import { recordAudit } from '../audit.ts';
import { actorLabel, type RequestContext, tenantOf } from '../context.ts';
import { assertMayChange, assertMayCreate, canSee } from './access.ts';
import { type DatacardRow, fieldsToColumns, rowToDatacard } from './mapping.ts';
import { assertInScope, checkCatalogueRefs, loadExtraRules, loadUnit, type UnitInfo } from './references.ts';

/** The fields that define a card once an update is merged over the stored row. */
type Merged = Pick<
  DatacardRow,
  'startYear' | 'startMonth' | 'startDay' | 'latitude' | 'longitude' | 'geoUnitId' | 'extra'
>;

async function validate(
  tx: Executor,
  ctx: RequestContext,
  input: DatacardFields,
  merged: Merged,
): Promise<{ unit: UnitInfo | null; warnings: FieldIssue[] }> {
  const tenant = tenantOf(ctx);
  const issues: FieldIssue[] = [
    ...checkPartialDate(
      { year: merged.startYear, month: merged.startMonth, day: merged.startDay },
      new Date(),
    ),
    ...checkCoordinatePair(merged.latitude, merged.longitude),
  ];
  await checkCatalogueRefs(tx, tenant.id, input, issues);
  const unit = input.geoUnitId != null ? await loadUnit(tx, tenant.id, input.geoUnitId, issues) : null;
  if (input.extra !== undefined)
    issues.push(...checkExtraValues(merged.extra, await loadExtraRules(tx, tenant.id)));
  if (issues.length > 0) throw validationFailed(issues);
  if (unit) assertInScope(ctx, unit);
  return {
    unit,
    warnings: unit ? bboxWarnings(merged.latitude, merged.longitude, unit.bbox, unit.name) : [],
  };
}

/** Create a datacard in the context's tenant. */
export async function createDatacard(db: Db, ctx: RequestContext, input: DatacardCreate): Promise<Datacard> {
  assertMayCreate(ctx, input.status ?? undefined);
  const tenant = tenantOf(ctx);
  return db.transaction(async (tx) => {
    const merged: Merged = {
      startYear: input.startYear,
      startMonth: input.startMonth ?? null,
      startDay: input.startDay ?? null,
      latitude: input.latitude ?? null,
      longitude: input.longitude ?? null,
      geoUnitId: input.geoUnitId,
      extra: input.extra ?? {},
    };
    const { unit, warnings } = await validate(tx, ctx, input, merged);
    const [row] = await tx
      .insert(datacards)
      .values({
        ...fieldsToColumns(input),
        tenantId: tenant.id,
        eventTypeId: input.eventTypeId,
        geoUnitId: input.geoUnitId,
        startYear: input.startYear,
        geoAncestors: unit!.ancestors,
        createdBy: actorLabel(ctx),
        updatedBy: actorLabel(ctx),
      })
      .returning();
    const card = rowToDatacard(row!);
    await recordAudit(tx, ctx, {
      tenantId: tenant.id,
      action: 'create',
      entity: 'datacard',
      entityId: card.id,
      after: card,
    });
    return warnings.length ? { ...card, warnings } : card;
  });
}

/** The live card, locked; a card the caller may not see is as absent as a missing one (404). */
export async function lockCurrent(tx: Executor, ctx: RequestContext, id: string): Promise<DatacardRow> {
  const tenantId = tenantOf(ctx).id;
  if (!isUuid(id)) throw notFound('datacard', id);
  const [row] = await tx
    .select()
    .from(datacards)
    .where(and(eq(datacards.tenantId, tenantId), eq(datacards.id, id), isNull(datacards.deletedAt)))
    .for('update');
  if (!row || !canSee(ctx, row)) throw notFound('datacard', id);
  return row;
}

/** Update some fields of a datacard; `version` must be the one the caller read. */
export async function updateDatacard(
  db: Db,
  ctx: RequestContext,
  id: string,
  patch: DatacardFields & { version: number },
): Promise<Datacard> {
  const tenant = tenantOf(ctx);
  return db.transaction(async (tx) => {
    const current = await lockCurrent(tx, ctx, id);
    if (current.version !== patch.version) throw versionConflict('datacard', id, current.version);
    assertMayChange(ctx, current, 'change', patch.status ?? undefined);
    assertInScope(ctx, {
      id: current.geoUnitId,
      ancestors: current.geoAncestors,
      bbox: null,
      name: 'of this datacard',
    });
    const { version: _version, ...fields } = patch;
    const merged: Merged = { ...current, ...(fieldsToColumns(fields) as Partial<Merged>) };
    const { unit, warnings } = await validate(tx, ctx, fields, merged);
    const [row] = await tx
      .update(datacards)
      .set({
        ...fieldsToColumns(fields),
        ...(unit ? { geoAncestors: unit.ancestors } : {}),
        version: sql`${datacards.version} + 1`,
        updatedBy: actorLabel(ctx),
        updatedAt: sql`now()`,
      })
      .where(and(eq(datacards.tenantId, tenant.id), eq(datacards.id, id)))
      .returning();
    const before = rowToDatacard(current);
    const after = rowToDatacard(row!);
    await recordAudit(tx, ctx, {
      tenantId: tenant.id,
      action: 'update',
      entity: 'datacard',
      entityId: id,
      before,
      after,
    });
    return warnings.length ? { ...after, warnings } : after;
  });
}

/** Soft-delete a datacard; `version` must be the one the caller read. */
export async function deleteDatacard(
  db: Db,
  ctx: RequestContext,
  id: string,
  version: number,
): Promise<void> {
  const tenant = tenantOf(ctx);
  await db.transaction(async (tx) => {
    const current = await lockCurrent(tx, ctx, id);
    if (current.version !== version) throw versionConflict('datacard', id, current.version);
    assertMayChange(ctx, current, 'delete');
    assertInScope(ctx, {
      id: current.geoUnitId,
      ancestors: current.geoAncestors,
      bbox: null,
      name: 'of this datacard',
    });
    await tx
      .update(datacards)
      .set({
        deletedAt: sql`now()`,
        version: sql`${datacards.version} + 1`,
        updatedBy: actorLabel(ctx),
        updatedAt: sql`now()`,
      })
      .where(and(eq(datacards.tenantId, tenant.id), eq(datacards.id, id)));
    await recordAudit(tx, ctx, {
      tenantId: tenant.id,
      action: 'delete',
      entity: 'datacard',
      entityId: id,
      before: rowToDatacard(current),
    });
  });
}
