/**
 * Extra-field conditions of a filter: each names a field by key, and its operators must fit the
 * field's type (numbers and dates: min/max/equals; text: equals/contains/in; lists: equals/in;
 * yes/no: is). Values live in datacards.extra (jsonb).
 */
import { and, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../db/engine.ts';
import { extraFieldDefinitions } from '../../db/schema/index.ts';
import type { FieldIssue } from '../../shared/errors.ts';
import type { ExtraFieldType } from '../../shared/schemas/extra-fields.ts';
import type { ExtraCondition } from '../../shared/schemas/filter.ts';
import { containsPattern, paramList } from './sql.ts';

type Operator = 'min' | 'max' | 'equals' | 'contains' | 'in' | 'is';

/** Which operators each extra-field type takes. */
const OPERATORS: Record<ExtraFieldType, Operator[]> = {
  text: ['equals', 'contains', 'in'],
  memo: ['equals', 'contains', 'in'],
  integer: ['min', 'max', 'equals'],
  decimal: ['min', 'max', 'equals'],
  currency: ['min', 'max', 'equals'],
  date: ['min', 'max', 'equals'],
  yesno: ['is'],
  list: ['equals', 'in'],
  multichoice: ['equals', 'in'],
};

const NUMERIC = new Set<ExtraFieldType>(['integer', 'decimal', 'currency']);

/** The numeric value of an extra field (null when absent or not a JSON number). */
export const extraNumber = (key: string): SQL =>
  sql`(case when jsonb_typeof(d.extra -> ${key}) = 'number' then (d.extra ->> ${key})::numeric end)`;

/** The extra-field types of the tenant's fields stored in datacards.extra, by key. */
export async function extraFieldTypes(
  ex: Executor,
  tenantId: number,
  keys: readonly string[],
): Promise<Map<string, ExtraFieldType>> {
  if (keys.length === 0) return new Map();
  const rows = await ex
    .select({ key: extraFieldDefinitions.key, type: extraFieldDefinitions.type })
    .from(extraFieldDefinitions)
    .where(
      and(
        eq(extraFieldDefinitions.tenantId, tenantId),
        eq(extraFieldDefinitions.storage, 'extra'),
        inArray(extraFieldDefinitions.key, [...keys]),
      ),
    );
  return new Map(rows.map((r) => [r.key, r.type]));
}

/** Type problems of one operand: numbers for numeric fields, dates for date fields, text elsewhere. */
function operandProblem(type: ExtraFieldType, op: Operator, value: unknown): string | null {
  if (op === 'min' || op === 'max' || op === 'equals') {
    if (NUMERIC.has(type)) return typeof value === 'number' ? null : 'must be a number for this field';
    if (type === 'date')
      return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)
        ? null
        : 'must be a date YYYY-MM-DD';
    return typeof value === 'string' ? null : 'must be text for this field';
  }
  return null;
}

/** SQL of one operator on one field. */
function operatorSql(key: string, type: ExtraFieldType, op: Operator, value: unknown): SQL {
  const text = sql`(d.extra ->> ${key})`;
  const field = NUMERIC.has(type) ? extraNumber(key) : text;
  const many = type === 'multichoice';
  switch (op) {
    case 'min':
      return NUMERIC.has(type) ? sql`${field} >= ${value}::numeric` : sql`${field} >= ${value}`;
    case 'max':
      return NUMERIC.has(type) ? sql`${field} <= ${value}::numeric` : sql`${field} <= ${value}`;
    case 'equals':
      if (many) return sql`(d.extra -> ${key}) ? ${value}`;
      return NUMERIC.has(type) ? sql`${field} = ${value}::numeric` : sql`${field} = ${value}`;
    case 'contains':
      return sql`${text} ilike ${containsPattern(String(value))}`;
    case 'in':
      return many
        ? sql`(d.extra -> ${key}) ?| array[${paramList(value as string[])}]::text[]`
        : sql`${text} in (${paramList(value as string[])})`;
    case 'is':
      return sql`(d.extra -> ${key}) = ${JSON.stringify(value)}::jsonb`;
  }
}

/** SQL of the extra conditions (ANDed), adding an issue for each unknown field or misfit operator. */
export async function extraConditions(
  ex: Executor,
  tenantId: number,
  conditions: readonly ExtraCondition[],
  issues: FieldIssue[],
): Promise<SQL[]> {
  const types = await extraFieldTypes(
    ex,
    tenantId,
    conditions.map((c) => c.field),
  );
  const out: SQL[] = [];
  conditions.forEach((condition, i) => {
    const path = `filter.extra.${i}`;
    const type = types.get(condition.field);
    if (!type) {
      issues.push({
        path: `${path}.field`,
        code: 'unknown_reference',
        message: `no extra field ${condition.field} with values on the datacards`,
      });
      return;
    }
    for (const op of Object.keys(condition).filter((k) => k !== 'field') as Operator[]) {
      const value = condition[op];
      if (value === undefined) continue;
      const problem = OPERATORS[type].includes(op)
        ? operandProblem(type, op, value)
        : `not an operator for a ${type} field (use ${OPERATORS[type].join(', ')})`;
      if (problem) issues.push({ path: `${path}.${op}`, code: 'invalid_operator', message: problem });
      else out.push(operatorSql(condition.field, type, op, value));
    }
  });
  return out;
}
