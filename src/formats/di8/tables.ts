/**
 * Access to the tables of a DesInventar 8 region, from either a folder of CSV dumps
 * (one Table.csv per table, header row) or the region's SQLite database (sql.js).
 */
import { readdirSync, statSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { SourceFormatError } from '../model.ts';
import { readCsvRows } from '../table/csv.ts';
import { openSqliteTables } from './sqlite-tables.ts';
import type { Di8Row } from './values.ts';

/** One row with where it came from. */
export interface Di8TableRow {
  row: Di8Row;
  /** 1-based row number within the table. */
  index: number;
  /** File line (CSV only). */
  line?: number;
  /** Bytes of the whole source read so far, when known. */
  bytesRead?: number;
}

/** The tables of one region. */
export interface Di8Tables {
  /** Table names as the source spells them. */
  names: string[];
  bytesTotal: number | null;
  /** The table's name as spelled in the source (case-insensitive lookup), or null. */
  find(table: string): string | null;
  columns(table: string): Promise<string[]>;
  rows(table: string): AsyncIterable<Di8TableRow>;
  close(): void;
}

function finder(names: string[]) {
  const byLower = new Map(names.map((n) => [n.toLowerCase(), n]));
  return (table: string) => byLower.get(table.toLowerCase()) ?? null;
}

/** A folder of Table.csv files. */
function openCsvFolder(dir: string): Di8Tables {
  const files = readdirSync(dir).filter((f) => extname(f).toLowerCase() === '.csv');
  const names = files.map((f) => basename(f, extname(f)));
  const fileOf = new Map(names.map((n, i) => [n, join(dir, files[i]!)]));
  const sizes = new Map(names.map((n) => [n, statSync(fileOf.get(n)!).size]));
  const bytesTotal = [...sizes.values()].reduce((a, b) => a + b, 0);
  const find = finder(names);
  // Tables are read one after another; progress counts the files already finished.
  let finishedBytes = 0;
  async function* records(table: string) {
    const name = find(table);
    if (!name) return;
    yield* readCsvRows(fileOf.get(name)!);
  }
  return {
    names,
    bytesTotal,
    find,
    async columns(table) {
      for await (const r of records(table)) return r.cells.map((c) => c.trim());
      return [];
    },
    async *rows(table) {
      const name = find(table);
      let header: string[] | null = null;
      let index = 0;
      for await (const r of records(table)) {
        if (!header) {
          header = r.cells.map((c) => c.trim());
          continue;
        }
        const row: Di8Row = {};
        header.forEach((column, i) => {
          row[column] = r.cells[i] ?? null;
        });
        index++;
        yield { row, index, line: r.line, bytesRead: finishedBytes + r.bytesRead };
      }
      if (name) finishedBytes += sizes.get(name)!;
    },
    close() {},
  };
}

/** Open a DI8 region: a folder of CSV tables or a SQLite .db file. */
export async function openDi8Tables(path: string): Promise<Di8Tables> {
  let isDir: boolean;
  try {
    isDir = statSync(path).isDirectory();
  } catch {
    throw new SourceFormatError(`${path}: no such file or folder`);
  }
  const tables = isDir ? openCsvFolder(path) : await openSqliteTables(path);
  if (!tables.find('Disaster') && !tables.find('Geography')) {
    tables.close();
    throw new SourceFormatError(
      `${path}: not a DesInventar 8 region (no Disaster or Geography table; found ${tables.names.join(', ') || 'none'})`,
    );
  }
  return tables;
}
