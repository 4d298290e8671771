/** Maps PostgreSQL errors (both engines) to the application's error taxonomy by SQLSTATE. */
import { AppError } from '../shared/errors.ts';

interface PgLikeError {
  code?: string;
  detail?: string;
  constraint?: string;
  message?: string;
}

function findPgError(error: unknown): PgLikeError | null {
  let current: unknown = error;
  for (let depth = 0; current && depth < 5; depth++) {
    const e = current as PgLikeError & { cause?: unknown };
    if (typeof e.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code)) return e;
    current = e.cause;
  }
  return null;
}

/** The AppError for a database error, or null when it is not one we expect. */
export function mapDbError(error: unknown): AppError | null {
  const pg = findPgError(error);
  if (!pg) return null;
  const details = { sqlstate: pg.code, constraint: pg.constraint };
  switch (pg.code) {
    case '23505':
      return new AppError(
        'duplicate',
        `Already exists: ${pg.detail ?? pg.constraint ?? 'duplicate key'}`,
        details,
      );
    case '23503':
      return pg.message?.includes('update or delete')
        ? new AppError(
            'in_use',
            `Still referenced by other records (${pg.constraint ?? 'foreign key'}).`,
            details,
          )
        : new AppError(
            'invalid_reference',
            `Refers to a record that does not exist (${pg.constraint ?? 'foreign key'}).`,
            details,
          );
    case '23514':
    case '23502':
    case '22P02':
    case '22003':
    case '22007':
    case '22008':
      return new AppError('validation_failed', pg.message ?? 'invalid value', details);
    default:
      return null;
  }
}
