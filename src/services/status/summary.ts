/** What the status page shows: each tenant with its datacard counts by status and by year. */
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/engine.ts';
import { queryRows } from '../../db/query.ts';

/** Counts for one tenant. */
export interface TenantSummary {
  code: string;
  name: string;
  synthetic: boolean;
  cards: number;
  byStatus: Record<string, number>;
  byYear: { year: number; cards: number }[];
  /** Current units per level, e.g. [{ level: 1, name: 'Province', units: 8 }]. */
  levels: { level: number; name: string; units: number }[];
  eventTypes: number;
}

/**
 * Datacard counts of the public tenants (live cards only): the status page is open to anyone, so a
 * private tenant is not even named there. Counts by state are aggregates; no card is shown.
 */
export async function statusSummary(db: Db): Promise<TenantSummary[]> {
  const tenants = await queryRows<{ id: number; code: string; name: string; synthetic: boolean }>(
    db,
    sql`select id, code, coalesce(names->>'en', code) as name, synthetic from tenants
        where is_public order by code`,
  );
  const byStatus = await queryRows<{ tenant_id: number; status: string; n: number }>(
    db,
    sql`select tenant_id, status, count(*)::int as n from datacards where deleted_at is null group by 1, 2 order by 1, 2`,
  );
  const byYear = await queryRows<{ tenant_id: number; year: number; n: number }>(
    db,
    sql`select tenant_id, start_year as year, count(*)::int as n from datacards where deleted_at is null group by 1, 2 order by 1, 2`,
  );
  const levels = await queryRows<{ tenant_id: number; level: number; name: string; units: number }>(
    db,
    sql`select l.tenant_id, l.level, coalesce(l.names->>'en', 'Level ' || l.level) as name,
          (select count(*)::int from geo_units u where u.tenant_id = l.tenant_id and u.level = l.level
             and (u.valid_to is null or u.valid_to > current_date)) as units
        from geo_levels l order by 1, 2`,
  );
  const eventTypes = await queryRows<{ tenant_id: number; n: number }>(
    db,
    sql`select tenant_id, count(*)::int as n from event_types group by 1 order by 1`,
  );
  return tenants.map((t) => {
    const statuses = byStatus.filter((r) => r.tenant_id === t.id);
    return {
      code: t.code,
      name: t.name,
      synthetic: t.synthetic,
      cards: statuses.reduce((sum, r) => sum + r.n, 0),
      byStatus: Object.fromEntries(statuses.map((r) => [r.status, r.n])),
      byYear: byYear.filter((r) => r.tenant_id === t.id).map((r) => ({ year: r.year, cards: r.n })),
      levels: levels
        .filter((r) => r.tenant_id === t.id)
        .map(({ level, name, units }) => ({ level, name, units })),
      eventTypes: eventTypes.find((r) => r.tenant_id === t.id)?.n ?? 0,
    };
  });
}
