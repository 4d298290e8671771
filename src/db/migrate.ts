/**
 * Applies the committed SQL migrations in src/db/migrations, in journal order, each in its
 * own transaction, recording them in lossledger_migrations. Same code on both engines.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import type { Db } from './engine.ts';
import { queryRows } from './query.ts';

const folder = new URL('./migrations/', import.meta.url);

interface JournalEntry {
  idx: number;
  tag: string;
}

/** The migrations shipped with this version, in order. */
export function listMigrations(): { tag: string; statements: string[]; hash: string }[] {
  const journal = JSON.parse(readFileSync(new URL('meta/_journal.json', folder), 'utf8')) as {
    entries: JournalEntry[];
  };
  return [...journal.entries]
    .sort((a, b) => a.idx - b.idx)
    .map((entry) => {
      const text = readFileSync(new URL(`${entry.tag}.sql`, folder), 'utf8');
      const statements = text
        .split('--> statement-breakpoint')
        .map((s) => s.trim())
        .filter(Boolean);
      return { tag: entry.tag, statements, hash: createHash('sha256').update(text).digest('hex') };
    });
}

/** Apply every pending migration; returns the tags applied now. */
export async function migrate(db: Db): Promise<string[]> {
  await db.execute(sql`create table if not exists lossledger_migrations (
    tag text primary key, hash text not null, applied_at timestamptz not null default now())`);
  const applied: string[] = [];
  for (const m of listMigrations()) {
    const done = await db.transaction(async (tx) => {
      // Serialise concurrent starters on PostgreSQL; harmless on PGlite.
      await tx.execute(sql`select pg_advisory_xact_lock(7243001)`);
      const [row] = await queryRows<{ hash: string }>(
        tx,
        sql`select hash from lossledger_migrations where tag = ${m.tag}`,
      );
      if (row) {
        if (row.hash !== m.hash) throw new Error(`migration ${m.tag} was changed after it was applied`);
        return false;
      }
      for (const statement of m.statements) await tx.execute(sql.raw(statement));
      await tx.execute(sql`insert into lossledger_migrations (tag, hash) values (${m.tag}, ${m.hash})`);
      return true;
    });
    if (done) applied.push(m.tag);
  }
  return applied;
}
