/**
 * Runs the `lossledger` command in tests: in-process through the CLI's main() (the same command
 * table, parsing, output and exit codes, without the seconds a tsx process needs to start), or
 * as a real child process (runCli) for the few smoke tests of the binary itself.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../cli/main.ts';
import { type Database, type Db, openDatabase } from '../db/engine.ts';
import { openTestDatabase, testEngine } from './db.ts';

const bin = join(import.meta.dirname, '..', '..', 'bin', 'lossledger.js');

/** Output of one CLI run. */
export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** A database for CLI runs: an embedded data folder (PGlite pass) or a fresh PostgreSQL database. */
export interface CliTarget {
  /** Run the command in-process against this database. */
  run(args: string[]): Promise<CliResult>;
  /** Query the database the commands wrote to (between runs: the embedded folder is opened for fn). */
  inspect<T>(fn: (db: Db) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** Run the real `lossledger` binary in a child process with environment overrides. */
export function runCli(args: string[], env: Record<string, string | undefined>): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], {
      env: { ...process.env, NODE_TEST_CONTEXT: undefined, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Where the writes of the in-process command that is running go. */
const captured = new AsyncLocalStorage<{ stdout: string; stderr: string }>();

/** Route process.stdout/stderr writes made inside captured.run() to its buffers (once per process). */
const routeOutput = (() => {
  let done = false;
  return () => {
    if (done) return;
    done = true;
    for (const name of ['stdout', 'stderr'] as const) {
      const stream = process[name];
      const write = stream.write.bind(stream) as (...args: unknown[]) => boolean;
      stream.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
        const buffers = captured.getStore();
        if (!buffers) return write(chunk, ...rest);
        buffers[name] += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
        const callback = rest.find((r) => typeof r === 'function') as (() => void) | undefined;
        if (callback) process.nextTick(callback);
        return true;
      }) as typeof stream.write;
    }
  };
})();

/** In-process runs go one at a time: each sets the process environment the CLI reads. */
let queue: Promise<unknown> = Promise.resolve();

/** Run the CLI in this process with environment overrides (undefined removes a variable). */
export function runCliInProcess(args: string[], env: Record<string, string | undefined>): Promise<CliResult> {
  const run = queue.then(async () => {
    routeOutput();
    const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
    const apply = (values: Record<string, string | undefined>) => {
      for (const [k, v] of Object.entries(values)) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
    };
    apply(env);
    const buffers = { stdout: '', stderr: '' };
    try {
      const code = await captured.run(buffers, () => main(args));
      return { code, ...buffers };
    } finally {
      apply(saved);
    }
  });
  queue = run.catch(() => {});
  return run;
}

/** A fresh embedded data folder, migrated when the test runner made a template folder. */
function pgliteDataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'll-cli-'));
  const template = process.env.TEST_PGLITE_TEMPLATE_DIR;
  if (template) cpSync(template, dir, { recursive: true });
  return dir;
}

/** A CLI target on the engine under test. */
export async function cliTarget(): Promise<CliTarget> {
  if (testEngine() === 'pglite') {
    const dir = pgliteDataDir();
    const embedded = { DATABASE_URL: undefined, DATA_DIR: undefined };
    return {
      run: (args) => runCliInProcess([...args, '--data-dir', dir], embedded),
      inspect: async (fn) => {
        await queue;
        const database = await openDatabase({ kind: 'pglite', dataDir: dir });
        try {
          return await fn(database.db);
        } finally {
          await database.close();
        }
      },
      close: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  const database: Database = await openTestDatabase();
  return {
    run: (args) => runCliInProcess(args, { DATABASE_URL: database.location, DATA_DIR: undefined }),
    inspect: (fn) => fn(database.db),
    close: () => database.close(),
  };
}
