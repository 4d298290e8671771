/**
 * The cards of one import, kept in a temporary table (dropped at commit) rather than in memory,
 * so that the importer's memory does not grow with the file: each written card's source key
 * (DesInventar's clave, which details refer to), re-import identity, id, what the import did to
 * it, and whether its first details were written directly. Lookups go by batches of keys.
 */
import { sql } from 'drizzle-orm';
import { queryRows } from '../../db/query.ts';
import type { LoaderContext } from './loader-context.ts';
import { insertRows, jsonList } from './rows.ts';

/** What happened to a card in this import. */
export type CardChange = 'created' | 'updated' | 'unchanged';

/** A card of this import, found by its source key. */
export interface IndexedCard {
  id: string;
  change: CardChange;
  /** Its first details were written directly (a further part adds to them). */
  direct: boolean;
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

  constructor(private readonly lc: LoaderContext) {}

  private async ensure(): Promise<void> {
    if (this.ready) return;
    await this.lc.tx.execute(
      sql`create temp table import_cards (seq bigserial, source_key text, identity text,
            card_id uuid not null, change text not null) on commit drop`,
    );
    // Cards whose first details were written directly: appended (COPY), cheaper than updating import_cards.
    await this.lc.tx.execute(sql`create temp table import_direct (card_id uuid primary key) on commit drop`);
    await this.lc.tx.execute(sql`create index on import_cards (source_key)`);
    await this.lc.tx.execute(sql`create index on import_cards (identity)`);
    await this.lc.tx.execute(sql`create index on import_cards (card_id)`);
    this.ready = true;
  }

  /** Record written cards (a later card with the same source key wins lookups). */
  async add(entries: IndexEntry[]): Promise<void> {
    if (entries.length === 0) return;
    await this.ensure();
    await insertRows(
      this.lc.tx,
      'import_cards',
      entries.map((e) => ({
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
    if (!this.ready || (identities.length === 0 && sourceKeys.length === 0))
      return { identities: new Set(), sourceKeys: new Set() };
    const rows = await queryRows<{ kind: 'i' | 'k'; value: string }>(
      this.lc.tx,
      sql`select distinct 'i' as kind, identity as value from import_cards where identity in ${jsonList(identities)}
          union all
          select distinct 'k', source_key from import_cards where source_key in ${jsonList(sourceKeys)}`,
    );
    return {
      identities: new Set(rows.filter((r) => r.kind === 'i').map((r) => r.value)),
      sourceKeys: new Set(rows.filter((r) => r.kind === 'k').map((r) => r.value)),
    };
  }

  /** The cards these source keys name (the last card written with each key). */
  async bySourceKeys(keys: string[]): Promise<Map<string, IndexedCard>> {
    if (!this.ready || keys.length === 0) return new Map();
    const rows = await queryRows<{
      source_key: string;
      card_id: string;
      change: CardChange;
      direct: boolean;
    }>(
      this.lc.tx,
      sql`select distinct on (c.source_key) c.source_key, c.card_id, c.change, d.card_id is not null as direct
          from import_cards c left join import_direct d on d.card_id = c.card_id
          where c.source_key in ${jsonList([...new Set(keys)])} order by c.source_key, c.seq desc`,
    );
    return new Map(rows.map((r) => [r.source_key, { id: r.card_id, change: r.change, direct: r.direct }]));
  }

  /** Note that these cards got their first details directly. */
  async markDirect(ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    await insertRows(
      this.lc.tx,
      'import_direct',
      ids.map((id) => ({ card_id: id })),
    );
  }

  /** A condition on a datacards alias: the card is not one this import has matched or written. */
  notMatched(alias: string) {
    return this.ready
      ? sql`not exists (select 1 from import_cards i where i.card_id = ${sql.identifier(alias)}.id)`
      : sql`true`;
  }
}
