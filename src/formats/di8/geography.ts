/**
 * DI8 GeoLevel and Geography to levels and units. GeographyId is the unit code; it is a
 * chain of 5-digit segments, one per level (00007 -> 0000700007), so the parent is the id
 * without its last segment. A missing parent becomes a flagged placeholder (DESIGN: orphans).
 */
import type { GeoLevelItem, GeoUnitItem, NoticeItem } from '../model.ts';
import { groupByLanguage } from './group.ts';
import type { Di8Tables } from './tables.ts';
import { textOf } from './values.ts';

const SEGMENT = 5;

/** Levels (GeoLevelId 0-based -> level 1…), names per language. */
export async function readGeoLevels(tables: Di8Tables, language: string): Promise<GeoLevelItem[]> {
  const { groups } = await groupByLanguage(
    tables.rows('GeoLevel'),
    {
      table: 'GeoLevel',
      id: 'GeoLevelId',
      name: 'GeoLevelName',
      perLanguage: ['GeoLevelDesc'],
      shared: ['GeoLevelId', 'GeoLevelActive', 'RegionId'],
    },
    language,
  );
  return groups
    .filter((g) => /^\d+$/.test(g.id))
    .map((g) => {
      const level = Number(g.id) + 1;
      return {
        kind: 'geoLevel' as const,
        level,
        names: Object.keys(g.names).length > 0 ? g.names : { [language]: `Level ${level}` },
        codeLength: SEGMENT * level,
        legacy: g.legacy,
      };
    })
    .sort((a, b) => a.level - b.level);
}

/** Units sorted parents first, with placeholders for missing parents, and notices. */
export async function readGeoUnits(
  tables: Di8Tables,
  language: string,
): Promise<{ units: GeoUnitItem[]; notices: NoticeItem[] }> {
  const notices: NoticeItem[] = [];
  const { groups, skipped } = await groupByLanguage(
    tables.rows('Geography'),
    {
      table: 'Geography',
      id: 'GeographyId',
      name: 'GeographyName',
      perLanguage: ['GeographyFQName'],
      shared: ['GeographyCode', 'GeographyActive', 'RegionId'],
    },
    language,
  );
  for (const place of skipped) {
    notices.push({
      kind: 'notice',
      level: 'warning',
      code: 'row_skipped',
      message: `Geography row ${place.row}: no GeographyId; skipped`,
      place,
    });
  }
  const units = new Map<string, GeoUnitItem>();
  for (const g of groups) {
    const level = g.id.length / SEGMENT;
    if (!Number.isInteger(level) || !/^\d+$/.test(g.id)) {
      notices.push({
        kind: 'notice',
        level: 'warning',
        code: 'geography_id_unusual',
        message: `Geography ${g.id}: not a chain of ${SEGMENT}-digit segments; parent taken as the id without its last ${SEGMENT} characters`,
        place: g.place,
      });
    }
    const declared = textOf(g.first.GeographyLevel ?? null);
    const unitLevel = declared !== null && /^\d+$/.test(declared) ? Number(declared) + 1 : Math.ceil(level);
    units.set(g.id, {
      kind: 'geoUnit',
      level: unitLevel,
      code: g.id,
      parentCode: g.id.length > SEGMENT ? g.id.slice(0, -SEGMENT) : null,
      names: Object.keys(g.names).length > 0 ? g.names : { [language]: g.id },
      placeholder: false,
      bbox: null,
      centroid: null,
      legacy: g.legacy,
      place: g.place,
    });
  }
  addPlaceholders(units, language, notices);
  const sorted = [...units.values()].sort((a, b) => a.level - b.level || a.code.localeCompare(b.code));
  return { units: sorted, notices };
}

/** Invent each missing parent (recursively), flagged as a placeholder. */
function addPlaceholders(units: Map<string, GeoUnitItem>, language: string, notices: NoticeItem[]): void {
  for (const unit of [...units.values()]) {
    let child = unit;
    while (child.parentCode !== null && !units.has(child.parentCode)) {
      const code = child.parentCode;
      const parent: GeoUnitItem = {
        kind: 'geoUnit',
        level: Math.max(1, child.level - 1),
        code,
        parentCode: code.length > SEGMENT ? code.slice(0, -SEGMENT) : null,
        names: { [language]: code },
        placeholder: true,
        bbox: null,
        centroid: null,
        legacy: {},
      };
      units.set(code, parent);
      notices.push({
        kind: 'notice',
        level: 'warning',
        code: 'geography_orphan',
        message: `Geography ${child.code}: parent ${code} is missing; created a placeholder unit`,
        place: child.place,
      });
      child = parent;
    }
  }
}
