/**
 * Reads a baselines CSV into validated values, in one of three shapes:
 * - World Bank download: header rows, then Country Name,Country Code,Indicator Name,Indicator Code,1960,…
 * - World Bank long table: Country Name,Country Code,Year,Value (the indicator comes from the file
 *   name or --indicator), as in datasets/population and datasets/gdp;
 * - a national statistics office's own figures: year,metric,value[,value_usd][,unit_code][,source].
 * The World Bank shapes keep the rows of one country (ISO3).
 */
import { basename } from 'node:path';
import { type BaselineValue, BaselineValueSchema } from '../../shared/baselines.ts';
import { AppError } from '../../shared/errors.ts';
import type { BaselineEntry } from './baselines.ts';
import { type CsvRecord, checkHeader, headerOf, Problems, readCsvRecords, textCell } from './csv-file.ts';

/** World Bank indicator code -> the baseline metric and which of its values it fills. */
export const WORLD_BANK_INDICATORS: Readonly<
  Record<string, { metric: BaselineValue['metric']; field: 'value' | 'valueUsd' }>
> = {
  'SP.POP.TOTL': { metric: 'population', field: 'value' },
  'SP.POP.TOTL.FE.IN': { metric: 'population_female', field: 'value' },
  'SP.POP.TOTL.MA.IN': { metric: 'population_male', field: 'value' },
  'SP.POP.0014.TO': { metric: 'population_0_14', field: 'value' },
  'SP.POP.1564.TO': { metric: 'population_15_64', field: 'value' },
  'SP.POP.65UP.TO': { metric: 'population_65_plus', field: 'value' },
  'NY.GDP.MKTP.CD': { metric: 'gdp', field: 'valueUsd' },
  'NY.GDP.MKTP.CN': { metric: 'gdp', field: 'value' },
};

/** The shapes readBaselineFile understands. */
export type BaselineFileShape = 'world-bank' | 'world-bank-long' | 'long';

/** Options of a baselines file read. */
export interface BaselineFileOptions {
  /** ISO3 code of the country whose World Bank rows to keep (needed for the World Bank shapes). */
  country: string | null;
  /** World Bank indicator of a long World Bank table; by default found in the file name. */
  indicator?: string;
}

/** What a file held. */
export interface BaselineFile {
  shape: BaselineFileShape;
  entries: BaselineEntry[];
}

const LONG_COLUMNS = {
  year: 'year',
  metric: 'metric',
  value: 'value',
  valueUsd: 'value_usd',
  unitCode: 'unit_code',
  source: 'source',
};
const KNOWN = Object.keys(WORLD_BANK_INDICATORS).join(', ');

/** Read and validate a baselines CSV (nothing is stored). */
export function readBaselineFile(file: string, options: BaselineFileOptions): BaselineFile {
  const records = readCsvRecords(file);
  const headerAt = records.findIndex((r) => headerOf(r).includes('country code'));
  if (headerAt >= 0) return readWorldBank(file, records.slice(headerAt), options);
  return { shape: 'long', entries: readLong(file, records) };
}

function readLong(file: string, records: CsvRecord[]): BaselineEntry[] {
  const [head, ...rows] = records;
  const header = headerOf(head);
  checkHeader(file, header, ['year', 'metric'], ['value', 'value_usd', 'unit_code', 'source']);
  const problems = new Problems();
  const cell = (r: CsvRecord, column: string) =>
    header.includes(column) ? r.fields[header.indexOf(column)] : undefined;
  const entries: BaselineEntry[] = [];
  for (const r of rows) {
    if (r.fields.length !== header.length) {
      problems.add(r.line, null, `has ${r.fields.length} fields, the header ${header.length}`);
      continue;
    }
    const draft = {
      unitCode: textCell(cell(r, 'unit_code')),
      year: problems.number(r.line, 'year', cell(r, 'year')),
      metric: cell(r, 'metric')?.trim(),
      value: problems.number(r.line, 'value', cell(r, 'value')),
      valueUsd: problems.number(r.line, 'value_usd', cell(r, 'value_usd')),
      source: header.includes('source') ? textCell(cell(r, 'source')) : basename(file),
    };
    if (draft.year === undefined) problems.add(r.line, 'year', 'a year is required', 'required');
    if (draft.year == null || draft.value === null || draft.valueUsd === null) continue;
    // Blank cells are "not given": the key is left out, so the stored value is kept.
    const given = Object.fromEntries(Object.entries(draft).filter(([, v]) => v !== undefined));
    const parsed = BaselineValueSchema.safeParse(given);
    if (!parsed.success) problems.zod(r.line, parsed.error, LONG_COLUMNS);
    else
      entries.push({ at: `line ${r.line}`, unitAt: `line ${r.line}, column unit_code`, value: parsed.data });
  }
  if (rows.length === 0) problems.add(1, null, 'the file has a header but no values', 'empty');
  problems.throwIfAny(file);
  return entries;
}

function readWorldBank(file: string, records: CsvRecord[], options: BaselineFileOptions): BaselineFile {
  const [head, ...rows] = records;
  const header = headerOf(head);
  const long = header.includes('year') && header.includes('value');
  const country = options.country?.toUpperCase() ?? null;
  if (!country)
    throw new AppError(
      'validation_failed',
      `${file} is a World Bank table: give --country ISO3 (or set the tenant's country) to pick its rows.`,
    );
  const codeAt = header.indexOf('country code');
  const mine = rows.filter((r) => r.fields[codeAt]?.trim().toUpperCase() === country);
  if (mine.length === 0) {
    const countries = new Set(rows.map((r) => r.fields[codeAt]?.trim())).size;
    throw new AppError(
      'validation_failed',
      `${file}: no row for country ${country} (the file has ${countries} countries).`,
    );
  }
  const problems = new Problems();
  const entries = long
    ? worldBankLong(file, header, mine, options.indicator, problems)
    : worldBankWide(header, mine, problems);
  problems.throwIfAny(file);
  return { shape: long ? 'world-bank-long' : 'world-bank', entries };
}

/** Where a World Bank value sits: its line, and the columns of its year and its number. */
interface Cell {
  line: number;
  yearColumn: string;
  valueColumn: string;
}

/** One World Bank value, validated like any other baseline. */
function worldBankEntry(problems: Problems, at: Cell, indicator: string, year: number, n: number) {
  const { metric, field } = WORLD_BANK_INDICATORS[indicator]!;
  const parsed = BaselineValueSchema.safeParse({
    year,
    metric,
    [field]: n,
    source: `World Bank WDI ${indicator}`,
  });
  if (parsed.success)
    return { at: `line ${at.line}, column ${at.valueColumn}`, unitAt: `line ${at.line}`, value: parsed.data };
  problems.zod(at.line, parsed.error, {
    year: at.yearColumn,
    value: at.valueColumn,
    valueUsd: at.valueColumn,
  });
  return null;
}

function worldBankWide(header: string[], rows: CsvRecord[], problems: Problems): BaselineEntry[] {
  const indicatorAt = header.indexOf('indicator code');
  const years = header.flatMap((c, i) => (/^\d{4}$/.test(c) ? [{ year: Number(c), i }] : []));
  const entries: BaselineEntry[] = [];
  for (const r of rows) {
    const indicator = r.fields[indicatorAt]?.trim() ?? '';
    if (!WORLD_BANK_INDICATORS[indicator]) {
      problems.add(
        r.line,
        'Indicator Code',
        `'${indicator}' is not an indicator LossLedger reads (${KNOWN})`,
      );
      continue;
    }
    for (const { year, i } of years) {
      const n = problems.number(r.line, String(year), r.fields[i]);
      if (typeof n !== 'number') continue;
      const cell = { line: r.line, yearColumn: String(year), valueColumn: String(year) };
      const entry = worldBankEntry(problems, cell, indicator, year, n);
      if (entry) entries.push(entry);
    }
  }
  return entries;
}

function worldBankLong(
  file: string,
  header: string[],
  rows: CsvRecord[],
  given: string | undefined,
  problems: Problems,
): BaselineEntry[] {
  const indicator = given ?? Object.keys(WORLD_BANK_INDICATORS).find((code) => basename(file).includes(code));
  if (!indicator || !WORLD_BANK_INDICATORS[indicator])
    throw new AppError(
      'validation_failed',
      `${file}: a Country Code,Year,Value table needs its World Bank indicator: ${given ? `'${given}' is not one LossLedger reads` : 'none found in the file name'}; give --indicator (${KNOWN}).`,
    );
  const yearAt = header.indexOf('year');
  const valueAt = header.indexOf('value');
  const entries: BaselineEntry[] = [];
  for (const r of rows) {
    const year = problems.number(r.line, 'Year', r.fields[yearAt]);
    const n = problems.number(r.line, 'Value', r.fields[valueAt]);
    if (typeof year !== 'number' || typeof n !== 'number') continue;
    const entry = worldBankEntry(
      problems,
      { line: r.line, yearColumn: 'Year', valueColumn: 'Value' },
      indicator,
      year,
      n,
    );
    if (entry) entries.push(entry);
  }
  return entries;
}
