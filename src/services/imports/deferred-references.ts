/**
 * A first import (the tenant has no live cards, all-or-nothing) writes hundreds of thousands of
 * rows whose references the loader itself resolved. Checking each row's foreign keys with a
 * trigger costs as much as writing it, so such an import turns the per-row triggers off for its
 * transaction (session_replication_role = replica; superusers only, which the embedded
 * database always is) and checks every foreign key of the tenant's rows once at the end, with
 * one anti-join each. A violation aborts the import like any other error.
 */
import { sql } from 'drizzle-orm';
import type { Executor } from '../../db/engine.ts';
import { queryRows } from '../../db/query.ts';
import { AppError } from '../../shared/errors.ts';

/** Whether the session's role is a superuser (only then may it defer reference checks). */
export async function isSuperuser(ex: Executor): Promise<boolean> {
  const [role] = await queryRows<{ superuser: boolean }>(
    ex,
    sql`select current_setting('is_superuser') = 'on' as superuser`,
  );
  return role?.superuser === true;
}

/** Turn per-row foreign key triggers off for this transaction when allowed; true when done. */
export async function deferReferenceChecks(tx: Executor): Promise<boolean> {
  if (!(await isSuperuser(tx))) return false;
  await tx.execute(sql`set local session_replication_role = replica`);
  return true;
}

interface ForeignKey {
  name: string;
  child: string;
  parent: string;
  childColumns: string[];
  parentColumns: string[];
  tenantScoped: boolean;
}

/** Every foreign key of the schema, with whether its table has a tenant_id column. */
async function foreignKeys(tx: Executor): Promise<ForeignKey[]> {
  return queryRows<ForeignKey>(
    tx,
    sql`select c.conname as name, cl.relname as child, pl.relname as parent,
          array(select a.attname::text from unnest(c.conkey) with ordinality k(n, i)
                join pg_attribute a on a.attrelid = c.conrelid and a.attnum = k.n order by k.i) as "childColumns",
          array(select a.attname::text from unnest(c.confkey) with ordinality k(n, i)
                join pg_attribute a on a.attrelid = c.confrelid and a.attnum = k.n order by k.i) as "parentColumns",
          exists(select 1 from pg_attribute t where t.attrelid = c.conrelid and t.attname = 'tenant_id'
                 and not t.attisdropped) as "tenantScoped"
        from pg_constraint c
        join pg_class cl on cl.oid = c.conrelid
        join pg_class pl on pl.oid = c.confrelid
        join pg_namespace n on n.oid = cl.relnamespace
        where c.contype = 'f' and n.nspname = current_schema()
        order by cl.relname, c.conname`,
  );
}

/** Turn the triggers back on and check every reference of the tenant's rows; throws on the first broken one. */
export async function checkDeferredReferences(tx: Executor, tenantId: number): Promise<void> {
  await tx.execute(sql`set local session_replication_role = origin`);
  for (const fk of await foreignKeys(tx)) {
    const id = (name: string) => sql.identifier(name);
    const allSet = sql.join(
      fk.childColumns.map((c) => sql`x.${id(c)} is not null`),
      sql` and `,
    );
    const match = sql.join(
      fk.childColumns.map((c, i) => sql`p.${id(fk.parentColumns[i]!)} = x.${id(c)}`),
      sql` and `,
    );
    const scope = fk.tenantScoped ? sql`x.tenant_id = ${tenantId} and` : sql``;
    const broken = await queryRows<{ n: number }>(
      tx,
      sql`select count(*)::int as n from ${id(fk.child)} x
          where ${scope} ${allSet} and not exists (select 1 from ${id(fk.parent)} p where ${match})`,
    );
    const n = broken[0]?.n ?? 0;
    if (n > 0) {
      throw new AppError(
        'internal',
        `import check failed: ${n} rows of ${fk.child} break foreign key ${fk.name} (${fk.childColumns.join(', ')} -> ${fk.parent}); nothing was written`,
      );
    }
  }
}
