/**
 * Writes card items in batches: each batch is matched to live cards by re-import identity
 * (DESIGN.md), then new cards are inserted, changed ones updated (version + 1, one audit row
 * each with the changed columns) and identical ones left alone. What the import did to each
 * card is kept in the card index (a temporary table), so memory holds one batch whatever the file.
 */
import { sql } from 'drizzle-orm';
import { queryRows } from '../../db/query.ts';
import type { CardItem } from '../../formats/model.ts';
import { type AuditRow, writeAuditRows } from './audit-rows.ts';
import { type CardChange, CardIndex, type IndexEntry } from './card-index.ts';
import {
  CARD_COLUMNS,
  CARD_COMPARE_COLUMNS,
  type CardResolvers,
  type CardRow,
  cardValue,
  identityOf,
  isProblem,
  toCardRow,
} from './card-row.ts';
import { auditBase, type LoaderContext, reject } from './loader-context.ts';
import { BATCH, insertRows, jsonList, type Row, updateRows } from './rows.ts';
import { writeSafely } from './safe-write.ts';
import { describePlace, normalizeNumeric, sameValue } from './values.ts';
import { WriteBehind } from './write-behind.ts';

const NUMERIC = new Set(['losses_local', 'losses_usd', 'crops_ha', 'roads_m']);
const norm = (column: string, v: unknown) => (NUMERIC.has(column) ? normalizeNumeric(v) : v);

interface Entry extends CardRow {
  place: string;
  sourceKey: string | null;
}

interface Plan {
  inserts: Entry[];
  updates: Update[];
  unchanged: { entry: Entry; stored: Row }[];
  /** Warnings for cards repeating an earlier card's source key, given once the card is written. */
  repeatedKeys: Set<Entry>;
}

interface Update {
  entry: Entry;
  stored: Row;
  changed: string[];
  extra: Record<string, unknown>;
}

/** The card part of one import. */
export class CardWriter {
  /** The cards written so far: source key, identity, id and change of each. */
  readonly index: CardIndex;
  private batch: Entry[] = [];
  private readonly writes = new WriteBehind();
  private withoutIdentity = 0;

  constructor(
    private readonly lc: LoaderContext,
    private readonly resolvers: CardResolvers,
    private readonly beforeWrite: () => Promise<void>,
  ) {
    this.index = new CardIndex(lc, lc.detailsNameItsCards);
  }

  /** Validate a card and queue it; writes a batch when full. */
  async add(item: CardItem): Promise<void> {
    const place = describePlace(item.place);
    const result = toCardRow(this.lc, this.resolvers, item.card);
    if (isProblem(result)) {
      reject(this.lc, place, result.code, result.message);
      this.index.refuse(item.card.sourceKey);
      return;
    }
    if (result.identity === null) this.withoutIdentity++;
    const { row, identity, effects } = result;
    this.batch.push({ row, identity, effects, place, sourceKey: item.card.sourceKey });
    if (this.batch.length >= BATCH) await this.flush();
  }

  /**
   * Start writing the queued cards. The write runs while the next batch is read and checked
   * (the database works on another thread or process); call settle() before any other query.
   */
  async flush(): Promise<void> {
    if (this.batch.length === 0) return;
    const batch = this.batch;
    this.batch = [];
    await this.settle();
    await this.beforeWrite();
    const repeatedKeys = await this.repeats(batch);
    const candidates = this.lc.hadCards ? await this.loadCandidates(batch) : new Map<string, Row[]>();
    const plan: Plan = { inserts: [], updates: [], unchanged: [], repeatedKeys };
    const { index } = this;
    const taken = new Set<string>();
    for (const entry of batch) {
      const stored = this.pick(entry, candidates.get(entry.identity ?? '') ?? [], taken);
      if (!stored) {
        // A first occurrence of a key in a first import: an id its details can work out (card-index.ts).
        if (index.derives && entry.sourceKey !== null && !repeatedKeys.has(entry))
          entry.row.id = index.derivedId(entry.sourceKey);
        plan.inserts.push(entry);
        continue;
      }
      taken.add(stored.id as string);
      const { changed, extra } = this.diff(entry.row, stored);
      if (changed.length > 0) plan.updates.push({ entry, stored, changed, extra });
      else plan.unchanged.push({ entry, stored });
    }
    this.writes.queue(() => this.write(plan));
  }

  /** Wait for the card write in flight; its error, if any, is thrown here. */
  settle(): Promise<void> {
    return this.writes.settle();
  }

  /**
   * Warn about cards sharing an identity with an earlier card of the file (kept as separate
   * cards); return those repeating an earlier card's source key (details go to the last one).
   */
  private async repeats(batch: Entry[]): Promise<Set<Entry>> {
    const identities = batch.flatMap((e) => (e.identity === null ? [] : [e.identity]));
    const keys = batch.flatMap((e) => (e.sourceKey === null ? [] : [e.sourceKey]));
    const earlier = await this.index.seen(identities, keys);
    const repeated = new Set<Entry>();
    for (const e of batch) {
      if (e.identity !== null) {
        if (earlier.identities.has(e.identity)) {
          const card = e.row.source_uuid
            ? `uu_id ${e.row.source_uuid}`
            : `serial ${e.row.serial}, date and unit`;
          this.lc.report.warnings.add({
            code: 'duplicate_identity',
            message: `same ${card} as an earlier card of the file; kept as a separate card`,
            place: e.place,
          });
        } else earlier.identities.add(e.identity);
      }
      if (e.sourceKey !== null) {
        if (earlier.sourceKeys.has(e.sourceKey)) repeated.add(e);
        else earlier.sourceKeys.add(e.sourceKey);
      }
    }
    return repeated;
  }

  private async write({ inserts, updates, unchanged, repeatedKeys }: Plan): Promise<void> {
    const failedInserts = await writeSafely(
      this.lc,
      inserts,
      (e) => e.place,
      (e) => e.row,
      (tx, rows) => insertRows(tx, 'datacards', rows, CARD_COLUMNS),
    );
    const failedUpdates = await this.writeUpdates(updates);
    const written: IndexEntry[] = [];
    const accept = (entry: Entry, id: string, change: CardChange) => {
      this.accept(entry, change, repeatedKeys.has(entry));
      written.push({ sourceKey: entry.sourceKey, identity: entry.identity, id, change });
    };
    for (const e of inserts) {
      if (failedInserts.has(e)) {
        this.index.refuse(e.sourceKey);
        continue;
      }
      accept(e, e.row.id as string, 'created');
      if (e.sourceKey !== null && repeatedKeys.has(e)) this.index.repeated(e.sourceKey, e.row.id as string);
    }
    for (const u of updates) if (!failedUpdates.has(u)) accept(u.entry, u.stored.id as string, 'updated');
    for (const u of unchanged) accept(u.entry, u.stored.id as string, 'unchanged');
    await this.index.add(written);
    this.lc.progress.update({ phase: 'cards', cards: this.lc.progress.current.cards + written.length });
  }

  /** Live cards sharing an identity with the batch, not yet matched in this run, by identity (oldest first). */
  private async loadCandidates(batch: Entry[]): Promise<Map<string, Row[]>> {
    const uuids = [
      ...new Set(batch.flatMap((e) => (e.row.source_uuid ? [e.row.source_uuid as string] : []))),
    ];
    const serials = [
      ...new Set(batch.flatMap((e) => (!e.row.source_uuid && e.row.serial ? [e.row.serial as string] : []))),
    ];
    if (uuids.length === 0 && serials.length === 0) return new Map();
    const rows = await queryRows<Row>(
      this.lc.tx,
      sql`select id, extra, ${sql.raw(CARD_COMPARE_COLUMNS.join(', '))} from datacards
          where tenant_id = ${this.lc.tenantId} and deleted_at is null
            and (source_uuid in ${jsonList(uuids)} or (source_uuid is null and serial in ${jsonList(serials)}))
            and ${this.index.notMatched('datacards')}
          order by created_at, id`,
    );
    const byIdentity = new Map<string, Row[]>();
    for (const row of rows) {
      const key = identityOf(
        {
          sourceUuid: row.source_uuid as string | null,
          serial: row.serial as string | null,
          startYear: row.start_year as number,
          startMonth: row.start_month as number | null,
          startDay: row.start_day as number | null,
        },
        row.geo_unit_id as number,
      );
      if (key) byIdentity.set(key, [...(byIdentity.get(key) ?? []), row]);
    }
    return byIdentity;
  }

  /** The stored card an entry updates: an identical one first (duplicates re-import in any order), else the oldest. */
  private pick(entry: Entry, candidates: Row[], taken: Set<string>): Row | undefined {
    const free = candidates.filter((c) => !taken.has(c.id as string));
    return free.find((c) => this.diff(entry.row, c).changed.length === 0) ?? free[0];
  }

  /** Columns that differ, and the merged extra (stored values the file does not give are kept). */
  private diff(row: Row, stored: Row): { changed: string[]; extra: Record<string, unknown> } {
    const changed = CARD_COMPARE_COLUMNS.filter(
      (c) => !sameValue(norm(c, cardValue(row, c)), norm(c, stored[c])),
    );
    const extra = { ...(stored.extra as object), ...(row.extra as object) };
    if (!sameValue(extra, stored.extra)) changed.push('extra');
    return { changed, extra };
  }

  private async writeUpdates(updates: Update[]): Promise<Set<Update>> {
    const failed = await writeSafely(
      this.lc,
      updates,
      (u) => u.entry.place,
      ({ entry, stored, extra }) => ({
        ...Object.fromEntries(CARD_COMPARE_COLUMNS.map((c) => [c, cardValue(entry.row, c)])),
        tenant_id: this.lc.tenantId,
        id: stored.id,
        extra,
        import_id: this.lc.importId,
        updated_by: this.lc.actor,
      }),
      (tx, rows) =>
        updateRows(
          tx,
          'datacards',
          rows,
          ['tenant_id', 'id'],
          sql`version = d.version + 1, updated_at = now()`,
        ),
    );
    const audit: AuditRow[] = updates
      .filter((u) => !failed.has(u))
      .map(({ entry, stored, changed, extra }) => ({
        ...auditBase(this.lc, 'datacard'),
        entity_id: stored.id as string,
        before: Object.fromEntries(changed.map((c) => [c, stored[c] ?? null])),
        after: Object.fromEntries(changed.map((c) => [c, c === 'extra' ? extra : cardValue(entry.row, c)])),
      }));
    await writeAuditRows(this.lc.tx, audit);
    return failed;
  }

  /** Book a written card: counts and totals. */
  private accept(entry: Entry, change: CardChange, repeatedKey: boolean): void {
    this.lc.report.count('datacards', change);
    this.lc.report.addCardTotals(entry.row.status === 'published', entry.effects);
    if (repeatedKey) {
      this.lc.report.warnings.add({
        code: 'duplicate_source_key',
        message: `card key ${entry.sourceKey} repeats; details go to the last card with it`,
        place: entry.place,
      });
    }
  }

  /** Final notes for the report. */
  finish(): void {
    if (this.withoutIdentity > 0) {
      this.lc.report.warnings.add({
        code: 'no_identity',
        message: `${this.withoutIdentity} cards have neither uu_id nor serial: importing the file again creates them again`,
      });
    }
  }
}
