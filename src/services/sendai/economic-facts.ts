/**
 * Direct economic loss (target C) per cube cell, in the tenant's currency or in US dollars.
 *
 * Each asset detail row is worth its loss as given, or else the DesInventar-Sendai model:
 * unit value x (damage ratio x damaged + destroyed) x (1 + infrastructure + equipment factors),
 * the unit value being the year's price (else the type's unit price) times the average size;
 * a row with only a total is split 80 % damaged / 20 % destroyed, and a type without a damage ratio
 * takes DesInventar-Sendai's usual 0.25. A loss or price in the chosen currency wins; one in the
 * other currency converts at the card year's rate. Per card and sub-indicator,
 * reported rows win: modelled rows count only where no reported value exists. A card's houses,
 * crops, livestock, health and education centres and roads are valued as one of the tenant's
 * asset types of that kind when the card has no detail of it (card-assets.ts). C-1 per card is
 * the card's reported total loss (in the currency, else converted), or the reported parts when
 * they add up to more; with no reported total, C-2 + … + C-6.
 */
import { type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../db/engine.ts';
import { queryRows } from '../../db/query.ts';
import { CARD_ASSET_COLUMNS, cardAssetRows, cardDetail, cardTypes } from './card-assets.ts';
import { type CardSelection, type CubeCell, measureList, selectedCards, toCells } from './selection.ts';

/** Money indicators of target C and the asset indicator codes that feed them. */
export const LOSS_TARGETS = ['C-2', 'C-3', 'C-4', 'C-5', 'C-6'] as const;

const CARD_COLUMNS = sql.raw(
  ['losses_local', 'losses_local_present', 'losses_usd', 'losses_usd_present', ...CARD_ASSET_COLUMNS].join(
    ', ',
  ),
);

/**
 * Local currency per USD by card year: the global exchange_rates table, else the tenant's
 * exchange_rate baseline; 1 for a tenant that keeps its accounts in US dollars.
 */
const yearRates = (tenantId: number, currency: string) => sql`
  select y.year, coalesce(e.per_usd, b.value, ${currency === 'USD' ? 1 : null}::numeric) as rate
  from (select distinct year from c) y
  left join exchange_rates e on e.currency = ${currency} and e.year = y.year
  left join baselines b on b.tenant_id = ${tenantId} and b.geo_unit_id is null
    and b.metric = 'exchange_rate' and b.year = y.year and b.value > 0
  where coalesce(e.per_usd, b.value, ${currency === 'USD' ? 1 : null}::numeric) is not null`;

/** Asset rows of the selected cards plus the rows of their own effect columns (card-assets.ts). */
const assetRows = (tenantId: number) => sql`
  select ae.datacard_id as id, c.year, t.indicator as sub, ae.source = 'reported' as reported_source,
    ae.total, ae.damaged, ae.destroyed, ae.loss_local, ae.loss_damaged_local, ae.loss_destroyed_local,
    ae.loss_usd, t.id as type_id
  from asset_effects ae
  join c on c.id = ae.datacard_id
  join asset_types t on t.tenant_id = ae.tenant_id and t.id = ae.asset_type_id
  where ae.tenant_id = ${tenantId} and t.indicator is not null
  union all
  ${cardAssetRows()}`;

const SPLIT = sql`(r.damaged is null and r.destroyed is null)`;

/** Which currency amounts are valued in, and whether conversions are counted (any basis but the default). */
export interface LossCurrency {
  currency: 'local' | 'usd';
  countConversions: boolean;
}

/** A row's loss and unit price in one currency. */
interface Side {
  given: SQL;
  price: SQL;
}
const LOCAL: Side = {
  given: sql`coalesce(r.loss_local, case when r.loss_damaged_local is not null or r.loss_destroyed_local is not null
    then coalesce(r.loss_damaged_local, 0) + coalesce(r.loss_destroyed_local, 0) end)`,
  price: sql`coalesce(p.price_local, t.unit_price_local)`,
};
const USD: Side = { given: sql`r.loss_usd`, price: sql`coalesce(p.price_usd, t.unit_price_usd)` };

/** A row's value: its loss as given, else the model (null = cannot be valued), and whether it needs the rate. */
const valuedRows = (tenantId: number, money: LossCurrency, usdTenant: boolean) => {
  const [own, other] = money.currency === 'usd' ? [USD, LOCAL] : [LOCAL, USD];
  const convert = (x: SQL) => (money.currency === 'usd' ? sql`${x} / x.rate` : sql`${x} * x.rate`);
  const amount = sql`coalesce(
      ${own.given},
      ${convert(other.given)},
      case when coalesce(${other.given}, 0) = 0 then
        coalesce(${own.price}, ${convert(other.price)})
        * coalesce(t.average_size, 1)
        * (1 + coalesce(t.infrastructure_factor, 0) + coalesce(t.equipment_factor, 0))
        * (coalesce(t.damage_ratio, 0.25) * coalesce(r.damaged, case when ${SPLIT} then 0.8 * r.total end, 0)
           + coalesce(r.destroyed, case when ${SPLIT} then 0.2 * r.total end, 0)) end
    )`;
  // The other currency was (or would have been) used: its loss, or its price for want of one here.
  const otherUsed = sql`${own.given} is null and (${other.given} is not null or (${own.price} is null and ${other.price} is not null))`;
  const conversions = money.countConversions && !usdTenant;
  return sql`
  select r.id, r.year, r.sub,
    case when r.sub ~ '^C-[2-6]' then substring(r.sub from '^C-[2-6]')
         when r.sub in ('D-2', 'D-3', 'D-4') then 'C-5' end as target,
    coalesce(r.loss_local, r.loss_damaged_local, r.loss_destroyed_local, r.loss_usd) is not null as given,
    ${amount} as amount,
    r.reported_source,
    coalesce(r.damaged, 0) + coalesce(r.destroyed, 0) + coalesce(r.total, 0) > 0 as has_damage,
    ${conversions ? otherUsed : sql`false`} as other_used,
    x.rate is not null as has_rate
  from asset_rows r
  left join asset_types t on t.tenant_id = ${tenantId} and t.id = r.type_id
  left join asset_type_prices p on p.tenant_id = ${tenantId} and p.asset_type_id = r.type_id and p.year = r.year
  left join rates x on x.year = r.year`;
};

const sumOf = (target: string, reported: boolean) =>
  sql`sum(amount) filter (where target = ${target} and ${reported ? sql`` : sql`not`} reported)`;

const key = (target: string) => target.replace('-', '').toLowerCase();

/** SFM sub-indicators of C-2 (asset types' indicator codes); other C-2 rows are 'unspecified'. */
export const C2_SUB_INDICATORS = ['C-2C', 'C-2L', 'C-2FO', 'C-2A', 'C-2FI', 'C-2LA', 'C-2LB'] as const;

/** One SFM sub-indicator of a loss target and the asset indicator codes whose rows it counts. */
export interface SubIndicator {
  target: 'C-2' | 'C-5';
  code: string;
  subs: readonly string[];
}

/**
 * The SFM sub-indicators of C-2 (crops, livestock, …) and of C-5 (C-5a health facilities = the
 * D-2 rows, C-5b education facilities = D-3, C-5c other critical infrastructure = C-5 and D-4;
 * an asset type may also name the sub-indicator itself).
 * Rows of the target under any other code are the target's 'unspecified', so the sub-indicators
 * of a target add up to its asset part.
 */
export const SUB_INDICATORS: readonly SubIndicator[] = [
  ...C2_SUB_INDICATORS.map((code): SubIndicator => ({ target: 'C-2', code, subs: [code] })),
  { target: 'C-5', code: 'C-5a', subs: ['C-5a', 'D-2'] },
  { target: 'C-5', code: 'C-5b', subs: ['C-5b', 'D-3'] },
  { target: 'C-5', code: 'C-5c', subs: ['C-5c', 'C-5', 'D-4'] },
];
/** Targets with sub-indicators, each with its codes and 'unspecified' last. */
export const SUB_TARGETS: readonly { target: 'C-2' | 'C-5'; categories: string[] }[] = (
  ['C-2', 'C-5'] as const
).map((target) => ({
  target,
  categories: [...SUB_INDICATORS.filter((s) => s.target === target).map((s) => s.code), 'unspecified'],
}));
/** Measure key of a sub-indicator ('C-2FO' -> c2fo, 'C-5a' -> c5a) or of a target's rest (c2other). */
export const subKey = (target: string, code: string) =>
  code === 'unspecified' ? `${key(target)}other` : key(code);
/** Measure keys of every sub-indicator and rest. */
export const SUB_KEYS: readonly string[] = SUB_TARGETS.flatMap(({ target, categories }) =>
  categories.map((c) => subKey(target, c)),
);

const codeList = (codes: readonly string[]) =>
  sql.join(
    codes.map((c) => sql`${c}`),
    sql`, `,
  );
/** Per card: the amounts (reported, modelled) of each sub-indicator, after reported-wins. */
const subSums = sql.join(
  SUB_TARGETS.flatMap(({ target, categories }) => {
    const all = SUB_INDICATORS.filter((s) => s.target === target).flatMap((s) => s.subs);
    return categories.flatMap((code) => {
      const k = subKey(target, code);
      const subs = SUB_INDICATORS.find((s) => s.code === code)?.subs;
      const which = subs ? sql`sub in (${codeList(subs)})` : sql`sub not in (${codeList(all)})`;
      return [
        sql`sum(amount) filter (where target = ${target} and ${which} and reported) as ${sql.identifier(`${k}_r`)}`,
        sql`sum(amount) filter (where target = ${target} and ${which} and not reported) as ${sql.identifier(`${k}_m`)}`,
      ];
    });
  }),
  sql`, `,
);

/** Per card: reported and modelled amounts per target, rows that could not be valued, conversions. */
const perCard = (subIndicators: boolean) => sql`select id, ${subIndicators ? sql`${subSums},` : sql``}
    ${sql.join(
      LOSS_TARGETS.map((t) => {
        const k = key(t);
        return sql`${sumOf(t, true)} as ${sql.identifier(`${k}_r`)}, ${sumOf(t, false)} as ${sql.identifier(`${k}_m`)},
          count(*) filter (where target = ${t} and amount is null and (given or has_damage)) as ${sql.identifier(`${k}_unvalued`)},
          count(*) filter (where target = ${t} and other_used and amount is not null and has_rate)
            as ${sql.identifier(`${k}_cv`)},
          count(*) filter (where target = ${t} and other_used and amount is null and not has_rate and (given or has_damage))
            as ${sql.identifier(`${k}_nr`)}`;
      }),
      sql`, `,
    )}
  from (select *, reported_source and given as reported,
      bool_or(reported_source and given and amount is not null) over (partition by id, target) as any_reported
    from valued where target is not null) v
  where (reported_source and given) or not any_reported
  group by id`;

const parts = (suffix: 'r' | 'm') =>
  sql.join(
    LOSS_TARGETS.map((t) => sql`coalesce(k.${sql.identifier(`${key(t)}_${suffix}`)}, 0)`),
    sql` + `,
  );
/** The card's own and other-currency total loss, and its total in the chosen currency. */
function cardTotal(currency: LossCurrency['currency']) {
  const [own, other] =
    currency === 'usd' ? [sql`c.losses_usd`, sql`c.losses_local`] : [sql`c.losses_local`, sql`c.losses_usd`];
  const converted = currency === 'usd' ? sql`${other} / x.rate` : sql`${other} * x.rate`;
  return { own, other, total: sql`coalesce(${own}, ${converted})` };
}

const subMeasures = (): [string, SQL][] =>
  SUB_KEYS.flatMap((k): [string, SQL][] => [
    [`${k}_reported`, sql`coalesce(sum(k.${sql.identifier(`${k}_r`)}), 0)`],
    [`${k}_estimate`, sql`coalesce(sum(k.${sql.identifier(`${k}_m`)}), 0)`],
  ]);

function measures(money: LossCurrency, subIndicators: boolean): [string, SQL][] {
  const { own, other, total } = cardTotal(money.currency);
  return [
    ...(subIndicators ? subMeasures() : []),
    ...LOSS_TARGETS.flatMap((t): [string, SQL][] => {
      const k = key(t);
      const sum = (name: string, column: string): [string, SQL] => [
        `${k}_${name}`,
        sql`coalesce(sum(k.${sql.identifier(`${k}_${column}`)}), 0)`,
      ];
      const base = [sum('reported', 'r'), sum('estimate', 'm'), sum('unvalued', 'unvalued')];
      // Only a chosen basis flags conversions of asset rows: the default report stays as it was.
      return money.countConversions ? [...base, sum('converted', 'cv'), sum('no_rate', 'nr')] : base;
    }),
    [
      'c1_reported',
      sql`coalesce(sum(case when ${total} is not null then greatest(${total}, ${parts('r')}) else ${parts('r')} end), 0)`,
    ],
    ['c1_estimate', sql`coalesce(sum(${parts('m')}) filter (where ${total} is null), 0)`],
    [
      'c1_converted',
      sql`count(*) filter (where ${own} is null and ${other} is not null and x.rate is not null)`,
    ],
    ['c1_no_rate', sql`count(*) filter (where ${own} is null and ${other} is not null and x.rate is null)`],
    [
      'c1_unquantified',
      sql`count(*) filter (where c.losses_local is null and c.losses_usd is null
      and (c.losses_local_present or c.losses_usd_present) and k.id is null)`,
    ],
  ];
}

/** Loss measures per (year, event type, top-level unit); C-2 and C-5 per SFM sub-indicator when asked. */
export async function economicFacts(
  db: Executor,
  s: CardSelection,
  currency: string,
  money: LossCurrency = { currency: 'local', countConversions: false },
  subIndicators = false,
): Promise<CubeCell[]> {
  const rows = await queryRows<Record<string, number | null>>(
    db,
    sql`with ${selectedCards(s, CARD_COLUMNS)},
      rates as (${yearRates(s.tenantId, currency)}),
      card_types as (${cardTypes(s.tenantId)}),
      card_detail as (${cardDetail(s.tenantId)}),
      asset_rows as (${assetRows(s.tenantId)}),
      valued as (${valuedRows(s.tenantId, money, currency === 'USD')}),
      k as (${perCard(subIndicators)})
    select c.year, c.et, c.geo1, ${measureList(measures(money, subIndicators))}
    from c left join k on k.id = c.id left join rates x on x.year = c.year
    group by c.year, c.et, c.geo1
    order by c.year, c.et, c.geo1`,
  );
  return toCells(rows);
}
