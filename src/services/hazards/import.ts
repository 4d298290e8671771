/** Upserts a hazard classification by code: one transaction, all or nothing, one audit row. */
import { getTableColumns, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../db/engine.ts';
import { hazards } from '../../db/schema/index.ts';
import { AppError } from '../../shared/errors.ts';
import { recordAudit } from '../audit.ts';
import type { RequestContext } from '../context.ts';
import type { HazardInput } from './parse.ts';

/** What an import did. */
export interface HazardImportResult {
  total: number;
  created: number;
  updated: number;
}

/** Rows per statement: well under PostgreSQL's 65,535 parameters at 8 columns a row. */
const CHUNK = 1000;

/** On conflict, every column but the code takes the incoming value. */
const incoming = Object.fromEntries(
  Object.entries(getTableColumns(hazards))
    .filter(([key]) => key !== 'code')
    .map(([key, column]) => [key, sql.raw(`excluded."${column.name}"`)]),
);

/** Insert new hazards and overwrite existing ones with the same code (none is deleted). */
export async function importHazards(
  db: Db,
  ctx: RequestContext,
  items: HazardInput[],
  source: string,
): Promise<HazardImportResult> {
  if (!ctx.superadmin) throw new AppError('forbidden', 'Only a superadmin can change the hazard catalogue.');
  return db.transaction(async (tx) => {
    let existing = 0;
    for (let i = 0; i < items.length; i += CHUNK) {
      const chunk = items.slice(i, i + CHUNK);
      const codes = chunk.map((h) => h.code);
      const found = await tx.select({ code: hazards.code }).from(hazards).where(inArray(hazards.code, codes));
      existing += found.length;
      await tx.insert(hazards).values(chunk).onConflictDoUpdate({ target: hazards.code, set: incoming });
    }
    const result = { total: items.length, created: items.length - existing, updated: existing };
    await recordAudit(tx, ctx, {
      tenantId: null,
      action: 'import',
      entity: 'hazards',
      entityId: source,
      after: { ...result, source },
    });
    return result;
  });
}
