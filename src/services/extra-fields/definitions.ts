/** Extra-field definitions (DesInventar diccionario + extensioncodes): tenant-defined datacard fields. */
import { and, asc, eq, getTableColumns, type SQL } from 'drizzle-orm';
import type { Db, Executor } from '../../db/engine.ts';
import { type EXTRA_FIELD_TYPES, extraFieldDefinitions, extraFieldTabs } from '../../db/schema/index.ts';
import { type FieldIssue, validationFailed } from '../../shared/errors.ts';
import type { ExtraField, ExtraFieldCreate, ExtraFieldType } from '../../shared/schemas/extra-fields.ts';
import { bumpVersion, parseIntKey, type RecordSpec, recordService } from '../catalogues/records.ts';
import { assertUnique } from '../catalogues/references.ts';
import { type RequestContext, tenantOf } from '../context.ts';
import { isoTimestamp } from '../datacards/mapping.ts';
import { assertValuesSurvive, checkShape, definitionBlockers, mergedShape } from './rules.ts';

// The API's type list (shared/) and the table's (db/) must name the same types.
type DbType = (typeof EXTRA_FIELD_TYPES)[number];
const _sameTypes: [DbType, ExtraFieldType] extends [ExtraFieldType, DbType] ? true : never = true;

const defs = extraFieldDefinitions;

function selectDefinitions(ex: Executor, tenantId: number, where?: SQL) {
  return ex
    .select({ ...getTableColumns(defs), tab: getTableColumns(extraFieldTabs) })
    .from(defs)
    .leftJoin(
      extraFieldTabs,
      and(eq(extraFieldTabs.tenantId, defs.tenantId), eq(extraFieldTabs.id, defs.tabId)),
    )
    .where(and(eq(defs.tenantId, tenantId), where))
    .orderBy(asc(defs.sortOrder), asc(defs.key));
}

type Row = Awaited<ReturnType<typeof selectDefinitions>>[number];

const present = (r: Row): ExtraField => ({
  id: r.id,
  key: r.key,
  type: r.type,
  labels: r.labels,
  description: r.description,
  tabId: r.tabId,
  tab: r.tab ? { id: r.tab.id, labels: r.tab.labels, sortOrder: r.tab.sortOrder } : null,
  sortOrder: r.sortOrder,
  required: r.required,
  maxLength: r.maxLength,
  options: r.options,
  version: r.version,
  createdAt: isoTimestamp(r.createdAt),
  updatedAt: isoTimestamp(r.updatedAt),
});

async function checkTab(ex: Executor, tenantId: number, tabId: number, issues: FieldIssue[]) {
  const [tab] = await ex
    .select({ id: extraFieldTabs.id })
    .from(extraFieldTabs)
    .where(and(eq(extraFieldTabs.tenantId, tenantId), eq(extraFieldTabs.id, tabId)));
  if (!tab)
    issues.push({ path: 'tabId', code: 'unknown_reference', message: `no tab ${tabId} in this database` });
}

const keyColumn = { table: defs, column: defs.key, what: 'An extra field with key', caseInsensitive: true };

const spec: RecordSpec<number, ExtraField, ExtraFieldCreate> = {
  entity: 'extra field',
  auditEntity: 'extra_field',
  table: defs,
  versioned: true,
  parseKey: parseIntKey,
  load: async (ex, tenantId, id) => (await selectDefinitions(ex, tenantId, eq(defs.id, id))).map(present)[0],
  async check(ex, tenantId, input, current, id) {
    const issues = checkShape(mergedShape(input, current));
    if (input.tabId != null) await checkTab(ex, tenantId, input.tabId, issues);
    if (issues.length) throw validationFailed(issues);
    if (input.key !== undefined && input.key !== current?.key)
      await assertUnique(ex, { ...keyColumn, tenantId, value: input.key, selfId: id });
    if (current) await assertValuesSurvive(ex, tenantId, input, current);
  },
  async insert(ex, tenantId, input) {
    const [row] = await ex
      .insert(defs)
      .values({ ...input, tenantId })
      .returning({ id: defs.id });
    return row!.id;
  },
  async update(ex, tenantId, id, fields) {
    await ex
      .update(defs)
      .set({ ...fields, ...bumpVersion(defs.version) })
      .where(and(eq(defs.tenantId, tenantId), eq(defs.id, id)));
  },
  blockers: (ex, tenantId, _id, current) => definitionBlockers(ex, tenantId, current.key),
};

/** The tenant's extra-field definitions with their tabs and options, by sort order then key. */
export async function listExtraFields(db: Db, ctx: RequestContext): Promise<ExtraField[]> {
  return (await selectDefinitions(db, tenantOf(ctx).id)).map(present);
}

/**
 * Get, create, update and delete one definition: versioned; key and type stay fixed, and used
 * options stay, while datacards hold values for the field, which also blocks deletion.
 */
export const {
  get: getExtraField,
  create: createExtraField,
  update: updateExtraField,
  remove: deleteExtraField,
} = recordService(spec);
