/** Column helpers shared by the schema files, so every table spells common columns alike. */
import { integer, timestamp } from 'drizzle-orm/pg-core';

export * from 'drizzle-orm/pg-core';

/** A timestamptz column returned as an ISO string on both engines. */
export const timestamptz = (name: string) => timestamp(name, { withTimezone: true, mode: 'string' });

/** The tenant key that every tenant-owned row carries (and leads its primary key). */
export const tenantId = () => integer('tenant_id').notNull();
