/** Reference and usage checks shared by the tenant catalogues: hazards, parents, duplicates, datacards. */
import { and, count, eq, type SQL, sql } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Executor } from '../../db/engine.ts';
import { queryRows } from '../../db/query.ts';
import { datacards, hazards } from '../../db/schema/index.ts';
import { AppError, type FieldIssue } from '../../shared/errors.ts';

/** The English name of a names object, else its first name, else the fallback. */
export const englishName = (names: Record<string, string> | null, fallback: string | null = null) =>
  names ? (names.en ?? Object.values(names)[0] ?? fallback) : fallback;

/** Add an issue when the hazard code is not in the hazard catalogue. */
export async function checkHazardCode(ex: Executor, code: string, issues: FieldIssue[]): Promise<void> {
  const [row] = await ex.select({ code: hazards.code }).from(hazards).where(eq(hazards.code, code));
  if (!row)
    issues.push({ path: 'hazardCode', code: 'unknown_reference', message: `no hazard with code ${code}` });
}

/** A record's place in a hierarchy: `table` has tenant_id, id and parent_id columns. */
export interface ParentRef {
  table: PgTable;
  entity: string;
  tenantId: number;
  parentId: number | string;
  /** The record being changed; null on create. */
  selfId: number | string | null;
}

/** Add an issue when the parent is not in the tenant, or has the record itself among its ancestors. */
export async function checkParent(ex: Executor, ref: ParentRef, issues: FieldIssue[]): Promise<void> {
  const { table, entity, tenantId, parentId, selfId } = ref;
  const chain = await queryRows<{ id: number | string }>(
    ex,
    sql`with recursive up(id, parent_id) as (
          select id, parent_id from ${table} where tenant_id = ${tenantId} and id = ${parentId}
          union
          select t.id, t.parent_id from ${table} t join up on t.id = up.parent_id where t.tenant_id = ${tenantId}
        ) select id from up`,
  );
  if (chain.length === 0) {
    issues.push({
      path: 'parentId',
      code: 'unknown_reference',
      message: `no ${entity} ${parentId} in this database`,
    });
  } else if (selfId !== null && chain.some((r) => String(r.id) === String(selfId))) {
    issues.push({ path: 'parentId', code: 'cycle', message: `would make this ${entity} its own ancestor` });
  }
}

/** A value that must be unique in one column of a tenant's table. */
export interface UniqueValue {
  table: PgTable;
  column: PgColumn;
  tenantId: number;
  value: string;
  /** The record being changed (it may keep its own value); null on create. */
  selfId: number | null;
  /** How messages name the record, e.g. 'An event type with code'. */
  what: string;
  caseInsensitive?: boolean;
}

/** 409 duplicate when another record of the tenant already has this value. */
export async function assertUnique(ex: Executor, u: UniqueValue): Promise<void> {
  const same = u.caseInsensitive
    ? sql`lower(${u.column}) = lower(${u.value})`
    : sql`${u.column} = ${u.value}`;
  const [row] = await queryRows<{ id: number; value: string }>(
    ex,
    sql`select id, ${u.column} as value from ${u.table} where tenant_id = ${u.tenantId} and ${same} limit 1`,
  );
  if (row && row.id !== u.selfId) {
    throw new AppError(
      'duplicate',
      `${u.what} ${row.value} already exists in this database (id ${row.id}).`,
      {
        field: u.column.name,
        id: row.id,
      },
    );
  }
}

/** How many datacards (and how many of those soft-deleted) match a condition in the tenant. */
export async function countCards(ex: Executor, tenantId: number, where: SQL) {
  const [row] = await ex
    .select({ total: count(), deleted: count(datacards.deletedAt) })
    .from(datacards)
    .where(and(eq(datacards.tenantId, tenantId), where));
  return { total: row?.total ?? 0, deleted: row?.deleted ?? 0 };
}

/** How many records of the tenant have this parent. */
export async function countChildren(ex: Executor, table: PgTable, tenantId: number, id: number | string) {
  const [row] = await queryRows<{ n: number }>(
    ex,
    sql`select count(*)::int as n from ${table} where tenant_id = ${tenantId} and parent_id = ${id}`,
  );
  return row?.n ?? 0;
}

/** "12 datacards (3 of them deleted)". */
export const cardsPhrase = (n: { total: number; deleted: number }) =>
  `${n.total} datacard${n.total === 1 ? '' : 's'}${n.deleted ? ` (${n.deleted} of them deleted)` : ''}`;

/** Why a catalogue entry referenced by cards and child entries cannot be deleted, or null. */
export function usageMessage(
  what: string,
  cards: { total: number; deleted: number },
  children: number,
  childWord: string,
): string | null {
  const uses = [
    ...(cards.total ? [cardsPhrase(cards)] : []),
    ...(children ? [`${children} ${childWord}${children === 1 ? '' : 's'}`] : []),
  ];
  return uses.length ? `${what} is used by ${uses.join(' and ')}; reassign them first.` : null;
}

/** An ILIKE pattern matching values that contain `text` literally (%, _ and \ escaped). */
export const containsPattern = (text: string) => `%${text.replace(/[\\%_]/g, '\\$&')}%`;
