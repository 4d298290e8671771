/** What every part of the loader shares during one import: the transaction, the run, the report. */
import type { Executor } from '../../db/engine.ts';
import { AppError } from '../../shared/errors.ts';
import type { RequestContext } from '../context.ts';
import type { AuditRow } from './audit-rows.ts';
import type { BulkLoad } from './bulk-load.ts';
import type { ReportBuilder } from './report.ts';
import type { ImportOptions, ImportProgress } from './types.ts';

/** The shared state of one running import. */
export interface LoaderContext {
  tx: Executor;
  ctx: RequestContext;
  tenantId: number;
  importId: string;
  /** The actor label written to created_by / updated_by / audit rows. */
  actor: string;
  mode: ImportOptions['mode'];
  report: ReportBuilder;
  progress: ProgressTracker;
  /** True when the tenant held live datacards before this import (else no identity lookups are needed). */
  hadCards: boolean;
  /** The source's details name only its own cards (ImportSource.detailsNameItsCards). */
  detailsNameItsCards: boolean;
  /** A first import into an empty database loads without secondary indexes and summary triggers (bulk-load.ts). */
  bulk: BulkLoad | null;
}

/** The audit columns every loader audit row shares. */
export const auditBase = (lc: LoaderContext, entity: string, action: AuditRow['action'] = 'update') => ({
  tenant_id: lc.tenantId,
  actor: lc.actor,
  action,
  entity,
  request_id: lc.ctx.requestId,
});

/** A row-level problem: raised as the import's error, or (per-row mode) listed and the row skipped. */
export function reject(lc: LoaderContext, place: string, code: string, message: string): void {
  if (lc.mode !== 'per-row') throw rowError(place, code, message);
  lc.report.errors.add({ code, message, place });
}

/** The AppError of a bad row, naming its place. */
export const rowError = (place: string, code: string, message: string) =>
  new AppError('validation_failed', `${place}: ${message}`, { place, code });

/** Keeps the latest progress and passes it on at most every `intervalMs` (phase changes at once). */
export class ProgressTracker {
  readonly current: ImportProgress = { phase: 'reading', cards: 0, bytesRead: 0, bytesTotal: null };
  private last = 0;

  constructor(
    private readonly listener: ((p: ImportProgress) => void) | undefined,
    private readonly intervalMs = 250,
  ) {}

  /** Update some fields; notify when the phase changed or enough time passed. */
  update(change: Partial<ImportProgress>): void {
    const phaseChanged = change.phase !== undefined && change.phase !== this.current.phase;
    Object.assign(this.current, change);
    const now = Date.now();
    if (this.listener && (phaseChanged || now - this.last >= this.intervalMs)) {
      this.last = now;
      this.listener({ ...this.current });
    }
  }

  /** Notify now (the final state). */
  flush(): void {
    this.listener?.({ ...this.current });
  }
}
