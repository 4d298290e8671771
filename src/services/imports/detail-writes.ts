/**
 * Writes one chunk of resolved card details: compares them with what the cards hold, replaces
 * a card's human/asset rows when they differ, merges extra values (a card left unchanged by its
 * core fields becomes updated: version + 1 and an audit row).
 */
import { sql } from 'drizzle-orm';
import { queryRows } from '../../db/query.ts';
import { ASSET_VALUE_COLUMNS } from './asset-columns.ts';
import { type AuditRow, writeAuditRows } from './audit-rows.ts';
import type { CardChange } from './card-index.ts';
import type { CardDetails } from './details.ts';
import { auditBase, type LoaderContext } from './loader-context.ts';
import type { CountKind } from './report.ts';
import { insertRows, jsonList, type Row } from './rows.ts';
import { normalizeNumeric, sameValue } from './values.ts';

const humanKey = (r: Row) => `${r.effect}|${r.dimension}|${r.category}`;
const sameHuman = (a: Row, b: Row) => a.value === b.value && a.present === b.present;
const sameAsset = (a: Row, b: Row) =>
  ASSET_VALUE_COLUMNS.every((c) => normalizeNumeric(a[c]) === normalizeNumeric(b[c])) &&
  a.unit === b.unit &&
  a.source === b.source;

/** Stored rows of some cards, grouped by card id and keyed like the incoming ones. */
async function loadStored(
  lc: LoaderContext,
  table: string,
  ids: string[],
  keyOf: (r: Row) => string | number,
) {
  const byCard = new Map<string, Map<string | number, Row>>();
  if (ids.length === 0) return byCard;
  const rows = await queryRows<Row>(
    lc.tx,
    sql`select * from ${sql.identifier(table)} where tenant_id = ${lc.tenantId} and datacard_id in ${jsonList(ids, 'uuid')}`,
  );
  for (const row of rows) {
    const card = byCard.get(row.datacard_id as string) ?? new Map();
    card.set(keyOf(row), row);
    byCard.set(row.datacard_id as string, card);
  }
  return byCard;
}

/**
 * Count rows against the stored ones; true when the card's set differs (rows added, changed or
 * gone). A further part of a card given details earlier in this import (`addTo`) only adds and
 * replaces rows: the stored rows it does not name are kept in `incoming`, uncounted.
 */
function compare<K>(
  lc: LoaderContext,
  kind: CountKind,
  incoming: Map<K, Row>,
  stored: Map<K, Row> | undefined,
  same: (a: Row, b: Row) => boolean,
  addTo: boolean,
): boolean {
  let differs = !addTo && (stored?.size ?? 0) !== incoming.size;
  for (const [key, row] of incoming) {
    const old = stored?.get(key);
    const change = !old ? 'created' : same(old, row) ? 'unchanged' : 'updated';
    lc.report.count(kind, change);
    if (change !== 'unchanged') differs = true;
  }
  if (addTo && stored) for (const [key, row] of stored) if (!incoming.has(key)) incoming.set(key, row);
  return differs;
}

/** Write a chunk of resolved details; `direct` = new cards whose first details are written already. */
export async function writeDetailChunk(
  lc: LoaderContext,
  chunk: CardDetails[],
  changes: Map<string, CardChange>,
  direct: ReadonlySet<string>,
): Promise<void> {
  if (chunk.length === 0) return;
  const existing = chunk
    .filter((d) => changes.get(d.cardId) !== 'created' || direct.has(d.cardId))
    .map((d) => d.cardId);
  const human = await loadStored(lc, 'human_effects', existing, humanKey);
  const asset = await loadStored(lc, 'asset_effects', existing, (r) => r.asset_type_id as number);
  const cards = await queryRows<{ id: string; extra: Record<string, unknown> }>(
    lc.tx,
    sql`select id, extra from datacards where tenant_id = ${lc.tenantId} and id in ${jsonList(
      chunk.map((d) => d.cardId),
      'uuid',
    )}`,
  );
  const storedExtra = new Map(cards.map((c) => [c.id, c.extra]));
  const replaceHuman: string[] = [];
  const replaceAsset: string[] = [];
  const humanRows: Row[] = [];
  const assetRows: Row[] = [];
  const extraUpdates: { id: string; extra: unknown; bump: number; before: unknown }[] = [];
  for (const d of chunk) {
    const addTo = direct.has(d.cardId);
    if (compare(lc, 'humanEffects', d.human, human.get(d.cardId), sameHuman, addTo)) {
      replaceHuman.push(d.cardId);
      humanRows.push(...d.human.values());
    }
    if (compare(lc, 'assetEffects', d.asset, asset.get(d.cardId), sameAsset, addTo)) {
      replaceAsset.push(d.cardId);
      assetRows.push(...d.asset.values());
    }
    const before = storedExtra.get(d.cardId) ?? {};
    const merged = { ...before, ...d.extra };
    if (sameValue(merged, before)) continue;
    const change = changes.get(d.cardId);
    if (change === 'unchanged') {
      changes.set(d.cardId, 'updated');
      lc.report.count('datacards', 'unchanged', -1);
      lc.report.count('datacards', 'updated');
    }
    extraUpdates.push({ id: d.cardId, extra: merged, bump: change === 'unchanged' ? 1 : 0, before });
  }
  await replaceRows(lc, 'human_effects', replaceHuman, humanRows);
  await replaceRows(lc, 'asset_effects', replaceAsset, assetRows);
  await writeExtra(lc, extraUpdates, changes);
}

async function replaceRows(lc: LoaderContext, table: string, cardIds: string[], rows: Row[]): Promise<void> {
  if (cardIds.length === 0) return;
  await lc.tx.execute(
    sql`delete from ${sql.identifier(table)} where tenant_id = ${lc.tenantId} and datacard_id in ${jsonList(cardIds, 'uuid')}`,
  );
  if (rows.length > 0) await insertRows(lc.tx, table, rows);
}

async function writeExtra(
  lc: LoaderContext,
  updates: { id: string; extra: unknown; bump: number; before: unknown }[],
  changes: Map<string, CardChange>,
): Promise<void> {
  if (updates.length === 0) return;
  await lc.tx.execute(
    sql`update datacards d set extra = r.extra, version = d.version + r.bump,
          updated_at = case when r.bump = 1 then now() else d.updated_at end,
          import_id = ${lc.importId}, updated_by = case when r.bump = 1 then ${lc.actor} else d.updated_by end
        from json_to_recordset(${JSON.stringify(updates.map(({ id, extra, bump }) => ({ id, extra, bump })))}::json)
          as r(id uuid, extra jsonb, bump int)
        where d.tenant_id = ${lc.tenantId} and d.id = r.id`,
  );
  const audit: AuditRow[] = updates
    .filter((u) => changes.get(u.id) !== 'created')
    .map((u) => ({
      ...auditBase(lc, 'datacard'),
      entity_id: u.id,
      before: { extra: u.before },
      after: { extra: u.extra },
    }));
  await writeAuditRows(lc.tx, audit);
}
