/**
 * Turns the event, cause and place values of a spreadsheet into catalogue codes: the mapping's
 * value maps first, then the tenant catalogue (codes and names in any language, ignoring case
 * and accents), then — when the mapping says so — a new catalogue item. Values that stay
 * unknown are collected for the user to map or create.
 */
import type { ExtraFieldType } from '../../shared/schemas/extra-fields.ts';
import type { CauseItem, EventTypeItem, GeoUnitItem } from '../model.ts';
import type { TableMapping } from './mapping.ts';

/** What the tenant already has, for resolving values (built by the import service). */
export interface TableCatalogue {
  /** catalogueKey(code or name) -> code. */
  eventTypes: Map<string, string>;
  causes: Map<string, string>;
  /** Unit code -> level. */
  geoCodes: Map<string, number>;
  /** `${parent code}|${catalogueKey(name)}` -> code ('' parent for level 1). */
  geoNames: Map<string, string>;
  /** Extra-field key -> type. */
  extraFields: Map<string, ExtraFieldType>;
}

/** How values are compared: case, accents and repeated spaces ignored. */
export const catalogueKey = (s: string) =>
  s.normalize('NFD').replace(/\p{M}/gu, '').toUpperCase().trim().replace(/\s+/g, ' ');

/** The place columns of one row, deepest level last. */
export interface GeoParts {
  unit: string | null;
  codes: (string | null)[];
  names: (string | null)[];
}

/** Values no catalogue or map knew. */
export interface UnknownValues {
  eventTypes: Set<string>;
  causes: Set<string>;
  geoUnits: Set<string>;
}

type Created = EventTypeItem | CauseItem | GeoUnitItem;

/** Resolves one import's values; remembers what it created and what stayed unknown. */
export class ValueResolver {
  readonly unknown: UnknownValues = { eventTypes: new Set(), causes: new Set(), geoUnits: new Set() };
  private readonly maps: Record<'eventType' | 'cause' | 'geoUnit', Map<string, string>>;
  private readonly create: NonNullable<NonNullable<TableMapping['options']>['create']>;
  /** Known unit codes; null = no catalogue and no creation: every code passes as given. */
  private readonly geoCodes: Map<string, number> | null;

  constructor(
    mapping: TableMapping,
    private readonly catalogue: TableCatalogue | undefined,
    private readonly language: string,
  ) {
    const map = (key: 'eventType' | 'cause' | 'geoUnit') =>
      new Map(Object.entries(mapping.values?.[key] ?? {}).map(([k, v]) => [catalogueKey(k), v]));
    this.maps = { eventType: map('eventType'), cause: map('cause'), geoUnit: map('geoUnit') };
    this.create = mapping.options?.create ?? {};
    this.geoCodes = catalogue?.geoCodes ?? (this.create.geoUnits ? new Map() : null);
  }

  /** The event type code of a value, and the item to create first (if any). */
  eventType(value: string): { code: string; created: Created[] } {
    return this.flat(
      value,
      'eventType',
      this.catalogue?.eventTypes,
      this.create.eventTypes,
      this.unknown.eventTypes,
    );
  }

  /** The cause code of a value, and the item to create first (if any). */
  cause(value: string): { code: string; created: Created[] } {
    return this.flat(value, 'cause', this.catalogue?.causes, this.create.causes, this.unknown.causes);
  }

  private flat(
    value: string,
    kind: 'eventType' | 'cause',
    known: Map<string, string> | undefined,
    create: boolean | undefined,
    unknown: Set<string>,
  ): { code: string; created: Created[] } {
    const key = catalogueKey(value);
    const mapped = this.maps[kind].get(key) ?? known?.get(key);
    if (mapped !== undefined) return { code: mapped, created: [] };
    if (!known && !create) return { code: value, created: [] };
    if (!create) {
      unknown.add(value);
      return { code: value, created: [] };
    }
    const code = value.slice(0, 60).trim();
    const names = { [this.language]: value.slice(0, 300) };
    known?.set(key, code);
    this.maps[kind].set(key, code);
    const item: Created =
      kind === 'eventType'
        ? {
            kind,
            code,
            names,
            description: null,
            parentCode: null,
            sortOrder: 0,
            hazardCode: null,
            legacy: {},
          }
        : { kind, code, names, sortOrder: 0, legacy: {} };
    return { code, created: [item] };
  }

  /** The unit code of a row's place columns, and the units to create first. */
  geoUnit(parts: GeoParts): { code: string; created: Created[] } {
    if (parts.unit !== null) {
      const mapped = this.maps.geoUnit.get(catalogueKey(parts.unit));
      if (mapped !== undefined) return { code: mapped, created: [] };
      if (this.geoCodes && !this.geoCodes.has(parts.unit)) this.unknown.geoUnits.add(parts.unit);
      return { code: parts.unit, created: [] };
    }
    const created: Created[] = [];
    const path: string[] = [];
    let parent: string | null = null;
    const depth = Math.max(parts.codes.length, parts.names.length);
    for (let i = 0; i < depth; i++) {
      const code = parts.codes[i] ?? null;
      const name = parts.names[i] ?? null;
      if (code === null && name === null) continue;
      path.push(code ?? name!);
      const mapped = this.maps.geoUnit.get(catalogueKey(path.join('/')));
      if (mapped !== undefined) {
        parent = mapped;
        continue;
      }
      const found: string | null =
        code ?? this.catalogue?.geoNames.get(`${parent ?? ''}|${catalogueKey(name!)}`) ?? null;
      const known = found !== null && (this.geoCodes === null || this.geoCodes.has(found));
      if (found !== null && !known && this.create.geoUnits && code !== null) {
        const unit: GeoUnitItem = {
          kind: 'geoUnit',
          level: i + 1,
          code,
          parentCode: parent,
          names: { [this.language]: name ?? code },
          placeholder: false,
          bbox: null,
          centroid: null,
          legacy: {},
        };
        this.geoCodes?.set(code, i + 1);
        created.push(unit);
      } else if (!known) {
        this.unknown.geoUnits.add(path.join('/'));
        return { code: found ?? path.join('/'), created };
      }
      parent = found;
    }
    return { code: parent ?? '', created };
  }
}
