/** Exchange rates (global): read a CSV currency,year,per_usd[,source], store, list. */
import { basename } from 'node:path';
import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db } from '../../db/engine.ts';
import { queryRows } from '../../db/query.ts';
import {
  type ExchangeRateInputSchema,
  type ExchangeRateQuerySchema,
  type ExchangeRateSchema,
  ExchangeRateInputSchema as InputSchema,
  type ReferenceImportResult,
} from '../../shared/schemas/reference-data.ts';
import type { RequestContext } from '../context.ts';
import { type GlobalTable, upsertGlobalRows } from './global-rows.ts';
import { readKeyedCsv } from './keyed-csv.ts';

/** One exchange rate to store. */
export type ExchangeRateInput = z.infer<typeof ExchangeRateInputSchema>;

const TABLE: GlobalTable = {
  table: 'exchange_rates',
  entity: 'exchange_rate',
  codeColumn: 'currency',
  columns: { per_usd: 'numeric', source: 'text' },
};

/** Read and validate a rates CSV (nothing is stored). */
export function readRatesFile(file: string): ExchangeRateInput[] {
  return readKeyedCsv(file, {
    schema: InputSchema,
    required: ['currency', 'year', 'per_usd'],
    optional: ['source'],
    numbers: ['year', 'per_usd'],
    fields: { currency: 'currency', year: 'year', perUsd: 'per_usd', source: 'source' },
    key: (r) => `${r.currency} ${r.year}`,
    defaultSource: basename(file),
  });
}

/** Store exchange rates by (currency, year) (superadmin). */
export function importRates(
  db: Db,
  ctx: RequestContext,
  rates: ExchangeRateInput[],
  origin: string,
): Promise<ReferenceImportResult> {
  const rows = rates.map((r) => ({
    code: r.currency,
    year: r.year,
    values: { per_usd: String(r.perUsd), source: r.source },
  }));
  return upsertGlobalRows(db, ctx, TABLE, rows, origin);
}

/** Exchange rates by currency and year. */
export async function listRates(
  db: Db,
  query: z.infer<typeof ExchangeRateQuerySchema>,
): Promise<z.infer<typeof ExchangeRateSchema>[]> {
  const rows = await queryRows<{ currency: string; year: number; perUsd: string; source: string | null }>(
    db,
    sql`select currency, year, per_usd::text as "perUsd", source from exchange_rates
        where true ${query.currency ? sql`and currency = ${query.currency}` : sql``}
          ${query.yearFrom !== undefined ? sql`and year >= ${query.yearFrom}` : sql``}
          ${query.yearTo !== undefined ? sql`and year <= ${query.yearTo}` : sql``}
        order by currency, year`,
  );
  return rows.map((r) => ({ ...r, perUsd: Number(r.perUsd) }));
}
