/**
 * DesInventar geography -> geoLevel and geoUnit items. niveles.nivel is 1-based, so lev0 units
 * are level 1, lev1 level 2, lev2 level 3; regiones.nivel is 0-based. The lev tables are small,
 * so they are buffered until the geography block ends (after regiones): each unit is then yielded
 * once, with the bbox and centroid of the regiones row of the same code, parents before children,
 * and a flagged placeholder before the orphans that need it (see DESIGN "Orphan geography").
 */
import type { GeoLevelItem, GeoUnitItem, ImportItem, Legacy, NoticeItem } from '../model.ts';
import { type ColumnCheck, localNames, type Row } from './row.ts';

/** Tables of the geography block. */
export const GEOGRAPHY_TABLES = new Set(['niveles', 'lev0', 'lev1', 'lev2', 'regiones']);

const KNOWN: Record<string, Set<string>> = {
  niveles: new Set(['nivel', 'descripcion', 'descripcion_en', 'longitud']),
  lev0: new Set(['lev0_cod', 'lev0_name', 'lev0_name_en']),
  lev1: new Set(['lev1_cod', 'lev1_name', 'lev1_name_en', 'lev1_lev0']),
  lev2: new Set(['lev2_cod', 'lev2_name', 'lev2_name_en', 'lev2_lev1']),
};

type Box = Pick<GeoUnitItem, 'bbox' | 'centroid'>;

/** Buffers the geography block and turns it into items. */
export class GeographyReader {
  private niveles: { row: Row; legacy: Legacy }[] = [];
  private units: GeoUnitItem[][] = [[], [], [], []];
  private regions = new Map<string, Box & { names: Record<string, string> }>();
  private notices: NoticeItem[] = [];

  constructor(
    private readonly language: () => string,
    private readonly columns: ColumnCheck,
  ) {}

  /** Take one row; returns items to yield now (regiones rows are kept verbatim as legacy rows). */
  add(row: Row): ImportItem[] {
    if (row.table === 'regiones') return [this.addRegion(row)];
    const legacy: Legacy = {};
    const notices = this.columns.collect(row, KNOWN[row.table]!, legacy);
    if (row.table === 'niveles') this.niveles.push({ row, legacy });
    else this.units[Number(row.table.slice(3)) + 1]!.push(this.unit(row, legacy));
    return notices;
  }

  /** Whether rows are waiting. */
  get pending(): boolean {
    return this.niveles.length > 0 || this.units.some((u) => u.length > 0);
  }

  /** Levels, then units level by level, placeholders before the orphans they adopt. */
  *flush(): Generator<ImportItem> {
    const placeholders = this.placeholders();
    yield* this.levels();
    for (let level = 1; level <= 3; level++) {
      for (const unit of [...(placeholders[level] ?? []), ...this.units[level]!]) {
        yield { ...unit, ...this.box(unit.code) };
      }
    }
    yield* this.notices;
    this.niveles = [];
    this.units = [[], [], [], []];
    this.notices = [];
  }

  private unit(row: Row, legacy: Legacy): GeoUnitItem {
    const n = Number(row.table.slice(3));
    const code = row.required(`lev${n}_cod`);
    const names = localNames(row.text(`lev${n}_name`), row.text(`lev${n}_name_en`), this.language());
    const parentCode = n === 0 ? null : row.text(`lev${n}_lev${n - 1}`);
    return {
      kind: 'geoUnit',
      level: n + 1,
      code,
      parentCode,
      names: Object.keys(names).length > 0 ? names : { [this.language()]: code },
      placeholder: false,
      bbox: null,
      centroid: null,
      legacy,
      place: row.place,
    };
  }

  private addRegion(row: Row): ImportItem {
    const [x, y] = [row.number('x'), row.number('y')];
    const box = [row.number('xmin_'), row.number('ymin'), row.number('xmax_'), row.number('ymax')];
    const [minLon, minLat, maxLon, maxLat] = box;
    const hasBox = box.every((v) => v !== null) && box.some((v) => v !== 0);
    this.regions.set(row.required('codregion'), {
      bbox: hasBox ? { minLon: minLon!, minLat: minLat!, maxLon: maxLon!, maxLat: maxLat! } : null,
      centroid: x !== null && y !== null && (x !== 0 || y !== 0) ? { lon: x, lat: y } : null,
      names: localNames(row.text('nombre'), row.text('nombre_en'), this.language()),
    });
    return { kind: 'legacyRow', table: 'regiones', position: row.index, data: Object.fromEntries(row.cells) };
  }

  private box(code: string): Box {
    const region = this.regions.get(code);
    return { bbox: region?.bbox ?? null, centroid: region?.centroid ?? null };
  }

  private *levels(): Generator<ImportItem> {
    const byLevel = new Map(
      this.niveles.map((n) => [n.row.int('nivel') ?? n.row.fail('nivel', 'a value is required'), n]),
    );
    const last = Math.max(0, ...byLevel.keys(), ...[1, 2, 3].filter((l) => this.units[l]!.length > 0));
    for (let level = 1; level <= last; level++) {
      const { row, legacy } = byLevel.get(level) ?? { row: null, legacy: {} };
      const names = row
        ? localNames(row.text('descripcion'), row.text('descripcion_en'), this.language())
        : {};
      const used = this.units[level]!.length > 0;
      if (row && !used && Object.keys(names).length === 0) {
        // DesInventar always has 3 niveles rows; an unnamed one without units is kept verbatim.
        yield {
          kind: 'legacyRow',
          table: 'niveles',
          position: row.index,
          data: Object.fromEntries(row.cells),
        };
        continue;
      }
      const length = row?.int('longitud') ?? null;
      const codeLength = length !== null && length > 0 ? length : null;
      const item: GeoLevelItem = {
        kind: 'geoLevel',
        level,
        names: Object.keys(names).length > 0 ? names : { en: `Level ${level}` },
        codeLength,
        legacy: row
          ? { ...legacy, ...(codeLength === null ? { longitud: row.text('longitud') } : {}) }
          : { synthesized: true },
      };
      yield item;
    }
  }

  /** Placeholder parents per level for units whose parent code is missing. */
  private placeholders(): Record<number, GeoUnitItem[]> {
    const all = new Set(this.units.flat().map((u) => u.code));
    const created: Record<number, GeoUnitItem[]> = {};
    for (let level = 2; level <= 3; level++) {
      const parents = new Set(this.units[level - 1]!.map((u) => u.code));
      for (const p of created[level - 1] ?? []) parents.add(p.code);
      const missing = new Map<string, GeoUnitItem[]>();
      for (const unit of this.units[level]!) {
        if (unit.parentCode === null || parents.has(unit.parentCode) || all.has(unit.parentCode)) continue;
        const orphans = missing.get(unit.parentCode) ?? [];
        orphans.push(unit);
        missing.set(unit.parentCode, orphans);
      }
      if (missing.size === 0) continue;
      created[level - 1] = [...missing].map(([code, orphans]) =>
        this.placeholder(code, level - 1, orphans, created),
      );
      this.notices.push(orphanNotice(level, missing));
    }
    return created;
  }

  private placeholder(
    code: string,
    level: number,
    orphans: GeoUnitItem[],
    created: Record<number, GeoUnitItem[]>,
  ): GeoUnitItem {
    const names = this.regions.get(code)?.names ?? {};
    return {
      kind: 'geoUnit',
      level,
      code,
      parentCode: this.derivedParent(code, level, created),
      names: Object.keys(names).length > 0 ? names : { [this.language()]: code },
      placeholder: true,
      bbox: null,
      centroid: null,
      legacy: { orphans: orphans.length },
      place: orphans[0]!.place,
    };
  }

  /** Parent of a placeholder: its code prefix at the level above, else the only unit there, else none. */
  private derivedParent(code: string, level: number, created: Record<number, GeoUnitItem[]>): string | null {
    if (level <= 1) return null;
    const above = [...this.units[level - 1]!, ...(created[level - 1] ?? [])].map((u) => u.code);
    const length = this.niveles.find((n) => n.row.int('nivel') === level - 1)?.row.int('longitud') ?? 0;
    const prefix = length > 0 && code.length > length ? code.slice(0, length) : null;
    if (prefix !== null && above.includes(prefix)) return prefix;
    return above.length === 1 ? above[0]! : null;
  }
}

function orphanNotice(level: number, missing: Map<string, GeoUnitItem[]>): NoticeItem {
  const count = [...missing.values()].reduce((n, units) => n + units.length, 0);
  const codes = [...missing.keys()];
  return {
    kind: 'notice',
    level: 'warning',
    code: 'orphan_units',
    message:
      `${count} lev${level - 1} units refer to ${codes.length} lev${level - 2} codes that do not exist; ` +
      `placeholder units were created for ${codes.slice(0, 10).join(', ')}${codes.length > 10 ? ', …' : ''}`,
  };
}
