/**
 * Event types and causes of an import, upserted by code: names merge over stored ones, other
 * fields take the source's value. An event type without a hazard keeps the stored one, else
 * gets a suggestion from the crosswalk (listed in the report, editable afterwards).
 */
import { sql } from 'drizzle-orm';
import { queryRows } from '../../db/query.ts';
import type { CauseItem, EventTypeItem } from '../../formats/model.ts';
import { type Crosswalk, loadCrosswalk, suggestHazard } from './crosswalk.ts';
import { auditBase, type LoaderContext, reject } from './loader-context.ts';
import { IdPool, type Row } from './rows.ts';
import { CatalogueStore, VERSION_BUMP } from './store.ts';

const EVENT_CONTENT = ['names', 'description', 'hazard_code', 'parent_id', 'sort_order', 'legacy'];
const CAUSE_CONTENT = ['names', 'sort_order', 'legacy'];

/** Event types and causes of one import. */
export class CatalogueLoader {
  readonly eventTypes: CatalogueStore;
  readonly causes: CatalogueStore;
  private readonly eventIds = new IdPool('event_types', 50);
  private readonly causeIds = new IdPool('causes', 50);
  private hazards = new Set<string>();
  private crosswalk: Crosswalk = new Map();

  private constructor(private readonly lc: LoaderContext) {
    const store = (table: string, kind: 'eventTypes' | 'causes', entity: string, content: string[]) =>
      new CatalogueStore(
        { table, kind, auditEntity: entity, keyColumns: ['tenant_id', 'id'], content, bump: VERSION_BUMP },
        lc.report,
      );
    this.eventTypes = store('event_types', 'eventTypes', 'event_type', EVENT_CONTENT);
    this.causes = store('causes', 'causes', 'cause', CAUSE_CONTENT);
  }

  /** Load the tenant's event types and causes, the hazard codes and the crosswalk. */
  static async load(lc: LoaderContext): Promise<CatalogueLoader> {
    const c = new CatalogueLoader(lc);
    const load = async (store: CatalogueStore, table: string, content: string[]) => {
      const rows = await queryRows<Row>(
        lc.tx,
        sql`select tenant_id, id, code, ${sql.raw(content.join(', '))} from ${sql.identifier(table)}
            where tenant_id = ${lc.tenantId}`,
      );
      for (const row of rows) store.load(row.code as string, row);
    };
    await load(c.eventTypes, 'event_types', EVENT_CONTENT);
    await load(c.causes, 'causes', CAUSE_CONTENT);
    c.hazards = new Set(
      (await queryRows<{ code: string }>(lc.tx, sql`select code from hazards`)).map((r) => r.code),
    );
    c.crosswalk = await loadCrosswalk(lc.tx);
    return c;
  }

  /** The id of an event type code, or null. */
  eventTypeId(code: string): number | null {
    return (this.eventTypes.get(code)?.id as number | undefined) ?? null;
  }

  /** The id of a cause code, or null. */
  causeId(code: string): number | null {
    return (this.causes.get(code)?.id as number | undefined) ?? null;
  }

  /** Upsert an event type. */
  async eventType(item: EventTypeItem): Promise<void> {
    if (!item.code) {
      reject(this.lc, 'eventType', 'invalid_value', 'an event type needs a code');
      return;
    }
    const current = this.eventTypes.get(item.code);
    const id = (current?.id as number | undefined) ?? (await this.eventIds.next(this.lc.tx));
    this.eventTypes.put(item.code, {
      tenant_id: this.lc.tenantId,
      id,
      code: item.code,
      names: { ...((current?.names as object) ?? {}), ...item.names },
      description: item.description,
      hazard_code: this.hazardFor(item, current),
      parent_id: this.parentFor(item, id),
      sort_order: item.sortOrder,
      legacy: item.legacy,
    });
  }

  /** The source's hazard when known, else the stored one, else a crosswalk suggestion. */
  private hazardFor(item: EventTypeItem, current: Row | undefined): string | null {
    if (item.hazardCode && this.hazards.has(item.hazardCode)) return item.hazardCode;
    if (item.hazardCode) {
      this.lc.report.warnings.add({
        code: 'unknown_hazard',
        message: `event type ${item.code}: hazard ${item.hazardCode} is not in the hazard catalogue`,
      });
    }
    const stored = (current?.hazard_code as string | null | undefined) ?? null;
    if (stored) return stored;
    const suggested = suggestHazard(this.crosswalk, item.names);
    if (suggested) {
      this.lc.report.warnings.add({
        code: 'hazard_suggested',
        message: `event type ${item.code}: hazard ${suggested} suggested from the crosswalk (check it)`,
      });
    }
    return suggested;
  }

  /** The parent's id: an earlier event type that does not descend from this one, else null with a warning. */
  private parentFor(item: EventTypeItem, id: number): number | null {
    if (!item.parentCode) return null;
    const parent = this.eventTypeId(item.parentCode);
    if (parent !== null && !this.descendsFrom(parent, id)) return parent;
    this.lc.report.warnings.add({
      code: 'unknown_parent',
      message: `event type ${item.code}: parent ${item.parentCode} is not an earlier event type outside its own branch; left without parent`,
    });
    return null;
  }

  /** True when the event type `id` is `ancestor` or lies below it. */
  private descendsFrom(id: number, ancestor: number): boolean {
    const byId = new Map([...this.eventTypes.values()].map((r) => [r.id as number, r]));
    for (let at: number | null = id, steps = 0; at !== null && steps <= byId.size; steps++) {
      if (at === ancestor) return true;
      at = (byId.get(at)?.parent_id as number | null | undefined) ?? null;
    }
    return false;
  }

  /** Upsert a cause. */
  async cause(item: CauseItem): Promise<void> {
    if (!item.code) {
      reject(this.lc, 'cause', 'invalid_value', 'a cause needs a code');
      return;
    }
    const current = this.causes.get(item.code);
    this.causes.put(item.code, {
      tenant_id: this.lc.tenantId,
      id: (current?.id as number | undefined) ?? (await this.causeIds.next(this.lc.tx)),
      code: item.code,
      names: { ...((current?.names as object) ?? {}), ...item.names },
      sort_order: item.sortOrder,
      legacy: item.legacy,
    });
  }

  /** Write pending event types and causes. */
  async flush(): Promise<void> {
    await this.eventTypes.flush(this.lc.tx, auditBase(this.lc, 'event_type'));
    await this.causes.flush(this.lc.tx, auditBase(this.lc, 'cause'));
  }
}
