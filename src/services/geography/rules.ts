/** The rules a unit's placement must follow: its level exists, its parent sits one level up, dates in order. */
import { and, eq, sql } from 'drizzle-orm';
import type { Executor } from '../../db/engine.ts';
import { queryRows } from '../../db/query.ts';
import { geoUnits } from '../../db/schema/index.ts';
import type { FieldIssue } from '../../shared/errors.ts';
import type { GeoLevel } from '../../shared/schemas/geography.ts';
import { findGeoLevel } from './levels.ts';

/** The parts of a parent unit that placing a child needs. */
export interface ParentRef {
  id: number;
  level: number;
  path: string;
}

/** The level of the tenant, or an issue on `level`. */
export async function loadLevel(
  tx: Executor,
  tenantId: number,
  level: number,
  issues: FieldIssue[],
): Promise<GeoLevel | null> {
  const found = await findGeoLevel(tx, tenantId, level);
  if (!found) {
    issues.push({
      path: 'level',
      code: 'unknown_reference',
      message: `level ${level} does not exist in this database; create it first`,
    });
  }
  return found;
}

/** A code must have the length its level prescribes, when the level prescribes one. */
export function checkCodeLength(level: GeoLevel | null, code: string, issues: FieldIssue[]): void {
  if (level?.codeLength && code.length !== level.codeLength) {
    issues.push({
      path: 'code',
      code: 'invalid_length',
      message: `codes at level ${level.level} have ${level.codeLength} characters; '${code}' has ${code.length}`,
    });
  }
}

/** Validity is the half-open period [validFrom, validTo): it must end after it starts. */
export function checkValidity(validFrom: string | null, validTo: string | null, issues: FieldIssue[]): void {
  if (validFrom && validTo && validTo <= validFrom) {
    issues.push({
      path: 'validTo',
      code: 'invalid_range',
      message: `must be after validFrom (${validFrom}); validTo is the first day the unit no longer exists`,
    });
  }
}

/** The parent of a level-`level` unit: required one level up below the top, forbidden at the top. */
export async function loadParent(
  tx: Executor,
  tenantId: number,
  level: number,
  parentId: number | null,
  issues: FieldIssue[],
): Promise<ParentRef | null> {
  if (level === 1) {
    if (parentId !== null)
      issues.push({ path: 'parentId', code: 'invalid_parent', message: 'a top-level unit has no parent' });
    return null;
  }
  if (parentId === null) {
    issues.push({
      path: 'parentId',
      code: 'required',
      message: `a level-${level} unit needs a parent at level ${level - 1}`,
    });
    return null;
  }
  const [parent] = await tx
    .select({ id: geoUnits.id, level: geoUnits.level, path: geoUnits.path })
    .from(geoUnits)
    .where(and(eq(geoUnits.tenantId, tenantId), eq(geoUnits.id, parentId)))
    // A concurrent move of the parent (which locks it for update) must finish before its path is read.
    .for('share');
  if (!parent) {
    issues.push({
      path: 'parentId',
      code: 'unknown_reference',
      message: `no geographic unit ${parentId} in this database`,
    });
    return null;
  }
  if (parent.level !== level - 1) {
    issues.push({
      path: 'parentId',
      code: 'invalid_parent',
      message: `unit ${parentId} is at level ${parent.level}; a level-${level} unit needs a parent at level ${level - 1}`,
    });
    return null;
  }
  return parent;
}

/** Reserve n unit ids up front, so each row is inserted with its final path. */
export async function allocateUnitIds(tx: Executor, n: number): Promise<number[]> {
  if (n === 0) return [];
  const rows = await queryRows<{ id: number }>(
    tx,
    sql`select nextval(pg_get_serial_sequence('geo_units', 'id'))::int as id from generate_series(1, ${n}::int)`,
  );
  return rows.map((r) => r.id);
}
