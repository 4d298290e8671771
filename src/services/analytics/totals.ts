/** Totals of the core effects over a tenant's live datacards (nulls ignored, exact numeric sums). */
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/engine.ts';
import { queryRows } from '../../db/query.ts';
import { EFFECT_FIELDS, type EffectKey } from '../../shared/fields.ts';
import type { DatacardStatus } from '../../shared/status.ts';
import { type RequestContext, tenantOf } from '../context.ts';

/** Card count and the sum of every core effect. */
export interface Totals {
  cards: number;
  sums: Record<EffectKey, number>;
}

/** Totals for published cards (the public figure), one status, or every state ('all'). */
export async function cardTotals(
  db: Db,
  ctx: RequestContext,
  status: DatacardStatus | 'all' = 'published',
): Promise<Totals> {
  const tenant = tenantOf(ctx);
  const sums = sql.join(
    EFFECT_FIELDS.map(
      (f) => sql`coalesce(sum(${sql.identifier(f.column)}), 0)::text as ${sql.identifier(f.key)}`,
    ),
    sql`, `,
  );
  const statusFilter = status === 'all' ? sql`` : sql`and status = ${status}`;
  const [row] = await queryRows<Record<string, string>>(
    db,
    sql`select count(*)::text as cards, ${sums} from datacards
        where tenant_id = ${tenant.id} and deleted_at is null ${statusFilter}`,
  );
  return {
    cards: Number(row?.cards ?? 0),
    sums: Object.fromEntries(EFFECT_FIELDS.map((f) => [f.key, Number(row?.[f.key] ?? 0)])) as Record<
      EffectKey,
      number
    >,
  };
}
