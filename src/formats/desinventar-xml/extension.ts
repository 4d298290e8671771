/**
 * Extra-field definitions: extensiontabs -> extraTab, diccionario (+ extensioncodes options) ->
 * extraField. The three small tables are buffered and yielded together, with the generic Sendai
 * asset types their columns use, before the first fichas or extension row.
 */
import { EXTRA_FIELD_TYPE_VALUES, type ExtraFieldType } from '../../shared/schemas/extra-fields.ts';
import type { AssetTypeItem, ExtraFieldItem, ImportItem, Legacy, NoticeItem, SourcePlace } from '../model.ts';
import { type ColumnCheck, localNames, type Row } from './row.ts';
import { classifyColumn, type SendaiAssetGroup } from './sendai-columns.ts';

/** Tables of the extra-field definition block. */
export const EXTENSION_DEFINITION_TABLES = new Set(['extensiontabs', 'diccionario', 'extensioncodes']);

const KNOWN: Record<string, Set<string>> = {
  extensiontabs: new Set(['ntab', 'nsort', 'svalue', 'svalue_en']),
  diccionario: new Set([
    ...['orden', 'nombre_campo', 'descripcion_campo', 'label_campo', 'label_campo_en'],
    ...['pos_x', 'pos_y', 'lon_x', 'lon_y', 'color', 'tabnumber', 'fieldtype'],
  ]),
  extensioncodes: new Set(['field_name', 'code_value', 'nsort', 'svalue', 'svalue_en']),
};

/** What extension rows need to know about a field. */
export interface FieldInfo {
  key: string;
  type: ExtraFieldType;
}

/** Buffers the definition tables; remembers the yielded fields for the extension rows. */
export class ExtensionDefinitions {
  /** Lower-case column name -> field, for every field yielded so far. */
  readonly fields = new Map<string, FieldInfo>();
  /** Generic asset codes already yielded. */
  readonly assetTypes = new Set<string>();
  private tabs: { row: Row; legacy: Legacy }[] = [];
  private definitions: { row: Row; legacy: Legacy }[] = [];
  private codes: { row: Row; legacy: Legacy }[] = [];
  private readonly tabKeys = new Set<string>();

  constructor(
    private readonly language: () => string,
    private readonly columns: ColumnCheck,
  ) {}

  /** Take one row of a definition table. */
  add(row: Row): NoticeItem[] {
    const legacy: Legacy = {};
    const notices = this.columns.collect(row, KNOWN[row.table]!, legacy);
    const target =
      row.table === 'extensiontabs' ? this.tabs : row.table === 'diccionario' ? this.definitions : this.codes;
    target.push({ row, legacy });
    return notices;
  }

  /** Whether rows are waiting. */
  get pending(): boolean {
    return this.tabs.length + this.definitions.length + this.codes.length > 0;
  }

  /** Tabs, generic asset types, then fields with their options. */
  *flush(): Generator<ImportItem> {
    for (const { row, legacy } of this.tabs) {
      const key = row.required('ntab');
      this.tabKeys.add(key);
      const labels = localNames(row.text('svalue'), row.text('svalue_en'), this.language());
      const named = Object.keys(labels).length > 0 ? labels : { en: `Tab ${key}` };
      yield { kind: 'extraTab', key, labels: named, sortOrder: row.int('nsort') ?? row.index, legacy };
    }
    for (const { row } of this.definitions) yield* this.assetTypesOf(row.required('nombre_campo'));
    const options = this.options();
    for (const { row, legacy } of this.definitions) yield this.field(row, legacy, options);
    for (const [name, list] of options) {
      yield notice(
        'orphan_option',
        `extensioncodes lists ${list.length} codes for ${name}, which diccionario does not define`,
      );
    }
    this.tabs = [];
    this.definitions = [];
    this.codes = [];
  }

  /** Generic asset types a column needs that were not yielded yet. */
  *assetTypesOf(column: string): Generator<AssetTypeItem> {
    const target = classifyColumn(column);
    if (target.storage !== 'asset_effects' || !target.group || this.assetTypes.has(target.assetCode)) return;
    this.assetTypes.add(target.assetCode);
    yield genericAssetType(target.group);
  }

  /** A text field for an extension column that diccionario does not define (its values stay text). */
  synthesize(column: string, place: SourcePlace): ImportItem[] {
    const key = column.toUpperCase();
    this.fields.set(column, { key, type: 'text' });
    const field: ExtraFieldItem = {
      kind: 'extraField',
      key,
      type: 'text',
      labels: { en: key },
      description: null,
      tabKey: null,
      sortOrder: 0,
      maxLength: null,
      options: [],
      storage: 'extra',
      legacy: { synthesized: true },
    };
    const message = `extension column ${column} has no diccionario row; it becomes the text field ${key}`;
    return [{ ...notice('unknown_column', message), place }, field];
  }

  private field(row: Row, legacy: Legacy, options: Map<string, ExtraFieldItem['options']>): ExtraFieldItem {
    const name = row.required('nombre_campo');
    const key = name.toUpperCase();
    const code = row.int('fieldtype') ?? 0;
    const type = EXTRA_FIELD_TYPE_VALUES[code] ?? row.fail('fieldtype', 'not a DesInventar field type (0-8)');
    const tab = row.text('tabnumber');
    const lonX = row.int('lon_x');
    this.fields.set(name.toLowerCase(), { key, type });
    const labels = localNames(row.text('label_campo'), row.text('label_campo_en'), this.language());
    const fieldOptions = options.get(key) ?? [];
    options.delete(key);
    return {
      kind: 'extraField',
      key,
      type,
      labels: Object.keys(labels).length > 0 ? labels : { en: key },
      description: row.text('descripcion_campo'),
      tabKey: tab !== null && this.tabKeys.has(tab) ? tab : null,
      sortOrder: row.int('orden') ?? row.index,
      maxLength: type === 'text' && lonX !== null && lonX > 0 ? lonX : null,
      options: fieldOptions,
      storage: classifyColumn(key).storage,
      legacy: {
        ...legacy,
        ...(name !== key ? { nombre_campo: name } : {}),
        ...Object.fromEntries(
          ['pos_x', 'pos_y', 'lon_x', 'lon_y', 'color', 'tabnumber'].map((c) => [c, row.text(c)]),
        ),
      },
    };
  }

  /** extensioncodes grouped by upper-case field name, in nsort order. */
  private options(): Map<string, ExtraFieldItem['options']> {
    const sorted = [...this.codes].sort((a, b) => (a.row.int('nsort') ?? 0) - (b.row.int('nsort') ?? 0));
    const byField = new Map<string, ExtraFieldItem['options']>();
    for (const { row } of sorted) {
      const field = row.required('field_name').toUpperCase();
      const code = row.required('code_value');
      const labels = localNames(row.text('svalue'), row.text('svalue_en'), this.language());
      const list = byField.get(field) ?? [];
      list.push({ code, labels: Object.keys(labels).length > 0 ? labels : { en: code } });
      byField.set(field, list);
    }
    return byField;
  }
}

/** The asset type of a generic Sendai group (no valuation parameters: those come per asset). */
export function genericAssetType(group: SendaiAssetGroup): AssetTypeItem {
  return {
    kind: 'assetType',
    code: group.code,
    names: group.names,
    sector: group.sector,
    indicator: group.indicator,
    isicCode: null,
    faoCode: null,
    unit: null,
    measurement: group.measurement,
    averageSize: null,
    damageRatio: null,
    infrastructureFactor: null,
    equipmentFactor: null,
    workers: null,
    unitPriceLocal: null,
    unitPriceUsd: null,
    source: null,
    formula: null,
    prices: [],
    legacy: { generic: true },
  };
}

function notice(code: string, message: string): NoticeItem {
  return { kind: 'notice', level: code === 'orphan_option' ? 'warning' : 'info', code, message };
}
