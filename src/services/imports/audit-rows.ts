/** Audit rows of an import, written in batches (one per changed record, one summary per import). */
import type { Executor } from '../../db/engine.ts';
import { insertRows } from './rows.ts';

/** One audit_log row keyed by column name. */
export interface AuditRow {
  tenant_id: number;
  actor: string;
  action: 'create' | 'update' | 'delete' | 'import';
  entity: string;
  entity_id: string;
  before: unknown;
  after: unknown;
  request_id: string;
}

/** Insert audit rows in batches (nothing when the list is empty). */
export async function writeAuditRows(tx: Executor, rows: AuditRow[]): Promise<void> {
  if (rows.length > 0) await insertRows(tx, 'audit_log', rows as unknown as Record<string, unknown>[]);
}
