/** The datacards an indicator run counts, and the cube every fact query returns. */
import { type SQL, sql } from 'drizzle-orm';
import type { DatacardStatus } from '../../shared/status.ts';

/** Which cards count: one tenant, a year range, explicit workflow states. */
export interface CardSelection {
  tenantId: number;
  from: number;
  to: number;
  status: DatacardStatus[] | 'all';
  /** The caller's geographic scope (cards under any of these units), or null for the whole tenant. */
  scope: number[] | null;
}

/** Named sums of one cube cell. */
export type Measures = Record<string, number>;

/** One cell of the fact cube: a year, an event type and a top-level unit. */
export interface CubeCell {
  year: number;
  eventTypeId: number;
  /** geo_ancestors[1]: the card's top-level unit. */
  geo1: number | null;
  m: Measures;
}

/** `and status in (…)`, or nothing for every state. */
export function statusCondition(status: DatacardStatus[] | 'all'): SQL {
  if (status === 'all') return sql``;
  return sql`and status in (${sql.join(
    status.map((x) => sql`${x}`),
    sql`, `,
  )})`;
}

/** `and geo_ancestors && array[…]`, or nothing without a scope. */
export function scopeCondition(scope: number[] | null): SQL {
  if (!scope) return sql``;
  return sql`and geo_ancestors && array[${sql.join(
    scope.map((id) => sql`${id}`),
    sql`, `,
  )}]::int[]`;
}

/** `c as (…)`: the selected cards with the cube keys and the given columns. */
export function selectedCards(s: CardSelection, columns: SQL): SQL {
  return sql`c as (
    select id, start_year as year, event_type_id as et, geo_ancestors[1] as geo1, ${columns}
    from datacards
    where tenant_id = ${s.tenantId} and deleted_at is null
      and start_year between ${s.from} and ${s.to} ${statusCondition(s.status)} ${scopeCondition(s.scope)})`;
}

/** A select list of named measures (`expr::float8 as "name"`). */
export function measureList(measures: [name: string, expr: SQL][]): SQL {
  return sql.join(
    measures.map(([name, expr]) => sql`(${expr})::float8 as ${sql.identifier(name)}`),
    sql`, `,
  );
}

/** Rows of (year, et, geo1, …measures) into cube cells. */
export function toCells(rows: Record<string, number | null>[]): CubeCell[] {
  return rows.map(({ year, et, geo1, ...m }) => ({
    year: year as number,
    eventTypeId: et as number,
    geo1: geo1 ?? null,
    m: Object.fromEntries(Object.entries(m).map(([k, v]) => [k, Number(v ?? 0)])),
  }));
}

/** Add the measures of `more` into `into`, cell by cell (same keys). */
export function mergeCells(into: CubeCell[], more: CubeCell[]): CubeCell[] {
  const key = (c: CubeCell) => `${c.year}|${c.eventTypeId}|${c.geo1}`;
  const byKey = new Map(into.map((c) => [key(c), c]));
  for (const cell of more) {
    const found = byKey.get(key(cell));
    if (found) Object.assign(found.m, cell.m);
    else byKey.set(key(cell), cell);
  }
  return [...byKey.values()];
}
