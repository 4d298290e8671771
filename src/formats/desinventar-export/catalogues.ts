/**
 * Row shapers of the catalogue tables: eventos, causas, niveles, lev0-lev2, regiones (derived),
 * extensiontabs, diccionario and extensioncodes. Each is the inverse of the reader's mapping
 * (src/formats/desinventar-xml): what it kept in legacy is written back in its column.
 */
import type {
  CauseItem,
  EventTypeItem,
  ExtraFieldItem,
  ExtraTabItem,
  GeoLevelItem,
  GeoUnitItem,
} from '../model.ts';
import { DI_COLUMNS, type DiRow } from './tables.ts';
import { type DiCell, englishName, fieldTypeCode, fromLegacy, localName, unknownColumns } from './values.ts';

/** Where an event type sits in its hierarchy (derived when the source gave no terminal/hlevel). */
export interface EventPosition {
  depth: number;
  hasChildren: boolean;
  /** Whether the tenant uses event hierarchies at all. */
  hierarchical: boolean;
}

/** An eventos row: nombre is the code (the key fichas.evento refers to). */
export function eventosRow(event: EventTypeItem, position: EventPosition): DiRow {
  const { legacy } = event;
  return [
    ['serial', fromLegacy(legacy, 'serial', event.sortOrder)],
    ['nombre', event.code],
    ['nombre_en', fromLegacy(legacy, 'nombre_en', englishName(event.names))],
    ['descripcion', event.description],
    ['parent', event.parentCode],
    [
      'terminal',
      fromLegacy(legacy, 'terminal', position.hierarchical ? (position.hasChildren ? 0 : 1) : null),
    ],
    ['hlevel', fromLegacy(legacy, 'hlevel', position.hierarchical ? position.depth : null)],
    ...unknownColumns(legacy, DI_COLUMNS.eventos),
  ];
}

/** A causas row. */
export function causasRow(cause: CauseItem): DiRow {
  return [
    ['causa', cause.code],
    ['causa_en', fromLegacy(cause.legacy, 'causa_en', englishName(cause.names))],
    ...unknownColumns(cause.legacy, DI_COLUMNS.causas),
  ];
}

/** A niveles row (nivel is 1-based, like LossLedger levels). */
export function nivelesRow(level: GeoLevelItem, language: string): DiRow {
  return [
    ['nivel', level.level],
    ['descripcion', localName(level.names, language)],
    ['descripcion_en', englishName(level.names)],
    ['longitud', level.codeLength ?? fromLegacy(level.legacy, 'longitud', null)],
    ...unknownColumns(level.legacy, DI_COLUMNS.niveles, ['synthesized']),
  ];
}

/** A lev0 / lev1 / lev2 row of a level-1..3 unit; an orphan keeps its original parent code. */
export function levRow(unit: GeoUnitItem, language: string): DiRow {
  const n = unit.level - 1;
  const table = `lev${n}` as 'lev0' | 'lev1' | 'lev2';
  const row: [string, DiCell][] = [
    [`lev${n}_cod`, unit.code],
    [`lev${n}_name`, localName(unit.names, language) ?? unit.code],
    [`lev${n}_name_en`, englishName(unit.names)],
  ];
  if (n > 0) row.push([`lev${n}_lev${n - 1}`, unit.parentCode]);
  return [...row, ...unknownColumns(unit.legacy, DI_COLUMNS[table], ['orphans'])];
}

/** A regiones row derived from a unit's bbox and centroid (nivel is 0-based there). */
export function regionesRow(unit: GeoUnitItem, language: string): DiRow | null {
  const { bbox, centroid } = unit;
  if (!bbox && !centroid) return null;
  const x = centroid?.lon ?? (bbox ? (bbox.minLon + bbox.maxLon) / 2 : null);
  const y = centroid?.lat ?? (bbox ? (bbox.minLat + bbox.maxLat) / 2 : null);
  return [
    ['codregion', unit.code],
    ['nombre', localName(unit.names, language) ?? unit.code],
    ['nombre_en', englishName(unit.names)],
    ['x', x],
    ['y', y],
    ['angulo', 0],
    ['xmin_', bbox?.minLon ?? x],
    ['ymin', bbox?.minLat ?? y],
    ['xmax_', bbox?.maxLon ?? x],
    ['ymax', bbox?.maxLat ?? y],
    ['xtext', x],
    ['ytext', y],
    ['nivel', unit.level - 1],
    ['ap_lista', 0],
    ['lev0_cod', unit.parentCode],
  ];
}

/** An extensiontabs row. */
export function extensiontabsRow(tab: ExtraTabItem, language: string): DiRow {
  return [
    ['ntab', tab.key],
    ['nsort', tab.sortOrder],
    ['svalue', localName(tab.labels, language)],
    ['svalue_en', englishName(tab.labels)],
    ...unknownColumns(tab.legacy, DI_COLUMNS.extensiontabs),
  ];
}

/** The column name of an extra field in diccionario and extension (DesInventar upper-cases it). */
export const columnName = (field: ExtraFieldItem): string => {
  const name = field.legacy.nombre_campo;
  return typeof name === 'string' ? name : field.key;
};

/** A diccionario row; layout columns come back from legacy, or DesInventar's defaults. */
export function diccionarioRow(field: ExtraFieldItem, language: string): DiRow {
  const { legacy } = field;
  return [
    ['orden', field.sortOrder],
    ['nombre_campo', columnName(field)],
    ['descripcion_campo', field.description],
    ['label_campo', localName(field.labels, language)],
    ['label_campo_en', englishName(field.labels)],
    ['pos_x', fromLegacy(legacy, 'pos_x', 0)],
    ['pos_y', fromLegacy(legacy, 'pos_y', 0)],
    ['lon_x', field.maxLength ?? fromLegacy(legacy, 'lon_x', 0)],
    ['lon_y', fromLegacy(legacy, 'lon_y', 0)],
    ['color', fromLegacy(legacy, 'color', 0)],
    ['tabnumber', field.tabKey ?? fromLegacy(legacy, 'tabnumber', null)],
    ['fieldtype', fieldTypeCode(field.type)],
    ...unknownColumns(legacy, DI_COLUMNS.diccionario, ['synthesized']),
  ];
}

/** The extensioncodes rows of a list or multi-choice field, in option order. */
export function extensioncodesRows(field: ExtraFieldItem, language: string): DiRow[] {
  return field.options.map((option, i) => [
    ['nsort', i + 1],
    ['svalue', localName(option.labels, language)],
    ['svalue_en', englishName(option.labels)],
    ['field_name', columnName(field)],
    ['code_value', option.code],
  ]);
}
