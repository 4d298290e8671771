/**
 * A new version of one level's boundaries (an import with a validFrom date): which units of the
 * previous version continue, which end, and which predecessor -> successor links to write.
 *
 * - The previous version is the level's units valid the day before validFrom.
 * - A unit of the file whose code is in the previous version continues (same row, updated in
 *   place) unless a link names it as a predecessor or its parent changed; then it gets a new row.
 * - Previous units that do not continue end: valid_to = validFrom (half-open validity).
 * - A previous unit that ends while its code is in the file is linked to its new row implicitly
 *   (share: what its explicit links leave, 1 - their shares, when all of them have one).
 * Links may name only previous units as predecessors and only units of the file as successors.
 */
import { and, eq, sql } from 'drizzle-orm';
import type { Executor } from '../../db/engine.ts';
import { geoUnitLinks, geoUnits } from '../../db/schema/index.ts';
import { recordAudit } from '../audit.ts';
import { type RequestContext, tenantOf } from '../context.ts';
import type { ImportUnit } from './geojson.ts';
import type { UnitLinkRow } from './links-file.ts';
import { auditView, type GeoUnitRow } from './mapping.ts';
import { loadLinks } from './read.ts';

/** A link to write: the predecessor row and the successor's code in the file. */
export interface PlannedLink {
  predecessor: GeoUnitRow;
  successorCode: string;
  share: number | null;
}

/** The units of `level` valid the day before `validFrom` (and not starting on it), by code. */
export async function loadPreviousVersion(
  tx: Executor,
  tenantId: number,
  level: number,
  validFrom: string,
): Promise<Map<string, GeoUnitRow>> {
  const rows = await tx
    .select()
    .from(geoUnits)
    .where(
      and(
        eq(geoUnits.tenantId, tenantId),
        eq(geoUnits.level, level),
        sql`(${geoUnits.validFrom} is null or ${geoUnits.validFrom} < ${validFrom}::date)`,
        sql`(${geoUnits.validTo} is null or ${geoUnits.validTo} >= ${validFrom}::date)`,
      ),
    )
    .orderBy(sql`${geoUnits.validFrom} asc nulls first`)
    .for('update');
  return new Map(rows.map((r) => [r.code, r]));
}

/** Problems of the links file against the previous version and the file's units. */
export function checkLinks(
  links: readonly UnitLinkRow[],
  previous: ReadonlyMap<string, GeoUnitRow>,
  units: readonly ImportUnit[],
  level: number,
  validFrom: string | null,
): string[] {
  if (links.length === 0) return [];
  if (validFrom === null) return ['links need a validFrom date: the day the new units start'];
  const inFile = new Set(units.map((u) => u.code));
  const problems: string[] = [];
  for (const l of links) {
    if (!previous.has(l.predecessorCode)) {
      problems.push(
        `links line ${l.line}: predecessor ${l.predecessorCode} is not a level-${level} unit valid before ${validFrom}`,
      );
    }
    if (!inFile.has(l.successorCode)) {
      problems.push(`links line ${l.line}: successor ${l.successorCode} is not in the file`);
    }
  }
  return problems;
}

/** Explicit links plus the implicit ones from ending units to their new row of the same code. */
export function planLinks(
  links: readonly UnitLinkRow[],
  previous: ReadonlyMap<string, GeoUnitRow>,
  ending: readonly GeoUnitRow[],
  units: readonly ImportUnit[],
): PlannedLink[] {
  const planned: PlannedLink[] = links.map((l) => ({
    predecessor: previous.get(l.predecessorCode)!,
    successorCode: l.successorCode,
    share: l.share,
  }));
  const inFile = new Set(units.map((u) => u.code));
  for (const row of ending) {
    if (
      !inFile.has(row.code) ||
      links.some((l) => l.predecessorCode === row.code && l.successorCode === row.code)
    )
      continue;
    const own = links.filter((l) => l.predecessorCode === row.code);
    const rest = 1 - own.reduce((sum, l) => sum + (l.share ?? 0), 0);
    const share = own.every((l) => l.share !== null) && rest > 1e-9 ? Math.round(rest * 1e9) / 1e9 : null;
    planned.push({ predecessor: row, successorCode: row.code, share });
  }
  return planned;
}

/** Write the links (already present ones are kept); returns how many are new. */
export async function writeLinks(
  tx: Executor,
  tenantId: number,
  links: readonly PlannedLink[],
  idOf: ReadonlyMap<string, number>,
): Promise<number> {
  if (links.length === 0) return 0;
  const rows = await tx
    .insert(geoUnitLinks)
    .values(
      links.map((l) => ({
        tenantId,
        predecessorId: l.predecessor.id,
        successorId: idOf.get(l.successorCode)!,
        share: l.share,
      })),
    )
    .onConflictDoNothing()
    .returning({ id: geoUnitLinks.predecessorId });
  return rows.length;
}

/** End units on `validFrom` (those already ending then are left alone); returns how many changed. */
export async function endUnits(
  tx: Executor,
  ctx: RequestContext,
  rows: readonly GeoUnitRow[],
  validFrom: string,
): Promise<number> {
  const tenantId = tenantOf(ctx).id;
  let ended = 0;
  for (const row of rows) {
    if (row.validTo === validFrom) continue;
    const [updated] = await tx
      .update(geoUnits)
      .set({ validTo: validFrom, version: sql`${geoUnits.version} + 1`, updatedAt: sql`now()` })
      .where(and(eq(geoUnits.tenantId, tenantId), eq(geoUnits.id, row.id)))
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
    ended++;
  }
  return ended;
}
