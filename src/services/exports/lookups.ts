/**
 * What a card export resolves references with: event types, causes and units by id (names in
 * the caller's language), levels and extra fields. Catalogues are small next to the cards.
 */
import { and, asc, eq, max } from 'drizzle-orm';
import type { Executor } from '../../db/engine.ts';
import { causes, eventTypes, extraFieldDefinitions, geoLevels, geoUnits } from '../../db/schema/index.ts';
import type { CodeName } from '../../formats/table-export/columns.ts';
import type { RequestContext } from '../context.ts';
import { tenantOf } from '../context.ts';

/** A unit as card exports need it. */
export interface UnitLookup extends CodeName {
  level: number;
  centroid: { lon: number; lat: number } | null;
}

/** References of a tenant's cards, resolved. */
export interface CardLookups {
  eventTypes: Map<number, CodeName>;
  causes: Map<number, CodeName>;
  units: Map<number, UnitLookup>;
  levelCount: number;
  /** Extra fields whose values live in datacards.extra, in form order. */
  extraFields: { key: string; type: string }[];
}

/** A name in the first language that has one (request, tenant default, English), else the code. */
export function localName(names: Record<string, string>, languages: readonly string[], code: string): string {
  for (const lang of languages) {
    const name = names[lang];
    if (name) return name;
  }
  return code;
}

/** Load the lookups of the context's tenant. */
export async function loadCardLookups(ex: Executor, ctx: RequestContext): Promise<CardLookups> {
  const tenant = tenantOf(ctx);
  const languages = [ctx.language, tenant.defaultLanguage, 'en'];
  const named = (r: { code: string; names: Record<string, string> }): CodeName => ({
    code: r.code,
    name: localName(r.names, languages, r.code),
  });
  // One query at a time: a snapshot transaction has a single connection.
  const types = await ex
    .select({ id: eventTypes.id, code: eventTypes.code, names: eventTypes.names })
    .from(eventTypes)
    .where(eq(eventTypes.tenantId, tenant.id));
  const causeRows = await ex
    .select({ id: causes.id, code: causes.code, names: causes.names })
    .from(causes)
    .where(eq(causes.tenantId, tenant.id));
  const unitRows = await ex
    .select({
      id: geoUnits.id,
      code: geoUnits.code,
      names: geoUnits.names,
      level: geoUnits.level,
      lon: geoUnits.centroidLon,
      lat: geoUnits.centroidLat,
    })
    .from(geoUnits)
    .where(eq(geoUnits.tenantId, tenant.id));
  const [levels] = await ex
    .select({ n: max(geoLevels.level) })
    .from(geoLevels)
    .where(eq(geoLevels.tenantId, tenant.id));
  const fields = await ex
    .select({ key: extraFieldDefinitions.key, type: extraFieldDefinitions.type })
    .from(extraFieldDefinitions)
    .where(and(eq(extraFieldDefinitions.tenantId, tenant.id), eq(extraFieldDefinitions.storage, 'extra')))
    .orderBy(asc(extraFieldDefinitions.sortOrder), asc(extraFieldDefinitions.id));
  return {
    eventTypes: new Map(types.map((t) => [t.id, named(t)])),
    causes: new Map(causeRows.map((c) => [c.id, named(c)])),
    units: new Map(
      unitRows.map((u) => [
        u.id,
        {
          ...named(u),
          level: u.level,
          centroid: u.lon === null || u.lat === null ? null : { lon: u.lon, lat: u.lat },
        },
      ]),
    ),
    levelCount: levels?.n ?? 0,
    extraFields: fields,
  };
}
