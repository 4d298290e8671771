/** What every CLI command shares: argument parsing, clear usage errors and database access. */
import { type ParseArgsConfig, parseArgs } from 'node:util';
import { configFromEnv, type Database, type DatabaseConfig, openDatabase } from '../db/engine.ts';
import { migrate } from '../db/migrate.ts';

/** A usage error: printed with the command's usage, exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** One CLI command. */
export interface Command {
  /** Words that select it, e.g. 'import hazards'. */
  name: string;
  summary: string;
  usage: string;
  options: NonNullable<ParseArgsConfig['options']>;
  /** Runs the command; resolves to the exit code. */
  run(args: { values: Record<string, unknown>; positionals: string[] }): Promise<number>;
}

/** Options every command accepts. */
export const commonOptions = {
  'data-dir': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** Parse argv for a command, turning parse failures into UsageError. */
export function parseCommandArgs(command: Command, argv: string[]) {
  try {
    return parseArgs({
      args: argv,
      options: { ...commonOptions, ...command.options },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

/** A required string option (UsageError when absent). */
export function requireOption(values: Record<string, unknown>, name: string): string {
  const value = values[name];
  if (typeof value !== 'string' || value === '') throw new UsageError(`--${name} is required`);
  return value;
}

/** The database config from --data-dir, DATA_DIR and DATABASE_URL. */
export function databaseConfig(values: Record<string, unknown>, lockCommand: string): DatabaseConfig {
  const config = configFromEnv(process.env, values['data-dir'] as string | undefined);
  return config.kind === 'pglite' ? { ...config, lockCommand } : config;
}

/** Open and migrate the database, run fn, always close. */
export async function withDatabase<T>(
  values: Record<string, unknown>,
  lockCommand: string,
  fn: (database: Database) => Promise<T>,
): Promise<T> {
  const database = await openDatabase(databaseConfig(values, lockCommand));
  try {
    await migrate(database.db);
    return await fn(database);
  } finally {
    await database.close();
  }
}
