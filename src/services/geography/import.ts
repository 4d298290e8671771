/**
 * Imports units read from GeoJSON into one level, all or nothing. Units are matched by code and
 * validFrom, so importing the same file again updates names, boundaries and parents in place
 * instead of duplicating. With a validFrom date the file is a new version of the level: units of
 * the previous version continue, end or get successors with predecessor links (see version.ts).
 * Each run is recorded in import_runs (failed ones too).
 */
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db, Executor } from '../../db/engine.ts';
import { geoUnits, importRuns } from '../../db/schema/index.ts';
import { recordAudit } from '../audit.ts';
import { requireTenantAdmin } from '../authz.ts';
import { actorLabel, type RequestContext, tenantOf } from '../context.ts';
import { type ImportUnit, importProblems } from './geojson.ts';
import { findGeoLevel, insertGeoLevel } from './levels.ts';
import type { UnitLinkRow } from './links-file.ts';
import { auditView, childPath, type GeoUnitRow, shapeColumns } from './mapping.ts';
import { moveSubtree } from './move.ts';
import { loadLinks } from './read.ts';
import { allocateUnitIds, type ParentRef } from './rules.ts';
import {
  checkLinks,
  endUnits,
  loadPreviousVersion,
  type PlannedLink,
  planLinks,
  writeLinks,
} from './version.ts';

/** One import: the units of a file, for one level. */
export interface GeographyImport {
  fileName: string;
  level: number;
  /** English name of the level, when the import creates it (default "Level N"). */
  levelName?: string;
  validFrom: string | null;
  units: ImportUnit[];
  /** Predecessor -> successor links of a new version (needs validFrom). */
  links?: UnitLinkRow[];
}

/** What an import did. */
export interface GeographyImportResult {
  runId: string;
  levelCreated: boolean;
  created: number;
  updated: number;
  unchanged: number;
  /** Units of the previous version that ended on validFrom. */
  ended: number;
  /** Predecessor -> successor links written (implicit ones included). */
  linked: number;
}

/** JSON with sorted keys, so a stored jsonb value and a parsed file compare equal. */
const canonical = (v: unknown): string =>
  JSON.stringify(v, (_k, x: unknown) =>
    x && typeof x === 'object' && !Array.isArray(x)
      ? Object.fromEntries(Object.entries(x as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1)))
      : x,
  );

/** Units one level up that are valid on the import's date (today without one), by code. */
async function loadParents(tx: Executor, tenantId: number, input: GeographyImport) {
  const day = sql`coalesce(${input.validFrom}::date, current_date)`;
  const rows = await tx
    .select({ id: geoUnits.id, level: geoUnits.level, path: geoUnits.path, code: geoUnits.code })
    .from(geoUnits)
    .where(
      and(
        eq(geoUnits.tenantId, tenantId),
        eq(geoUnits.level, input.level - 1),
        sql`(${geoUnits.validFrom} is null or ${geoUnits.validFrom} <= ${day})`,
        sql`(${geoUnits.validTo} is null or ${geoUnits.validTo} > ${day})`,
      ),
    )
    .orderBy(sql`${geoUnits.validFrom} asc nulls first`)
    .for('share');
  // The latest version of a code wins (later rows overwrite earlier ones).
  return new Map<string, ParentRef>(rows.map((r) => [r.code, r]));
}

/** Stored units with the file's codes and the same validFrom, by code. */
async function loadExisting(tx: Executor, tenantId: number, input: GeographyImport) {
  const found = new Map<string, GeoUnitRow>();
  const codes = input.units.map((u) => u.code);
  for (let i = 0; i < codes.length; i += 1000) {
    const rows = await tx
      .select()
      .from(geoUnits)
      .where(
        and(
          eq(geoUnits.tenantId, tenantId),
          inArray(geoUnits.code, codes.slice(i, i + 1000)),
          sql`${geoUnits.validFrom} is not distinct from ${input.validFrom}::date`,
        ),
      );
    for (const row of rows) found.set(row.code, row);
  }
  return found;
}

/** Insert new units; returns their ids by code. */
async function insertUnits(
  tx: Executor,
  ctx: RequestContext,
  input: GeographyImport,
  units: { unit: ImportUnit; parent: ParentRef | null }[],
  links: readonly PlannedLink[],
): Promise<Map<string, number>> {
  const tenantId = tenantOf(ctx).id;
  const ids = await allocateUnitIds(tx, units.length);
  const values = units.map(({ unit, parent }, i) => ({
    tenantId,
    id: ids[i]!,
    level: input.level,
    code: unit.code,
    parentId: parent?.id ?? null,
    path: childPath(parent?.path ?? null, ids[i]!),
    names: unit.names,
    ...shapeColumns(unit.geometry),
    validFrom: input.validFrom,
  }));
  for (let i = 0; i < values.length; i += 100) {
    const rows = await tx
      .insert(geoUnits)
      .values(values.slice(i, i + 100))
      .returning();
    for (const row of rows) {
      const predecessorIds = links
        .filter((l) => l.successorCode === row.code)
        .map((l) => l.predecessor.id)
        .sort((a, b) => a - b);
      const after = auditView(row, { predecessorIds, successorIds: [] });
      await recordAudit(tx, ctx, { tenantId, action: 'create', entity: 'geo_unit', entityId: row.id, after });
    }
  }
  return new Map(values.map((v) => [v.code, v.id]));
}

/** Apply the file's names (merged over stored ones), boundary and parent; false when nothing changed. */
async function updateUnit(
  tx: Executor,
  ctx: RequestContext,
  row: GeoUnitRow,
  unit: ImportUnit,
  parent: ParentRef | null,
): Promise<boolean> {
  const tenantId = tenantOf(ctx).id;
  const names = { ...row.names, ...unit.names };
  const namesChanged = canonical(names) !== canonical(row.names);
  // A feature without geometry keeps the stored boundary.
  const shapeChanged = unit.geometry !== null && canonical(unit.geometry) !== canonical(row.geometry);
  const parentChanged = (parent?.id ?? null) !== row.parentId;
  if (!namesChanged && !shapeChanged && !parentChanged) return false;
  if (parentChanged) await moveSubtree(tx, tenantId, row, parent?.path ?? null);
  const where = and(eq(geoUnits.tenantId, tenantId), eq(geoUnits.id, row.id));
  const [updated] = await tx
    .update(geoUnits)
    .set({
      names,
      parentId: parent?.id ?? null,
      ...(shapeChanged ? shapeColumns(unit.geometry) : {}),
      version: sql`${geoUnits.version} + 1`,
      updatedAt: sql`now()`,
    })
    .where(where)
    .returning();
  const links = await loadLinks(tx, tenantId, row.id);
  await recordAudit(tx, ctx, {
    tenantId,
    action: 'update',
    entity: 'geo_unit',
    entityId: row.id,
    before: auditView(row, links),
    after: auditView(updated!, links),
  });
  return true;
}

async function runImport(tx: Executor, ctx: RequestContext, input: GeographyImport, startedAt: string) {
  const tenantId = tenantOf(ctx).id;
  const found = await findGeoLevel(tx, tenantId, input.level);
  const levelCreated = !found;
  const level =
    found ??
    (await insertGeoLevel(tx, ctx, {
      level: input.level,
      names: { en: input.levelName ?? `Level ${input.level}` },
    }));
  const parents = input.level > 1 ? await loadParents(tx, tenantId, input) : new Map<string, ParentRef>();
  const existing = await loadExisting(tx, tenantId, input);
  const previous = input.validFrom
    ? await loadPreviousVersion(tx, tenantId, input.level, input.validFrom)
    : new Map<string, GeoUnitRow>();
  const links = input.links ?? [];
  const problems = checkLinks(links, previous, input.units, input.level, input.validFrom);
  const predecessors = new Set(links.map((l) => l.predecessorCode));
  const plan = input.units.map((unit) => {
    const where = `feature #${unit.feature} (${unit.code})`;
    const parent = unit.parentCode === null ? null : (parents.get(unit.parentCode) ?? null);
    if (input.level === 1 && unit.parentCode !== null)
      problems.push(`${where}: a level-1 unit has no parent`);
    else if (input.level > 1 && !parent) {
      problems.push(
        `${where}: parent code ${unit.parentCode ?? '(none)'} not found at level ${input.level - 1}`,
      );
    }
    if (level.codeLength && unit.code.length !== level.codeLength) {
      problems.push(`${where}: codes at level ${input.level} have ${level.codeLength} characters`);
    }
    // A unit of the previous version continues unless a link ends it or it moved to another parent.
    const before = previous.get(unit.code);
    const continues = before && !predecessors.has(unit.code) && before.parentId === (parent?.id ?? null);
    const row = existing.get(unit.code) ?? (continues ? before : undefined);
    if (row && row.level !== input.level)
      problems.push(`${where}: the code is already used at level ${row.level}`);
    return { unit, parent, row };
  });
  if (input.level > 1 && plan.every((p) => !p.parent)) {
    problems.unshift(
      `no parent code of the file exists at level ${input.level - 1}: is the parent property right?`,
    );
  }
  if (problems.length > 0) throw importProblems(input.fileName, problems);
  const kept = new Set(plan.map((p) => p.row?.id));
  const ending = [...previous.values()].filter((r) => !kept.has(r.id));
  const planned = planLinks(links, previous, ending, input.units);
  const idOf = await insertUnits(
    tx,
    ctx,
    input,
    plan.filter((p) => !p.row),
    planned,
  );
  for (const p of plan) if (p.row) idOf.set(p.unit.code, p.row.id);
  let updated = 0;
  for (const p of plan) if (p.row && (await updateUnit(tx, ctx, p.row, p.unit, p.parent))) updated++;
  const linked = await writeLinks(tx, tenantId, planned, idOf);
  const ended = input.validFrom ? await endUnits(tx, ctx, ending, input.validFrom) : 0;
  const counts = {
    created: plan.filter((p) => !p.row).length,
    updated,
    unchanged: plan.filter((p) => p.row).length - updated,
    ended,
    linked,
  };
  const [run] = await tx
    .insert(importRuns)
    .values({
      tenantId,
      kind: 'geography',
      fileName: input.fileName,
      status: 'succeeded',
      actor: actorLabel(ctx),
      startedAt,
      finishedAt: sql`now()`,
      counts,
      report: { level: input.level, validFrom: input.validFrom, levelCreated, links: links.length },
    })
    .returning({ id: importRuns.id });
  return { runId: run!.id, levelCreated, ...counts };
}

/** Import units into one level of the context's tenant, creating the level when missing. */
export async function importGeography(
  db: Db,
  ctx: RequestContext,
  input: GeographyImport,
): Promise<GeographyImportResult> {
  requireTenantAdmin(ctx, 'import geography');
  const tenant = tenantOf(ctx);
  const startedAt = new Date().toISOString();
  try {
    return await db.transaction((tx) => runImport(tx, ctx, input, startedAt));
  } catch (error) {
    // The transaction rolled back; keep a trace of the attempt, without masking the error.
    await db
      .insert(importRuns)
      .values({
        tenantId: tenant.id,
        kind: 'geography',
        fileName: input.fileName,
        status: 'failed',
        actor: actorLabel(ctx),
        startedAt,
        finishedAt: sql`now()`,
        report: { level: input.level, error: (error as Error).message },
      })
      .catch(() => {});
    throw error;
  }
}
