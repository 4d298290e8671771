/**
 * Columns of the analytics list, derived from the field registry (every field by key, every effect
 * and sector also as `<key>_present`), plus the names and codes references resolve to (the same
 * keys as card exports: eventTypeCode, causeName, geoUnitCode, level<k>Name…) and `extra.KEY`.
 * Each column knows how to select its value and how to sort on it (and the SQL type of that sort
 * value, for keyset cursors). Under a money basis the loss columns show and sort on the converted
 * loss (null when it cannot be converted) and `moneyFlags` tells how each was obtained.
 */
import { type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../db/engine.ts';
import type { CellKind } from '../../formats/table-export/columns.ts';
import { type FieldIssue, validationFailed } from '../../shared/errors.ts';
import { DESCRIPTIVE_FIELDS, EFFECT_FIELDS, type FieldDef, SECTOR_FIELDS } from '../../shared/fields.ts';
import { MONEY_FIELDS } from '../../shared/money.ts';
import { type RequestContext, tenantOf } from '../context.ts';
import { levelCount } from './dimensions.ts';
import { extraFieldTypes } from './filter-extra.ts';
import type { MoneySql } from './money.ts';
import { cardColumn, intLiteral, localName, nameLanguages } from './sql.ts';

/** SQL types a sort value can have (cursor values are cast back to them). */
type SortType = 'text' | 'int' | 'numeric' | 'float8' | 'date' | 'bool' | 'uuid' | 'timestamptz' | 'jsonb';

/** A list column. */
export interface ListColumn {
  key: string;
  select: SQL;
  sort: SQL;
  type: SortType;
  /** Never null, so keyset paging can compare (value, id) rows directly. */
  notNull: boolean;
  cell: CellKind;
}

/** The columns a list shows when none are asked for. */
export const DEFAULT_LIST_COLUMNS = [
  'serial',
  'startDate',
  'eventTypeName',
  'geoUnitName',
  'status',
  ...EFFECT_FIELDS.filter((f) => f.group === 'human' || f.group === 'housing').map((f) => f.key),
  'lossesLocal',
  'lossesUsd',
];

const column = (
  key: string,
  expr: SQL,
  type: SortType,
  cell: CellKind,
  opts: { select?: SQL; notNull?: boolean } = {},
): ListColumn => ({
  key,
  select: opts.select ?? expr,
  sort: expr,
  type,
  notNull: opts.notNull ?? false,
  cell,
});

const iso = (expr: SQL) => sql`to_char(${expr} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

function fieldColumn(f: FieldDef): ListColumn {
  const c = cardColumn(f.column);
  const required = f.validation?.required ?? false;
  switch (f.kind) {
    case 'quantity':
      return column(f.key, c, 'numeric', 'decimal', { select: sql`${c}::float8` });
    case 'decimal':
      return column(f.key, c, 'float8', 'decimal');
    case 'count':
    case 'sector':
    case 'integer':
      return column(f.key, c, 'int', 'integer', { notNull: required });
    case 'ref':
      return f.validation?.uuid
        ? column(f.key, c, 'uuid', 'text', { select: sql`${c}::text` })
        : column(f.key, c, 'int', 'integer', { notNull: required });
    default:
      return column(f.key, c, 'text', 'text', { notNull: f.kind === 'status' });
  }
}

/** Code and name columns of a reference: `<prefix>Code`, `<prefix>Name`. */
function referenceColumns(prefix: string, table: string, idExpr: SQL, langs: string[]): ListColumn[] {
  const row = (what: SQL) =>
    sql`(select ${what} from ${sql.identifier(table)} x where x.tenant_id = d.tenant_id and x.id = ${idExpr})`;
  return [
    column(`${prefix}Code`, row(sql`x.code`), 'text', 'text'),
    column(`${prefix}Name`, row(localName('x', langs)), 'text', 'text'),
  ];
}

/** Every fixed column (registry fields and resolved references) for a tenant with `levels` levels. */
function fixedColumns(langs: string[], levels: number): ListColumn[] {
  const eventType = sql`(select x.hazard_code from event_types x where x.tenant_id = d.tenant_id and x.id = d.event_type_id)`;
  const disaster = (what: SQL) =>
    sql`(select ${what} from disaster_events x where x.tenant_id = d.tenant_id and x.id = d.disaster_event_id)`;
  const columns = [
    column('id', sql`d.id`, 'uuid', 'text', { select: sql`d.id::text`, notNull: true }),
    ...DESCRIPTIVE_FIELDS.map(fieldColumn),
    column('startDate', sql`d.start_date`, 'date', 'text', {
      select: sql`d.start_date::text`,
      notNull: true,
    }),
    ...referenceColumns('eventType', 'event_types', sql`d.event_type_id`, langs),
    ...referenceColumns('cause', 'causes', sql`d.cause_id`, langs),
    ...referenceColumns('geoUnit', 'geo_units', sql`d.geo_unit_id`, langs),
    column('hazardCode', eventType, 'text', 'text'),
    column('disasterEventName', disaster(sql`x.name`), 'text', 'text'),
    column('disasterEventGlide', disaster(sql`x.glide`), 'text', 'text'),
    column('sourceUuid', sql`d.source_uuid`, 'text', 'text'),
    column('createdAt', sql`d.created_at`, 'timestamptz', 'text', {
      select: iso(sql`d.created_at`),
      notNull: true,
    }),
    column('updatedAt', sql`d.updated_at`, 'timestamptz', 'text', {
      select: iso(sql`d.updated_at`),
      notNull: true,
    }),
  ];
  for (let k = 1; k <= levels; k++)
    columns.push(
      ...referenceColumns(`level${k}`, 'geo_units', sql`d.geo_ancestors[${intLiteral(k)}]`, langs),
    );
  for (const f of [...EFFECT_FIELDS, ...SECTOR_FIELDS]) {
    columns.push(fieldColumn(f));
    columns.push(
      column(`${f.key}_present`, cardColumn(f.presentColumn!), 'bool', 'boolean', { notNull: true }),
    );
  }
  return columns;
}

/** The columns with the loss columns converted under a money basis, plus moneyFlags. */
function withMoney(columns: ListColumn[], money: MoneySql | undefined): ListColumn[] {
  if (!money) return columns;
  const converted = (key: string) =>
    column(key, money.value, 'numeric', 'decimal', { select: sql`(${money.value})::float8` });
  return [
    ...columns.map((c) => ((MONEY_FIELDS as readonly string[]).includes(c.key) ? converted(c.key) : c)),
    column('moneyFlags', sql`(${money.flags})::jsonb`, 'jsonb', 'text'),
  ];
}

const EXTRA_CELL: Record<string, CellKind> = { integer: 'integer', decimal: 'decimal', currency: 'decimal' };

/**
 * Resolve column keys for the tenant; one issue per unknown key at `<path>.<i>` (or `<path>` when
 * single). With `money` the query must join `money.joins`.
 */
export async function resolveListColumns(
  ex: Executor,
  ctx: RequestContext,
  keys: readonly string[],
  path: string,
  single = false,
  money?: MoneySql,
): Promise<ListColumn[]> {
  const tenant = tenantOf(ctx);
  const fixed = withMoney(fixedColumns(nameLanguages(ctx), await levelCount(ex, tenant.id)), money);
  const extraKeys = keys.filter((k) => k.startsWith('extra.')).map((k) => k.slice(6));
  const extraTypes = await extraFieldTypes(ex, tenant.id, extraKeys);
  const issues: FieldIssue[] = [];
  const columns: ListColumn[] = [];
  for (const [i, key] of keys.entries()) {
    const found = fixed.find((c) => c.key === key);
    const extraType = key.startsWith('extra.') ? extraTypes.get(key.slice(6)) : undefined;
    if (found) columns.push(found);
    else if (extraType) {
      const value = sql`(d.extra -> ${key.slice(6)})`;
      columns.push(column(key, value, 'jsonb', EXTRA_CELL[extraType] ?? 'text'));
    } else
      issues.push({
        path: single ? path : `${path}.${i}`,
        code: 'unknown_column',
        message: key === 'moneyFlags' ? 'moneyFlags needs the money option' : `no column ${key}`,
      });
  }
  if (issues.length) throw validationFailed(issues);
  return columns;
}
