/**
 * Resolves the references of a filter (catalogue rows by id or code, hazard codes and clusters,
 * disaster events) in the tenant, collecting one issue per unknown value.
 */
import { sql } from 'drizzle-orm';
import type { Executor } from '../../db/engine.ts';
import { queryRows } from '../../db/query.ts';
import type { FieldIssue } from '../../shared/errors.ts';
import { paramList } from './sql.ts';

/** A resolved catalogue row. */
export interface ResolvedRef {
  id: number;
  code: string;
  /** Geographic units only. */
  level?: number;
  /** Geographic units only: the materialised path '/12/40/301/'. */
  path?: string;
}

/** Catalogues a filter names rows of. */
const TABLES = {
  eventTypes: { table: 'event_types', noun: 'event type' },
  causes: { table: 'causes', noun: 'cause' },
  geoUnits: { table: 'geo_units', noun: 'geographic unit' },
} as const;

const unknown = (path: string, noun: string, value: unknown): FieldIssue => ({
  path,
  code: 'unknown_reference',
  message: `no ${noun} ${JSON.stringify(value)} in this database`,
});

/** The rows of `catalogue` named by refs (ids or codes); unknown ones become issues at filter.<catalogue>.<i>. */
export async function resolveRefs(
  ex: Executor,
  tenantId: number,
  catalogue: keyof typeof TABLES,
  refs: readonly (number | string)[],
  issues: FieldIssue[],
): Promise<ResolvedRef[]> {
  const { table, noun } = TABLES[catalogue];
  const ids = refs.filter((r): r is number => typeof r === 'number');
  const codes = refs.filter((r): r is string => typeof r === 'string');
  const unitColumns = catalogue === 'geoUnits' ? sql`level, path` : sql`null::int as level, null as path`;
  const rows = await queryRows<ResolvedRef>(
    ex,
    sql`select id, code, ${unitColumns} from ${sql.identifier(table)}
        where tenant_id = ${tenantId}
          and (${ids.length ? sql`id in (${paramList(ids)})` : sql`false`}
               or ${codes.length ? sql`code in (${paramList(codes)})` : sql`false`})
        order by id`,
  );
  refs.forEach((ref, i) => {
    const found = rows.some((r) => (typeof ref === 'number' ? r.id === ref : r.code === ref));
    if (!found) issues.push(unknown(`filter.${catalogue}.${i}`, noun, ref));
  });
  return rows;
}

/** Check that every value exists in `column` of the global hazard catalogue (or one of two columns). */
export async function checkHazardValues(
  ex: Executor,
  key: 'hazards' | 'hazardClusters',
  values: readonly string[],
  issues: FieldIssue[],
): Promise<void> {
  const list = paramList(values);
  const rows = await queryRows<{ v: string }>(
    ex,
    key === 'hazards'
      ? sql`select code as v from hazards where code in (${list})`
      : sql`select cluster_code as v from hazards where cluster_code in (${list})
            union select cluster_name from hazards where cluster_name in (${list})`,
  );
  const found = new Set(rows.map((r) => r.v));
  values.forEach((v, i) => {
    if (!found.has(v))
      issues.push(unknown(`filter.${key}.${i}`, key === 'hazards' ? 'hazard' : 'hazard cluster', v));
  });
}

/** Check that every disaster event exists in the tenant. */
export async function checkDisasterEvents(
  ex: Executor,
  tenantId: number,
  ids: readonly string[],
  issues: FieldIssue[],
): Promise<void> {
  const rows = await queryRows<{ id: string }>(
    ex,
    sql`select id::text as id from disaster_events
        where tenant_id = ${tenantId} and id in (${sql.join(
          ids.map((id) => sql`${id}::uuid`),
          sql`, `,
        )})`,
  );
  const found = new Set(rows.map((r) => r.id.toLowerCase()));
  ids.forEach((id, i) => {
    if (!found.has(id.toLowerCase()))
      issues.push(unknown(`filter.disasterEvents.${i}`, 'disaster event', id));
  });
}
