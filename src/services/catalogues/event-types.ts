/** Event types (DesInventar "eventos"): a tenant catalogue mapped to hazard codes, with a hierarchy. */
import { and, asc, eq, getTableColumns, type SQL } from 'drizzle-orm';
import type { Db, Executor } from '../../db/engine.ts';
import { datacards, eventTypes, hazards } from '../../db/schema/index.ts';
import { type FieldIssue, validationFailed } from '../../shared/errors.ts';
import type { EventType, EventTypeCreate } from '../../shared/schemas/event-types.ts';
import type { RequestContext } from '../context.ts';
import { tenantOf } from '../context.ts';
import { isoTimestamp } from '../datacards/mapping.ts';
import { bumpVersion, parseIntKey, type RecordSpec, recordService } from './records.ts';
import {
  assertUnique,
  checkHazardCode,
  checkParent,
  countCards,
  countChildren,
  englishName,
  usageMessage,
} from './references.ts';

function selectEventTypes(ex: Executor, tenantId: number, where?: SQL) {
  return ex
    .select({ ...getTableColumns(eventTypes), hazardNames: hazards.names })
    .from(eventTypes)
    .leftJoin(hazards, eq(hazards.code, eventTypes.hazardCode))
    .where(and(eq(eventTypes.tenantId, tenantId), where))
    .orderBy(asc(eventTypes.sortOrder), asc(eventTypes.code));
}

type Row = Awaited<ReturnType<typeof selectEventTypes>>[number];

const present = (r: Row): EventType => ({
  id: r.id,
  code: r.code,
  names: r.names,
  description: r.description,
  hazardCode: r.hazardCode,
  hazardName: englishName(r.hazardNames, r.hazardCode),
  parentId: r.parentId,
  sortOrder: r.sortOrder,
  active: r.active,
  version: r.version,
  createdAt: isoTimestamp(r.createdAt),
  updatedAt: isoTimestamp(r.updatedAt),
});

const hierarchy = { table: eventTypes, entity: 'event type' };
const codeColumn = { table: eventTypes, column: eventTypes.code, what: 'An event type with code' };

const spec: RecordSpec<number, EventType, EventTypeCreate> = {
  entity: 'event type',
  auditEntity: 'event_type',
  table: eventTypes,
  versioned: true,
  parseKey: parseIntKey,
  load: async (ex, tenantId, id) =>
    (await selectEventTypes(ex, tenantId, eq(eventTypes.id, id))).map(present)[0],
  async check(ex, tenantId, input, current, id) {
    const issues: FieldIssue[] = [];
    if (input.hazardCode) await checkHazardCode(ex, input.hazardCode, issues);
    if (input.parentId != null)
      await checkParent(ex, { ...hierarchy, tenantId, parentId: input.parentId, selfId: id }, issues);
    if (issues.length) throw validationFailed(issues);
    if (input.code !== undefined && input.code !== current?.code)
      await assertUnique(ex, { ...codeColumn, tenantId, value: input.code, selfId: id });
  },
  async insert(ex, tenantId, input) {
    const [row] = await ex
      .insert(eventTypes)
      .values({ ...input, tenantId })
      .returning({ id: eventTypes.id });
    return row!.id;
  },
  async update(ex, tenantId, id, fields) {
    await ex
      .update(eventTypes)
      .set({ ...fields, ...bumpVersion(eventTypes.version) })
      .where(and(eq(eventTypes.tenantId, tenantId), eq(eventTypes.id, id)));
  },
  async blockers(ex, tenantId, id, current) {
    const cards = await countCards(ex, tenantId, eq(datacards.eventTypeId, id));
    const children = await countChildren(ex, eventTypes, tenantId, id);
    return usageMessage(`The event type ${current.code}`, cards, children, 'narrower event type');
  },
};

/** The tenant's event types, by sort order then code. */
export async function listEventTypes(db: Db, ctx: RequestContext): Promise<EventType[]> {
  return (await selectEventTypes(db, tenantOf(ctx).id)).map(present);
}

/** Get, create, update (version-checked) and delete (unless in use) one event type. */
export const {
  get: getEventType,
  create: createEventType,
  update: updateEventType,
  remove: deleteEventType,
} = recordService(spec);
