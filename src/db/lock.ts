/**
 * Single-process lock on an embedded data directory. PGlite has no lock of its own, and a
 * second process writing the same folder silently loses its commits, so we refuse it.
 */
import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';

/** Raised when another live process holds the data directory. */
export class DataDirLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly holderPid: number,
    readonly holderCommand: string,
  ) {
    super(
      `The data directory ${dataDir} is in use by another LossLedger process (pid ${holderPid}: ${holderCommand}). ` +
        'Only one process may open an embedded database. Stop that process first, or use its HTTP API, ' +
        'or run LossLedger on PostgreSQL (DATABASE_URL) for shared access.',
    );
    this.name = 'DataDirLockedError';
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Take the lock or throw DataDirLockedError; returns a function that releases it. */
export function acquireDataDirLock(dataDir: string, command: string): () => void {
  const file = join(dataDir, 'lossledger.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, 'wx');
      writeSync(fd, JSON.stringify({ pid: process.pid, command, since: new Date().toISOString() }));
      closeSync(fd);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        rmSync(file, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = readHolder(file);
      if (holder && alive(holder.pid)) {
        throw new DataDirLockedError(dataDir, holder.pid, holder.command);
      }
      rmSync(file, { force: true }); // stale lock from a process that died
    }
  }
  throw new Error(`could not lock ${dataDir}`);
}

function readHolder(file: string): { pid: number; command: string } | null {
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as { pid?: unknown; command?: unknown };
    return typeof parsed.pid === 'number'
      ? { pid: parsed.pid, command: String(parsed.command ?? '?') }
      : null;
  } catch {
    return null;
  }
}
