/**
 * Reads an asset price file: `asset_code,year,unit_price[,currency]`. The asset is named by its
 * code, which for DesInventar-Sendai asset types is the element key (so the first column may be
 * headed `element_key` instead); a blank currency is the tenant's.
 */
import { z } from 'zod';
import { BaselineYearSchema } from '../../shared/baselines.ts';
import { AssetUnitPriceSchema, CurrencyCodeSchema } from '../../shared/schemas/reference-data.ts';
import { checkHeader, headerOf, Problems, readCsvRecords, textCell } from './csv-file.ts';

const RowSchema = z.strictObject({
  code: z.string().min(1, 'is required').max(50, 'is too long'),
  year: BaselineYearSchema,
  unitPrice: AssetUnitPriceSchema,
  currency: CurrencyCodeSchema.nullable(),
});

/** One line of the file. */
export type AssetPriceRow = z.infer<typeof RowSchema> & { line: number };

/** The rows of a file and the name of its asset column (for messages). */
export interface AssetPricesFile {
  codeColumn: 'asset_code' | 'element_key';
  rows: AssetPriceRow[];
}

/** Read and validate a price file (nothing is stored); every bad line and column in one error. */
export function readAssetPricesFile(file: string): AssetPricesFile {
  const [head, ...records] = readCsvRecords(file);
  const header = headerOf(head);
  const codeColumn =
    header.includes('element_key') && !header.includes('asset_code') ? 'element_key' : 'asset_code';
  checkHeader(file, header, [codeColumn, 'year', 'unit_price'], ['currency']);
  const columns = { code: codeColumn, year: 'year', unitPrice: 'unit_price', currency: 'currency' };
  const problems = new Problems();
  const rows: AssetPriceRow[] = [];
  for (const r of records) {
    if (r.fields.length !== header.length) {
      problems.add(r.line, null, `has ${r.fields.length} fields, the header ${header.length}`);
      continue;
    }
    const cell = (column: string) => (header.includes(column) ? r.fields[header.indexOf(column)] : undefined);
    const year = problems.number(r.line, 'year', cell('year'));
    const unitPrice = problems.number(r.line, 'unit_price', cell('unit_price'));
    if (year === undefined) problems.add(r.line, 'year', 'a value is required', 'required');
    if (unitPrice === undefined) problems.add(r.line, 'unit_price', 'a value is required', 'required');
    if (year == null || unitPrice == null) continue;
    const draft = {
      code: textCell(cell(codeColumn)) ?? '',
      year,
      unitPrice,
      currency: textCell(cell('currency')),
    };
    const parsed = RowSchema.safeParse(draft);
    if (parsed.success) rows.push({ ...parsed.data, line: r.line });
    else problems.zod(r.line, parsed.error, columns);
  }
  if (records.length === 0) problems.add(1, null, 'the file has a header but no rows', 'empty');
  problems.throwIfAny(file);
  return { codeColumn, rows };
}
