/** Consumer price index (global): read a CSV country,year,value[,base_year][,source], store, list. */
import { basename } from 'node:path';
import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db, Executor } from '../../db/engine.ts';
import { queryRows } from '../../db/query.ts';
import { AppError } from '../../shared/errors.ts';
import {
  type CpiInputSchema,
  type CpiQuerySchema,
  type CpiSchema,
  CpiInputSchema as InputSchema,
  type ReferenceImportResult,
} from '../../shared/schemas/reference-data.ts';
import type { RequestContext } from '../context.ts';
import { type GlobalTable, upsertGlobalRows } from './global-rows.ts';
import { readKeyedCsv } from './keyed-csv.ts';

/** One CPI value to store. */
export type CpiInput = z.infer<typeof CpiInputSchema>;

const TABLE: GlobalTable = {
  table: 'cpi',
  entity: 'cpi',
  codeColumn: 'country',
  columns: { value: 'numeric', base_year: 'int', source: 'text' },
};

/** Read and validate a CPI CSV (nothing is stored). */
export function readCpiFile(file: string): CpiInput[] {
  const items = readKeyedCsv(file, {
    schema: InputSchema,
    required: ['country', 'year', 'value'],
    optional: ['base_year', 'source'],
    numbers: ['year', 'value', 'base_year'],
    fields: { country: 'country', year: 'year', value: 'value', baseYear: 'base_year', source: 'source' },
    key: (r) => `${r.country} ${r.year}`,
    defaultSource: basename(file),
  });
  const bases = new Map<string, Set<number | null>>();
  for (const c of items) bases.set(c.country, (bases.get(c.country) ?? new Set()).add(c.baseYear));
  const mixed = [...bases].filter(([, b]) => b.size > 1).map(([country]) => country);
  if (mixed.length)
    throw new AppError(
      'validation_failed',
      `${file}: one series per country: ${mixed.join(', ')} mix base years (or rows with and without base_year).`,
    );
  return items;
}

/**
 * Store CPI values by (country, year) (superadmin). A country's stored rows outside the file must
 * share the file's base year: ratios between two series with different bases would be wrong.
 */
export function importCpi(
  db: Db,
  ctx: RequestContext,
  items: CpiInput[],
  origin: string,
): Promise<ReferenceImportResult> {
  const rows = items.map((c) => ({
    code: c.country,
    year: c.year,
    values: { value: String(c.value), base_year: c.baseYear, source: c.source },
  }));
  return upsertGlobalRows(db, ctx, TABLE, rows, origin, (tx) => checkBaseYears(tx, items, origin));
}

/** Refuse a file whose base year differs from a country's stored rows that the file does not replace. */
async function checkBaseYears(tx: Executor, items: CpiInput[], origin: string): Promise<void> {
  const baseOf = new Map(items.map((c) => [c.country, c.baseYear]));
  const clashes = await queryRows<{ country: string; base_year: number | null; n: number }>(
    tx,
    sql`select c.country, c.base_year, count(*)::int as n from cpi c
        join json_to_recordset(${JSON.stringify([...baseOf].map(([country, base]) => ({ country, base })))}::json)
          as f(country text, base int) on f.country = c.country
        where c.base_year is distinct from f.base
          and c.year not in (select year from json_to_recordset(${JSON.stringify(items)}::json) as i(country text, year int) where i.country = c.country)
        group by 1, 2 order by 1, 2`,
  );
  if (clashes.length)
    throw new AppError(
      'validation_failed',
      `${origin}: ${clashes.map((c) => `${c.country} has ${c.n} stored year(s) with base year ${c.base_year ?? 'none'}`).join('; ')}; import the whole rebased series.`,
    );
}

/** CPI values by country and year. */
export async function listCpi(
  db: Db,
  query: z.infer<typeof CpiQuerySchema>,
): Promise<z.infer<typeof CpiSchema>[]> {
  const rows = await queryRows<{
    country: string;
    year: number;
    value: string;
    baseYear: number | null;
    source: string | null;
  }>(
    db,
    sql`select country, year, value::text as value, base_year as "baseYear", source from cpi
        where true ${query.country ? sql`and country = ${query.country}` : sql``}
          ${query.yearFrom !== undefined ? sql`and year >= ${query.yearFrom}` : sql``}
          ${query.yearTo !== undefined ? sql`and year <= ${query.yearTo}` : sql``}
        order by country, year`,
  );
  return rows.map((r) => ({ ...r, value: Number(r.value) }));
}
