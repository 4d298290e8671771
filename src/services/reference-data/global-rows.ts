/**
 * Upsert of the global reference tables keyed by (code, year): exchange_rates (currency) and cpi
 * (country). Superadmin only; one transaction; one audit row per change and one per import.
 */
import { sql } from 'drizzle-orm';
import type { Db, Executor } from '../../db/engine.ts';
import { queryRows } from '../../db/query.ts';
import { AppError } from '../../shared/errors.ts';
import type { ReferenceImportResult } from '../../shared/schemas/reference-data.ts';
import { recordAudit } from '../audit.ts';
import type { RequestContext } from '../context.ts';
import { type AuditChange, insertAuditRows } from './audit-rows.ts';

/** One table: its name, the code column and the other columns with their SQL types. */
export interface GlobalTable {
  table: 'exchange_rates' | 'cpi';
  /** Audit entity of one row. */
  entity: string;
  codeColumn: 'currency' | 'country';
  columns: Record<string, 'numeric' | 'int' | 'text'>;
}

/** One row to store: the key and the other columns by name. */
export interface GlobalRow {
  code: string;
  year: number;
  values: Record<string, number | string | null>;
}

const same = (type: string, a: unknown, b: unknown) =>
  a === null || b === null ? a === b : type === 'text' ? a === b : Number(a) === Number(b);

/** Insert new rows and overwrite changed ones (rows absent from the input are kept). */
export async function upsertGlobalRows(
  db: Db,
  ctx: RequestContext,
  spec: GlobalTable,
  rows: GlobalRow[],
  origin: string,
  /** A check inside the transaction, before anything is written. */
  check?: (tx: Executor) => Promise<void>,
): Promise<ReferenceImportResult> {
  if (!ctx.superadmin) throw new AppError('forbidden', `Only a superadmin can change ${spec.table}.`);
  const names = Object.keys(spec.columns);
  const code = sql.identifier(spec.codeColumn);
  const table = sql.identifier(spec.table);
  return db.transaction(async (tx) => {
    await check?.(tx);
    const keys = JSON.stringify(rows.map((r) => ({ code: r.code, year: r.year })));
    const stored = await queryRows<Record<string, unknown>>(
      tx,
      sql`select t.${code} as code, t.year, ${sql.join(
        names.map((n) => sql`t.${sql.identifier(n)}::text as ${sql.identifier(n)}`),
        sql`, `,
      )}
          from ${table} t join json_to_recordset(${keys}::json) as k(code text, year int)
            on t.${code} = k.code and t.year = k.year
          for update of t`,
    );
    const byKey = new Map(stored.map((s) => [`${s.code}|${s.year}`, s]));
    const changes: AuditChange[] = [];
    const writes: Record<string, unknown>[] = [];
    for (const r of rows) {
      const old = byKey.get(`${r.code}|${r.year}`);
      const after = Object.fromEntries(names.map((n) => [n, r.values[n] ?? null]));
      if (old && names.every((n) => same(spec.columns[n]!, old[n], after[n]))) continue;
      const before = old ? Object.fromEntries(names.map((n) => [n, old[n]])) : null;
      changes.push({ action: old ? 'update' : 'create', entityId: `${r.code}/${r.year}`, before, after });
      writes.push({ code: r.code, year: r.year, ...after });
    }
    await writeRows(tx, spec, writes);
    await insertAuditRows(tx, { tenantId: null, ctx }, spec.entity, changes);
    const created = changes.filter((c) => c.action === 'create').length;
    const result = {
      total: rows.length,
      created,
      updated: changes.length - created,
      unchanged: rows.length - changes.length,
    };
    await recordAudit(tx, ctx, {
      tenantId: null,
      action: 'import',
      entity: spec.table,
      entityId: origin,
      after: { ...result, source: origin },
    });
    return result;
  });
}

const BATCH = 2000;

async function writeRows(tx: Executor, spec: GlobalTable, writes: Record<string, unknown>[]): Promise<void> {
  const names = Object.keys(spec.columns);
  const code = sql.identifier(spec.codeColumn);
  const columns = sql.join(
    names.map((n) => sql.identifier(n)),
    sql`, `,
  );
  const types = sql.raw(names.map((n) => `"${n}" ${spec.columns[n]}`).join(', '));
  const set = sql.join(
    names.map((n) => sql`${sql.identifier(n)} = excluded.${sql.identifier(n)}`),
    sql`, `,
  );
  for (let i = 0; i < writes.length; i += BATCH) {
    const json = JSON.stringify(writes.slice(i, i + BATCH));
    await tx.execute(sql`insert into ${sql.identifier(spec.table)} (${code}, year, ${columns})
      select code, year, ${columns} from json_to_recordset(${json}::json) as v(code text, year int, ${types})
      on conflict (${code}, year) do update set ${set}, updated_at = now()`);
  }
}
