/**
 * Row-level security as a second wall (PostgreSQL only). The services filter every query by the
 * request's tenant; in addition, while code runs inside `insideTenantWall(id, …)`, every pooled
 * connection it takes acts as the role lossledger_app with lossledger.tenant_id = id, and the
 * policies of migration tenant_wall hide and refuse every other tenant's rows — so a query that
 * forgot its tenant condition still cannot read or write another tenant's data.
 *
 * The wall follows the async context (AsyncLocalStorage), so a request's background work (an
 * import job) stays inside it. Connections remember their last setting, so a request pays one
 * extra round trip only when its connection last served another tenant (or none).
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { sql } from 'drizzle-orm';
import type pg from 'pg';
import type { Db } from './engine.ts';
import { queryRows } from './query.ts';

const wall = new AsyncLocalStorage<{ tenantId: number }>();
const SETTING = Symbol('lossledger.tenantWall');

type WalledClient = pg.PoolClient & { [SETTING]?: string };

/** Run `fn` with every PostgreSQL connection it takes bound to this tenant's rows. */
export const insideTenantWall = <T>(tenantId: number, fn: () => T): T => wall.run({ tenantId }, fn);

/** Run `fn` outside any tenant wall (as the database owner). */
export const outsideTenantWall = <T>(fn: () => T): T => wall.exit(fn);

/** The tenant whose wall the current code runs inside, or null. */
export const currentWall = (): number | null => wall.getStore()?.tenantId ?? null;

/** Whether the role exists and this connection's user may take it. */
export async function tenantWallAvailable(db: Db): Promise<boolean> {
  const [row] = await queryRows<{ ok: boolean }>(
    db,
    sql`select exists (select 1 from pg_roles where rolname = 'lossledger_app')
          and pg_has_role(current_user, 'lossledger_app', 'MEMBER') as ok`,
  );
  return row?.ok === true;
}

/** Make every connection the pool hands out follow the wall of the code that asked for it. */
export function installTenantWall(pool: pg.Pool): void {
  const connect = pool.connect.bind(pool) as () => Promise<WalledClient>;
  const walled = async (): Promise<WalledClient> => {
    const tenantId = currentWall();
    const client = await connect();
    const want = tenantId === null ? '' : String(tenantId);
    if (client[SETTING] !== want) {
      try {
        await client.query(
          "select set_config('lossledger.tenant_id', $1, false), set_config('role', $2, false)",
          [want, tenantId === null ? 'none' : 'lossledger_app'],
        );
      } catch (error) {
        client.release(error as Error);
        throw error;
      }
      client[SETTING] = want;
    }
    return client;
  };
  // pg-pool calls connect with a callback from pool.query and without one from drizzle's
  // transactions; both go through the wall.
  (pool as unknown as { connect: unknown }).connect = (
    callback?: (error: Error | undefined, client?: WalledClient, release?: () => void) => void,
  ) => {
    const promise = walled();
    if (!callback) return promise;
    promise.then(
      (client) => callback(undefined, client, () => client.release()),
      (error: Error) => callback(error),
    );
    return undefined;
  };
}
