/** The tables of a DesInventar 8 SQLite region database, read with sql.js (WASM, loaded from disk). */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import initSqlJs, { type SqlJsStatic } from 'sql.js';
import { SourceFormatError } from '../model.ts';
import type { Di8Tables } from './tables.ts';
import type { Di8Row } from './values.ts';

let engine: Promise<SqlJsStatic> | null = null;

/** sql.js, initialised once per process from node_modules (never from the network). */
export function sqlJs(): Promise<SqlJsStatic> {
  if (!engine) {
    const dist = dirname(createRequire(import.meta.url).resolve('sql.js'));
    engine = initSqlJs({ locateFile: (file: string) => join(dist, file) });
  }
  return engine;
}

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** Open a .db file (read into memory: sql.js has no file access). */
export async function openSqliteTables(path: string): Promise<Di8Tables> {
  const bytes = readFileSync(path);
  if (bytes.subarray(0, 16).toString('latin1') !== 'SQLite format 3\0') {
    throw new SourceFormatError(`${path}: neither a folder of CSV tables nor a SQLite database`);
  }
  const SQL = await sqlJs();
  const db = new SQL.Database(bytes);
  const listed = db.exec(`select name from sqlite_master where type = 'table' order by name`);
  const names = (listed[0]?.values ?? []).map((r) => String(r[0]));
  const byLower = new Map(names.map((n) => [n.toLowerCase(), n]));
  const find = (table: string) => byLower.get(table.toLowerCase()) ?? null;
  return {
    names,
    bytesTotal: bytes.length,
    find,
    async columns(table) {
      const name = find(table);
      if (!name) return [];
      const info = db.exec(`pragma table_info(${quote(name)})`);
      return (info[0]?.values ?? []).map((r) => String(r[1]));
    },
    async *rows(table) {
      const name = find(table);
      if (!name) return;
      const stmt = db.prepare(`select * from ${quote(name)}`);
      try {
        let index = 0;
        while (stmt.step()) {
          const raw = stmt.getAsObject();
          const row: Di8Row = {};
          for (const [k, v] of Object.entries(raw)) row[k] = v instanceof Uint8Array ? null : v;
          index++;
          yield { row, index };
        }
      } finally {
        stmt.free();
      }
    },
    close: () => db.close(),
  };
}
