/**
 * SQL building blocks of the analytics queries. Every query reads `datacards d`; values always
 * travel as parameters, and only validated integers are ever inlined (see intLiteral).
 */
import { type SQL, sql } from 'drizzle-orm';
import type { RequestContext } from '../context.ts';
import { tenantOf } from '../context.ts';

/** A column of the card being read: d."column". */
export const cardColumn = (column: string): SQL => sql`d.${sql.identifier(column)}`;

/** Comma-separated parameters, for `in (…)` and `array[…]`. */
export const paramList = (values: readonly unknown[]): SQL =>
  sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  );

/**
 * A whole number written into the SQL text. Only for integers we produced ourselves (a level
 * number, an array index): the planner matches expression indexes such as (geo_ancestors[1])
 * only against a literal subscript, never against a parameter.
 */
export function intLiteral(n: number): SQL {
  if (!Number.isSafeInteger(n)) throw new Error(`not an integer: ${n}`);
  return sql.raw(String(n));
}

/** Languages names are looked up in: the request's, the tenant's default, English. */
export function nameLanguages(ctx: RequestContext): string[] {
  return [...new Set([ctx.language, tenantOf(ctx).defaultLanguage, 'en'])];
}

/** The name of a catalogue row `alias` (names jsonb + code) in the first language that has one, else its code. */
export function localName(alias: string, languages: readonly string[], codeColumn = 'code'): SQL {
  const a = sql.identifier(alias);
  const names = languages.map((l) => sql`nullif(${a}.names ->> ${l}, '')`);
  return sql`coalesce(${sql.join(names, sql`, `)}, ${a}.${sql.identifier(codeColumn)})`;
}

/** `%text%` for (I)LIKE, with the user's own wildcards taken literally. */
export const containsPattern = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** FROM clause of an analytics query over `cards` (aliased d); the hazard join only when a dimension needs it. */
export function cardsFrom(withHazards: boolean, cards: SQL = sql`datacards d`): SQL {
  if (!withHazards) return cards;
  return sql`${cards}
    left join event_types et on et.tenant_id = d.tenant_id and et.id = d.event_type_id
    left join hazards h on h.code = et.hazard_code`;
}
