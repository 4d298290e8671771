/** Names the indicator rows use for cube keys: hazards of event types, codes of top-level units. */
import { sql } from 'drizzle-orm';
import type { Executor } from '../../db/engine.ts';
import { queryRows } from '../../db/query.ts';
import type { DatacardStatus } from '../../shared/status.ts';
import { scopeCondition, statusCondition } from './selection.ts';

/** Category of a card whose event type has no hazard (or a hazard without type or cluster). */
export const UNKNOWN = 'unknown';

/** The hazard of an event type. */
export interface EventHazard {
  hazard: string;
  hazardType: string;
  hazardCluster: string;
}

/** Hazard code, type and cluster of each event type of the tenant. */
export async function eventHazards(db: Executor, tenantId: number): Promise<Map<number, EventHazard>> {
  const rows = await queryRows<{
    id: number;
    code: string | null;
    type: string | null;
    cluster: string | null;
  }>(
    db,
    sql`select e.id, e.hazard_code as code, h.type_name as type, h.cluster_name as cluster
        from event_types e left join hazards h on h.code = e.hazard_code
        where e.tenant_id = ${tenantId}`,
  );
  return new Map(
    rows.map((r) => [
      r.id,
      { hazard: r.code ?? UNKNOWN, hazardType: r.type ?? UNKNOWN, hazardCluster: r.cluster ?? UNKNOWN },
    ]),
  );
}

/** Codes of the tenant's units, by id. */
export async function unitCodes(db: Executor, tenantId: number, ids: number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const rows = await queryRows<{ id: number; code: string }>(
    db,
    sql`select id, code from geo_units where tenant_id = ${tenantId} and id in (${sql.join(
      ids.map((i) => sql`${i}`),
      sql`, `,
    )})`,
  );
  return new Map(rows.map((r) => [r.id, r.code]));
}

/** First and last year of the tenant's cards in the given states; null without cards. */
export async function cardYears(
  db: Executor,
  tenantId: number,
  status: DatacardStatus[] | 'all',
  scope: number[] | null,
): Promise<{ from: number; to: number } | null> {
  const [row] = await queryRows<{ from: number | null; to: number | null }>(
    db,
    sql`select min(start_year) as "from", max(start_year) as "to" from datacards
        where tenant_id = ${tenantId} and deleted_at is null ${statusCondition(status)} ${scopeCondition(scope)}`,
  );
  return row?.from == null || row.to == null ? null : { from: row.from, to: row.to };
}
