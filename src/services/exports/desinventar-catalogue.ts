/**
 * A tenant's catalogues read back into the neutral model (the items a reader yields), for the
 * DesInventar writer: levels, units, event types, causes, extra-field tabs and definitions.
 */
import { asc, eq, getTableColumns } from 'drizzle-orm';
import type { Executor } from '../../db/engine.ts';
import {
  causes,
  eventTypes,
  extraFieldDefinitions,
  extraFieldTabs,
  geoLevels,
  geoUnits,
} from '../../db/schema/index.ts';
import type { EventPosition } from '../../formats/desinventar-export/catalogues.ts';
import type {
  CauseItem,
  EventTypeItem,
  ExtraFieldItem,
  ExtraTabItem,
  GeoLevelItem,
  GeoUnitItem,
  Legacy,
} from '../../formats/model.ts';

const legacyOf = (value: Record<string, unknown>): Legacy => value as Legacy;

/** A unit with its database id, for resolving card ancestors. */
export interface StoredUnit extends GeoUnitItem {
  id: number;
}

/** Everything the DesInventar writer needs besides cards and verbatim rows. */
export interface DiCatalogue {
  levels: GeoLevelItem[];
  /** Every unit, by id (boundary versions included). */
  units: Map<number, StoredUnit>;
  eventTypes: { item: EventTypeItem; position: EventPosition }[];
  eventCodes: Map<number, string>;
  causes: CauseItem[];
  causeCodes: Map<number, string>;
  tabs: ExtraTabItem[];
  /** In diccionario order. */
  fields: ExtraFieldItem[];
}

type UnitBox = Pick<typeof geoUnits.$inferSelect, 'bboxMinLon' | 'bboxMinLat' | 'bboxMaxLon' | 'bboxMaxLat'>;

const bbox = (u: UnitBox): GeoUnitItem['bbox'] =>
  u.bboxMinLon === null || u.bboxMinLat === null || u.bboxMaxLon === null || u.bboxMaxLat === null
    ? null
    : { minLon: u.bboxMinLon, minLat: u.bboxMinLat, maxLon: u.bboxMaxLon, maxLat: u.bboxMaxLat };

async function loadUnits(ex: Executor, tenantId: number): Promise<Map<number, StoredUnit>> {
  const { geometry: _geometry, ...columns } = getTableColumns(geoUnits);
  const rows = await ex
    .select(columns)
    .from(geoUnits)
    .where(eq(geoUnits.tenantId, tenantId))
    .orderBy(asc(geoUnits.id));
  const codes = new Map(rows.map((u) => [u.id, u.code]));
  return new Map(
    rows.map((u) => [
      u.id,
      {
        kind: 'geoUnit',
        id: u.id,
        level: u.level,
        code: u.code,
        parentCode: u.parentId === null ? null : (codes.get(u.parentId) ?? null),
        names: u.names,
        placeholder: u.placeholder,
        bbox: bbox(u),
        centroid:
          u.centroidLon === null || u.centroidLat === null
            ? null
            : { lon: u.centroidLon, lat: u.centroidLat },
        legacy: legacyOf(u.legacy),
      },
    ]),
  );
}

async function loadEventTypes(ex: Executor, tenantId: number) {
  const rows = await ex
    .select()
    .from(eventTypes)
    .where(eq(eventTypes.tenantId, tenantId))
    .orderBy(asc(eventTypes.sortOrder), asc(eventTypes.id));
  const byId = new Map(rows.map((r) => [r.id, r]));
  const depth = (id: number, seen = new Set<number>()): number => {
    const parent = byId.get(id)?.parentId ?? null;
    if (parent === null || seen.has(parent)) return 0;
    seen.add(parent);
    return 1 + depth(parent, seen);
  };
  const parents = new Set(rows.map((r) => r.parentId).filter((p) => p !== null));
  const hierarchical = parents.size > 0;
  return rows.map((r) => ({
    id: r.id,
    item: {
      kind: 'eventType',
      code: r.code,
      names: r.names,
      description: r.description,
      parentCode: r.parentId === null ? null : (byId.get(r.parentId)?.code ?? null),
      sortOrder: r.sortOrder,
      hazardCode: r.hazardCode,
      legacy: legacyOf(r.legacy),
    } satisfies EventTypeItem,
    position: { depth: depth(r.id), hasChildren: parents.has(r.id), hierarchical },
  }));
}

async function loadExtraFields(ex: Executor, tenantId: number) {
  const tabRows = await ex
    .select()
    .from(extraFieldTabs)
    .where(eq(extraFieldTabs.tenantId, tenantId))
    .orderBy(asc(extraFieldTabs.sortOrder), asc(extraFieldTabs.id));
  const tabKeys = new Map<number, string>();
  const tabs = tabRows.map((t): ExtraTabItem => {
    const { tabKey, ...legacy } = t.legacy;
    const key = typeof tabKey === 'string' ? tabKey : String(t.id);
    tabKeys.set(t.id, key);
    return { kind: 'extraTab', key, labels: t.labels, sortOrder: t.sortOrder, legacy: legacyOf(legacy) };
  });
  const fieldRows = await ex
    .select()
    .from(extraFieldDefinitions)
    .where(eq(extraFieldDefinitions.tenantId, tenantId))
    .orderBy(asc(extraFieldDefinitions.sortOrder), asc(extraFieldDefinitions.id));
  const fields = fieldRows.map(
    (f): ExtraFieldItem => ({
      kind: 'extraField',
      key: f.key,
      type: f.type,
      labels: f.labels,
      description: f.description,
      tabKey: f.tabId === null ? null : (tabKeys.get(f.tabId) ?? null),
      sortOrder: f.sortOrder,
      maxLength: f.maxLength,
      options: f.options,
      storage: f.storage,
      legacy: legacyOf(f.legacy),
    }),
  );
  return { tabs, fields };
}

/** Load the catalogues of a tenant. */
export async function loadDiCatalogue(ex: Executor, tenantId: number): Promise<DiCatalogue> {
  const levelRows = await ex
    .select()
    .from(geoLevels)
    .where(eq(geoLevels.tenantId, tenantId))
    .orderBy(asc(geoLevels.level));
  const causeRows = await ex
    .select()
    .from(causes)
    .where(eq(causes.tenantId, tenantId))
    .orderBy(asc(causes.sortOrder), asc(causes.id));
  const events = await loadEventTypes(ex, tenantId);
  const { tabs, fields } = await loadExtraFields(ex, tenantId);
  return {
    levels: levelRows.map((l) => ({
      kind: 'geoLevel',
      level: l.level,
      names: l.names,
      codeLength: l.codeLength,
      legacy: legacyOf(l.legacy),
    })),
    units: await loadUnits(ex, tenantId),
    eventTypes: events.map(({ item, position }) => ({ item, position })),
    eventCodes: new Map(events.map((e) => [e.id, e.item.code])),
    causes: causeRows.map((c) => ({
      kind: 'cause',
      code: c.code,
      names: c.names,
      sortOrder: c.sortOrder,
      legacy: legacyOf(c.legacy),
    })),
    causeCodes: new Map(causeRows.map((c) => [c.id, c.code])),
    tabs,
    fields,
  };
}
