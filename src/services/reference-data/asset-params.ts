/**
 * DesInventar-Sendai valuation parameters (element_key, sfm_indicator, isic_code, average_size,
 * damage_ratio, … as in desinventar-sendai-asset-parameters.csv) into a tenant's asset types:
 * matched by code (= element_key, as the DesInventar import codes them), created when missing.
 */
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db, Executor } from '../../db/engine.ts';
import { queryRows } from '../../db/query.ts';
import { recordAudit } from '../audit.ts';
import { requireTenantAdmin } from '../authz.ts';
import { type RequestContext, tenantOf } from '../context.ts';
import { type AuditChange, insertAuditRows } from './audit-rows.ts';
import { checkHeader, headerOf, Problems, readCsvRecords, textCell } from './csv-file.ts';

const factor = z.number().min(0, 'must not be negative').max(1e9, 'is too large').nullable();
const label = z.string().max(300).nullable();

/** The parameters of one asset type, as the file gives them. */
const AssetParamsSchema = z.strictObject({
  code: z.string().min(1, 'is required').max(50),
  name: z.string().min(1, 'is required').max(300),
  indicator: z.string().max(20).nullable(),
  isicCode: z.string().max(20).nullable(),
  faoCode: z.string().max(20).nullable(),
  unit: label,
  measurement: label,
  averageSize: factor,
  damageRatio: z.number().min(0, 'must be between 0 and 1').max(1, 'must be between 0 and 1').nullable(),
  infrastructureFactor: factor,
  equipmentFactor: factor,
  workers: factor,
  formula: label,
  source: label,
});

/** One asset type's parameters. */
export type AssetParams = z.infer<typeof AssetParamsSchema>;

/** Schema key -> CSV column. */
const COLUMNS: Record<keyof AssetParams, string> = {
  code: 'element_key',
  name: 'sector_or_item',
  indicator: 'sfm_indicator',
  isicCode: 'isic_code',
  faoCode: 'fao_item_code',
  unit: 'unit',
  measurement: 'measurement',
  averageSize: 'average_size',
  damageRatio: 'damage_ratio',
  infrastructureFactor: 'infrastructure_factor',
  equipmentFactor: 'equipment_factor',
  workers: 'workers_per_unit',
  formula: 'method',
  source: 'suggested_data_source',
};
const NUMBERS = ['averageSize', 'damageRatio', 'infrastructureFactor', 'equipmentFactor', 'workers'];

/** The parameters the file sets on an asset type (the name only on creation). */
const MANAGED = Object.keys(COLUMNS).filter((k) => k !== 'code' && k !== 'name') as (keyof AssetParams)[];

/** Read and validate a parameters file (nothing is stored). */
export function readAssetParamsFile(file: string): AssetParams[] {
  const [head, ...records] = readCsvRecords(file);
  const header = headerOf(head);
  const optional = [...Object.values(COLUMNS).slice(2), 'description'];
  checkHeader(file, header, ['element_key', 'sector_or_item'], optional);
  const problems = new Problems();
  const seen = new Map<string, number>();
  const out: AssetParams[] = [];
  for (const r of records) {
    if (r.fields.length !== header.length) {
      problems.add(r.line, null, `has ${r.fields.length} fields, the header ${header.length}`);
      continue;
    }
    const cell = (column: string) => (header.includes(column) ? r.fields[header.indexOf(column)] : undefined);
    const draft = Object.fromEntries(
      Object.entries(COLUMNS).map(([key, column]) => [
        key,
        NUMBERS.includes(key)
          ? (problems.number(r.line, column, cell(column)) ?? null)
          : (textCell(cell(column)) ?? (key === 'code' || key === 'name' ? '' : null)),
      ]),
    );
    const parsed = AssetParamsSchema.safeParse(draft);
    if (!parsed.success) {
      problems.zod(r.line, parsed.error, COLUMNS);
      continue;
    }
    const first = seen.get(parsed.data.code);
    if (first) problems.add(r.line, 'element_key', `${parsed.data.code} repeats line ${first}`, 'duplicate');
    else seen.set(parsed.data.code, r.line);
    out.push(parsed.data);
  }
  if (records.length === 0) problems.add(1, null, 'the file has a header but no rows', 'empty');
  problems.throwIfAny(file);
  return out;
}

/** What an import did. */
export interface AssetParamsResult {
  total: number;
  created: number;
  updated: number;
  unchanged: number;
}

type Stored = Record<string, unknown> & { id: number; code: string };

const DB_COLUMNS: Record<string, string> = {
  indicator: 'indicator',
  isicCode: 'isic_code',
  faoCode: 'fao_code',
  unit: 'unit',
  measurement: 'measurement',
  averageSize: 'average_size',
  damageRatio: 'damage_ratio',
  infrastructureFactor: 'infrastructure_factor',
  equipmentFactor: 'equipment_factor',
  workers: 'workers',
  formula: 'formula',
  source: 'source',
};

/** Equal stored and incoming parameters (numbers compared as numbers: '0.250' is 0.25). */
const same = (key: string, a: unknown, b: unknown) =>
  a === null || b === null ? a === b : NUMBERS.includes(key) ? Number(a) === Number(b) : a === b;

/** An incoming parameter as stored: numbers as decimal text, like the numeric columns read back. */
const asStored = (v: string | number | null) => (typeof v === 'number' ? String(v) : v);

/**
 * Set the parameters of the tenant's asset types by code, creating missing ones; `fillOnly`
 * keeps every parameter an asset type already has. One audit row per changed asset type.
 */
export async function importAssetParams(
  db: Db,
  ctx: RequestContext,
  items: AssetParams[],
  options: { origin: string; fillOnly?: boolean },
): Promise<AssetParamsResult> {
  const tenant = tenantOf(ctx);
  requireTenantAdmin(ctx, 'change asset parameters');
  return db.transaction(async (tx) => {
    const columns = sql.raw(
      Object.entries(DB_COLUMNS)
        .map(([k, c]) => `${c}${NUMBERS.includes(k) ? '::text' : ''} as "${k}"`)
        .join(', '),
    );
    const rows = await queryRows<Stored>(
      tx,
      sql`select id, code, ${columns} from asset_types where tenant_id = ${tenant.id} for update`,
    );
    const byCode = new Map(rows.map((s) => [s.code, s]));
    const changes: AuditChange[] = [];
    const inserts: Record<string, unknown>[] = [];
    const updates: Record<string, unknown>[] = [];
    for (const item of items) {
      const old = byCode.get(item.code);
      const next = Object.fromEntries(
        MANAGED.map((k) => [k, old && options.fillOnly && old[k] !== null ? old[k] : asStored(item[k])]),
      );
      if (!old) {
        inserts.push({ code: item.code, names: { en: item.name }, ...next });
        changes.push({
          action: 'create',
          entityId: item.code,
          before: null,
          after: { name: item.name, ...next },
        });
        continue;
      }
      const changed = MANAGED.filter((k) => !same(k, old[k], next[k]));
      if (changed.length === 0) continue;
      updates.push({ id: old.id, ...next });
      changes.push({
        action: 'update',
        entityId: item.code,
        before: Object.fromEntries(changed.map((k) => [k, old[k]])),
        after: Object.fromEntries(changed.map((k) => [k, next[k]])),
      });
    }
    await writeAssetTypes(tx, tenant.id, inserts, updates);
    await insertAuditRows(tx, { tenantId: tenant.id, ctx }, 'asset_type', changes);
    const result = {
      total: items.length,
      created: inserts.length,
      updated: updates.length,
      unchanged: items.length - inserts.length - updates.length,
    };
    await recordAudit(tx, ctx, {
      tenantId: tenant.id,
      action: 'import',
      entity: 'asset_types',
      entityId: options.origin,
      after: { ...result, source: options.origin, fillOnly: options.fillOnly === true },
    });
    return result;
  });
}

const RECORD_TYPES = sql.raw(
  Object.keys(DB_COLUMNS)
    .map((k) => `"${k}" ${NUMBERS.includes(k) ? 'numeric' : 'text'}`)
    .join(', '),
);
const TARGETS = sql.raw(Object.values(DB_COLUMNS).join(', '));
const SOURCES = sql.raw(
  Object.keys(DB_COLUMNS)
    .map((k) => `v."${k}"`)
    .join(', '),
);
const ASSIGNMENTS = sql.raw(
  Object.entries(DB_COLUMNS)
    .map(([k, c]) => `${c} = v."${k}"`)
    .join(', '),
);

async function writeAssetTypes(
  tx: Executor,
  tenantId: number,
  inserts: Record<string, unknown>[],
  updates: Record<string, unknown>[],
): Promise<void> {
  if (inserts.length)
    await tx.execute(sql`insert into asset_types (tenant_id, code, names, ${TARGETS})
      select ${tenantId}, v.code, v.names, ${SOURCES}
      from json_to_recordset(${JSON.stringify(inserts)}::json) as v(code text, names jsonb, ${RECORD_TYPES})`);
  if (updates.length)
    await tx.execute(sql`update asset_types a set ${ASSIGNMENTS}, version = a.version + 1, updated_at = now()
      from json_to_recordset(${JSON.stringify(updates)}::json) as v(id int, ${RECORD_TYPES})
      where a.tenant_id = ${tenantId} and a.id = v.id`);
}
