/** Checks that a datacard's references exist in its own tenant (and the actor's geo scope). */
import { and, eq } from 'drizzle-orm';
import type { Executor } from '../../db/engine.ts';
import {
  causes,
  disasterEvents,
  eventTypes,
  extraFieldDefinitions,
  geoUnits,
} from '../../db/schema/index.ts';
import type { BBox } from '../../domain/coordinates.ts';
import type { ExtraFieldRule } from '../../domain/extra-fields.ts';
import { AppError, type FieldIssue } from '../../shared/errors.ts';
import type { RequestContext } from '../context.ts';
import { pathIds } from '../geography/mapping.ts';

/** The parts of a geo unit a datacard needs. */
export interface UnitInfo {
  id: number;
  ancestors: number[];
  bbox: BBox | null;
  name: string;
}

/** Load a unit of the tenant, or add an issue. */
export async function loadUnit(
  tx: Executor,
  tenantId: number,
  id: number,
  issues: FieldIssue[],
): Promise<UnitInfo | null> {
  const [unit] = await tx
    .select()
    .from(geoUnits)
    .where(and(eq(geoUnits.tenantId, tenantId), eq(geoUnits.id, id)))
    .for('share'); // a concurrent move of the unit must not leave this card with stale ancestors
  if (!unit) {
    issues.push({
      path: 'geoUnitId',
      code: 'unknown_reference',
      message: `no geographic unit ${id} in this database`,
    });
    return null;
  }
  const hasBox =
    unit.bboxMinLon !== null &&
    unit.bboxMinLat !== null &&
    unit.bboxMaxLon !== null &&
    unit.bboxMaxLat !== null;
  return {
    id: unit.id,
    ancestors: pathIds(unit.path),
    bbox: hasBox
      ? {
          minLon: unit.bboxMinLon!,
          minLat: unit.bboxMinLat!,
          maxLon: unit.bboxMaxLon!,
          maxLat: unit.bboxMaxLat!,
        }
      : null,
    name: unit.names.en ?? Object.values(unit.names)[0] ?? unit.code,
  };
}

/** Refuse units outside the actor's geographic scope. */
export function assertInScope(ctx: RequestContext, unit: UnitInfo): void {
  if (ctx.geoScope && !unit.ancestors.some((id) => ctx.geoScope!.includes(id))) {
    throw new AppError('forbidden', `The unit ${unit.name} is outside your geographic scope.`);
  }
}

/** Add an issue for each catalogue reference that is not in the tenant. */
export async function checkCatalogueRefs(
  tx: Executor,
  tenantId: number,
  refs: { eventTypeId?: number | null; causeId?: number | null; disasterEventId?: string | null },
  issues: FieldIssue[],
): Promise<void> {
  if (refs.eventTypeId != null) {
    const [row] = await tx
      .select({ id: eventTypes.id })
      .from(eventTypes)
      .where(and(eq(eventTypes.tenantId, tenantId), eq(eventTypes.id, refs.eventTypeId)));
    if (!row)
      issues.push({
        path: 'eventTypeId',
        code: 'unknown_reference',
        message: `no event type ${refs.eventTypeId} in this database`,
      });
  }
  if (refs.causeId != null) {
    const [row] = await tx
      .select({ id: causes.id })
      .from(causes)
      .where(and(eq(causes.tenantId, tenantId), eq(causes.id, refs.causeId)));
    if (!row)
      issues.push({
        path: 'causeId',
        code: 'unknown_reference',
        message: `no cause ${refs.causeId} in this database`,
      });
  }
  if (refs.disasterEventId != null) {
    const [row] = await tx
      .select({ id: disasterEvents.id })
      .from(disasterEvents)
      .where(and(eq(disasterEvents.tenantId, tenantId), eq(disasterEvents.id, refs.disasterEventId)));
    if (!row) {
      issues.push({
        path: 'disasterEventId',
        code: 'unknown_reference',
        message: `no disaster event ${refs.disasterEventId} in this database`,
      });
    }
  }
}

/** The tenant's extra-field definitions as validation rules. */
export async function loadExtraRules(tx: Executor, tenantId: number): Promise<ExtraFieldRule[]> {
  return tx
    .select({
      key: extraFieldDefinitions.key,
      type: extraFieldDefinitions.type,
      required: extraFieldDefinitions.required,
      maxLength: extraFieldDefinitions.maxLength,
      options: extraFieldDefinitions.options,
    })
    .from(extraFieldDefinitions)
    .where(eq(extraFieldDefinitions.tenantId, tenantId));
}
