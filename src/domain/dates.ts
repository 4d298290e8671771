/** Partial dates (year, year-month or full date) as DesInventar records them. */
import type { FieldIssue } from '../shared/errors.ts';

/** A start date whose month and day may be unknown. */
export interface PartialDate {
  year: number;
  month: number | null;
  day: number | null;
}

/** Number of days in a month (1-12) of a year, leap years included. */
export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** How precise a partial date is. */
export function datePrecision(d: PartialDate): 'year' | 'month' | 'day' {
  if (d.month === null) return 'year';
  return d.day === null ? 'month' : 'day';
}

/** The first day of the period a partial date covers, as YYYY-MM-DD. */
export function periodStart(d: PartialDate): string {
  const pad = (n: number, w: number) => String(n).padStart(w, '0');
  return `${pad(d.year, 4)}-${pad(d.month ?? 1, 2)}-${pad(d.day ?? 1, 2)}`;
}

/** Problems with a partial date: day without month, a day the month lacks, a date in the future. */
export function checkPartialDate(d: PartialDate, today: Date, prefix = 'start'): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (d.day !== null && d.month === null) {
    issues.push({ path: `${prefix}Month`, code: 'required', message: 'a day needs a month' });
  }
  if (d.month !== null && d.day !== null && d.day > daysInMonth(d.year, d.month)) {
    issues.push({
      path: `${prefix}Day`,
      code: 'invalid_date',
      message: `${d.year}-${String(d.month).padStart(2, '0')} has only ${daysInMonth(d.year, d.month)} days`,
    });
  }
  if (issues.length === 0 && periodStart(d) > today.toISOString().slice(0, 10)) {
    issues.push({ path: `${prefix}Year`, code: 'future_date', message: 'the date is in the future' });
  }
  return issues;
}
