import { index, jsonb, pgTable, primaryKey, tenantId, text, timestamptz, uuid } from './columns.ts';
import { tenants } from './tenants.ts';

/** One import of a file: what, who, when, counts and errors. */
export const importRuns = pgTable(
  'import_runs',
  {
    tenantId: tenantId().references(() => tenants.id),
    id: uuid('id').notNull().defaultRandom(),
    kind: text('kind').notNull(),
    fileName: text('file_name'),
    status: text('status', { enum: ['running', 'succeeded', 'failed', 'dry_run'] }).notNull(),
    actor: text('actor').notNull(),
    startedAt: timestamptz('started_at').notNull().defaultNow(),
    finishedAt: timestamptz('finished_at'),
    counts: jsonb('counts').$type<Record<string, number>>().notNull().default({}),
    report: jsonb('report').$type<Record<string, unknown>>().notNull().default({}),
    /** Live progress of a running import: { phase, done, total }. */
    progress: jsonb('progress').$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('import_runs_started').on(t.tenantId, t.startedAt),
  ],
);
