/** Causes (DesInventar "causas"): a flat tenant catalogue. */
import { and, asc, eq, type SQL } from 'drizzle-orm';
import type { Db, Executor } from '../../db/engine.ts';
import { causes, datacards } from '../../db/schema/index.ts';
import type { Cause, CauseCreate } from '../../shared/schemas/causes.ts';
import { type RequestContext, tenantOf } from '../context.ts';
import { isoTimestamp } from '../datacards/mapping.ts';
import { bumpVersion, parseIntKey, type RecordSpec, recordService } from './records.ts';
import { assertUnique, countCards, usageMessage } from './references.ts';

type Row = typeof causes.$inferSelect;

const present = (r: Row): Cause => ({
  id: r.id,
  code: r.code,
  names: r.names,
  sortOrder: r.sortOrder,
  active: r.active,
  version: r.version,
  createdAt: isoTimestamp(r.createdAt),
  updatedAt: isoTimestamp(r.updatedAt),
});

const selectCauses = (ex: Executor, tenantId: number, where?: SQL) =>
  ex
    .select()
    .from(causes)
    .where(and(eq(causes.tenantId, tenantId), where))
    .orderBy(asc(causes.sortOrder), asc(causes.code));

const codeColumn = { table: causes, column: causes.code, what: 'A cause with code' };

const spec: RecordSpec<number, Cause, CauseCreate> = {
  entity: 'cause',
  auditEntity: 'cause',
  table: causes,
  versioned: true,
  parseKey: parseIntKey,
  load: async (ex, tenantId, id) => (await selectCauses(ex, tenantId, eq(causes.id, id))).map(present)[0],
  async check(ex, tenantId, input, current, id) {
    if (input.code !== undefined && input.code !== current?.code)
      await assertUnique(ex, { ...codeColumn, tenantId, value: input.code, selfId: id });
  },
  async insert(ex, tenantId, input) {
    const [row] = await ex
      .insert(causes)
      .values({ ...input, tenantId })
      .returning({ id: causes.id });
    return row!.id;
  },
  async update(ex, tenantId, id, fields) {
    await ex
      .update(causes)
      .set({ ...fields, ...bumpVersion(causes.version) })
      .where(and(eq(causes.tenantId, tenantId), eq(causes.id, id)));
  },
  async blockers(ex, tenantId, id, current) {
    const cards = await countCards(ex, tenantId, eq(datacards.causeId, id));
    return usageMessage(`The cause ${current.code}`, cards, 0, '');
  },
};

/** The tenant's causes, by sort order then code. */
export async function listCauses(db: Db, ctx: RequestContext): Promise<Cause[]> {
  return (await selectCauses(db, tenantOf(ctx).id)).map(present);
}

/** Get, create, update (version-checked) and delete (unless in use) one cause. */
export const {
  get: getCause,
  create: createCause,
  update: updateCause,
  remove: deleteCause,
} = recordService(spec);
