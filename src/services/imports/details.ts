/**
 * Card details (Sendai disaggregation, asset damage, extra values given in a separate table).
 * The details of a card this import created are written at once (COPY of the human and asset
 * rows, extra values merged into datacards.extra in batches): readers give details after
 * their cards, so this is the path of a first import. Details of cards that existed before,
 * of cards not known yet, and further parts of a card already given details are staged in a
 * temporary table by source key and resolved at the end, when every card and asset type is
 * known: a card's human/asset rows are replaced when they differ, extra values merge.
 */
import { sql } from 'drizzle-orm';
import { queryRows } from '../../db/query.ts';
import type { AssetEffectInput, CardDetailItem, HumanEffectInput } from '../../formats/model.ts';
import { ASSET_AMOUNTS, ASSET_COLUMNS, ASSET_VALUE_COLUMNS } from './asset-columns.ts';
import type { AssetLoader } from './assets.ts';
import type { CardChange } from './card-index.ts';
import type { CardWriter } from './cards.ts';
import { writeDetailChunk } from './detail-writes.ts';
import type { ExtraFieldLoader } from './extra-fields.ts';
import { KeyFilter } from './key-filter.ts';
import { type LoaderContext, reject } from './loader-context.ts';
import { BATCH, insertRows, type Row } from './rows.ts';
import { canonicalDecimal, describePlace, MAX_INT } from './values.ts';
import { WriteBehind } from './write-behind.ts';

/** Queued rows of new cards' details per write. */
const DIRECT_BATCH = 10_000;

const DIMENSIONS = new Set(['sex', 'age', 'disability', 'income', 'total']);

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
  /** Keyed by asset type id (or code, before asset types are resolved). */
  asset: Map<number | string, Row>;
  extra: Record<string, unknown>;
}

/** Writes, or stages and resolves, the card details of one import. */
export class DetailLoader {
  /** Items waiting for their cards to be looked up (one query per batch). */
  private pending: CardDetailItem[] = [];
  private buffer: Row[] = [];
  private staged = false;
  private orphans: string[] = [];
  private orphanCount = 0;
  private cardsWritten = false;
  private directHuman: Row[] = [];
  private directAsset: Row[] = [];
  private assetsStaged = false;
  private extrasStaged = false;
  /** Writes of new cards' details, done while the rest of the file is read. */
  private readonly writes = new WriteBehind();
  private directExtra: { id: string; extra: Record<string, unknown> }[] = [];
  /** Cards given their first details directly (a later part is staged and added to them). */
  private readonly directIds = new KeyFilter(26);

  constructor(
    private readonly lc: LoaderContext,
    private readonly cards: CardWriter,
    private readonly assets: AssetLoader,
    private readonly extra: ExtraFieldLoader,
  ) {}

  /** Write or stage one detail item. */
  async add(item: CardDetailItem): Promise<void> {
    if (!this.cardsWritten) {
      // Details follow their cards: write the last batch of cards so their ids are known.
      this.cardsWritten = true;
      await this.cards.flush();
      await this.cards.settle();
    }
    this.pending.push(item);
    if (this.pending.length >= BATCH) await this.flushPending();
  }

  /**
   * Look up the cards of the pending items: the first details of a card this import created are
   * written directly, everything else is staged for resolve().
   */
  private async flushPending(): Promise<void> {
    if (this.pending.length === 0) return;
    const items = this.pending;
    this.pending = [];
    const { index } = this.cards;
    // A first import works out its cards' ids; any other looks them up, a batch at a time.
    if (!index.derives) await this.settle();
    const cards = index.derives ? null : await index.bySourceKeys(items.map((i) => i.sourceKey));
    for (const item of items) {
      const place = describePlace(item.place);
      const card = cards ? cards.get(item.sourceKey) : index.createdCard(item.sourceKey);
      // A card's first details are written at once; a further part (or a filter's false alarm) is staged.
      if (card && card.change === 'created' && !this.directIds.mightHave(card.id)) {
        const part = { place, human: item.humanEffects, asset: item.assetEffects, extra: item.extra };
        const details = this.merge(card.id, [part], true);
        if (details) {
          this.directIds.add(card.id);
          this.writeDirect(details);
        }
        continue;
      }
      this.buffer.push({
        source_key: item.sourceKey,
        place,
        human: item.humanEffects,
        asset: item.assetEffects,
        extra: item.extra,
      });
    }
    await this.flushDirect(false);
    if (this.buffer.length >= BATCH) await this.flushBuffer();
  }

  /** Queue the details of a new card (nothing stored to compare with: every row is created). */
  private writeDirect(details: CardDetails): void {
    for (const row of details.human.values()) this.directHuman.push(row);
    for (const row of details.asset.values()) this.directAsset.push(row);
    this.lc.report.count('humanEffects', 'created', details.human.size);
    for (const _ in details.extra) {
      this.directExtra.push({ id: details.cardId, extra: details.extra });
      break;
    }
  }

  /** Wait for the queued detail writes; throw the first failure (call before any other query of the import). */
  settle(): Promise<void> {
    return this.writes.settle();
  }

  /** Queue the writes of the gathered details of new cards when enough have gathered (or at the end). */
  private async flushDirect(force: boolean): Promise<void> {
    const queued = this.directHuman.length + this.directAsset.length + this.directExtra.length;
    if (queued === 0 || (!force && queued < DIRECT_BATCH)) return;
    const human = this.directHuman;
    const asset = this.directAsset;
    const extra = this.directExtra;
    this.directHuman = [];
    this.directAsset = [];
    this.directExtra = [];
    this.writes.queue(() => this.writeDirectRows(human, asset, extra));
  }

  private async writeDirectRows(
    human: Row[],
    asset: Row[],
    extras: { id: string; extra: Record<string, unknown> }[],
  ): Promise<void> {
    await insertRows(this.lc.tx, 'human_effects', human);
    if (asset.length > 0) {
      if (!this.assetsStaged) {
        await this.lc.tx.execute(
          sql`create temp table import_assets (seq bigserial, datacard_id uuid not null,
                asset_code text not null, place text, total numeric, affected numeric, damaged numeric,
                destroyed numeric, loss_local numeric, loss_damaged_local numeric,
                loss_destroyed_local numeric, loss_usd numeric, unit text, source text) on commit drop`,
        );
        this.assetsStaged = true;
      }
      await insertRows(this.lc.tx, 'import_assets', asset);
    }
    if (extras.length > 0) {
      // Gathered and merged into the cards once at the end: one pass over the rows they change.
      if (!this.extrasStaged) {
        await this.lc.tx.execute(
          sql`create temp table import_extras (card_id uuid not null, extra jsonb not null) on commit drop`,
        );
        this.extrasStaged = true;
      }
      await insertRows(
        this.lc.tx,
        'import_extras',
        extras.map(({ id, extra }) => ({ card_id: id, extra })),
      );
    }
  }

  private async flushBuffer(): Promise<void> {
    if (this.buffer.length === 0) return;
    await this.settle();
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

  /** The asset rows of new cards, now that every asset type is known: checked, then written at once. */
  private async writeStagedAssets(): Promise<void> {
    if (!this.assetsStaged) return;
    const { tx, tenantId } = this.lc;
    const unknown = await queryRows<{ place: string; asset_code: string }>(
      tx,
      sql`select place, asset_code from import_assets a
          where not exists (select 1 from asset_types t where t.tenant_id = ${tenantId} and t.code = a.asset_code)
          order by seq limit 1000`,
    );
    for (const u of unknown) {
      if (this.lc.mode === 'per-row') {
        this.lc.report.warnings.add({
          code: 'unknown_asset',
          message: `unknown asset type ${u.asset_code}; its damage is skipped`,
          place: u.place,
        });
      } else reject(this.lc, u.place, 'unknown_asset', `unknown asset type '${u.asset_code}'`);
    }
    const columns = sql.raw(ASSET_VALUE_COLUMNS.join(', '));
    const written = await queryRows<{ n: number }>(
      tx,
      sql`with written as (
            insert into asset_effects (tenant_id, datacard_id, asset_type_id, ${columns}, unit, source)
            select ${tenantId}, a.datacard_id, t.id, ${sql.raw(ASSET_VALUE_COLUMNS.map((c) => `a.${c}`).join(', '))}, a.unit, a.source
            from import_assets a join asset_types t on t.tenant_id = ${tenantId} and t.code = a.asset_code
            returning 1)
          select count(*)::int as n from written`,
    );
    this.lc.report.count('assetEffects', 'created', written[0]?.n ?? 0);
  }

  /** Write what is queued for new cards, and their asset rows now that every asset type is known. */
  async finishDirect(): Promise<void> {
    await this.flushPending();
    await this.flushDirect(true);
    await this.settle();
    await this.writeStagedAssets();
    if (this.extrasStaged) {
      await this.lc.tx.execute(
        sql`update datacards d set extra = d.extra || e.extra from import_extras e
            where d.tenant_id = ${this.lc.tenantId} and d.id = e.card_id`,
      );
    }
  }

  /** Resolve every staged detail to its card and write it (after finishDirect). */
  async resolve(): Promise<void> {
    await this.flushBuffer();
    if (!this.staged) return;
    const cards = this.cards.index;
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
      const known = await cards.bySourceKeys(groups.map((g) => g.source_key));
      const changes = new Map<string, CardChange>();
      const direct = new Set<string>();
      const chunk: CardDetails[] = [];
      for (const g of groups) {
        const card = known.get(g.source_key);
        const details = card ? this.merge(card.id, g.parts) : null;
        if (card) {
          changes.set(card.id, card.change);
          // A new card's staged parts add to what it holds (its first part may have been written directly).
          if (card.change === 'created') direct.add(card.id);
        }
        if (details) chunk.push(details);
        else if (!card && this.orphanCount++ < 10) this.orphans.push(g.source_key);
      }
      await writeDetailChunk(this.lc, chunk, changes, direct);
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
  private merge(cardId: string, parts: StagedPart[], byCode = false): CardDetails | null {
    const { extra } = this;
    const out: CardDetails = { cardId, human: new Map(), asset: new Map(), extra: {} };
    let accepted = 0;
    for (const part of parts) {
      const human = this.humanRows(part, cardId);
      const asset = human && this.assetRows(part, cardId, byCode);
      if (!human || !asset) continue;
      const issues = extra.checkValues(part.extra ?? {});
      if (issues.length > 0) {
        reject(this.lc, part.place, issues[0]!.code, issues.map((i) => `${i.path}: ${i.message}`).join('; '));
        continue;
      }
      accepted++;
      for (const row of human) out.human.set(`${row.effect}|${row.dimension}|${row.category}`, row);
      for (const row of asset) out.asset.set((row.asset_type_id ?? row.asset_code) as number | string, row);
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

  /**
   * Checked asset rows of a part. With `byCode` the asset type stays a code (resolved at the end,
   * as DesInventar writes its asset types after the cards): rows carry asset_code and place.
   */
  private assetRows(part: StagedPart, cardId: string, byCode: boolean): Row[] | null {
    const rows: Row[] = [];
    for (const a of part.asset ?? []) {
      const assetTypeId = byCode ? null : this.assets.idOf(a.assetCode);
      if (assetTypeId === null && !byCode) {
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
      const row: Row = byCode
        ? { datacard_id: cardId, asset_code: a.assetCode, place: part.place }
        : { tenant_id: this.lc.tenantId, datacard_id: cardId, asset_type_id: assetTypeId };
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
