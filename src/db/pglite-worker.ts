/**
 * Runs PGlite on its own thread so a long query never blocks the HTTP server.
 * Requests arrive in order; PGlite's own mutex serialises them, and queries outside an
 * open transaction wait until it ends (PGlite is a single session).
 */
import { readFile, writeFile } from 'node:fs/promises';
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite, type Transaction, types } from '@electric-sql/pglite';
import type { WorkerError, WorkerInit, WorkerRequest, WorkerResponse } from './worker-protocol.ts';

const raw = (value: string) => value;

/** Match node-postgres as drizzle configures it: dates, int8 and numeric stay strings. */
const parsers = {
  [types.TIMESTAMP]: raw,
  [types.TIMESTAMPTZ]: raw,
  [types.INTERVAL]: raw,
  [types.DATE]: raw,
  [types.INT8]: raw,
  [types.NUMERIC]: raw,
  1231: raw,
  1115: raw,
  1185: raw,
  1187: raw,
  1182: raw,
};

interface OpenTx {
  tx: Transaction;
  finish: (commit: boolean) => void;
  done: Promise<void>;
}

const init = workerData as WorkerInit;
const port = parentPort!;
const transactions = new Map<number, OpenTx>();
let nextTx = 1;

/** Time with at least one request in progress: the engine's working time (for benchmarks). */
let busyMs = 0;
let inProgress = 0;
let busySince = 0;

function toWorkerError(error: unknown): WorkerError {
  if (error && typeof error === 'object') {
    const e = error as Record<string, unknown>;
    const pick = (k: string) => (typeof e[k] === 'string' ? (e[k] as string) : undefined);
    return {
      message: pick('message') ?? String(error),
      code: pick('code'),
      detail: pick('detail'),
      constraint: pick('constraint'),
      table: pick('table'),
      column: pick('column'),
    };
  }
  return { message: String(error) };
}

async function open(): Promise<PGlite> {
  const loadDataDir = init.loadDataDir ? new Blob([await readFile(init.loadDataDir)]) : undefined;
  return PGlite.create({ dataDir: init.dataDir ?? undefined, loadDataDir, parsers });
}

function beginTransaction(db: PGlite): Promise<number> {
  const txId = nextTx++;
  return new Promise((started, failed) => {
    let finish: (commit: boolean) => void = () => {};
    const decided = new Promise<boolean>((resolve) => {
      finish = resolve;
    });
    const done = db
      .transaction(async (tx) => {
        transactions.set(txId, { tx, finish, done });
        started(txId);
        if (!(await decided)) await tx.rollback();
      })
      .finally(() => transactions.delete(txId));
    done.catch(failed);
  });
}

function target(db: PGlite, txId: number | undefined): Pick<Transaction, 'query' | 'exec'> {
  if (txId === undefined) return db;
  const open = transactions.get(txId);
  if (!open) throw new Error(`transaction ${txId} is not open`);
  return open.tx;
}

async function handle(db: PGlite, req: WorkerRequest): Promise<unknown> {
  switch (req.op) {
    case 'query': {
      const res = await target(db, req.txId).query(req.sql, req.params, { rowMode: req.rowMode });
      return { rows: res.rows, fields: res.fields, affectedRows: res.affectedRows };
    }
    case 'exec':
      await target(db, req.txId).exec(req.sql);
      return null;
    case 'begin':
      return beginTransaction(db);
    case 'end': {
      const open = transactions.get(req.txId);
      if (!open) throw new Error(`transaction ${req.txId} is not open`);
      open.finish(req.commit);
      await open.done;
      return null;
    }
    case 'copyFrom': {
      const res = await target(db, req.txId).query(req.sql, [], {
        blob: new Blob([req.data as Uint8Array<ArrayBuffer>]),
      });
      return { rows: [], fields: [], affectedRows: res.affectedRows };
    }
    case 'dump': {
      const tarball = await db.dumpDataDir('none');
      await writeFile(req.file, Buffer.from(await tarball.arrayBuffer()));
      return null;
    }
    case 'busy':
      return busyMs + (inProgress > 0 ? performance.now() - busySince : 0);
    case 'close':
      await db.close();
      return null;
  }
}

try {
  const db = await open();
  port.on('message', (req: WorkerRequest) => {
    if (inProgress++ === 0) busySince = performance.now();
    handle(db, req)
      .finally(() => {
        if (--inProgress === 0) busyMs += performance.now() - busySince;
      })
      .then(
        (result) => port.postMessage({ id: req.id, ok: true, result } satisfies WorkerResponse),
        (error: unknown) =>
          port.postMessage({ id: req.id, ok: false, error: toWorkerError(error) } satisfies WorkerResponse),
      );
  });
  port.postMessage({ ready: true });
} catch (error) {
  port.postMessage({ ready: false, error: toWorkerError(error) });
}
