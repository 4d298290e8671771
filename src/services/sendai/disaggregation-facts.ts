/** Sendai disaggregation of people (human_effects rows) by year, effect, dimension and category. */
import { sql } from 'drizzle-orm';
import type { Executor } from '../../db/engine.ts';
import { queryRows } from '../../db/query.ts';
import { type CardSelection, selectedCards } from './selection.ts';

/** Dimensions human_effects disaggregates by. */
export const PEOPLE_DIMENSIONS = ['sex', 'age', 'disability', 'income'] as const;
/** One of them. */
export type PeopleDimension = (typeof PEOPLE_DIMENSIONS)[number];

/** The categories every report lists for a dimension (others found in the data are added). */
export const STANDARD_CATEGORIES: Record<PeopleDimension, string[]> = {
  sex: ['female', 'male'],
  age: ['0-14', '15-64', '65+'],
  disability: ['disabled'],
  income: ['poor'],
};

/** A sum of one effect in one category of one year. */
export interface DisaggregatedSum {
  year: number;
  effect: string;
  dimension: PeopleDimension;
  category: string;
  value: number;
  /** Rows flagged "there were some" without a number. */
  unquantified: number;
}

/** Sums of the disaggregated human effects of the selected cards. */
export async function disaggregationFacts(db: Executor, s: CardSelection): Promise<DisaggregatedSum[]> {
  return queryRows<DisaggregatedSum>(
    db,
    sql`with ${selectedCards(s, sql`1 as one`)}
    select c.year, he.effect, he.dimension, he.category,
      coalesce(sum(he.value), 0)::float8 as value,
      (count(*) filter (where he.value is null and he.present))::int as unquantified
    from human_effects he join c on c.id = he.datacard_id
    where he.tenant_id = ${s.tenantId} and he.dimension in ('sex', 'age', 'disability', 'income')
    group by c.year, he.effect, he.dimension, he.category
    order by c.year, he.effect, he.dimension, he.category`,
  );
}
