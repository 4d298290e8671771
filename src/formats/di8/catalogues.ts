/** DI8 Event, Cause, EEGroup and EEField tables to catalogue items. */
import type { ExtraFieldType } from '../../shared/schemas/extra-fields.ts';
import type { CauseItem, EventTypeItem, ExtraFieldItem, ExtraTabItem, Legacy } from '../model.ts';
import { groupByLanguage, type LanguageGroup } from './group.ts';
import type { Di8Tables } from './tables.ts';
import { type Di8Value, textOf } from './values.ts';

const named = (g: LanguageGroup, language: string) =>
  Object.keys(g.names).length > 0 ? g.names : { [language]: g.id };

/** Remove a key from legacy and return its text (it went to a proper field). */
function take(legacy: Legacy, key: string): string | null {
  const value = legacy[key];
  delete legacy[key];
  return value === null || value === undefined ? null : textOf(String(value));
}

const catalogueShared = (prefix: string) => [
  `${prefix}RGBColor`,
  `${prefix}Active`,
  `${prefix}Predefined`,
  'RegionId',
  'RecordCreation',
  'RecordUpdate',
];

/** Event types: code = EventId, names by language, keywords and colour kept in legacy. */
export async function readEventTypes(tables: Di8Tables, language: string): Promise<EventTypeItem[]> {
  const { groups } = await groupByLanguage(
    tables.rows('Event'),
    {
      table: 'Event',
      id: 'EventId',
      name: 'EventName',
      perLanguage: ['EventDesc', 'EventKeyWords'],
      shared: catalogueShared('Event'),
    },
    language,
  );
  return groups.map((g, i) => ({
    kind: 'eventType',
    code: g.id,
    names: named(g, language),
    description: take(g.legacy, 'EventDesc'),
    parentCode: null,
    sortOrder: i,
    hazardCode: null,
    legacy: g.legacy,
  }));
}

/** Causes: code = CauseId, names by language; descriptions, keywords and colour in legacy. */
export async function readCauses(tables: Di8Tables, language: string): Promise<CauseItem[]> {
  const { groups } = await groupByLanguage(
    tables.rows('Cause'),
    {
      table: 'Cause',
      id: 'CauseId',
      name: 'CauseName',
      perLanguage: ['CauseDesc', 'CauseKeyWords'],
      shared: catalogueShared('Cause'),
    },
    language,
  );
  return groups.map((g, i) => ({
    kind: 'cause',
    code: g.id,
    names: named(g, language),
    sortOrder: i,
    legacy: g.legacy,
  }));
}

/** Extra-effect groups (EEGroup) as tabs. */
export async function readExtraTabs(tables: Di8Tables, language: string): Promise<ExtraTabItem[]> {
  const tabs: ExtraTabItem[] = [];
  for await (const { row } of tables.rows('EEGroup')) {
    const key = textOf(row.EEGroupId ?? null);
    if (key === null) continue;
    tabs.push({
      kind: 'extraTab',
      key,
      labels: { [language]: textOf(row.EEGroupLabel ?? null) ?? key },
      sortOrder: tabs.length,
      legacy: { EEGroupDesc: row.EEGroupDesc ?? null, EEGroupStatus: row.EEGroupStatus ?? null },
    });
  }
  return tabs;
}

/** DI8 EEFieldType (as EEField.php creates the EEData column) to ours. */
export function extraTypeOf(value: Di8Value | undefined): ExtraFieldType {
  switch (textOf(value ?? null)?.toUpperCase()) {
    case 'INT':
    case 'INTEGER':
    case 'NUMERIC':
      return 'integer';
    case 'BOOLEAN':
      return 'yesno';
    case 'FLOAT':
    case 'DOUBLE':
      return 'decimal';
    case 'CURRENCY':
      return 'currency';
    case 'DATE':
      return 'date';
    default:
      return 'text';
  }
}

/** Extra-effect fields (EEField); their values are the EEData columns of the same id. */
export async function readExtraFields(
  tables: Di8Tables,
  language: string,
  tabKeys: Set<string>,
): Promise<ExtraFieldItem[]> {
  const fields: ExtraFieldItem[] = [];
  for await (const { row } of tables.rows('EEField')) {
    const key = textOf(row.EEFieldId ?? null);
    if (key === null) continue;
    const type = extraTypeOf(row.EEFieldType);
    const size = Number(row.EEFieldSize ?? 0);
    const order = Number(row.EEFieldOrder ?? Number.NaN);
    const group = textOf(row.EEGroupId ?? null);
    fields.push({
      kind: 'extraField',
      key,
      type,
      labels: { [language]: textOf(row.EEFieldLabel ?? null) ?? key },
      description: textOf(row.EEFieldDesc ?? null),
      tabKey: group !== null && tabKeys.has(group) ? group : null,
      sortOrder: Number.isInteger(order) && order >= 0 ? order : fields.length,
      maxLength: type === 'text' && size > 0 ? size : null,
      options: [],
      storage: 'extra',
      legacy: {
        EEFieldType: row.EEFieldType ?? null,
        EEFieldSize: row.EEFieldSize ?? null,
        EEFieldStatus: row.EEFieldStatus ?? null,
        EEGroupId: group,
      },
    });
  }
  return fields;
}
