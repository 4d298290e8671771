/**
 * The card's own effect columns valued as asset types, for cards with no asset detail of that kind:
 * houses damaged / destroyed (C-4), hectares of crops (C-2C), head of livestock (C-2L), health and
 * education centres (D-2 / D-3, counted in C-5) and metres of road (C-5). Each kind is valued as
 * one asset type of the tenant: the first with a price, preferring the DesInventar-Sendai asset
 * of the legacy field (element key 2 crops, 174 livestock, 357 roads), then the lowest id.
 * A column that does not say damaged or destroyed is a total, split 80 / 20 by the model; lost
 * livestock is destroyed (FAO: animals dead or lost x price per head). A card with such a
 * column and no type or price to value it is counted as `unvalued`, never as a zero.
 */
import { type SQL, sql } from 'drizzle-orm';

/** One kind of card column valued as an asset type. */
interface CardAsset {
  /** Name of the kind in the query (also its column in card_detail). */
  kind: string;
  /** The sub-indicator its rows count under (the target follows from it). */
  sub: string;
  /** Asset types of this kind (alias t). */
  types: SQL;
  /** DesInventar-Sendai element key of the legacy field's asset type, preferred among equals. */
  legacyCode: string | null;
  /** total, damaged, destroyed in the type's unit, from the card (alias c) and its type (alias k). */
  amounts: [total: SQL | null, damaged: SQL | null, destroyed: SQL | null];
}

const LENGTH = sql`lower(coalesce(t.measurement, t.unit, '')) in ('m', 'km')`;
const indicator = (code: string) => sql`t.indicator = ${code}`;

const CARD_ASSETS: CardAsset[] = [
  {
    kind: 'houses',
    sub: 'C-4',
    types: indicator('C-4'),
    legacyCode: null,
    amounts: [null, sql`c.houses_damaged`, sql`c.houses_destroyed`],
  },
  {
    kind: 'crops',
    sub: 'C-2C',
    types: indicator('C-2C'),
    legacyCode: '2',
    amounts: [sql`c.crops_ha`, null, null],
  },
  {
    kind: 'livestock',
    sub: 'C-2L',
    types: indicator('C-2L'),
    legacyCode: '174',
    amounts: [null, null, sql`c.livestock`],
  },
  {
    kind: 'health',
    sub: 'D-2',
    types: indicator('D-2'),
    legacyCode: null,
    amounts: [sql`c.health_centres`, null, null],
  },
  {
    kind: 'education',
    sub: 'D-3',
    types: indicator('D-3'),
    legacyCode: null,
    amounts: [sql`c.education_centres`, null, null],
  },
  {
    kind: 'roads',
    sub: 'C-5',
    types: sql`t.indicator in ('C-5', 'D-4') and ${LENGTH}`,
    legacyCode: '357',
    // Metres on the card; a type measured in km is priced per km.
    amounts: [sql`c.roads_m * coalesce(k.scale, 1)`, null, null],
  },
];

/** Card columns the rows below read (for selectedCards). */
export const CARD_ASSET_COLUMNS = [
  'houses_damaged',
  'houses_destroyed',
  'crops_ha',
  'livestock',
  'health_centres',
  'education_centres',
  'roads_m',
];

const HAS_NO_PRICE = sql`(t.unit_price_local is null and t.unit_price_usd is null
    and not exists (select 1 from asset_type_prices p where p.tenant_id = t.tenant_id and p.asset_type_id = t.id))`;

/** `card_types`: (kind, id, scale) of the asset type that values each kind, where the tenant has one. */
export const cardTypes = (tenantId: number) =>
  sql.join(
    CARD_ASSETS.map(
      (a) => sql`(select ${a.kind}::text as kind, t.id,
          case when lower(coalesce(t.measurement, t.unit, '')) = 'km' then 0.001 else 1 end as scale
        from asset_types t
        where t.tenant_id = ${tenantId} and ${a.types}
        order by ${HAS_NO_PRICE}, t.code is distinct from ${a.legacyCode}::text, t.id
        limit 1)`,
    ),
    sql` union all `,
  );

/** `card_detail`: per selected card with asset detail, whether it has detail of each kind. */
export const cardDetail = (tenantId: number) => sql`select ae.datacard_id as id,
    ${sql.join(
      CARD_ASSETS.map((a) => sql`bool_or(${a.types}) as ${sql.identifier(a.kind)}`),
      sql`, `,
    )}
  from asset_effects ae
  join c on c.id = ae.datacard_id
  join asset_types t on t.tenant_id = ae.tenant_id and t.id = ae.asset_type_id
  where ae.tenant_id = ${tenantId}
  group by ae.datacard_id`;

const orNull = (x: SQL | null) => x ?? sql`null`;

/**
 * Asset rows (the columns of economic-facts' asset_rows) of the card columns, one per card and
 * kind with a positive amount and no detail of that kind; needs the CTEs card_types and card_detail.
 */
export const cardAssetRows = () =>
  sql.join(
    CARD_ASSETS.map((a) => {
      const [total, damaged, destroyed] = a.amounts;
      const positive = sql.join(
        a.amounts.filter((x) => x !== null).map((x) => sql`coalesce(${x}, 0) > 0`),
        sql` or `,
      );
      return sql`select c.id, c.year, ${a.sub}::text, false, ${orNull(total)}::numeric, ${orNull(damaged)}::numeric,
          ${orNull(destroyed)}::numeric, null::numeric, null::numeric, null::numeric, null::numeric, k.id
        from c
        left join card_detail d on d.id = c.id
        left join card_types k on k.kind = ${a.kind}
        where (${positive}) and d.${sql.identifier(a.kind)} is not true`;
    }),
    sql` union all `,
  );
