/** Validation of datacard extra-field values against the tenant's definitions. */
import type { FieldIssue } from '../shared/errors.ts';
import type { ExtraFieldType } from '../shared/schemas/extra-fields.ts';

/** What validation needs to know about one extra-field definition. */
export interface ExtraFieldRule {
  key: string;
  type: ExtraFieldType;
  required: boolean;
  maxLength: number | null;
  options: { code: string }[];
}

const isIsoDate = (v: string) =>
  /^\d{4}-\d{2}-\d{2}$/.test(v) &&
  !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) &&
  new Date(`${v}T00:00:00Z`).toISOString().startsWith(v);

function checkValue(rule: ExtraFieldRule, value: unknown): string | null {
  const codes = new Set(rule.options.map((o) => o.code));
  switch (rule.type) {
    case 'text':
    case 'memo': {
      if (typeof value !== 'string') return 'must be text';
      const max = rule.maxLength ?? (rule.type === 'memo' ? 20000 : 255);
      return value.length > max ? `must be at most ${max} characters` : null;
    }
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value) ? null : 'must be a whole number';
    case 'decimal':
    case 'currency':
      return typeof value === 'number' && Number.isFinite(value) ? null : 'must be a number';
    case 'date':
      return typeof value === 'string' && isIsoDate(value) ? null : 'must be a date YYYY-MM-DD';
    case 'yesno':
      return typeof value === 'boolean' ? null : 'must be true or false';
    case 'list':
      return typeof value === 'string' && codes.has(value)
        ? null
        : `must be one of: ${[...codes].join(', ')}`;
    case 'multichoice': {
      if (!Array.isArray(value) || value.some((v) => typeof v !== 'string' || !codes.has(v))) {
        return `must be a list of: ${[...codes].join(', ')}`;
      }
      return new Set(value).size === value.length ? null : 'must not repeat a choice';
    }
  }
}

/** Problems with a card's extra values: unknown keys, wrong types, missing required values. */
export function checkExtraValues(values: Record<string, unknown>, rules: ExtraFieldRule[]): FieldIssue[] {
  const byKey = new Map(rules.map((r) => [r.key, r]));
  const issues: FieldIssue[] = [];
  for (const [key, value] of Object.entries(values)) {
    const rule = byKey.get(key);
    if (!rule) {
      issues.push({
        path: `extra.${key}`,
        code: 'unknown_field',
        message: 'no extra field with this key is defined',
      });
      continue;
    }
    if (value === null) continue;
    const problem = checkValue(rule, value);
    if (problem) issues.push({ path: `extra.${key}`, code: 'invalid_value', message: problem });
  }
  for (const rule of rules) {
    if (rule.required && (values[rule.key] === undefined || values[rule.key] === null)) {
      issues.push({ path: `extra.${rule.key}`, code: 'required', message: 'is required' });
    }
  }
  return issues;
}
