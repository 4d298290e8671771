import { sql } from 'drizzle-orm';
import { DATACARD_STATUS_VALUES } from '../../shared/status.ts';
import { causes, eventTypes } from './catalogues.ts';
import {
  boolean,
  check,
  date,
  doublePrecision,
  foreignKey,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  tenantId,
  text,
  timestamptz,
  uuid,
} from './columns.ts';
import { disasterEvents } from './disaster-events.ts';
import { geoUnits } from './geography.ts';
import { importRuns } from './imports.ts';
import { tenants } from './tenants.ts';

const flag = (name: string) => boolean(name).notNull().default(false);
const amount = (name: string) => numeric(name, { mode: 'string' });

/** Datacard statuses (see DESIGN.md, Workflow). */
export const DATACARD_STATUSES = DATACARD_STATUS_VALUES;

/**
 * The datacard: the effects of one event in one geographic unit.
 * Every effect is a value (null = not reported) plus a "there were" flag; columns follow
 * the field registry in src/shared/fields.ts, which a test checks against this table.
 */
export const datacards = pgTable(
  'datacards',
  {
    tenantId: tenantId().references(() => tenants.id),
    id: uuid('id').notNull().defaultRandom(),
    serial: text('serial'),
    status: text('status', { enum: DATACARD_STATUSES }).notNull().default('draft'),
    eventTypeId: integer('event_type_id').notNull(),
    causeId: integer('cause_id'),
    causeText: text('cause_text'),
    disasterEventId: uuid('disaster_event_id'),
    magnitude: text('magnitude'),
    glide: text('glide'),
    durationDays: integer('duration_days'),
    geoUnitId: integer('geo_unit_id').notNull(),
    /** Ancestors of geo_unit_id by level: geo_ancestors[k] = the level-k unit (denormalised for group-by). */
    geoAncestors: integer('geo_ancestors').array().notNull(),
    place: text('place'),
    latitude: doublePrecision('latitude'),
    longitude: doublePrecision('longitude'),
    startYear: integer('start_year').notNull(),
    startMonth: integer('start_month'),
    startDay: integer('start_day'),
    /** First day of the (possibly partial) start date; used for ranges and sorting. */
    startDate: date('start_date', { mode: 'string' }).generatedAlwaysAs(
      sql`make_date(start_year, coalesce(start_month, 1), coalesce(start_day, 1))`,
    ),
    sources: text('sources'),
    otherLosses: text('other_losses'),
    comments: text('comments'),

    deaths: integer('deaths'),
    deathsPresent: flag('deaths_present'),
    missing: integer('missing'),
    missingPresent: flag('missing_present'),
    injured: integer('injured'),
    injuredPresent: flag('injured_present'),
    directlyAffected: integer('directly_affected'),
    directlyAffectedPresent: flag('directly_affected_present'),
    indirectlyAffected: integer('indirectly_affected'),
    indirectlyAffectedPresent: flag('indirectly_affected_present'),
    evacuated: integer('evacuated'),
    evacuatedPresent: flag('evacuated_present'),
    relocated: integer('relocated'),
    relocatedPresent: flag('relocated_present'),
    housesDestroyed: integer('houses_destroyed'),
    housesDestroyedPresent: flag('houses_destroyed_present'),
    housesDamaged: integer('houses_damaged'),
    housesDamagedPresent: flag('houses_damaged_present'),
    lossesLocal: amount('losses_local'),
    lossesLocalPresent: flag('losses_local_present'),
    lossesUsd: amount('losses_usd'),
    lossesUsdPresent: flag('losses_usd_present'),
    educationCentres: integer('education_centres'),
    educationCentresPresent: flag('education_centres_present'),
    healthCentres: integer('health_centres'),
    healthCentresPresent: flag('health_centres_present'),
    cropsHa: amount('crops_ha'),
    cropsHaPresent: flag('crops_ha_present'),
    livestock: integer('livestock'),
    livestockPresent: flag('livestock_present'),
    roadsM: amount('roads_m'),
    roadsMPresent: flag('roads_m_present'),

    sectorTransport: integer('sector_transport'),
    sectorTransportPresent: flag('sector_transport_present'),
    sectorCommunications: integer('sector_communications'),
    sectorCommunicationsPresent: flag('sector_communications_present'),
    sectorRelief: integer('sector_relief'),
    sectorReliefPresent: flag('sector_relief_present'),
    sectorAgriculture: integer('sector_agriculture'),
    sectorAgriculturePresent: flag('sector_agriculture_present'),
    sectorWater: integer('sector_water'),
    sectorWaterPresent: flag('sector_water_present'),
    sectorSewerage: integer('sector_sewerage'),
    sectorSeweragePresent: flag('sector_sewerage_present'),
    sectorEducation: integer('sector_education'),
    sectorEducationPresent: flag('sector_education_present'),
    sectorEnergy: integer('sector_energy'),
    sectorEnergyPresent: flag('sector_energy_present'),
    sectorIndustry: integer('sector_industry'),
    sectorIndustryPresent: flag('sector_industry_present'),
    sectorHealth: integer('sector_health'),
    sectorHealthPresent: flag('sector_health_present'),
    sectorOther: integer('sector_other'),
    sectorOtherPresent: flag('sector_other_present'),

    /** Values of the tenant's extra fields, keyed by field key. */
    extra: jsonb('extra').$type<Record<string, unknown>>().notNull().default({}),
    /** Identity in the source system (DesInventar uu_id, DI8 DisasterId): the re-import key. */
    sourceUuid: text('source_uuid'),
    /** Who entered the card and when, as the source system recorded it (DesInventar fechapor / fechafec). */
    recordedBy: text('recorded_by'),
    recordedOn: text('recorded_on'),
    /** Source-system fields without a column here (DesInventar name0-2, clave, unknown columns), for lossless export. */
    legacy: jsonb('legacy').$type<Record<string, unknown>>().notNull().default({}),
    version: integer('version').notNull().default(1),
    importId: uuid('import_id'),
    createdBy: text('created_by').notNull(),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
    updatedBy: text('updated_by').notNull(),
    updatedAt: timestamptz('updated_at').notNull().defaultNow(),
    deletedAt: timestamptz('deleted_at'),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({
      columns: [t.tenantId, t.eventTypeId],
      foreignColumns: [eventTypes.tenantId, eventTypes.id],
    }),
    foreignKey({ columns: [t.tenantId, t.causeId], foreignColumns: [causes.tenantId, causes.id] }),
    foreignKey({
      columns: [t.tenantId, t.disasterEventId],
      foreignColumns: [disasterEvents.tenantId, disasterEvents.id],
    }),
    foreignKey({ columns: [t.tenantId, t.geoUnitId], foreignColumns: [geoUnits.tenantId, geoUnits.id] }),
    foreignKey({ columns: [t.tenantId, t.importId], foreignColumns: [importRuns.tenantId, importRuns.id] }),
    index('datacards_event_type').on(t.tenantId, t.eventTypeId),
    index('datacards_cause').on(t.tenantId, t.causeId),
    index('datacards_disaster_event').on(t.tenantId, t.disasterEventId),
    index('datacards_geo_unit').on(t.tenantId, t.geoUnitId),
    index('datacards_geo1').on(t.tenantId, sql`(${t.geoAncestors}[1])`),
    index('datacards_geo2').on(t.tenantId, sql`(${t.geoAncestors}[2])`),
    index('datacards_import').on(t.tenantId, t.importId),
    index('datacards_date').on(t.tenantId, t.startDate, t.id),
    index('datacards_status').on(t.tenantId, t.status),
    index('datacards_serial').on(t.tenantId, t.serial),
    index('datacards_glide').on(t.tenantId, t.glide),
    index('datacards_source_uuid').on(t.tenantId, t.sourceUuid),
    check(
      'datacards_status_valid',
      sql.raw(`status in (${DATACARD_STATUSES.map((s) => `'${s}'`).join(', ')})`),
    ),
    check('datacards_month_valid', sql`start_month between 1 and 12`),
    check('datacards_day_valid', sql`start_day between 1 and 31`),
  ],
);
