/** The country profile as tables for downloads: one sheet per table in XLSX, one chosen table in CSV. */
import { validationFailed } from '../../shared/errors.ts';
import { PROFILE_TABLES, type ProfileTable } from '../../shared/schemas/analytics.ts';
import { LARGEST_COLUMNS, type Profile } from './profile.ts';
import {
  type ResultTable,
  statisticsTable,
  type TableFormat,
  timeseriesTable,
  totalsTable,
  typed,
} from './tables.ts';

/** The tables a download holds: the chosen one, else every one (XLSX); a CSV must choose (400 at `table`). */
export function profileTableNames(format: TableFormat, table?: ProfileTable): ProfileTable[] {
  if (table) return [table];
  if (format === 'csv')
    throw validationFailed([
      {
        path: 'table',
        code: 'required',
        message: `a CSV holds one table: choose ${PROFILE_TABLES.join(', ')}`,
      },
    ]);
  return [...PROFILE_TABLES];
}

/** One table of the profile, with the columns of the matching query's download. */
export function profileTable(p: Profile, name: ProfileTable): ResultTable {
  switch (name) {
    case 'totals':
      return totalsTable(p.totals);
    case 'byEvent':
      return statisticsTable(p.byEvent);
    case 'byTopUnit':
      return statisticsTable(p.byTopUnit);
    case 'byYear':
      return timeseriesTable(p.byYear);
    default:
      return { columns: typed(['id', ...LARGEST_COLUMNS], p.largest), rows: p.largest };
  }
}
