import { sql } from 'drizzle-orm';
import { EFFECT_FIELDS, type EffectKey, type FieldDef } from '../../shared/fields.ts';
import { bigint, index, integer, numeric, pgTable, tenantId, text, unique } from './columns.ts';
import { DATACARD_STATUSES } from './datacards.ts';
import { tenants } from './tenants.ts';

/** The effects the summary holds: every core effect of the registry. */
export const SUMMARY_FIELDS: readonly FieldDef[] = EFFECT_FIELDS;

/** Column of a summary group's sum of an effect (nulls count as nothing). */
export const summarySumColumn = (f: FieldDef) => `${f.column}_sum`;
/** Column of a summary group's number of cards that have an effect (value above zero or its "there were" flag). */
export const summaryWithColumn = (f: FieldDef) => `${f.column}_with`;

/** Sums of counts are whole numbers, of quantities (money, hectares, metres) exact decimals. */
const sumColumn = (f: FieldDef) =>
  f.kind === 'count'
    ? bigint(summarySumColumn(f), { mode: 'number' }).notNull().default(0)
    : numeric(summarySumColumn(f), { mode: 'string' }).notNull().default('0');

const withColumn = (f: FieldDef) => integer(summaryWithColumn(f)).notNull().default(0);

type EffectColumns = Record<`${EffectKey}Sum`, ReturnType<typeof sumColumn>> &
  Record<`${EffectKey}With`, ReturnType<typeof withColumn>>;

const effectColumns = Object.fromEntries(
  SUMMARY_FIELDS.flatMap((f) => [
    [`${f.key}Sum`, sumColumn(f)],
    [`${f.key}With`, withColumn(f)],
  ]),
) as EffectColumns;

/**
 * Live datacards added up per group of the columns analytics most often group and filter on,
 * so that those queries read a few thousand groups instead of every card. The database keeps it
 * current: statement-level triggers on datacards (hand-written in the migration that created
 * this table, enabled ALWAYS so that imports running as replication replicas keep it too) add
 * new rows and subtract old ones; a group whose last card goes is deleted. geo1/geo2 are the
 * card's ancestors at levels 1 and 2. Null keys are values like any other (NULLS NOT DISTINCT).
 */
export const cardSummary = pgTable(
  'card_summary',
  {
    tenantId: tenantId().references(() => tenants.id),
    status: text('status', { enum: DATACARD_STATUSES }).notNull(),
    eventTypeId: integer('event_type_id').notNull(),
    causeId: integer('cause_id'),
    startYear: integer('start_year').notNull(),
    startMonth: integer('start_month'),
    geo1: integer('geo1'),
    geo2: integer('geo2'),
    cards: integer('cards').notNull(),
    ...effectColumns,
  },
  (t) => [
    unique('card_summary_group')
      .on(t.tenantId, t.status, t.eventTypeId, t.causeId, t.startYear, t.startMonth, t.geo1, t.geo2)
      .nullsNotDistinct(),
    // Groups whose cards all went, found at once by the trigger that deletes them.
    index('card_summary_empty').on(t.tenantId).where(sql`cards = 0`),
  ],
);
