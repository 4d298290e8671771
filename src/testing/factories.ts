/** Test data factories: a tenant with a small geography and catalogue, inserted directly. */
import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/engine.ts';
import { causes, eventTypes, geoLevels, geoUnits, hazards, tenants } from '../db/schema/index.ts';

/** Ids of what seedTenant created. */
export interface SeededTenant {
  tenantId: number;
  code: string;
  provinceId: number;
  districtId: number;
  otherProvinceId: number;
  eventTypeId: number;
  causeId: number;
}

/** A tenant with 2 levels (2 provinces, 1 district), a FLOOD event type and a RAIN cause. */
export async function seedTenant(db: Db, code = 'TST'): Promise<SeededTenant> {
  await db
    .insert(hazards)
    .values({ code: 'MH0600', names: { en: 'Flooding' }, typeName: 'Meteorological and Hydrological' })
    .onConflictDoNothing();
  const [tenant] = await db
    .insert(tenants)
    .values({ code, names: { en: `Tenant ${code}` }, currency: 'USD' })
    .returning();
  const tenantId = tenant!.id;
  await db.insert(geoLevels).values([
    { tenantId, level: 1, names: { en: 'Province' } },
    { tenantId, level: 2, names: { en: 'District' } },
  ]);
  const unit = async (level: number, unitCode: string, parent: { id: number; path: string } | null) => {
    const [row] = await db
      .insert(geoUnits)
      .values({
        tenantId,
        level,
        code: unitCode,
        names: { en: unitCode },
        parentId: parent?.id,
        path: 'pending',
      })
      .returning();
    const path = `${parent?.path ?? '/'}${row!.id}/`;
    await db.update(geoUnits).set({ path }).where(eqUnit(tenantId, row!.id));
    return { id: row!.id, path };
  };
  const province = await unit(1, `${code}-P1`, null);
  const other = await unit(1, `${code}-P2`, null);
  const district = await unit(2, `${code}-P1-D1`, province);
  await db
    .update(geoUnits)
    .set({ bboxMinLon: 10, bboxMinLat: 40, bboxMaxLon: 12, bboxMaxLat: 42 })
    .where(eqUnit(tenantId, district.id));
  const [event] = await db
    .insert(eventTypes)
    .values({ tenantId, code: 'FLOOD', names: { en: 'Flood' }, hazardCode: 'MH0600' })
    .returning();
  const [cause] = await db
    .insert(causes)
    .values({ tenantId, code: 'RAIN', names: { en: 'Rain' } })
    .returning();
  return {
    tenantId,
    code,
    provinceId: province.id,
    districtId: district.id,
    otherProvinceId: other.id,
    eventTypeId: event!.id,
    causeId: cause!.id,
  };
}

function eqUnit(tenantId: number, id: number) {
  return and(eq(geoUnits.tenantId, tenantId), eq(geoUnits.id, id));
}
