/** Read the global hazard catalogue: a filtered list, or one hazard by code. */
import { and, asc, eq, ilike, or, type SQL, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { Db } from '../../db/engine.ts';
import { hazards } from '../../db/schema/index.ts';
import { AppError } from '../../shared/errors.ts';
import type { Hazard, HazardListQuery } from '../../shared/schemas/hazards.ts';
import { containsPattern } from '../catalogues/references.ts';
import type { RequestContext } from '../context.ts';

const sameText = (column: AnyPgColumn, value: string) => sql`lower(${column}) = lower(${value})`;

function conditions(query: HazardListQuery): SQL[] {
  const out: SQL[] = [];
  if (query.q) {
    const pattern = containsPattern(query.q);
    const inNames = sql`exists (select 1 from jsonb_each_text(${hazards.names}) as n where n.value ilike ${pattern})`;
    out.push(or(ilike(hazards.code, pattern), inNames)!);
  }
  if (query.type) out.push(sameText(hazards.typeName, query.type));
  if (query.cluster)
    out.push(or(sameText(hazards.clusterCode, query.cluster), sameText(hazards.clusterName, query.cluster))!);
  return out;
}

/** Hazards matching the filters, by code. */
export async function listHazards(db: Db, _ctx: RequestContext, query: HazardListQuery): Promise<Hazard[]> {
  return db
    .select()
    .from(hazards)
    .where(and(...conditions(query)))
    .orderBy(asc(hazards.code));
}

/** One hazard by code (case-insensitive), 404 when unknown. */
export async function getHazard(db: Db, _ctx: RequestContext, code: string): Promise<Hazard> {
  const [row] = await db.select().from(hazards).where(eq(hazards.code, code.toUpperCase()));
  if (!row) throw new AppError('not_found', `No hazard with code ${code}.`, { entity: 'hazard', id: code });
  return row;
}
