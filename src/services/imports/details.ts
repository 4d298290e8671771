/**
 * Card details (Sendai disaggregation, asset damage, extra values given in a separate table) are
 * staged in a temporary table by source key while the file streams, then resolved at the end,
 * when every card and asset type is known: a card's human/asset rows are replaced when they
 * differ, and extra values merge into datacards.extra.
 */
import { sql } from 'drizzle-orm';
import { queryRows } from '../../db/query.ts';
import type { AssetEffectInput, CardDetailItem, HumanEffectInput } from '../../formats/model.ts';
import type { AssetLoader } from './assets.ts';
import type { CardWriter } from './cards.ts';
import { writeDetailChunk } from './detail-writes.ts';
import type { ExtraFieldLoader } from './extra-fields.ts';
import { type LoaderContext, reject } from './loader-context.ts';
import { BATCH, type Row } from './rows.ts';
import { canonicalDecimal, describePlace, MAX_INT } from './values.ts';

const DIMENSIONS = new Set(['sex', 'age', 'disability', 'income', 'total']);
const ASSET_AMOUNTS = [
  'total',
  'affected',
  'damaged',
  'destroyed',
  'lossLocal',
  'lossDamagedLocal',
  'lossDestroyedLocal',
  'lossUsd',
] as const;
const ASSET_COLUMNS: Record<(typeof ASSET_AMOUNTS)[number], string> = {
  total: 'total',
  affected: 'affected',
  damaged: 'damaged',
  destroyed: 'destroyed',
  lossLocal: 'loss_local',
  lossDamagedLocal: 'loss_damaged_local',
  lossDestroyedLocal: 'loss_destroyed_local',
  lossUsd: 'loss_usd',
};

interface StagedPart {
  place: string;
  human: HumanEffectInput[];
  asset: AssetEffectInput[];
  extra: Record<string, unknown>;
}

/** The resolved details of one card. */
export interface CardDetails {
  cardId: string;
  /** Keyed 'effect|dimension|category'. */
  human: Map<string, Row>;
  /** Keyed by asset type id. */
  asset: Map<number, Row>;
  extra: Record<string, unknown>;
}

/** Stages and resolves the card details of one import. */
export class DetailLoader {
  private buffer: Row[] = [];
  private staged = false;
  private orphans: string[] = [];
  private orphanCount = 0;

  constructor(private readonly lc: LoaderContext) {}

  /** Stage one detail item. */
  async add(item: CardDetailItem): Promise<void> {
    this.buffer.push({
      source_key: item.sourceKey,
      place: describePlace(item.place),
      human: item.humanEffects,
      asset: item.assetEffects,
      extra: item.extra,
    });
    if (this.buffer.length >= BATCH) await this.flushBuffer();
  }

  private async flushBuffer(): Promise<void> {
    if (this.buffer.length === 0) return;
    if (!this.staged) {
      await this.lc.tx.execute(
        sql`create temp table import_details (seq bigserial primary key, source_key text not null,
              place text, human jsonb, asset jsonb, extra jsonb) on commit drop`,
      );
      await this.lc.tx.execute(sql`create index on import_details (source_key)`);
      this.staged = true;
    }
    await this.lc.tx.execute(
      sql`insert into import_details (source_key, place, human, asset, extra)
          select * from json_to_recordset(${JSON.stringify(this.buffer)}::json)
            as r(source_key text, place text, human jsonb, asset jsonb, extra jsonb)`,
    );
    this.buffer = [];
  }

  /** Resolve every staged detail to its card and write it. */
  async resolve(cards: CardWriter, assets: AssetLoader, extra: ExtraFieldLoader): Promise<void> {
    await this.flushBuffer();
    if (!this.staged) return;
    let last = '';
    for (;;) {
      const groups = await queryRows<{ source_key: string; parts: StagedPart[] }>(
        this.lc.tx,
        sql`select source_key, json_agg(json_build_object('place', place, 'human', human, 'asset', asset,
                   'extra', extra) order by seq) as parts
            from import_details where source_key > ${last}
            group by source_key order by source_key limit ${BATCH}`,
      );
      if (groups.length === 0) break;
      last = groups[groups.length - 1]!.source_key;
      const chunk: CardDetails[] = [];
      for (const g of groups) {
        const cardId = cards.bySourceKey.get(g.source_key);
        const details = cardId ? this.merge(cardId, g.parts, assets, extra) : null;
        if (details) chunk.push(details);
        else if (!cardId && this.orphanCount++ < 10) this.orphans.push(g.source_key);
      }
      await writeDetailChunk(this.lc, chunk, cards.changes);
      this.lc.progress.update({ phase: 'details' });
    }
    if (this.orphanCount > 0) {
      this.lc.report.warnings.add({
        code: 'orphan_details',
        message: `${this.orphanCount} card details name no card of this import (keys ${this.orphans.join(', ')}${this.orphanCount > 10 ? ', …' : ''}); skipped`,
      });
    }
  }

  /** One card's parts merged (later parts win); null when every part was rejected. */
  private merge(
    cardId: string,
    parts: StagedPart[],
    assets: AssetLoader,
    extra: ExtraFieldLoader,
  ): CardDetails | null {
    const out: CardDetails = { cardId, human: new Map(), asset: new Map(), extra: {} };
    let accepted = 0;
    for (const part of parts) {
      const human = this.humanRows(part, cardId);
      const asset = human && this.assetRows(part, cardId, assets);
      if (!human || !asset) continue;
      const issues = extra.checkValues(part.extra ?? {});
      if (issues.length > 0) {
        reject(this.lc, part.place, issues[0]!.code, issues.map((i) => `${i.path}: ${i.message}`).join('; '));
        continue;
      }
      accepted++;
      for (const row of human) out.human.set(`${row.effect}|${row.dimension}|${row.category}`, row);
      for (const row of asset) out.asset.set(row.asset_type_id as number, row);
      Object.assign(out.extra, part.extra);
    }
    return accepted > 0 ? out : null;
  }

  private humanRows(part: StagedPart, cardId: string): Row[] | null {
    const rows: Row[] = [];
    for (const h of part.human ?? []) {
      const bad = !h.effect || !h.category || !DIMENSIONS.has(h.dimension);
      const badValue = h.value !== null && !(Number.isInteger(h.value) && h.value >= 0 && h.value <= MAX_INT);
      if (bad || badValue) {
        reject(
          this.lc,
          part.place,
          'invalid_value',
          `human effect ${h.effect}/${h.dimension}/${h.category}: ${bad ? 'unknown dimension or empty name' : `${h.value} is not a whole number >= 0`}`,
        );
        return null;
      }
      if (h.value === null && !h.present) continue;
      rows.push({
        tenant_id: this.lc.tenantId,
        datacard_id: cardId,
        effect: h.effect,
        dimension: h.dimension,
        category: h.category,
        value: h.value,
        present: h.present,
      });
    }
    return rows;
  }

  private assetRows(part: StagedPart, cardId: string, assets: AssetLoader): Row[] | null {
    const rows: Row[] = [];
    for (const a of part.asset ?? []) {
      const assetTypeId = assets.idOf(a.assetCode);
      if (assetTypeId === null) {
        if (this.lc.mode === 'per-row') {
          this.lc.report.warnings.add({
            code: 'unknown_asset',
            message: `unknown asset type ${a.assetCode}; its damage is skipped`,
            place: part.place,
          });
          continue;
        }
        reject(this.lc, part.place, 'unknown_asset', `unknown asset type '${a.assetCode}'`);
      }
      const row: Row = { tenant_id: this.lc.tenantId, datacard_id: cardId, asset_type_id: assetTypeId };
      for (const key of ASSET_AMOUNTS) {
        const raw = a[key];
        const value = raw === null ? null : canonicalDecimal(raw);
        if (raw !== null && value === null) {
          reject(
            this.lc,
            part.place,
            'invalid_value',
            `asset ${a.assetCode}: ${key} '${raw}' is not a non-negative number`,
          );
          return null;
        }
        row[ASSET_COLUMNS[key]] = value;
      }
      if (ASSET_AMOUNTS.every((k) => row[ASSET_COLUMNS[k]] === null)) continue;
      rows.push({ ...row, unit: a.unit, source: 'reported' });
    }
    return rows;
  }
}
