/**
 * Levels and units of an import, upserted by level number and unit code (the version without
 * validFrom). Units repeat to add bbox/centroid; a missing parent becomes a flagged placeholder
 * so every unit keeps a parent one level up, and paths stay '/ancestor ids/own id/'.
 */
import { sql } from 'drizzle-orm';
import { queryRows } from '../../db/query.ts';
import type { GeoUnitItem } from '../../formats/model.ts';
import { childPath, pathIds } from '../geography/mapping.ts';
import { moveSubtree } from '../geography/move.ts';
import { GeoLevels } from './geo-levels.ts';
import { auditBase, type LoaderContext, reject } from './loader-context.ts';
import { IdPool, type Row } from './rows.ts';
import { CatalogueStore, VERSION_BUMP } from './store.ts';
import { describePlace } from './values.ts';

const UNIT_CONTENT = [
  'level',
  'parent_id',
  'path',
  'names',
  'bbox_min_lon',
  'bbox_min_lat',
  'bbox_max_lon',
  'bbox_max_lat',
  'centroid_lon',
  'centroid_lat',
  'placeholder',
  'legacy',
];

/** Where a unit sits: what cards and children need. */
export interface UnitRef {
  id: number;
  level: number;
  path: string;
}

/** The geography part of one import. */
export class GeographyLoader {
  readonly units: CatalogueStore;
  /** Every stored version of a code with its validity [from, to), to file a card under the one valid at its date. */
  private readonly versions = new Map<string, { ref: UnitRef; from: string | null; to: string | null }[]>();
  private readonly ids = new IdPool('geo_units');

  private constructor(
    private readonly lc: LoaderContext,
    readonly levels: GeoLevels,
  ) {
    this.units = new CatalogueStore(
      {
        table: 'geo_units',
        kind: 'geoUnits',
        auditEntity: 'geo_unit',
        keyColumns: ['tenant_id', 'id'],
        content: UNIT_CONTENT,
        bump: VERSION_BUMP,
      },
      lc.report,
    );
  }

  /** Load the tenant's levels and units. */
  static async load(lc: LoaderContext): Promise<GeographyLoader> {
    const g = new GeographyLoader(lc, await GeoLevels.load(lc));
    const units = await queryRows<Row>(
      lc.tx,
      sql`select tenant_id, id, code, valid_from::text, valid_to::text, ${sql.raw(UNIT_CONTENT.join(', '))}
          from geo_units where tenant_id = ${lc.tenantId} order by valid_from nulls first`,
    );
    for (const row of units) {
      const code = row.code as string;
      const { valid_to: to, ...unit } = row;
      if (row.valid_from === null) g.units.load(code, unit);
      const list = g.versions.get(code) ?? [];
      list.push({
        ref: unit as unknown as UnitRef,
        from: row.valid_from as string | null,
        to: to as string | null,
      });
      g.versions.set(code, list);
    }
    return g;
  }

  /**
   * The unit a card's code names: the version valid at `date` (YYYY-MM-DD, the start of the card's
   * period) when the code has several; else the undated version; else the latest dated one.
   */
  resolve(code: string, dateOf?: () => string): UnitRef | null {
    const undated = this.units.get(code) as UnitRef | undefined;
    const versions = this.versions.get(code);
    if (dateOf && versions && versions.length > 1) {
      const date = dateOf();
      const valid = versions.find(
        (v) => (v.from === null || v.from <= date) && (v.to === null || date < v.to),
      );
      if (valid) return valid.from === null && undated ? undated : valid.ref;
    }
    return undated ?? versions?.at(-1)?.ref ?? null;
  }

  /** Upsert a unit (a repeated code adds to the same unit). */
  async unit(item: GeoUnitItem): Promise<void> {
    const where = describePlace(item.place, `geoUnit ${item.code}`);
    if (!item.code || !Number.isInteger(item.level) || item.level < 1) {
      reject(this.lc, where, 'invalid_value', 'a unit needs a code and a level from 1');
      return;
    }
    const current = this.units.get(item.code);
    if (current && current.level !== item.level) {
      reject(this.lc, where, 'level_conflict', `code ${item.code} is already used at level ${current.level}`);
      return;
    }
    // A placeholder never overrides what is known about a unit (it counts as unchanged).
    if (current && item.placeholder) {
      this.units.put(item.code, current);
      return;
    }
    this.levels.ensure(item.level);
    this.levels.checkCode(item);
    const parent = await this.parentOf(item, current, where);
    if (parent === undefined) return;
    await this.write(item, current, parent);
  }

  /** The parent row (null at the top); undefined when the item was rejected. */
  private async parentOf(item: GeoUnitItem, current: Row | undefined, where: string) {
    if (item.level === 1) return null;
    if (item.parentCode) {
      const parent =
        this.units.get(item.parentCode) ?? (await this.placeholder(item.parentCode, item.level - 1));
      if (parent.level !== item.level - 1) {
        reject(
          this.lc,
          where,
          'invalid_parent',
          `parent ${item.parentCode} is at level ${parent.level}, not ${item.level - 1}`,
        );
        return undefined;
      }
      return parent;
    }
    if (current) return current.parent_id === null ? null : this.byId(current.parent_id as number);
    if (!item.placeholder) {
      this.lc.report.warnings.add({
        code: 'orphan_unit',
        message: `unit ${item.code} at level ${item.level} has no parent code`,
        place: where,
      });
    }
    return this.defaultParent(item.level - 1);
  }

  private byId(id: number): Row | null {
    for (const row of this.units.values()) if (row.id === id) return row;
    return null;
  }

  /**
   * The parent of a unit whose parent is unknown: the only unit of that level when there is one
   * (a country's single top unit), else a shared 'UNKNOWN-<level>' placeholder.
   */
  private async defaultParent(level: number): Promise<Row | null> {
    if (level < 1) return null;
    const atLevel = [...this.units.values()].filter(
      (r) => r.level === level && !String(r.code).startsWith('UNKNOWN-'),
    );
    if (atLevel.length === 1) return atLevel[0]!;
    return this.units.get(`UNKNOWN-${level}`) ?? (await this.placeholder(`UNKNOWN-${level}`, level));
  }

  /** Create a flagged placeholder unit for a parent code the source lacks. */
  private async placeholder(code: string, level: number): Promise<Row> {
    this.levels.ensure(level);
    const parent = await this.defaultParent(level - 1);
    const id = await this.ids.next(this.lc.tx);
    this.lc.report.warnings.add({
      code: 'placeholder_created',
      message: `unit ${code} (level ${level}) is missing from the source; created a placeholder`,
    });
    return this.units.put(code, {
      ...this.emptyUnit(id, code, level),
      parent_id: parent?.id ?? null,
      path: childPath((parent?.path as string | undefined) ?? null, id),
      names: { en: code },
      placeholder: true,
    });
  }

  private emptyUnit(id: number, code: string, level: number): Row {
    return {
      tenant_id: this.lc.tenantId,
      id,
      code,
      valid_from: null,
      level,
      parent_id: null,
      path: '',
      names: {},
      bbox_min_lon: null,
      bbox_min_lat: null,
      bbox_max_lon: null,
      bbox_max_lat: null,
      centroid_lon: null,
      centroid_lat: null,
      placeholder: false,
      legacy: {},
    };
  }

  private async write(item: GeoUnitItem, current: Row | undefined, parent: Row | null): Promise<void> {
    const id = (current?.id as number | undefined) ?? (await this.ids.next(this.lc.tx));
    const path = childPath((parent?.path as string | undefined) ?? null, id);
    const base = current ?? this.emptyUnit(id, item.code, item.level);
    if (current && current.path !== path) await this.move(current, path, parent);
    const firstTouch = !this.units.touched(item.code);
    this.units.put(item.code, {
      ...base,
      parent_id: parent?.id ?? null,
      path,
      names: { ...(base.names as object), ...item.names },
      bbox_min_lon: item.bbox?.minLon ?? base.bbox_min_lon,
      bbox_min_lat: item.bbox?.minLat ?? base.bbox_min_lat,
      bbox_max_lon: item.bbox?.maxLon ?? base.bbox_max_lon,
      bbox_max_lat: item.bbox?.maxLat ?? base.bbox_max_lat,
      centroid_lon: item.centroid?.lon ?? base.centroid_lon,
      centroid_lat: item.centroid?.lat ?? base.centroid_lat,
      placeholder: !current && item.placeholder,
      // The first item of this run replaces the stored legacy fields; repeats add to them.
      legacy: firstTouch ? item.legacy : { ...(base.legacy as object), ...item.legacy },
    });
  }

  /** Re-root a stored unit's subtree (paths of units and geo_ancestors of datacards). */
  private async move(current: Row, path: string, parent: Row | null): Promise<void> {
    await this.flush();
    const oldPath = current.path as string;
    await moveSubtree(
      this.lc.tx,
      this.lc.tenantId,
      { id: current.id as number, path: oldPath },
      (parent?.path as string) ?? null,
    );
    for (const row of this.units.values()) {
      const p = row.path as string;
      if (p.startsWith(oldPath) && p !== oldPath) row.path = path + p.slice(oldPath.length);
    }
  }

  /** Write pending levels and units (levels first: units refer to them). */
  async flush(): Promise<void> {
    await this.levels.flush();
    await this.units.flush(this.lc.tx, auditBase(this.lc, 'geo_unit'));
  }
}

/** Ancestor lists by unit path (a moved unit gets a new path, so the key follows it). */
const ancestors = new Map<string, readonly number[]>();

/** The level-aligned ancestor ids of a unit (= its path ids); one frozen list per path, shared by its cards. */
export function ancestorsOf(unit: UnitRef): readonly number[] {
  let ids = ancestors.get(unit.path);
  if (!ids) {
    ids = Object.freeze(pathIds(unit.path));
    // Paths of every tenant pass through here: keep the cache from growing without bound.
    if (ancestors.size >= 100_000) ancestors.clear();
    ancestors.set(unit.path, ids);
  }
  return ids;
}
