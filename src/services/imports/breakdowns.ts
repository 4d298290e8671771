/**
 * Sendai breakdowns that add up to more than their card's total (deaths by sex 6 + 5 on a card
 * with 10 deaths) are kept as given, since DesInventar accepted them, and listed in the report so
 * someone can correct them. Checked once, in SQL, over the cards this import wrote.
 */
import { sql } from 'drizzle-orm';
import { queryRows } from '../../db/query.ts';
import type { LoaderContext } from './loader-context.ts';

/** Human effects whose breakdowns are comparable with a card column of the same name. */
const WITH_CARD_TOTAL = ['deaths', 'missing', 'injured'] as const;

const cardTotal = sql.raw(
  `case h.effect ${WITH_CARD_TOTAL.map((e) => `when '${e}' then d.${e}`).join(' ')} end`,
);

/** Warn about every breakdown of this import's cards that exceeds the card's total. */
export async function checkBreakdowns(lc: LoaderContext): Promise<void> {
  const over = await queryRows<{
    serial: string | null;
    effect: string;
    dimension: string;
    parts: number;
    total: number;
  }>(
    lc.tx,
    sql`select d.serial, h.effect, h.dimension, sum(h.value)::int as parts, ${cardTotal} as total
        from human_effects h
        join datacards d on d.tenant_id = h.tenant_id and d.id = h.datacard_id
        where d.tenant_id = ${lc.tenantId} and d.import_id = ${lc.importId} and d.deleted_at is null
          and h.effect in ${sql.raw(`(${WITH_CARD_TOTAL.map((e) => `'${e}'`).join(', ')})`)}
          and h.dimension <> 'total'
        group by d.id, d.serial, h.effect, h.dimension, ${cardTotal}
        having sum(h.value) > ${cardTotal}
        order by d.serial, h.effect, h.dimension
        limit 1000`,
  );
  for (const o of over) {
    lc.report.warnings.add({
      code: 'breakdown_exceeds_total',
      message: `${o.effect} by ${o.dimension} add up to ${o.parts}, more than the card's ${o.total}; kept as given`,
      place: `card ${o.serial ?? '(no serial)'}`,
    });
  }
}
