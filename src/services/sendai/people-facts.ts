/**
 * Facts of targets A, B and D per cube cell: people (card columns, with the reported Sendai
 * totals of human_effects winning over house counts), infrastructure damaged or destroyed
 * (asset detail winning over the card's counts) and service disruptions (sector columns from
 * the field registry, plus disruption rows of asset detail).
 */
import { type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../db/engine.ts';
import { queryRows } from '../../db/query.ts';
import { SECTOR_FIELDS } from '../../shared/fields.ts';
import { type CardSelection, type CubeCell, measureList, selectedCards, toCells } from './selection.ts';

const id = sql.identifier;
/** Cards with the flag set and no number: "there were some". */
const unquantified = (column: string) =>
  sql`count(*) filter (where c.${id(column)} is null and c.${id(`${column}_present`)})`;
const total = (column: string) => sql`coalesce(sum(c.${id(column)}), 0)`;

/** Sector columns whose registry entry feeds the given disruption indicator. */
const sectorsOf = (indicator: string) =>
  SECTOR_FIELDS.filter((f) => (f.sendai as readonly string[] | undefined)?.includes(indicator));

/** Disruptions counted (sector counts plus asset disruption rows) and sectors flagged without a count. */
function disruptions(indicator: 'D-6' | 'D-7' | 'D-8'): [string, SQL][] {
  const sectors = sectorsOf(indicator);
  const counted = sql.join(
    sectors.map((f) => sql`coalesce(sum(c.${id(f.column)}), 0)`),
    sql` + `,
  );
  const flagged = sql.join(
    sectors.map((f) => sql`count(*) filter (where c.${id(f.column)} is null and c.${id(f.presentColumn!)})`),
    sql` + `,
  );
  const key = indicator.replace('-', '').toLowerCase();
  return [
    [`${key}`, sql`${counted} + coalesce(sum(a.${id(key)}), 0)`],
    [`${key}_flagged`, flagged],
  ];
}

/**
 * The basic services the SFM counts D-8 disruptions of, and where a card records them: a sector
 * column, or asset detail rows of the DesInventar-Sendai service types. D-8 rows of any other
 * asset type are 'unspecified', so the services add up to D-8.
 */
export const D8_SERVICES: readonly { service: string; sector?: string; assetCode?: string }[] = [
  { service: 'water_supply', sector: 'water' },
  { service: 'sewage_service', sector: 'sewerage' },
  { service: 'solid_waste_service', assetCode: 'SENDAI:D-8-SOLID-WASTE' },
  { service: 'transportation_service', sector: 'transport' },
  { service: 'electricity_power', sector: 'energy' },
  { service: 'ict_system', sector: 'communications' },
  { service: 'relief_and_emergency_service', sector: 'relief' },
  { service: 'public_admin_service', assetCode: 'SENDAI:D-8-PUBLIC-ADMIN' },
];
/** Measure key of a D-8 service's disruptions (or of the rest: 'unspecified'). */
export const d8ServiceKey = (service: string) => `d8_${service}`;
const D8_ASSET_CODES = D8_SERVICES.flatMap((s) => (s.assetCode ? [s.assetCode] : []));

/** Disruptions of each D-8 service: its sector column (counted, and flagged without a count) or asset rows. */
function serviceDisruptions(): [string, SQL][] {
  return [
    ...D8_SERVICES.flatMap(({ service, sector, assetCode }): [string, SQL][] => {
      const k = d8ServiceKey(service);
      if (assetCode) return [[k, sql`coalesce(sum(a.${id(k)}), 0)`]];
      const field = SECTOR_FIELDS.find((f) => f.key === sector)!;
      return [
        [k, sql`coalesce(sum(c.${id(field.column)}), 0)`],
        [
          `${k}_flagged`,
          sql`count(*) filter (where c.${id(field.column)} is null and c.${id(field.presentColumn!)})`,
        ],
      ];
    }),
    [d8ServiceKey('unspecified'), sql`coalesce(sum(a.${id(d8ServiceKey('unspecified'))}), 0)`],
  ];
}

/** Damaged/destroyed of asset detail, else the card's count (unspecified). */
function facilities(indicator: 'D-2' | 'D-3', column: string): [string, SQL][] {
  const key = indicator.replace('-', '').toLowerCase();
  return [
    [`${key}_damaged`, sql`coalesce(sum(a.${id(`${key}_damaged`)}), 0)`],
    [`${key}_destroyed`, sql`coalesce(sum(a.${id(`${key}_destroyed`)}), 0)`],
    [
      `${key}_card`,
      sql`coalesce(sum(c.${id(column)}) filter (where coalesce(a.${id(`${key}_rows`)}, 0) = 0), 0)`,
    ],
  ];
}

/** People in damaged (B-3) or destroyed (B-4) dwellings: reported, else the card's house count. */
function dwellings(key: 'b3' | 'b4', effect: string, houses: string): [string, SQL][] {
  return [
    [`${key}_reported`, sql`coalesce(sum(h.${id(effect)}), 0)`],
    [`${key}_houses`, sql`coalesce(sum(c.${id(houses)}) filter (where h.${id(effect)} is null), 0)`],
    [
      `${key}_unquantified`,
      sql`count(*) filter (where h.${id(effect)} is null
            and (h.${id(`${effect}_flag`)} or (c.${id(houses)} is null and c.${id(`${houses}_present`)})))`,
    ],
  ];
}

const MEASURES: [string, SQL][] = [
  ['cards', sql`count(*)`],
  ...['deaths', 'missing', 'injured', 'directly_affected', 'houses_damaged', 'houses_destroyed'].flatMap(
    (col): [string, SQL][] => [
      [col, total(col)],
      [`${col}_unquantified`, unquantified(col)],
    ],
  ),
  ...dwellings('b3', 'living_damaged', 'houses_damaged'),
  ...dwellings('b4', 'living_destroyed', 'houses_destroyed'),
  ['b5', sql`coalesce(sum(h.livelihoods), 0)`],
  ['b5_unquantified', sql`count(*) filter (where h.livelihoods is null and h.livelihoods_flag)`],
  ...facilities('D-2', 'health_centres'),
  ...facilities('D-3', 'education_centres'),
  ['d4_damaged', sql`coalesce(sum(a.d4_damaged), 0)`],
  ['d4_destroyed', sql`coalesce(sum(a.d4_destroyed), 0)`],
  ['roads_m', sql`coalesce(sum(coalesce(a.roads_m, c.roads_m)), 0)`],
  ...disruptions('D-6'),
  ...disruptions('D-7'),
  ...disruptions('D-8'),
  ...serviceDisruptions(),
];

const CARD_COLUMNS = sql.raw(
  [
    'deaths',
    'missing',
    'injured',
    'directly_affected',
    'houses_damaged',
    'houses_destroyed',
    'health_centres',
    'education_centres',
    'roads_m',
  ]
    .flatMap((c) => [c, `${c}_present`])
    .concat(SECTOR_FIELDS.flatMap((f) => [f.column, f.presentColumn!]))
    .join(', '),
);

/** Reported Sendai totals (dimension 'total') of a card, pivoted. */
const humanTotals = (tenantId: number) => sql`select he.datacard_id as id,
    ${sql.join(
      [
        ['living_damaged', 'livingDamagedDwellings'],
        ['living_destroyed', 'livingDestroyedDwellings'],
        ['livelihoods', 'livelihoods'],
      ].map(
        ([key, effect]) => sql`sum(he.value) filter (where he.effect = ${effect}) as ${id(key!)},
          coalesce(bool_or(he.present) filter (where he.effect = ${effect}), false) as ${id(`${key}_flag`)}`,
      ),
      sql`, `,
    )}
  from human_effects he join c on c.id = he.datacard_id
  where he.tenant_id = ${tenantId} and he.dimension = 'total' and he.effect in ('livingDamagedDwellings', 'livingDestroyedDwellings', 'livelihoods')
  group by he.datacard_id`;

const LENGTH = sql`lower(coalesce(t.measurement, t.unit, '')) in ('m', 'km')`;
const UNITS = sql`coalesce(ae.damaged, 0) + coalesce(ae.destroyed, 0)`;

/** Damage counts and disruptions of a card's asset detail, pivoted by Sendai indicator. */
const assetCounts = (tenantId: number) => sql`select ae.datacard_id as id,
    ${sql.join(
      ['D-2', 'D-3'].map((ind) => {
        const k = ind.replace('-', '').toLowerCase();
        return sql`count(*) filter (where t.indicator = ${ind}) as ${id(`${k}_rows`)},
          sum(ae.damaged) filter (where t.indicator = ${ind}) as ${id(`${k}_damaged`)},
          sum(ae.destroyed) filter (where t.indicator = ${ind}) as ${id(`${k}_destroyed`)}`;
      }),
      sql`, `,
    )},
    sum(ae.damaged) filter (where t.indicator in ('C-5', 'D-4') and not ${LENGTH}) as d4_damaged,
    sum(ae.destroyed) filter (where t.indicator in ('C-5', 'D-4') and not ${LENGTH}) as d4_destroyed,
    sum(${UNITS} * case when lower(coalesce(t.measurement, t.unit)) = 'km' then 1000 else 1 end)
      filter (where t.indicator in ('C-5', 'D-4') and ${LENGTH}) as roads_m,
    ${sql.join(
      ['D-6', 'D-7', 'D-8'].map(
        (ind) =>
          sql`sum(coalesce(ae.affected, ae.total)) filter (where t.indicator = ${ind}) as ${id(ind.replace('-', '').toLowerCase())}`,
      ),
      sql`, `,
    )},
    ${sql.join(
      D8_SERVICES.filter((s) => s.assetCode).map(
        (s) =>
          sql`sum(coalesce(ae.affected, ae.total)) filter (where t.indicator = 'D-8' and t.code = ${s.assetCode})
            as ${id(d8ServiceKey(s.service))}`,
      ),
      sql`, `,
    )},
    sum(coalesce(ae.affected, ae.total)) filter (where t.indicator = 'D-8'
      and t.code not in (${sql.join(
        D8_ASSET_CODES.map((c) => sql`${c}`),
        sql`, `,
      )})) as ${id(d8ServiceKey('unspecified'))}
  from asset_effects ae
  join c on c.id = ae.datacard_id
  join asset_types t on t.tenant_id = ae.tenant_id and t.id = ae.asset_type_id
  where ae.tenant_id = ${tenantId}
  group by ae.datacard_id`;

/** People, infrastructure and disruption measures per (year, event type, top-level unit). */
export async function peopleFacts(db: Executor, s: CardSelection): Promise<CubeCell[]> {
  const rows = await queryRows<Record<string, number | null>>(
    db,
    sql`with ${selectedCards(s, CARD_COLUMNS)},
      h as (${humanTotals(s.tenantId)}),
      a as (${assetCounts(s.tenantId)})
    select c.year, c.et, c.geo1, ${measureList(MEASURES)}
    from c left join h on h.id = c.id left join a on a.id = c.id
    group by c.year, c.et, c.geo1
    order by c.year, c.et, c.geo1`,
  );
  return toCells(rows);
}
