/**
 * An in-memory copy of one small tenant catalogue (levels, units, event types …) that an import
 * upserts by natural key: rows are created or changed in memory at once (so later items and
 * cards resolve codes without queries) and written in batches by flush().
 */
import { type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../db/engine.ts';
import { type AuditRow, writeAuditRows } from './audit-rows.ts';
import type { CountKind, ReportBuilder } from './report.ts';
import { insertRows, type Row, updateRows } from './rows.ts';
import { sameValue } from './values.ts';

/** How a catalogue table is written. */
export interface StoreSpec {
  table: string;
  kind: CountKind;
  auditEntity: string;
  /** Columns that identify a row in UPDATE (tenant_id first). */
  keyColumns: string[];
  /** Columns an import compares and writes. */
  content: string[];
  /** Extra assignments of an update (version bump, updated_at); the target is aliased d. */
  bump?: SQL;
}

type Change = 'created' | 'updated' | 'unchanged';

/** The standard bump of versioned tables with updated_at. */
export const VERSION_BUMP = sql`version = d.version + 1, updated_at = now()`;

/** One catalogue table held in memory during an import. */
export class CatalogueStore {
  private readonly rows = new Map<string, Row>();
  private readonly change = new Map<string, Change>();
  private readonly inserts = new Map<string, Row>();
  /** Stored state (as last written) of rows that may need an update, by key. */
  private readonly originals = new Map<string, Row>();
  private readonly updates = new Set<string>();
  /** Keys whose rows were updated in the database by this import (they stay 'updated'). */
  private readonly written = new Set<string>();

  constructor(
    readonly spec: StoreSpec,
    private readonly report: ReportBuilder,
  ) {}

  /** Put a stored row (before the import changes anything). */
  load(key: string, row: Row): void {
    this.rows.set(key, row);
  }

  /** The current row of a key. */
  get(key: string): Row | undefined {
    return this.rows.get(key);
  }

  /** Every current row. */
  values(): IterableIterator<Row> {
    return this.rows.values();
  }

  /** True when the key was created or changed by this import. */
  touched(key: string): boolean {
    return this.change.has(key);
  }

  /**
   * Make `next` the row of `key`: created when new, else updated when a content column (or
   * something stored elsewhere, `otherChange`) differs from the stored row, else unchanged.
   * Each key counts once, with its final state over all the items that named it.
   */
  put(key: string, next: Row, otherChange = false): Row {
    const current = this.rows.get(key);
    this.rows.set(key, next);
    if (!current) {
      this.inserts.set(key, next);
      this.setChange(key, 'created');
      return next;
    }
    if (this.inserts.has(key)) {
      this.inserts.set(key, next);
      return next;
    }
    if (!this.originals.has(key)) this.originals.set(key, current);
    const original = this.originals.get(key)!;
    const differs = otherChange || this.spec.content.some((c) => !sameValue(original[c], next[c]));
    if (differs) this.updates.add(key);
    else this.updates.delete(key);
    if (this.change.get(key) !== 'created')
      this.setChange(key, differs || this.written.has(key) ? 'updated' : 'unchanged');
    return next;
  }

  private setChange(key: string, change: Change): void {
    const before = this.change.get(key);
    if (before === change) return;
    if (before) this.report.count(this.spec.kind, before, -1);
    this.report.count(this.spec.kind, change);
    this.change.set(key, change);
  }

  /** Write pending rows; one audit row per updated stored row (creations are summarised by the import). */
  async flush(tx: Executor, audit: Omit<AuditRow, 'entity_id' | 'before' | 'after'>): Promise<void> {
    if (this.inserts.size > 0) {
      await insertRows(tx, this.spec.table, [...this.inserts.values()]);
      this.inserts.clear();
    }
    if (this.updates.size === 0) return;
    const pick = (row: Row) => Object.fromEntries(this.spec.content.map((c) => [c, row[c] ?? null]));
    const changed = [...this.updates].map((key) => ({
      key,
      before: this.originals.get(key)!,
      after: this.rows.get(key)!,
    }));
    const written = changed.map(({ after }) => ({
      ...Object.fromEntries(this.spec.keyColumns.map((c) => [c, after[c]])),
      ...pick(after),
    }));
    await updateRows(tx, this.spec.table, written, this.spec.keyColumns, this.spec.bump);
    await writeAuditRows(
      tx,
      changed
        .filter(({ key }) => this.change.get(key) !== 'created')
        .map(({ key, before, after }) => ({
          ...audit,
          entity_id: String(after.id ?? key),
          before: pick(before),
          after: pick(after),
        })),
    );
    for (const { key, after } of changed) {
      this.originals.set(key, after);
      this.written.add(key);
    }
    this.updates.clear();
  }
}
