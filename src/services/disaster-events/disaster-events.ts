/** Disaster events: optional groupings of datacards into one disaster, with cascades (parent events). */
import { and, eq, getTableColumns, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/engine.ts';
import { datacards, disasterEvents, hazards } from '../../db/schema/index.ts';
import { type FieldIssue, validationFailed } from '../../shared/errors.ts';
import type { DisasterEvent, DisasterEventCreate } from '../../shared/schemas/disaster-events.ts';
import { bumpVersion, parseUuidKey, type RecordSpec, recordService } from '../catalogues/records.ts';
import {
  checkHazardCode,
  checkParent,
  countCards,
  countChildren,
  englishName,
  usageMessage,
} from '../catalogues/references.ts';
import { isoTimestamp } from '../datacards/mapping.ts';

/** Disaster events of the tenant joined to their hazard, filtered by `where`. */
export function selectDisasterEvents(ex: Executor, tenantId: number, where?: SQL) {
  return ex
    .select({ ...getTableColumns(disasterEvents), hazardNames: hazards.names })
    .from(disasterEvents)
    .leftJoin(hazards, eq(hazards.code, disasterEvents.hazardCode))
    .where(and(eq(disasterEvents.tenantId, tenantId), where));
}

type Row = Awaited<ReturnType<typeof selectDisasterEvents>>[number];

/** The API view of a row. */
export const presentDisasterEvent = (r: Row): DisasterEvent => ({
  id: r.id,
  name: r.name,
  glide: r.glide,
  hazardCode: r.hazardCode,
  hazardName: englishName(r.hazardNames, r.hazardCode),
  startDate: r.startDate,
  endDate: r.endDate,
  parentId: r.parentId,
  description: r.description,
  version: r.version,
  createdAt: isoTimestamp(r.createdAt),
  updatedAt: isoTimestamp(r.updatedAt),
});

/** The value after the change: the input's when given (null included), else the stored one. */
const merged = <T>(value: T | undefined, stored: T | null | undefined): T | null =>
  value !== undefined ? value : (stored ?? null);

const hierarchy = { table: disasterEvents, entity: 'disaster event' };

const spec: RecordSpec<string, DisasterEvent, DisasterEventCreate> = {
  // Validators group the cards they review into disaster events.
  writer: 'validator',
  entity: 'disaster event',
  auditEntity: 'disaster_event',
  table: disasterEvents,
  versioned: true,
  parseKey: parseUuidKey,
  load: async (ex, tenantId, id) =>
    (await selectDisasterEvents(ex, tenantId, eq(disasterEvents.id, id))).map(presentDisasterEvent)[0],
  async check(ex, tenantId, input, current, id) {
    const issues: FieldIssue[] = [];
    if (input.hazardCode) await checkHazardCode(ex, input.hazardCode, issues);
    if (input.parentId)
      await checkParent(
        ex,
        { ...hierarchy, tenantId, parentId: input.parentId.toLowerCase(), selfId: id },
        issues,
      );
    const start = merged(input.startDate, current?.startDate);
    const end = merged(input.endDate, current?.endDate);
    if (start && end && end < start)
      issues.push({
        path: 'endDate',
        code: 'before_start',
        message: `must not be before startDate ${start}`,
      });
    if (issues.length) throw validationFailed(issues);
  },
  async insert(ex, tenantId, input) {
    const [row] = await ex
      .insert(disasterEvents)
      .values({ ...input, tenantId })
      .returning({ id: disasterEvents.id });
    return row!.id;
  },
  async update(ex, tenantId, id, fields) {
    await ex
      .update(disasterEvents)
      .set({ ...fields, ...bumpVersion(disasterEvents.version) })
      .where(and(eq(disasterEvents.tenantId, tenantId), eq(disasterEvents.id, id)));
  },
  async blockers(ex, tenantId, id, current) {
    const cards = await countCards(ex, tenantId, eq(datacards.disasterEventId, id));
    const children = await countChildren(ex, disasterEvents, tenantId, id);
    return usageMessage(`The disaster event ${current.name}`, cards, children, 'cascading event');
  },
};

/** Get (a malformed id is a 404), create, update (version-checked) and delete (unless in use) one disaster event. */
export const {
  get: getDisasterEvent,
  create: createDisasterEvent,
  update: updateDisasterEvent,
  remove: deleteDisasterEvent,
} = recordService(spec);
