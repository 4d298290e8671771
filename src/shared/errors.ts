/**
 * One error taxonomy for the whole application. Services throw AppError; the server
 * renders it once as { error: { code, message, details } } with the mapped HTTP status.
 */

/** Stable error codes and their HTTP statuses. */
export const ERROR_STATUS = {
  validation_failed: 400,
  invalid_reference: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  version_conflict: 409,
  duplicate: 409,
  invalid_transition: 409,
  in_use: 409,
  payload_too_large: 413,
  locked: 423,
  too_many_requests: 429,
  internal: 500,
  unavailable: 503,
} as const;

/** A stable, documented error code. */
export type ErrorCode = keyof typeof ERROR_STATUS;

/** One problem with one input field. */
export interface FieldIssue {
  path: string;
  code: string;
  message: string;
}

/** An expected failure with a stable code, a readable message and optional details. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'AppError';
  }
  /** HTTP status for this error's code. */
  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

/** 404 for an id that does not exist in this tenant (or at all). */
export const notFound = (entity: string, id: string | number) =>
  new AppError('not_found', `No ${entity} with id ${id} in this database.`, { entity, id: String(id) });

/** 400 listing each bad field. */
export const validationFailed = (issues: FieldIssue[]) =>
  new AppError(
    'validation_failed',
    issues.length === 1
      ? `Invalid input: ${issues[0]!.path}: ${issues[0]!.message}`
      : `Invalid input in ${issues.length} fields.`,
    { issues },
  );

/** 409 when the caller edited an outdated version. */
export const versionConflict = (entity: string, id: string | number, currentVersion: number) =>
  new AppError(
    'version_conflict',
    `The ${entity} ${id} was changed by someone else (now at version ${currentVersion}). Reload it and apply your change again.`,
    { entity, id: String(id), currentVersion },
  );

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** True for a syntactically valid UUID (a malformed id can name no record: 404, not 400). */
export const isUuid = (id: string) => UUID.test(id);
