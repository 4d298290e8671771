/** Values of one EEData row (DI8 extra effects) typed by their EEField definitions. */
import type { ExtraFieldItem } from '../model.ts';
import { type Di8Row, type Di8Value, textOf } from './values.ts';

/** A value for datacard.extra, or a reason it cannot be kept. */
function typedValue(field: ExtraFieldItem, raw: Di8Value): { value: unknown } | { problem: string } {
  const text = textOf(raw) ?? '';
  switch (field.type) {
    case 'integer':
    case 'decimal':
    case 'currency': {
      const n = typeof raw === 'number' ? raw : Number(text);
      if (!Number.isFinite(n)) return { problem: `'${text}' is not a number` };
      return { value: field.type === 'integer' ? Math.round(n) : n };
    }
    case 'yesno': {
      const n = typeof raw === 'number' ? raw : Number(text);
      if (!Number.isFinite(n)) return { problem: `'${text}' is not a yes/no value` };
      return { value: n !== 0 };
    }
    case 'date': {
      const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(text);
      return m ? { value: `${m[1]}-${m[2]}-${m[3]}` } : { problem: `'${text}' is not a date YYYY-MM-DD` };
    }
    default:
      return { value: text };
  }
}

/** The typed values of a row, and messages for the cells that could not be kept. */
export function extraValuesOf(
  row: Di8Row,
  fields: Map<string, ExtraFieldItem>,
): { extra: Record<string, unknown>; dropped: string[] } {
  const extra: Record<string, unknown> = {};
  const dropped: string[] = [];
  for (const [column, raw] of Object.entries(row)) {
    const field = fields.get(column);
    if (!field || textOf(raw) === null) continue;
    const result = typedValue(field, raw);
    if ('value' in result) extra[field.key] = result.value;
    else dropped.push(`EEData.${column}: ${result.problem}; value not imported`);
  }
  return { extra, dropped };
}
