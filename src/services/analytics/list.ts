/**
 * The analytics list: chosen columns of the filtered cards, sorted on any column (ties broken by
 * id), paged by offset for the first pages or by keyset cursor for deep ones. Null sorts as the
 * smallest value (first ascending, last descending), as in the datacard list. A money basis
 * converts the loss columns (see list-columns.ts) and adds the money block.
 */
import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/engine.ts';
import { queryRows } from '../../db/query.ts';
import { validationFailed } from '../../shared/errors.ts';
import { MONEY_FIELDS, type MoneyResult } from '../../shared/money.ts';
import type { ListQuery } from '../../shared/schemas/analytics.ts';
import type { RequestContext } from '../context.ts';
import { compileFilter } from './filter.ts';
import { allValid } from './grouping.ts';
import { DEFAULT_LIST_COLUMNS, type ListColumn, resolveListColumns } from './list-columns.ts';
import { moneyResult, queryMoney } from './money-block.ts';
import { readsSummary, summaryCount, summaryFrom } from './summary.ts';
import type { ResultTable } from './tables.ts';

/** A page of the list. */
export interface ListResult {
  columns: string[];
  items: Record<string, unknown>[];
  total: number;
  /** The page number, or null when the page was reached by cursor. */
  page: number | null;
  pageSize: number;
  nextCursor: string | null;
  /** The money basis of the loss columns and its coverage over every matching card. */
  money?: MoneyResult;
}

/** Where a page ends: the sort it belongs to, the last row's sort value (as text) and id. */
interface Cursor {
  s: string;
  o: 'asc' | 'desc';
  v: string | null;
  id: string;
}

const encode = (c: Cursor) => Buffer.from(JSON.stringify(c)).toString('base64url');

function decode(text: string, q: ListQuery): Cursor {
  const bad = (message: string) => validationFailed([{ path: 'cursor', code: 'invalid_cursor', message }]);
  let c: Cursor;
  try {
    c = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as Cursor;
  } catch {
    throw bad('is not a cursor of this list');
  }
  if (
    typeof c?.id !== 'string' ||
    !/^[0-9a-f-]{36}$/i.test(c.id) ||
    !(typeof c.v === 'string' || c.v === null)
  )
    throw bad('is not a cursor of this list');
  if (c.s !== q.sort || c.o !== q.order) throw bad('belongs to another sort order');
  return c;
}

/** Rows after the cursor in (sort, id) order; null is the smallest sort value. */
function after(col: ListColumn, c: Cursor, order: 'asc' | 'desc'): SQL {
  const e = col.sort;
  const v = sql`${c.v}::${sql.raw(col.type)}`;
  const id = sql`${c.id}::uuid`;
  if (col.notNull)
    return order === 'asc' ? sql`(${e}, d.id) > (${v}, ${id})` : sql`(${e}, d.id) < (${v}, ${id})`;
  if (order === 'asc')
    return c.v === null
      ? sql`((${e} is null and d.id > ${id}) or ${e} is not null)`
      : sql`(${e} > ${v} or (${e} = ${v} and d.id > ${id}))`;
  return c.v === null
    ? sql`(${e} is null and d.id < ${id})`
    : sql`(${e} < ${v} or (${e} = ${v} and d.id < ${id}) or ${e} is null)`;
}

/** How many cards match: counting whole groups of the card summary when it can tell. */
async function countCards(db: Db, ctx: RequestContext, q: ListQuery, where: SQL): Promise<number> {
  const count = (await readsSummary(db, ctx, { filter: q.filter }))
    ? sql`select ${summaryCount}::int as n from ${summaryFrom()} where ${where}`
    : sql`select count(*)::int as n from datacards d where ${where}`;
  const [row] = await queryRows<{ n: number }>(db, count);
  return row?.n ?? 0;
}

/** One page of the list; `withTotal: false` skips the count and the money block (streamed downloads). */
export async function listCards(
  db: Db,
  ctx: RequestContext,
  q: ListQuery,
  options: { withTotal?: boolean } = {},
): Promise<ListResult> {
  const money = await queryMoney(db, ctx, q.money);
  const [where, columns, sorts] = await allValid([
    compileFilter(db, ctx, q.filter),
    resolveListColumns(db, ctx, q.columns ?? DEFAULT_LIST_COLUMNS, 'columns', false, money?.sql),
    resolveListColumns(db, ctx, [q.sort], 'sort', true, money?.sql),
  ] as const);
  const moneyKeys = columns.map((c) => c.key).filter((k) => (MONEY_FIELDS as readonly string[]).includes(k));
  const sort = sorts[0]!;
  const cursor = q.cursor ? decode(q.cursor, q) : null;
  const page = cursor ? sql`` : sql`offset ${(q.page - 1) * q.pageSize}`;
  // A column that is never null sorts without a nulls clause, so a btree index on it serves either direction.
  const nulls = sort.notNull ? sql`` : q.order === 'asc' ? sql`nulls first` : sql`nulls last`;
  const dir = q.order === 'asc' ? sql`asc ${nulls}` : sql`desc ${nulls}`;
  const idDir = q.order === 'asc' ? sql`asc` : sql`desc`;
  const selects = columns.map((c) => sql`${c.select} as ${sql.identifier(`c:${c.key}`)}`);
  const withTotal = options.withTotal !== false;
  const [rows, total, moneyBlock] = await Promise.all([
    queryRows<Record<string, unknown>>(
      db,
      sql`select d.id::text as row_id, (${sort.sort})::text as sort_value, ${sql.join(selects, sql`, `)}
          from datacards d ${money?.sql.joins ?? sql``} where ${where} ${cursor ? sql`and ${after(sort, cursor, q.order)}` : sql``}
          order by ${sort.sort} ${dir}, d.id ${idDir} limit ${q.pageSize + 1} ${page}`,
    ),
    withTotal ? countCards(db, ctx, q, where) : Promise.resolve(-1),
    withTotal ? moneyResult(db, ctx, money, where, moneyKeys) : undefined,
  ]);
  const shown = rows.slice(0, q.pageSize);
  const last = shown.at(-1);
  return {
    columns: columns.map((c) => c.key),
    items: shown.map((r) => ({
      id: r.row_id,
      ...Object.fromEntries(columns.map((c) => [c.key, r[`c:${c.key}`] ?? null])),
    })),
    total,
    page: cursor ? null : q.page,
    pageSize: q.pageSize,
    nextCursor:
      rows.length > q.pageSize && last
        ? encode({
            s: q.sort,
            o: q.order,
            v: (last.sort_value as string | null) ?? null,
            id: String(last.row_id),
          })
        : null,
    ...(moneyBlock && { money: moneyBlock }),
  };
}

/**
 * The whole list (every page, keyset-paged in batches of 1,000) as a table for downloads. The
 * first batch is read before returning, so a bad query fails before any byte is sent.
 */
export async function listTable(db: Db, ctx: RequestContext, q: ListQuery): Promise<ResultTable> {
  const batch = { ...q, pageSize: 1000, page: 1, cursor: undefined };
  const first = await listCards(db, ctx, batch, { withTotal: false });
  const money = await queryMoney(db, ctx, q.money);
  const columns = await resolveListColumns(
    db,
    ctx,
    q.columns ?? DEFAULT_LIST_COLUMNS,
    'columns',
    false,
    money?.sql,
  );
  async function* rows() {
    let page = first;
    yield* page.items;
    while (page.nextCursor) {
      page = await listCards(db, ctx, { ...batch, cursor: page.nextCursor }, { withTotal: false });
      yield* page.items;
    }
  }
  return {
    columns: [
      { key: 'id', kind: 'text' as const },
      ...columns.filter((c) => c.key !== 'id').map((c) => ({ key: c.key, kind: c.cell })),
    ],
    rows: rows(),
  };
}
