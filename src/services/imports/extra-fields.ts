/**
 * Extra-field tabs (matched by the source's tab key, kept in legacy.tabKey) and definitions
 * (matched by key) of an import, and the rules that validate card values of 'extra' fields.
 */
import { sql } from 'drizzle-orm';
import { queryRows } from '../../db/query.ts';
import { checkExtraValues, type ExtraFieldRule } from '../../domain/extra-fields.ts';
import type { ExtraFieldItem, ExtraTabItem } from '../../formats/model.ts';
import type { FieldIssue } from '../../shared/errors.ts';
import { auditBase, type LoaderContext, reject } from './loader-context.ts';
import { IdPool, type Row } from './rows.ts';
import { CatalogueStore, VERSION_BUMP } from './store.ts';

const TAB_CONTENT = ['labels', 'sort_order', 'legacy'];
const FIELD_CONTENT = [
  'type',
  'labels',
  'description',
  'tab_id',
  'sort_order',
  'max_length',
  'options',
  'storage',
  'legacy',
];
const TEXT_TYPES = ['text', 'memo'];

/** Tabs and definitions of one import. */
export class ExtraFieldLoader {
  readonly tabs: CatalogueStore;
  readonly fields: CatalogueStore;
  private readonly tabIds = new IdPool('extra_field_tabs', 20);
  private readonly fieldIds = new IdPool('extra_field_definitions', 100);
  private rules: ExtraFieldRule[] | null = null;

  private constructor(private readonly lc: LoaderContext) {
    this.tabs = new CatalogueStore(
      {
        table: 'extra_field_tabs',
        kind: 'extraTabs',
        auditEntity: 'extra_field_tab',
        keyColumns: ['tenant_id', 'id'],
        content: TAB_CONTENT,
      },
      lc.report,
    );
    this.fields = new CatalogueStore(
      {
        table: 'extra_field_definitions',
        kind: 'extraFields',
        auditEntity: 'extra_field',
        keyColumns: ['tenant_id', 'id'],
        content: FIELD_CONTENT,
        bump: VERSION_BUMP,
      },
      lc.report,
    );
  }

  /** Load the tenant's tabs and definitions. */
  static async load(lc: LoaderContext): Promise<ExtraFieldLoader> {
    const x = new ExtraFieldLoader(lc);
    const tabs = await queryRows<Row>(
      lc.tx,
      sql`select tenant_id, id, labels, sort_order, legacy from extra_field_tabs where tenant_id = ${lc.tenantId}`,
    );
    for (const tab of tabs) {
      const key = (tab.legacy as Record<string, unknown>).tabKey;
      if (typeof key === 'string') x.tabs.load(key, tab);
    }
    const fields = await queryRows<Row>(
      lc.tx,
      sql`select tenant_id, id, key, required, ${sql.raw(FIELD_CONTENT.join(', '))}
          from extra_field_definitions where tenant_id = ${lc.tenantId}`,
    );
    for (const field of fields) x.fields.load(field.key as string, field);
    return x;
  }

  /** Upsert a tab. */
  async tab(item: ExtraTabItem): Promise<void> {
    const current = this.tabs.get(item.key);
    this.tabs.put(item.key, {
      tenant_id: this.lc.tenantId,
      id: (current?.id as number | undefined) ?? (await this.tabIds.next(this.lc.tx)),
      labels: { ...((current?.labels as object) ?? {}), ...item.labels },
      sort_order: item.sortOrder,
      legacy: { ...item.legacy, tabKey: item.key },
    });
  }

  /** Upsert a definition. */
  async field(item: ExtraFieldItem): Promise<void> {
    if (!/^[A-Za-z][A-Za-z0-9_]{0,62}$/.test(item.key)) {
      reject(
        this.lc,
        `extraField ${item.key}`,
        'invalid_value',
        'a key starts with a letter, then letters, digits or _ (max 63)',
      );
      return;
    }
    const tabId =
      item.tabKey === null ? null : ((this.tabs.get(item.tabKey)?.id as number | undefined) ?? null);
    if (item.tabKey !== null && tabId === null) {
      this.lc.report.warnings.add({
        code: 'unknown_tab',
        message: `extra field ${item.key}: tab ${item.tabKey} is not an earlier tab; left without tab`,
      });
    }
    const current = this.fields.get(item.key);
    this.fields.put(item.key, {
      tenant_id: this.lc.tenantId,
      id: (current?.id as number | undefined) ?? (await this.fieldIds.next(this.lc.tx)),
      key: item.key,
      type: item.type,
      labels: { ...((current?.labels as object) ?? {}), ...item.labels },
      description: item.description,
      tab_id: tabId,
      sort_order: item.sortOrder,
      // The API allows a maximum length on text and memo fields only.
      max_length: TEXT_TYPES.includes(item.type) ? item.maxLength : null,
      options: item.options,
      storage: item.storage,
      legacy: item.legacy,
    });
    this.rules = null;
  }

  /** Problems of values meant for datacards.extra (types, unknown keys; 'required' is not checked on import). */
  checkValues(values: Record<string, unknown>): FieldIssue[] {
    for (const _ in values) return this.check(values);
    return [];
  }

  private check(values: Record<string, unknown>): FieldIssue[] {
    this.rules ??= [...this.fields.values()]
      .filter((f) => f.storage === 'extra')
      .map((f) => ({
        key: f.key as string,
        type: f.type as ExtraFieldRule['type'],
        required: false,
        maxLength: (f.max_length as number | null) ?? null,
        options: f.options as { code: string }[],
      }));
    return checkExtraValues(values, this.rules);
  }

  /** Write pending tabs, then definitions (they refer to tabs). */
  async flush(): Promise<void> {
    await this.tabs.flush(this.lc.tx, auditBase(this.lc, 'extra_field_tab'));
    await this.fields.flush(this.lc.tx, auditBase(this.lc, 'extra_field'));
  }
}
