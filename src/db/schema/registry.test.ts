import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { getTableColumns, sql } from 'drizzle-orm';
import { ALL_FIELDS, columnProp, type FieldDef } from '../../shared/fields.ts';
import { openTestDatabase } from '../../testing/db.ts';
import type { Database } from '../engine.ts';
import { queryRows } from '../query.ts';
import { datacards } from './index.ts';

/** The SQL type each registry kind must have in the datacards table. */
function expectedSqlType(field: FieldDef): string {
  switch (field.kind) {
    case 'count':
    case 'sector':
    case 'integer':
      return 'integer';
    case 'quantity':
      return 'numeric';
    case 'decimal':
      return 'double precision';
    case 'ref':
      return field.validation?.uuid ? 'uuid' : 'integer';
    case 'text':
    case 'status':
      return 'text';
  }
}

let database: Database;
let dbColumns: Map<string, string>;

before(async () => {
  database = await openTestDatabase();
  const rows = await queryRows<{ column_name: string; data_type: string }>(
    database.db,
    sql`select column_name, data_type from information_schema.columns where table_name = 'datacards' order by column_name`,
  );
  dbColumns = new Map(rows.map((r) => [r.column_name, r.data_type]));
});
after(() => database.close());

describe('field registry vs database schema', () => {
  const columns = getTableColumns(datacards);

  for (const field of ALL_FIELDS) {
    test(`${field.key}: drizzle column ${field.column} and migrated column of type ${expectedSqlType(field)}`, () => {
      const column = columns[columnProp(field.column) as keyof typeof columns];
      assert.ok(column, `drizzle schema lacks ${field.column}`);
      assert.equal(column.name, field.column);
      assert.equal(dbColumns.get(field.column), expectedSqlType(field));
      if (field.presentColumn) {
        assert.equal(
          dbColumns.get(field.presentColumn),
          'boolean',
          `${field.presentColumn} should be boolean`,
        );
      }
    });
  }

  test('every effect-like column of the table is in the registry', () => {
    const known = new Set(ALL_FIELDS.flatMap((f) => [f.column, f.presentColumn].filter(Boolean)));
    const orphans = [...dbColumns.keys()].filter((c) => c.endsWith('_present') && !known.has(c));
    assert.deepEqual(orphans, []);
  });

  test('registry keys and columns are unique', () => {
    assert.equal(new Set(ALL_FIELDS.map((f) => f.key)).size, ALL_FIELDS.length);
    assert.equal(new Set(ALL_FIELDS.map((f) => f.column)).size, ALL_FIELDS.length);
  });

  test('every effect and sector names its DesInventar XML and DI8 columns', () => {
    for (const f of ALL_FIELDS.filter((f) => f.presentColumn)) {
      assert.ok(f.diXml, `${f.key} lacks diXml`);
      assert.ok(f.di8, `${f.key} lacks di8`);
    }
  });
});
