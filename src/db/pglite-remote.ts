/**
 * The main-thread face of the PGlite worker. It offers the slice of PGlite's interface
 * that drizzle's pglite driver uses (query, exec, transaction), so the same drizzle code
 * runs on both engines while the WASM database works on another thread.
 */
import { Worker } from 'node:worker_threads';
import type {
  QueryResult,
  WorkerError,
  WorkerInit,
  WorkerRequest,
  WorkerResponse,
} from './worker-protocol.ts';

type Pending = { resolve: (value: unknown) => void; reject: (error: Error) => void };
type RequestBody = WorkerRequest extends infer R ? (R extends WorkerRequest ? Omit<R, 'id'> : never) : never;

/** An error raised by the embedded database, with the SQLSTATE fields node-postgres also has. */
export class EmbeddedDatabaseError extends Error {
  code?: string;
  detail?: string;
  constraint?: string;
  table?: string;
  column?: string;
  constructor(e: WorkerError) {
    super(e.message);
    this.name = 'EmbeddedDatabaseError';
    Object.assign(this, {
      code: e.code,
      detail: e.detail,
      constraint: e.constraint,
      table: e.table,
      column: e.column,
    });
  }
}

/** Query options accepted from drizzle (parsers are applied inside the worker). */
interface QueryOptions {
  rowMode?: 'array' | 'object';
}

/** Queries bound to one open transaction (what drizzle receives as the transaction client). */
export class RemoteTransaction {
  constructor(
    private readonly remote: RemotePglite,
    readonly txId: number,
  ) {}
  /** Run one statement inside the transaction. */
  query(sql: string, params: unknown[] = [], options: QueryOptions = {}): Promise<QueryResult> {
    return this.remote.query(sql, params, options, this.txId);
  }
  /** Run a script inside the transaction. */
  exec(sql: string): Promise<void> {
    return this.remote.call({ op: 'exec', sql, txId: this.txId }) as Promise<void>;
  }
  /** Bulk-load with PGlite's COPY ... FROM '/dev/blob' inside the transaction. */
  copyFrom(sql: string, data: Uint8Array): Promise<QueryResult> {
    return this.remote.call({ op: 'copyFrom', sql, data, txId: this.txId }) as Promise<QueryResult>;
  }
}

/** Proxy to a PGlite instance living in a worker thread. */
export class RemotePglite {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private closed = false;

  private constructor(private readonly worker: Worker) {
    worker.on('message', (msg: WorkerResponse) => this.settle(msg));
    worker.on('error', (error) => this.failAll(error));
    worker.on('exit', () => this.failAll(new Error('the embedded database worker stopped')));
  }

  /** Start the worker and wait until the database is open. */
  static async start(init: WorkerInit): Promise<RemotePglite> {
    const tsx = JSON.stringify(import.meta.resolve('tsx/esm/api'));
    const entry = JSON.stringify(new URL('./pglite-worker.ts', import.meta.url).href);
    const code = `import(${tsx}).then((m) => { m.register(); return import(${entry}); })`;
    const worker = new Worker(code, { eval: true, workerData: init });
    await new Promise<void>((resolve, reject) => {
      const onMessage = (msg: { ready?: boolean; error?: WorkerError }) => {
        if (!('ready' in msg)) return;
        worker.off('message', onMessage);
        if (msg.ready) resolve();
        else
          reject(new EmbeddedDatabaseError(msg.error ?? { message: 'the embedded database failed to open' }));
      };
      worker.on('message', onMessage);
      worker.once('error', reject);
    });
    return new RemotePglite(worker);
  }

  /** Send one request to the worker. */
  call(body: RequestBody): Promise<unknown> {
    if (this.closed) return Promise.reject(new Error('the embedded database is closed'));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      // COPY data moves to the worker instead of being copied (the caller does not reuse it).
      const transfer = body.op === 'copyFrom' ? [body.data.buffer as ArrayBuffer] : [];
      this.worker.postMessage({ ...body, id }, transfer);
    });
  }

  /** Run one statement (outside any transaction unless txId is given). */
  query(
    sql: string,
    params: unknown[] = [],
    options: QueryOptions = {},
    txId?: number,
  ): Promise<QueryResult> {
    const rowMode = options.rowMode ?? 'object';
    return this.call({ op: 'query', sql, params, rowMode, txId }) as Promise<QueryResult>;
  }

  /** Bulk-load with COPY ... FROM '/dev/blob' outside any transaction. */
  copyFrom(sql: string, data: Uint8Array): Promise<QueryResult> {
    return this.call({ op: 'copyFrom', sql, data }) as Promise<QueryResult>;
  }

  /** Milliseconds the worker has had a request in progress since it started. */
  busyMs(): Promise<number> {
    return this.call({ op: 'busy' }) as Promise<number>;
  }

  /** Run a script of statements. */
  async exec(sql: string): Promise<void> {
    await this.call({ op: 'exec', sql });
  }

  /** Run fn inside one transaction; commit when it resolves, roll back when it throws. */
  async transaction<T>(fn: (tx: RemoteTransaction) => Promise<T>): Promise<T> {
    const txId = (await this.call({ op: 'begin' })) as number;
    let result: T;
    try {
      result = await fn(new RemoteTransaction(this, txId));
    } catch (error) {
      await this.call({ op: 'end', txId, commit: false });
      throw error;
    }
    await this.call({ op: 'end', txId, commit: true });
    return result;
  }

  /** Write the whole database as a tarball (used for test templates and backups). */
  async dumpTo(file: string): Promise<void> {
    await this.call({ op: 'dump', file });
  }

  /** Close the database and stop the worker. */
  async close(): Promise<void> {
    if (this.closed) return;
    await this.call({ op: 'close' });
    this.closed = true;
    await this.worker.terminate();
  }

  private settle(msg: WorkerResponse): void {
    const pending = this.pending.get(msg.id);
    if (!pending) return;
    this.pending.delete(msg.id);
    if (msg.ok) pending.resolve(msg.result);
    else pending.reject(new EmbeddedDatabaseError(msg.error));
  }

  private failAll(error: Error): void {
    this.closed = true;
    for (const p of this.pending.values()) p.reject(error);
    this.pending.clear();
  }
}
