/** Tenant (country or region database) API schemas. */
import { z } from 'zod';
import { NamesSchema, VersionSchema } from './common.ts';

const fields = {
  names: NamesSchema,
  currency: z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as KZT'),
  /** Null for a regional database; finds the country's CPI and World Bank rows. */
  country: z
    .string()
    .regex(/^[A-Z]{3}$/, 'must be an ISO 3166-1 alpha-3 code such as KAZ')
    .nullable(),
  languages: z
    .array(z.string().regex(/^[a-z]{2,3}$/))
    .min(1)
    .max(20),
  defaultLanguage: z.string().regex(/^[a-z]{2,3}$/),
  isPublic: z.boolean(),
};

/** Body of POST /api/tenants. */
export const TenantCreateSchema = z
  .strictObject({
    code: z.string().regex(/^[A-Z0-9_-]{2,20}$/, 'must be 2-20 upper-case letters, digits, - or _'),
    ...fields,
    country: fields.country.optional(),
    languages: fields.languages.optional(),
    defaultLanguage: fields.defaultLanguage.optional(),
    isPublic: fields.isPublic.optional(),
  })
  .meta({ id: 'TenantCreate' });

/** Body of PATCH /api/tenants/{code}. */
export const TenantPatchSchema = z
  .strictObject({
    names: fields.names.optional(),
    currency: fields.currency.optional(),
    country: fields.country.optional(),
    languages: fields.languages.optional(),
    defaultLanguage: fields.defaultLanguage.optional(),
    isPublic: fields.isPublic.optional(),
    version: VersionSchema,
  })
  .meta({ id: 'TenantPatch' });

/** A tenant as returned by the API. */
export const TenantSchema = z
  .object({
    id: z.number().int(),
    code: z.string(),
    names: z.record(z.string(), z.string()),
    currency: z.string(),
    country: z.string().nullable(),
    languages: z.array(z.string()),
    defaultLanguage: z.string(),
    isPublic: z.boolean(),
    synthetic: z.boolean(),
    version: z.number().int(),
  })
  .meta({ id: 'Tenant' });

/** A tenant (TypeScript view). */
export type Tenant = z.infer<typeof TenantSchema>;
