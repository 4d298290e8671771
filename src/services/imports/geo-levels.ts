/** Administrative levels of an import, upserted by level number; created on demand when units need them. */
import { sql } from 'drizzle-orm';
import { queryRows } from '../../db/query.ts';
import type { GeoLevelItem, GeoUnitItem } from '../../formats/model.ts';
import { auditBase, type LoaderContext, reject } from './loader-context.ts';
import type { Row } from './rows.ts';
import { CatalogueStore } from './store.ts';

/** The levels part of one import. */
export class GeoLevels {
  private readonly store: CatalogueStore;
  /** Units whose code does not have their level's length, by level (one warning per level). */
  private readonly badLengths = new Map<number, { count: number; example: string }>();

  private constructor(private readonly lc: LoaderContext) {
    this.store = new CatalogueStore(
      {
        table: 'geo_levels',
        kind: 'geoLevels',
        auditEntity: 'geo_level',
        keyColumns: ['tenant_id', 'level'],
        content: ['names', 'code_length', 'legacy'],
        bump: sql`version = d.version + 1`,
      },
      lc.report,
    );
  }

  /** Load the tenant's levels. */
  static async load(lc: LoaderContext): Promise<GeoLevels> {
    const levels = new GeoLevels(lc);
    const rows = await queryRows<Row>(
      lc.tx,
      sql`select tenant_id, level, names, code_length, legacy from geo_levels where tenant_id = ${lc.tenantId}`,
    );
    for (const row of rows) levels.store.load(String(row.level), row);
    return levels;
  }

  /** Upsert a level; names merge over stored ones. */
  level(item: GeoLevelItem): void {
    if (!Number.isInteger(item.level) || item.level < 1) {
      reject(this.lc, `geoLevel ${item.level}`, 'invalid_value', 'a level is a whole number from 1');
      return;
    }
    const current = this.store.get(String(item.level));
    this.store.put(String(item.level), {
      tenant_id: this.lc.tenantId,
      level: item.level,
      names: { ...((current?.names as object) ?? {}), ...item.names },
      code_length: item.codeLength,
      legacy: item.legacy,
    });
  }

  /** Make sure a level (and every level above it) exists, creating "Level N" with a warning. */
  ensure(level: number): void {
    if (this.store.get(String(level))) return;
    if (level > 1) this.ensure(level - 1);
    this.store.put(String(level), {
      tenant_id: this.lc.tenantId,
      level,
      names: { en: `Level ${level}` },
      code_length: null,
      legacy: {},
    });
    this.lc.report.warnings.add({
      code: 'level_created',
      message: `level ${level} was not in the source; created as "Level ${level}"`,
    });
  }

  /** Note a unit whose code does not have its level's length (legacy data often breaks it). */
  checkCode(item: GeoUnitItem): void {
    const length = this.store.get(String(item.level))?.code_length as number | null;
    if (length && !item.placeholder && item.code.length !== length) {
      const seen = this.badLengths.get(item.level);
      this.badLengths.set(item.level, { count: (seen?.count ?? 0) + 1, example: seen?.example ?? item.code });
    }
  }

  /** Summary warnings: one per level whose codes do not have the level's length. */
  finish(): void {
    for (const [level, { count, example }] of this.badLengths) {
      const length = this.store.get(String(level))?.code_length;
      this.lc.report.warnings.add({
        code: 'code_length',
        message: `${count} units at level ${level} have codes that are not ${length} characters long (e.g. ${example})`,
      });
    }
  }

  /** Write pending levels. */
  flush(): Promise<void> {
    return this.store.flush(this.lc.tx, auditBase(this.lc, 'geo_level'));
  }
}
