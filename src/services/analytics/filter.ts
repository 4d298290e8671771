/**
 * Compiles a filter spec (src/shared/schemas/filter.ts) into the WHERE clause of a query over
 * `datacards d`: parameterised SQL only. Deleted cards never count; the caller's geographic scope
 * always applies; unknown references give one 400 naming every bad value.
 */
import { type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../db/engine.ts';
import { type FieldIssue, validationFailed } from '../../shared/errors.ts';
import { DESCRIPTIVE_FIELDS, fieldByKey } from '../../shared/fields.ts';
import type { EffectCondition, Filter, StatusFilter } from '../../shared/schemas/filter.ts';
import { requireStaffFor } from '../authz.ts';
import { type RequestContext, tenantOf } from '../context.ts';
import { currentUnitsCondition, type GeographyMode } from './current-units.ts';
import { extraConditions } from './filter-extra.ts';
import { checkDisasterEvents, checkHazardValues, type ResolvedRef, resolveRefs } from './filter-refs.ts';
import { cardColumn, containsPattern, intLiteral, paramList } from './sql.ts';

/** Descriptive text fields searched by the free-text condition (from the registry). */
const TEXT_COLUMNS = DESCRIPTIVE_FIELDS.filter((f) => f.kind === 'text').map((f) => f.column);

/** Only staff see figures of cards that are not published. */
function checkStatusAllowed(ctx: RequestContext, status: StatusFilter): void {
  if (status === 'published') return;
  requireStaffFor(ctx, 'query cards that are not published');
}

function statusCondition(status: StatusFilter): SQL | null {
  if (status === 'all') return null;
  const states = Array.isArray(status) ? status : [status];
  return sql`d.status in (${paramList(states)})`;
}

/** The first day after the period a partial date names ('2010' -> 2011-01-01, '2010-12' -> 2011-01-01). */
export function periodEnd(text: string): string {
  const [y, m, d] = text.split('-').map(Number) as [number, number?, number?];
  const next = new Date(0);
  // setUTCFullYear, unlike Date.UTC, keeps years below 100 as they are.
  if (m === undefined) next.setUTCFullYear(y + 1, 0, 1);
  else if (d === undefined) next.setUTCFullYear(y, m, 1);
  else next.setUTCFullYear(y, m - 1, d + 1);
  return next.toISOString().slice(0, 10);
}

/** The first day of the period a partial date names. */
export const periodBegin = (text: string) => `${text}${['-01-01', '-01', ''][text.split('-').length - 1]}`;

/** A card "has" an effect: a value above zero or the "there were" flag (DESIGN.md, Effect semantics). */
export function hasEffect(key: string): SQL {
  const field = fieldByKey(key);
  return sql`(${cardColumn(field.column)} > 0 or ${cardColumn(field.presentColumn!)})`;
}

function effectCondition(c: EffectCondition): SQL {
  const field = fieldByKey(c.field);
  const value = cardColumn(field.column);
  const parts: SQL[] = [];
  if (c.min !== undefined) parts.push(sql`${value} >= ${c.min}::numeric`);
  if (c.max !== undefined) parts.push(sql`${value} <= ${c.max}::numeric`);
  // An unreported value (null) counts as none.
  if (c.there !== undefined)
    parts.push(c.there ? hasEffect(c.field) : sql`not coalesce(${hasEffect(c.field)}, false)`);
  if (c.present !== undefined) parts.push(sql`${cardColumn(field.presentColumn!)} = ${c.present}`);
  return sql`(${sql.join(parts, sql` and `)})`;
}

const inIds = (column: string, rows: readonly ResolvedRef[]) =>
  sql`${cardColumn(column)} in (${paramList(rows.map((r) => r.id))})`;

/** Levels whose ancestor has an expression index (datacards_geo1, datacards_geo2). */
const INDEXED_LEVELS = 2;

/**
 * Units with descendants. Near the top the card's ancestor at the unit's level is the unit
 * (indexed); deeper units are few cards each, found through their subtree's unit ids.
 */
function geoCondition(tenantId: number, units: readonly ResolvedRef[]): SQL {
  const parts: SQL[] = [];
  for (let level = 1; level <= INDEXED_LEVELS; level++) {
    const ids = units.filter((u) => u.level === level).map((u) => u.id);
    if (ids.length) parts.push(sql`d.geo_ancestors[${intLiteral(level)}] in (${paramList(ids)})`);
  }
  const deep = units.filter((u) => u.level! > INDEXED_LEVELS);
  if (deep.length) {
    const below = deep.map((u) => sql`path like ${`${u.path}%`}`);
    parts.push(
      sql`d.geo_unit_id in (select id from geo_units where tenant_id = ${tenantId} and (${sql.join(below, sql` or `)}))`,
    );
  }
  return sql`(${sql.join(parts, sql` or `)})`;
}

/** Conditions on catalogue references (event types, hazards, causes, units, disaster events). */
async function referenceConditions(
  ex: Executor,
  tenantId: number,
  f: Filter,
  issues: FieldIssue[],
  geography: GeographyMode,
) {
  const parts: SQL[] = [];
  if (f.eventTypes)
    parts.push(inIds('event_type_id', await resolveRefs(ex, tenantId, 'eventTypes', f.eventTypes, issues)));
  if (f.causes) parts.push(inIds('cause_id', await resolveRefs(ex, tenantId, 'causes', f.causes, issues)));
  if (f.geoUnits) {
    const units = await resolveRefs(ex, tenantId, 'geoUnits', f.geoUnits, issues);
    const historical = units.length ? geoCondition(tenantId, units) : null;
    if (historical && geography === 'current')
      parts.push(await currentUnitsCondition(ex, tenantId, units, historical));
    else if (historical) parts.push(historical);
  }
  const byHazard = (hazardCodes: SQL) =>
    sql`d.event_type_id in (select id from event_types where tenant_id = ${tenantId} and hazard_code in (${hazardCodes}))`;
  if (f.hazards) {
    await checkHazardValues(ex, 'hazards', f.hazards, issues);
    parts.push(byHazard(paramList(f.hazards)));
  }
  if (f.hazardClusters) {
    await checkHazardValues(ex, 'hazardClusters', f.hazardClusters, issues);
    const list = paramList(f.hazardClusters);
    parts.push(
      byHazard(sql`select code from hazards where cluster_code in (${list}) or cluster_name in (${list})`),
    );
  }
  if (f.disasterEvents) {
    await checkDisasterEvents(ex, tenantId, f.disasterEvents, issues);
    parts.push(
      sql`d.disaster_event_id in (${sql.join(
        f.disasterEvents.map((id) => sql`${id}::uuid`),
        sql`, `,
      )})`,
    );
  }
  return parts;
}

/** Conditions on the card's own values: dates, effects, sectors, text, GLIDE, serial. */
function valueConditions(tenantId: number, f: Filter): SQL[] {
  const parts: SQL[] = [];
  if (f.from) parts.push(sql`d.start_date >= ${periodBegin(f.from)}::date`);
  if (f.to) parts.push(sql`d.start_date < ${periodEnd(f.to)}::date`);
  if (f.effects) {
    const join = f.effectsJoin === 'or' ? sql` or ` : sql` and `;
    parts.push(sql`(${sql.join(f.effects.map(effectCondition), join)})`);
  }
  if (f.sectors) parts.push(sql`(${sql.join(f.sectors.map(hasEffect), sql` or `)})`);
  if (f.text) {
    const pattern = containsPattern(f.text);
    parts.push(
      sql`(${sql.join(
        TEXT_COLUMNS.map((c) => sql`${cardColumn(c)} ilike ${pattern}`),
        sql` or `,
      )})`,
    );
  }
  if (f.glide) {
    // = any(array(…)), unlike in (select …), lets both sides of the or use an index (datacards_glide_upper).
    const glides = paramList(f.glide.map((g) => g.toUpperCase()));
    parts.push(sql`(upper(d.glide) in (${glides}) or d.disaster_event_id = any(array(
      select id from disaster_events where tenant_id = ${tenantId} and upper(glide) in (${glides}))))`);
  }
  if (f.serial) parts.push(sql`d.serial in (${paramList(f.serial)})`);
  return parts;
}

/**
 * The WHERE clause (over `datacards d`) of the tenant's live cards matching the filter. In
 * `current` geography a unit also matches the cards re-aggregated onto it (current-units.ts).
 */
export async function compileFilter(
  ex: Executor,
  ctx: RequestContext,
  filter: Filter = {},
  geography: GeographyMode = 'historical',
): Promise<SQL> {
  const tenant = tenantOf(ctx);
  const status = filter.status ?? 'published';
  checkStatusAllowed(ctx, status);
  const issues: FieldIssue[] = [];
  const parts: SQL[] = [sql`d.tenant_id = ${tenant.id}`, sql`d.deleted_at is null`];
  const byStatus = statusCondition(status);
  if (byStatus) parts.push(byStatus);
  parts.push(...(await referenceConditions(ex, tenant.id, filter, issues, geography)));
  parts.push(...valueConditions(tenant.id, filter));
  if (filter.extra) parts.push(...(await extraConditions(ex, tenant.id, filter.extra, issues)));
  if (ctx.geoScope) parts.push(sql`d.geo_ancestors && array[${paramList(ctx.geoScope)}]::int[]`);
  if (issues.length) throw validationFailed(issues);
  return sql.join(parts, sql` and `);
}
