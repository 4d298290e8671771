/**
 * The cards of one import, kept in a temporary table (dropped at commit) rather than in memory,
 * so that the importer's memory does not grow with the file: each written card's source key
 * (DesInventar's clave, which details refer to), re-import identity, id and what the import did
 * to it. Lookups go by batches of keys.
 *
 * Most lookups never reach the table: Bloom filters of fixed size (key-filter.ts) answer "not
 * seen" for new identities and keys, and in a first import into a tenant (no card can be matched,
 * every card is created) a card with a source key gets an id derived from the import and the key,
 * so details find their card without a query. The table's indexes are built when a query first
 * needs them.
 */
import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../db/query.ts';
import { KeyFilter } from './key-filter.ts';
import type { LoaderContext } from './loader-context.ts';
import { insertRows, jsonList } from './rows.ts';

/** What happened to a card in this import. */
export type CardChange = 'created' | 'updated' | 'unchanged';

/** A card of this import, found by its source key. */
export interface IndexedCard {
  id: string;
  change: CardChange;
}

/** One written card. */
export interface IndexEntry {
  sourceKey: string | null;
  identity: string | null;
  id: string;
  change: CardChange;
}

export class CardIndex {
  private ready = false;
  private indexed = false;
  /** Cards recorded so far: the order of import_cards (a later card with a key wins). */
  private written = 0;
  private readonly identities = new KeyFilter(26);
  private readonly sourceKeys = new KeyFilter(26);
  /** Keys given again by a later card: the id of the last card with each (details go to it). */
  private readonly lastOfKey = new Map<string, string>();
  /** Keys of cards this import refused (per-row mode), while no later card with the key was written. */
  private readonly refused = new Set<string>();

  /**
   * True when card ids derive from source keys (derivedId): a first import into the tenant, whose
   * source names in its details only keys of its own cards, so a key always means a created card.
   */
  readonly derives: boolean;

  constructor(
    private readonly lc: LoaderContext,
    detailsNameItsCards: boolean,
  ) {
    this.derives = !lc.hadCards && detailsNameItsCards;
  }

  private async ensure(): Promise<void> {
    if (this.ready) return;
    await this.lc.tx.execute(
      sql`create temp table import_cards (seq bigint not null, source_key text, identity text,
            card_id uuid not null, change text not null) on commit drop`,
    );
    this.ready = true;
    // Re-imports look cards up from the start (notMatched); a first import may never need to.
    if (this.lc.hadCards) await this.ensureIndexes();
  }

  private async ensureIndexes(): Promise<void> {
    if (this.indexed) return;
    await this.lc.tx.execute(sql`create index on import_cards (source_key)`);
    await this.lc.tx.execute(sql`create index on import_cards (identity)`);
    await this.lc.tx.execute(sql`create index on import_cards (card_id)`);
    // The table may hold many rows already: plan the lookups with its real size.
    await this.lc.tx.execute(sql`analyze import_cards`);
    this.indexed = true;
  }

  /** The id of a new card with this source key in a first import: the same for the same import and key. */
  derivedId(sourceKey: string): string {
    const hex = createHash('md5').update(this.lc.importId).update('\0').update(sourceKey).digest('hex');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  }

  /** Note a card with this key that repeats an earlier card's key and was given `id`. */
  repeated(sourceKey: string, id: string): void {
    this.lastOfKey.set(sourceKey, id);
    this.refused.delete(sourceKey);
  }

  /** Note a refused card (per-row mode): its key names no card unless a later card has it. */
  refuse(sourceKey: string | null): void {
    if (sourceKey !== null && !this.lastOfKey.has(sourceKey)) this.refused.add(sourceKey);
  }

  /** With `derives`: the created card a detail's key names, or undefined when that card was refused. */
  createdCard(sourceKey: string): IndexedCard | undefined {
    if (this.refused.has(sourceKey)) return undefined;
    return { id: this.lastOfKey.get(sourceKey) ?? this.derivedId(sourceKey), change: 'created' };
  }

  /** Record written cards (a later card with the same source key wins lookups). */
  async add(entries: IndexEntry[]): Promise<void> {
    if (entries.length === 0) return;
    await this.ensure();
    for (const e of entries) {
      if (e.identity !== null) this.identities.add(e.identity);
      if (e.sourceKey !== null) {
        this.sourceKeys.add(e.sourceKey);
        this.refused.delete(e.sourceKey);
      }
    }
    await insertRows(
      this.lc.tx,
      'import_cards',
      entries.map((e) => ({
        seq: this.written++,
        source_key: e.sourceKey,
        identity: e.identity,
        card_id: e.id,
        change: e.change,
      })),
    );
  }

  /** Which of these identities and source keys earlier cards of this import had. */
  async seen(
    identities: string[],
    sourceKeys: string[],
  ): Promise<{ identities: Set<string>; sourceKeys: Set<string> }> {
    // Only keys the filters might have seen are looked up (usually none).
    const maybeIdentities = identities.filter((i) => this.identities.mightHave(i));
    const maybeKeys = sourceKeys.filter((k) => this.sourceKeys.mightHave(k));
    if (!this.ready || (maybeIdentities.length === 0 && maybeKeys.length === 0))
      return { identities: new Set(), sourceKeys: new Set() };
    await this.ensureIndexes();
    const rows = await queryRows<{ kind: 'i' | 'k'; value: string }>(
      this.lc.tx,
      sql`select distinct 'i' as kind, identity as value from import_cards where identity in ${jsonList(maybeIdentities)}
          union all
          select distinct 'k', source_key from import_cards where source_key in ${jsonList(maybeKeys)}`,
    );
    return {
      identities: new Set(rows.filter((r) => r.kind === 'i').map((r) => r.value)),
      sourceKeys: new Set(rows.filter((r) => r.kind === 'k').map((r) => r.value)),
    };
  }

  /** The cards these source keys name (the last card written with each key). */
  async bySourceKeys(keys: string[]): Promise<Map<string, IndexedCard>> {
    if (!this.ready || keys.length === 0) return new Map();
    await this.ensureIndexes();
    const rows = await queryRows<{ source_key: string; card_id: string; change: CardChange }>(
      this.lc.tx,
      sql`select distinct on (source_key) source_key, card_id, change from import_cards
          where source_key in ${jsonList([...new Set(keys)])} order by source_key, seq desc`,
    );
    return new Map(rows.map((r) => [r.source_key, { id: r.card_id, change: r.change }]));
  }

  /** A condition on a datacards alias: the card is not one this import has matched or written. */
  notMatched(alias: string) {
    return this.ready
      ? sql`not exists (select 1 from import_cards i where i.card_id = ${sql.identifier(alias)}.id)`
      : sql`true`;
  }
}
