/** Tabs grouping extra fields on the datacard form (DesInventar extensiontabs). */
import { and, asc, count, eq, type SQL } from 'drizzle-orm';
import type { Db, Executor } from '../../db/engine.ts';
import { extraFieldDefinitions, extraFieldTabs } from '../../db/schema/index.ts';
import type { ExtraFieldTab, ExtraFieldTabCreate } from '../../shared/schemas/extra-fields.ts';
import { parseIntKey, type RecordSpec, recordService } from '../catalogues/records.ts';
import { type RequestContext, tenantOf } from '../context.ts';

const selectTabs = (ex: Executor, tenantId: number, where?: SQL) =>
  ex
    .select({ id: extraFieldTabs.id, labels: extraFieldTabs.labels, sortOrder: extraFieldTabs.sortOrder })
    .from(extraFieldTabs)
    .where(and(eq(extraFieldTabs.tenantId, tenantId), where))
    .orderBy(asc(extraFieldTabs.sortOrder), asc(extraFieldTabs.id));

const byId = (tenantId: number, id: number) =>
  and(eq(extraFieldTabs.tenantId, tenantId), eq(extraFieldTabs.id, id));

const spec: RecordSpec<number, ExtraFieldTab, ExtraFieldTabCreate> = {
  entity: 'extra-field tab',
  auditEntity: 'extra_field_tab',
  table: extraFieldTabs,
  versioned: false,
  parseKey: parseIntKey,
  load: async (ex, tenantId, id) => (await selectTabs(ex, tenantId, eq(extraFieldTabs.id, id)))[0],
  check: async () => {},
  async insert(ex, tenantId, input) {
    const [row] = await ex
      .insert(extraFieldTabs)
      .values({ ...input, tenantId })
      .returning({ id: extraFieldTabs.id });
    return row!.id;
  },
  async update(ex, tenantId, id, fields) {
    if (Object.keys(fields).length) await ex.update(extraFieldTabs).set(fields).where(byId(tenantId, id));
  },
  async blockers(ex, tenantId, id) {
    const [row] = await ex
      .select({ n: count() })
      .from(extraFieldDefinitions)
      .where(and(eq(extraFieldDefinitions.tenantId, tenantId), eq(extraFieldDefinitions.tabId, id)));
    const n = row?.n ?? 0;
    return n ? `The tab holds ${n} extra field${n === 1 ? '' : 's'}; move or delete them first.` : null;
  },
};

/** The tenant's tabs, by sort order. */
export async function listExtraFieldTabs(db: Db, ctx: RequestContext): Promise<ExtraFieldTab[]> {
  return selectTabs(db, tenantOf(ctx).id);
}

/** Create, update (no version: the last write wins) and delete (unless it holds fields) one tab. */
export const {
  create: createExtraFieldTab,
  update: updateExtraFieldTab,
  remove: deleteExtraFieldTab,
} = recordService(spec);
