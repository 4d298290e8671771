/**
 * Seeds the fictional demo country "Demoland" (synthetic data, tenant DEMO by default) in one
 * transaction: hazards it needs (kept when already present), tenant, levels, units, catalogues,
 * named disasters and datacards, inserted in multi-row batches with one audit row for the lot.
 */
import { sql } from 'drizzle-orm';
import type { Db, Executor } from '../../db/engine.ts';
import { queryRows } from '../../db/query.ts';
import {
  causes,
  datacards,
  disasterEvents,
  eventTypes,
  geoLevels,
  geoUnitLinks,
  geoUnits,
  hazards,
  tenants,
} from '../../db/schema/index.ts';
import { refreshCardStatistics } from '../../db/statistics.ts';
import {
  DEMO_CAUSES,
  DEMO_EVENT_TYPES,
  DEMO_HAZARDS,
  DEMO_LEVELS,
  DEMO_TENANT,
  type DemoCard,
  type DemoPlan,
  generateDatacards,
  planDemoland,
} from '../../domain/demo/demoland.ts';
import { AppError } from '../../shared/errors.ts';
import { EFFECT_FIELDS, SECTOR_FIELDS } from '../../shared/fields.ts';
import type { EffectValue } from '../../shared/schemas/datacard.ts';
import { TenantCreateSchema } from '../../shared/schemas/tenant.ts';
import { recordAudit } from '../audit.ts';
import { actorLabel, type RequestContext, systemContext } from '../context.ts';
import { findTenant } from '../tenants/tenants.ts';

/** Options of the demo seed. */
export interface DemoOptions {
  tenantCode: string;
  cards: number;
  seed: number;
}

/** Most datacards the demo generates (re-exported for the CLI, which does not import domain). */
export { DEMO_MAX_CARDS } from '../../domain/demo/demoland.ts';

/** Datacards per INSERT statement. */
const BATCH = 500;

/** The actor of everything the demo writes ('system:demo'). */
const demoContext = (): RequestContext => ({
  ...systemContext('demo'),
  actor: { kind: 'system', id: 'demo', name: 'demo' },
});

/** Create the demo tenant with geography, catalogues and datacards; returns the number of cards. */
export async function seedDemo(db: Db, options: DemoOptions): Promise<{ cards: number }> {
  if (!TenantCreateSchema.shape.code.safeParse(options.tenantCode).success)
    throw new AppError('validation_failed', `Invalid tenant code: ${options.tenantCode}`);
  let plan: DemoPlan;
  try {
    plan = planDemoland({ seed: options.seed, cards: options.cards });
  } catch (error) {
    if (error instanceof RangeError) throw new AppError('validation_failed', error.message);
    throw error;
  }
  const ctx = demoContext();
  const result = await db.transaction(async (tx) => {
    if (await findTenant(tx, options.tenantCode)) {
      throw new AppError('duplicate', `A tenant with code ${options.tenantCode} already exists.`, {
        code: options.tenantCode,
      });
    }
    const [tenant] = await tx
      .insert(tenants)
      .values({ ...DEMO_TENANT, languages: [...DEMO_TENANT.languages], code: options.tenantCode })
      .returning({ id: tenants.id });
    const tenantId = tenant!.id;
    const units = await insertGeography(tx, tenantId, plan);
    const eventTypeIds = await insertCatalogue(tx, tenantId);
    await insertDisasters(tx, tenantId, plan);
    const cards = await insertDatacards(tx, tenantId, plan, { ...eventTypeIds, units }, actorLabel(ctx));
    const after = {
      seed: options.seed,
      geoUnits: plan.geography.units.length,
      geoUnitLinks: plan.geography.links.length,
      eventTypes: DEMO_EVENT_TYPES.length,
      causes: DEMO_CAUSES.length,
      disasterEvents: plan.disasters.length,
      datacards: cards,
    };
    await recordAudit(tx, ctx, {
      tenantId,
      action: 'import',
      entity: 'demo',
      entityId: options.tenantCode,
      after,
    });
    return { cards };
  });
  await refreshCardStatistics(db);
  return result;
}

/** Take n ids from a table's identity sequence, so paths can be written with the rows. */
async function reserveIds(tx: Executor, table: string, n: number): Promise<number[]> {
  const rows = await queryRows<{ id: number }>(
    tx,
    sql`select nextval(pg_get_serial_sequence(${table}, 'id'))::int as id from generate_series(1, ${n})`,
  );
  return rows.map((r) => r.id).sort((a, b) => a - b);
}

/** Levels, units (path and ancestors from reserved ids) and boundary links; returns unit key -> ancestor ids. */
async function insertGeography(tx: Executor, tenantId: number, plan: DemoPlan): Promise<number[][]> {
  await tx.insert(geoLevels).values(DEMO_LEVELS.map((l) => ({ ...l, tenantId })));
  const { units, links } = plan.geography;
  const ids = await reserveIds(tx, 'geo_units', units.length);
  const ancestors: number[][] = [];
  const rows = units.map((u) => {
    ancestors[u.key] = [...(u.parent === null ? [] : ancestors[u.parent]!), ids[u.key]!];
    return {
      tenantId,
      id: ids[u.key]!,
      level: u.level,
      code: u.code,
      parentId: u.parent === null ? null : ids[u.parent]!,
      path: `/${ancestors[u.key]!.join('/')}/`,
      names: { ...u.names },
      geometry: u.geometry,
      bboxMinLon: u.bbox.minLon,
      bboxMinLat: u.bbox.minLat,
      bboxMaxLon: u.bbox.maxLon,
      bboxMaxLat: u.bbox.maxLat,
      centroidLon: u.centroid[0],
      centroidLat: u.centroid[1],
      validFrom: u.validFrom,
      validTo: u.validTo,
    };
  });
  await tx.insert(geoUnits).values(rows);
  if (links.length) {
    await tx.insert(geoUnitLinks).values(
      links.map((l) => ({
        tenantId,
        predecessorId: ids[l.predecessor]!,
        successorId: ids[l.successor]!,
        share: l.share,
      })),
    );
  }
  return ancestors;
}

/** Hazards the event types map to (an imported catalogue's rows win), event types and causes; ids by code. */
async function insertCatalogue(
  tx: Executor,
  tenantId: number,
): Promise<{ eventTypes: Map<string, number>; causes: Map<string, number> }> {
  const hazardRows = DEMO_HAZARDS.map((h) => ({ ...h, names: { en: h.name } }));
  await tx.insert(hazards).values(hazardRows).onConflictDoNothing();
  const types = await tx
    .insert(eventTypes)
    .values(
      DEMO_EVENT_TYPES.map((t, i) => ({
        tenantId,
        code: t.code,
        names: { ...t.names },
        hazardCode: t.hazardCode,
        sortOrder: i + 1,
      })),
    )
    .returning({ id: eventTypes.id, code: eventTypes.code });
  const causeRows = await tx
    .insert(causes)
    .values(DEMO_CAUSES.map((c, i) => ({ tenantId, code: c.code, names: { ...c.names }, sortOrder: i + 1 })))
    .returning({ id: causes.id, code: causes.code });
  return {
    eventTypes: new Map(types.map((t) => [t.code, t.id])),
    causes: new Map(causeRows.map((c) => [c.code, c.id])),
  };
}

/** The named disasters that group cards. */
async function insertDisasters(tx: Executor, tenantId: number, plan: DemoPlan): Promise<void> {
  if (plan.disasters.length === 0) return;
  await tx.insert(disasterEvents).values(
    plan.disasters.map((d) => ({
      tenantId,
      id: d.id,
      name: d.name,
      glide: d.glide,
      hazardCode: d.hazardCode,
      startDate: d.startDate,
      endDate: d.endDate,
      description: d.description,
    })),
  );
}

interface Refs {
  eventTypes: Map<string, number>;
  causes: Map<string, number>;
  /** Unit key -> ids from the top level down to the unit. */
  units: number[][];
}

const EFFECT_COLUMNS = [...EFFECT_FIELDS, ...SECTOR_FIELDS].map((f) => ({
  key: f.key,
  sector: f.kind === 'sector',
  column: f.column,
  present: f.presentColumn!,
}));

/** A generated card as a datacards row keyed by column name (columns from the field registry). */
function cardRecord(card: DemoCard, tenantId: number, refs: Refs, actor: string): Record<string, unknown> {
  const ancestors = refs.units[card.unit]!;
  const row: Record<string, unknown> = {
    tenant_id: tenantId,
    id: card.id,
    serial: card.serial,
    status: card.status,
    event_type_id: refs.eventTypes.get(card.eventType)!,
    cause_id: card.cause === null ? null : refs.causes.get(card.cause)!,
    disaster_event_id: card.disaster,
    magnitude: card.magnitude,
    glide: card.glide,
    duration_days: card.durationDays,
    geo_unit_id: ancestors[ancestors.length - 1]!,
    geo_ancestors: ancestors,
    place: card.place,
    latitude: card.latitude,
    longitude: card.longitude,
    start_year: card.startYear,
    start_month: card.startMonth,
    start_day: card.startDay,
    sources: card.sources,
    other_losses: card.otherLosses,
    comments: card.comments,
    extra: {},
    version: 1,
    created_by: actor,
    created_at: card.createdAt,
    updated_by: actor,
    updated_at: card.createdAt,
  };
  const effects = card.effects as Record<string, EffectValue>;
  const sectors = card.sectors as Record<string, EffectValue>;
  for (const f of EFFECT_COLUMNS) {
    const v = (f.sector ? sectors : effects)[f.key]!;
    row[f.column] = v.value;
    row[f.present] = v.present;
  }
  return row;
}

/**
 * Insert a batch of rows through one JSON parameter: drizzle's builder needs about 6 s to
 * render 20,000 rows of 85 columns, PostgreSQL's json_populate_recordset a fraction of that.
 */
async function insertRecords(tx: Executor, rows: Record<string, unknown>[]): Promise<void> {
  const columns = sql.join(
    Object.keys(rows[0]!).map((c) => sql.identifier(c)),
    sql`, `,
  );
  await tx.execute(
    sql`insert into ${datacards} (${columns})
        select ${columns} from json_populate_recordset(null::${datacards}, ${JSON.stringify(rows)}::json)`,
  );
}

/** Stream the generated cards into the database, BATCH rows per statement; returns how many. */
async function insertDatacards(
  tx: Executor,
  tenantId: number,
  plan: DemoPlan,
  refs: Refs,
  actor: string,
): Promise<number> {
  let count = 0;
  let batch: Record<string, unknown>[] = [];
  for (const card of generateDatacards(plan)) {
    batch.push(cardRecord(card, tenantId, refs, actor));
    if (batch.length === BATCH) {
      await insertRecords(tx, batch);
      count += batch.length;
      batch = [];
    }
  }
  if (batch.length) await insertRecords(tx, batch);
  return count + batch.length;
}
