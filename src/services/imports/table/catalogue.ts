/** The tenant's catalogues as a spreadsheet reader resolves values against them (codes and names, any language). */
import { sql } from 'drizzle-orm';
import type { Db } from '../../../db/engine.ts';
import { queryRows } from '../../../db/query.ts';
import { catalogueKey, type TableCatalogue } from '../../../formats/table/resolve.ts';
import type { ExtraFieldType } from '../../../shared/schemas/extra-fields.ts';
import { type RequestContext, tenantOf } from '../../context.ts';

interface Named {
  code: string;
  names: Record<string, string>;
}

/** code and every name -> code; codes win over names of other entries. */
function byCodeAndName(rows: Named[]): Map<string, string> {
  const map = new Map<string, string>();
  for (const r of rows) for (const name of Object.values(r.names)) map.set(catalogueKey(name), r.code);
  for (const r of rows) map.set(catalogueKey(r.code), r.code);
  return map;
}

/** Load what the reader needs to resolve event types, causes, units and extra-field types. */
export async function loadTableCatalogue(db: Db, ctx: RequestContext): Promise<TableCatalogue> {
  const tenantId = tenantOf(ctx).id;
  const events = await queryRows<Named>(
    db,
    sql`select code, names from event_types where tenant_id = ${tenantId} order by sort_order, code`,
  );
  const causes = await queryRows<Named>(
    db,
    sql`select code, names from causes where tenant_id = ${tenantId} order by sort_order, code`,
  );
  // Every version of a unit: an old card may name a unit that no longer exists.
  const units = await queryRows<Named & { level: number; parent: string | null }>(
    db,
    sql`select u.code, u.names, u.level, p.code as parent
        from geo_units u left join geo_units p on p.tenant_id = u.tenant_id and p.id = u.parent_id
        where u.tenant_id = ${tenantId} order by u.level, u.code, u.valid_from nulls first`,
  );
  const fields = await queryRows<{ key: string; type: ExtraFieldType }>(
    db,
    sql`select key, type from extra_field_definitions where tenant_id = ${tenantId} order by key`,
  );
  const geoNames = new Map<string, string>();
  for (const u of units) {
    for (const name of Object.values(u.names))
      geoNames.set(`${u.parent ?? ''}|${catalogueKey(name)}`, u.code);
  }
  return {
    eventTypes: byCodeAndName(events),
    causes: byCodeAndName(causes),
    geoCodes: new Map(units.map((u) => [u.code, u.level])),
    geoNames,
    extraFields: new Map(fields.map((f) => [f.key, f.type])),
  };
}
