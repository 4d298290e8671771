/** Messages between the main thread and the PGlite worker thread. */

/** A request from the main thread; `txId` routes it into an open transaction. */
export type WorkerRequest =
  | { id: number; op: 'query'; sql: string; params: unknown[]; rowMode: 'array' | 'object'; txId?: number }
  | { id: number; op: 'exec'; sql: string; txId?: number }
  | { id: number; op: 'begin' }
  | { id: number; op: 'end'; txId: number; commit: boolean }
  | { id: number; op: 'copyFrom'; sql: string; data: Uint8Array; txId?: number }
  | { id: number; op: 'dump'; file: string }
  | { id: number; op: 'busy' }
  | { id: number; op: 'close' };

/** A database error, carried across the thread boundary with its SQLSTATE fields. */
export interface WorkerError {
  message: string;
  code?: string;
  detail?: string;
  constraint?: string;
  table?: string;
  column?: string;
}

/** The worker's answer to one request. */
export type WorkerResponse =
  | { id: number; ok: true; result: unknown }
  | { id: number; ok: false; error: WorkerError };

/** What the worker is started with. */
export interface WorkerInit {
  /** Folder of the database files, or null for an in-memory database. */
  dataDir: string | null;
  /** A tarball made by dumpDataDir to start from (test templates). */
  loadDataDir?: string;
}

/** Query result shape shared with PGlite's own results. */
export interface QueryResult {
  rows: unknown[];
  fields: { name: string; dataTypeID: number }[];
  affectedRows?: number;
}
