/** Rules of extra-field definitions: options and lengths by type, and values datacards already hold. */
import { or, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../db/engine.ts';
import { datacards } from '../../db/schema/index.ts';
import { AppError, type FieldIssue } from '../../shared/errors.ts';
import type { ExtraField, ExtraFieldCreate, ExtraFieldType } from '../../shared/schemas/extra-fields.ts';
import { cardsPhrase, countCards } from '../catalogues/references.ts';

const CHOICE_TYPES: readonly ExtraFieldType[] = ['list', 'multichoice'];
const TEXT_TYPES: readonly ExtraFieldType[] = ['text', 'memo'];

/** A definition's shape after a change: the fields whose rules depend on each other. */
export interface DefinitionShape {
  type: ExtraFieldType;
  maxLength: number | null;
  options: { code: string }[];
}

/** The shape after applying `input` over `current` (or the input alone on create). */
export function mergedShape(input: Partial<ExtraFieldCreate>, current: ExtraField | null): DefinitionShape {
  return {
    type: input.type ?? current?.type ?? 'text',
    maxLength: input.maxLength !== undefined ? input.maxLength : (current?.maxLength ?? null),
    options: input.options ?? current?.options ?? [],
  };
}

/** Problems with a definition's type, options and maximum length. */
export function checkShape(shape: DefinitionShape): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (CHOICE_TYPES.includes(shape.type)) {
    if (shape.options.length === 0)
      issues.push({
        path: 'options',
        code: 'required',
        message: `a ${shape.type} field needs at least one option`,
      });
    const seen = new Set<string>();
    shape.options.forEach((o, i) => {
      if (seen.has(o.code))
        issues.push({
          path: `options.${i}.code`,
          code: 'duplicate',
          message: `option code ${o.code} is repeated`,
        });
      seen.add(o.code);
    });
  } else if (shape.options.length > 0) {
    issues.push({
      path: 'options',
      code: 'not_allowed',
      message: `only list and multichoice fields have options (send options: [] for a ${shape.type} field)`,
    });
  }
  if (shape.maxLength !== null && !TEXT_TYPES.includes(shape.type))
    issues.push({ path: 'maxLength', code: 'not_allowed', message: 'applies to text and memo fields only' });
  return issues;
}

/** Datacards of the tenant that hold a value under `key` (any value, deleted cards included). */
export const cardsWithKey = (ex: Executor, tenantId: number, key: string, also?: SQL) =>
  countCards(
    ex,
    tenantId,
    also ? sql`${datacards.extra} ? ${key} and (${also})` : sql`${datacards.extra} ? ${key}`,
  );

/** Refuse (409 in_use) a change of key or type, or the removal of options, that stored values depend on. */
export async function assertValuesSurvive(
  ex: Executor,
  tenantId: number,
  input: Partial<ExtraFieldCreate>,
  current: ExtraField,
): Promise<void> {
  const changed = [
    ...(input.key !== undefined && input.key !== current.key ? ['key'] : []),
    ...(input.type !== undefined && input.type !== current.type ? ['type'] : []),
  ];
  if (changed.length) {
    const cards = await cardsWithKey(ex, tenantId, current.key);
    if (cards.total)
      throw new AppError(
        'in_use',
        `Cannot change the ${changed.join(' and ')} of ${current.key}: ${cardsPhrase(cards)} hold values for it.`,
        { fields: changed, cards: cards.total },
      );
  }
  const kept = new Set((input.options ?? current.options).map((o) => o.code));
  const removed = current.options.map((o) => o.code).filter((code) => !kept.has(code));
  if (removed.length === 0) return;
  const uses = removed.map((code) => sql`${datacards.extra} -> ${current.key} @> to_jsonb(${code}::text)`);
  const cards = await cardsWithKey(ex, tenantId, current.key, or(...uses));
  if (cards.total)
    throw new AppError(
      'in_use',
      `Cannot remove option(s) ${removed.join(', ')} of ${current.key}: ${cardsPhrase(cards)} use them.`,
      { options: removed, cards: cards.total },
    );
}

/** Why a definition cannot be deleted: datacards holding values for it. */
export async function definitionBlockers(
  ex: Executor,
  tenantId: number,
  key: string,
): Promise<string | null> {
  const cards = await cardsWithKey(ex, tenantId, key);
  return cards.total
    ? `The extra field ${key} is used by ${cardsPhrase(cards)}; clear their values first.`
    : null;
}
