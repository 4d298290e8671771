/** Reading reference CSV files: records with line numbers, number cells, and one error listing every problem. */
import { existsSync, readFileSync } from 'node:fs';
import type { z } from 'zod';
import { AppError, type FieldIssue } from '../../shared/errors.ts';
import { CsvError, type CsvRecord, parseCsv } from '../hazards/csv.ts';

export type { CsvRecord } from '../hazards/csv.ts';

const MAX_LISTED = 20;

/** The error for a file with problems: the first ones in the message, up to 100 in details. */
export function fileProblems(file: string, issues: FieldIssue[]): AppError {
  const listed = issues.slice(0, MAX_LISTED).map((i) => `\n  ${i.path}: ${i.message}`);
  const more = issues.length > MAX_LISTED ? `\n  … and ${issues.length - MAX_LISTED} more` : '';
  return new AppError(
    'validation_failed',
    `${file}: ${issues.length} problem${issues.length === 1 ? '' : 's'}, nothing imported:${listed.join('')}${more}`,
    { issues: issues.slice(0, 100) },
  );
}

/** The records of a CSV file (BOM dropped, blank lines skipped); not_found / validation_failed otherwise. */
export function readCsvRecords(file: string): CsvRecord[] {
  if (!existsSync(file)) throw new AppError('not_found', `No such file: ${file}`);
  try {
    return parseCsv(readFileSync(file, 'utf8'));
  } catch (error) {
    if (error instanceof CsvError) throw new AppError('validation_failed', `${file}: ${error.message}`);
    throw error;
  }
}

/** Header names trimmed and lower-cased. */
export const headerOf = (record: CsvRecord | undefined) =>
  (record?.fields ?? []).map((c) => c.trim().toLowerCase());

/**
 * Check a header against required and optional columns; throws naming what is wrong and what
 * the file should look like.
 */
export function checkHeader(file: string, header: string[], required: string[], optional: string[]): void {
  const problems = [
    ...required.filter((c) => !header.includes(c)).map((c) => `no "${c}" column`),
    ...header
      .filter((c) => !required.includes(c) && !optional.includes(c))
      .map((c) => `unknown column "${c}"`),
    ...header.filter((c, i) => header.indexOf(c) !== i).map((c) => `column "${c}" appears twice`),
  ];
  if (problems.length)
    throw new AppError(
      'validation_failed',
      `${file}: the header has ${problems.join('; ')}. Expected: ${[...required, ...optional.map((c) => `[${c}]`)].join(',')}.`,
    );
}

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/** A cell as a number: undefined when blank, NaN when it is not a plain decimal number. */
export function numberCell(text: string | undefined): number | undefined {
  const t = text?.trim() ?? '';
  if (t === '') return undefined;
  return NUMBER.test(t) ? Number(t) : Number.NaN;
}

/** A cell as trimmed text, or null when blank. */
export const textCell = (text: string | undefined) => (text?.trim() ? text.trim() : null);

/** Collects the problems of one file, each at "line N, column C". */
export class Problems {
  readonly issues: FieldIssue[] = [];

  /** Record one problem. */
  add(line: number, column: string | null, message: string, code = 'invalid'): void {
    this.issues.push({ path: column ? `line ${line}, column ${column}` : `line ${line}`, code, message });
  }

  /** Check a cell holds a number; records a problem and returns null when it does not. */
  number(line: number, column: string, text: string | undefined): number | undefined | null {
    const n = numberCell(text);
    if (n !== undefined && Number.isNaN(n)) {
      this.add(
        line,
        column,
        `'${text?.trim()}' is not a number (use a dot for decimals, no thousands separators)`,
      );
      return null;
    }
    return n;
  }

  /** Record a zod failure, naming each field by its CSV column (columns: schema key -> column). */
  zod(line: number, error: z.ZodError, columns: Record<string, string>): void {
    for (const issue of error.issues) {
      const key = String(issue.path[0] ?? '');
      this.add(line, columns[key] ?? (key || null), issue.message, issue.code);
    }
  }

  /** Throw the file's problems, if any. */
  throwIfAny(file: string): void {
    if (this.issues.length) throw fileProblems(file, this.issues);
  }
}
