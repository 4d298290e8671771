/** Helpers that keep route declarations short: common params, bodies and error responses. */
import { z } from 'zod';
import { ErrorSchema } from '../shared/schemas/common.ts';

/** Path parameter {code} of every tenant-scoped route. */
export const TenantParams = z.object({
  code: z.string().meta({ description: 'Tenant code', example: 'DEMO' }),
});

/** Path parameters {code} and {id}. */
export const TenantIdParams = TenantParams.extend({ id: z.string().meta({ description: 'Record id' }) });

/** A JSON request body. */
export const jsonBody = <T extends z.ZodType>(schema: T) => ({
  content: { 'application/json': { schema } },
  required: true,
});

/** A JSON response. */
export const jsonResponse = <T extends z.ZodType>(schema: T, description: string) => ({
  content: { 'application/json': { schema } },
  description,
});

const err = (description: string) => jsonResponse(ErrorSchema, description);

/** The error responses a route can give. */
export const errors = {
  400: err('Invalid input; details.issues names each bad field'),
  401: err('Not signed in (or an unknown, revoked or expired API token)'),
  403: err('Signed in, but not allowed (role, geographic scope, read-only token, CSRF)'),
  404: err('No such record in this tenant'),
  409: err('Stale version or duplicate'),
} as const;

/** Query parameter carrying the version for DELETE. */
export const VersionQuery = z.object({ version: z.coerce.number().int().min(1) });
