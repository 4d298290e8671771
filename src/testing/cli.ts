/** Runs the real `lossledger` command in a child process against the test engine's database. */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Database } from '../db/engine.ts';
import { openTestDatabase, testEngine } from './db.ts';

const bin = join(import.meta.dirname, '..', '..', 'bin', 'lossledger.js');

/** Output of one CLI run. */
export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** A place for CLI runs: an embedded data folder (PGlite pass) or a fresh PostgreSQL database. */
export interface CliTarget {
  run(args: string[]): Promise<CliResult>;
  close(): Promise<void>;
}

/** Run the CLI with arguments and environment overrides. */
export function runCli(args: string[], env: Record<string, string | undefined>): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], {
      env: { ...process.env, ...env },
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

/** A CLI target on the engine under test. */
export async function cliTarget(): Promise<CliTarget> {
  if (testEngine() === 'pglite') {
    const dir = mkdtempSync(join(tmpdir(), 'll-cli-'));
    return {
      run: (args) => runCli([...args, '--data-dir', dir], { DATABASE_URL: undefined, DATA_DIR: undefined }),
      close: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  const database: Database = await openTestDatabase();
  return {
    run: (args) => runCli(args, { DATABASE_URL: database.location }),
    close: () => database.close(),
  };
}
