/** Renders every failure once, as { error: { code, message, details } }. */
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { z } from 'zod';
import { mapDbError } from '../db/errors.ts';
import { AppError, type FieldIssue, validationFailed } from '../shared/errors.ts';

/** zod issues as field issues with dotted paths. */
export function zodIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.map((i) => ({
    path: i.path.length ? i.path.join('.') : '(body)',
    code: i.code,
    message: i.code === 'unrecognized_keys' ? `unknown field(s): ${i.keys.join(', ')}` : i.message,
  }));
}

/** The AppError for any thrown value (unexpected ones become 500 and are logged). */
export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  const mapped = mapDbError(error);
  if (mapped) return mapped;
  if (error instanceof SyntaxError)
    return validationFailed([
      { path: '(body)', code: 'invalid_json', message: 'the body is not valid JSON' },
    ]);
  // A failed query's message carries its parameters (which may be hashes of secrets): log the
  // database's own error and the statement, never the parameters.
  const cause = (error as { cause?: unknown; query?: string } | null)?.cause;
  if (cause instanceof Error)
    console.error('unexpected database error', cause.message, (error as { query?: string }).query ?? '');
  else console.error('unexpected error', error);
  return new AppError('internal', 'Something went wrong on the server. The error was logged.');
}

/** Hono onError handler. */
export function renderError(error: unknown, c: Context): Response {
  const e = toAppError(error);
  const body = {
    error: { code: e.code, message: e.message, ...(e.details === undefined ? {} : { details: e.details }) },
  };
  const retry = (e.details as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds;
  if (retry) c.header('retry-after', String(retry));
  return c.json(body, e.status as ContentfulStatusCode);
}
