/**
 * Reads administrative units from a GeoJSON FeatureCollection: code, names and parent code from
 * named properties, the boundary from the geometry. Every feature is checked with the same schema
 * as POST /geo-units; all problems are reported together, each naming its feature.
 */
import { AppError } from '../../shared/errors.ts';
import { type Geometry, GeoUnitCreateSchema } from '../../shared/schemas/geography.ts';

/** Which feature properties hold what. */
export interface GeoJsonMapping {
  level: number;
  codeProp: string;
  /** Name property per language code; `en` is required. */
  nameProps: Record<string, string>;
  /** The parent's code (at level - 1); required below the top level. */
  parentProp?: string;
  validFrom: string | null;
}

/** One unit read from a feature. */
export interface ImportUnit {
  /** 1-based feature number, for messages. */
  feature: number;
  code: string;
  names: Record<string, string>;
  parentCode: string | null;
  geometry: Geometry | null;
}

const MAX_REPORTED = 20;

/** The feature property as text; numbers are accepted (codes are often numeric), empty means absent. */
function textProp(properties: Record<string, unknown>, name: string): string | null {
  const v = properties[name];
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  if (typeof v === 'string' && v.trim() !== '') return v.trim();
  return null;
}

/** A failure listing the first problems, each on its own line. */
export function importProblems(source: string, problems: string[]): AppError {
  const shown = problems.slice(0, MAX_REPORTED).map((p) => `  - ${p}`);
  if (problems.length > MAX_REPORTED) shown.push(`  … and ${problems.length - MAX_REPORTED} more`);
  return new AppError('validation_failed', `${source}: ${problems.length} problem(s):\n${shown.join('\n')}`);
}

/** Feature numbers lacking each required property. */
type Lacking = Map<string, number[]>;

function readFeature(
  feature: unknown,
  n: number,
  mapping: GeoJsonMapping,
  problems: string[],
  lacking: Lacking,
): ImportUnit | null {
  const f = feature as { type?: unknown; properties?: unknown; geometry?: unknown } | null;
  if (!f || typeof f !== 'object' || f.type !== 'Feature') {
    problems.push(`feature #${n} is not a GeoJSON Feature`);
    return null;
  }
  const props = (f.properties && typeof f.properties === 'object' ? f.properties : {}) as Record<
    string,
    unknown
  >;
  const required = [
    mapping.codeProp,
    mapping.nameProps.en!,
    ...(mapping.parentProp ? [mapping.parentProp] : []),
  ];
  const missing = required.filter((p) => textProp(props, p) === null);
  for (const p of missing) lacking.set(p, [...(lacking.get(p) ?? []), n]);
  if (missing.length > 0) return null;
  const code = textProp(props, mapping.codeProp)!;
  const names: Record<string, string> = {};
  for (const [lang, prop] of Object.entries(mapping.nameProps)) {
    const name = textProp(props, prop);
    if (name !== null) names[lang] = name;
  }
  const parsed = GeoUnitCreateSchema.safeParse({
    code,
    level: mapping.level,
    names,
    geometry: f.geometry ?? null,
    validFrom: mapping.validFrom,
  });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      problems.push(`feature #${n} (${code}): ${issue.path.join('.')}: ${issue.message}`);
    }
    return null;
  }
  const parentCode = mapping.parentProp ? textProp(props, mapping.parentProp) : null;
  return { feature: n, code, names, parentCode, geometry: parsed.data.geometry ?? null };
}

/** One line per missing property; when no feature has it, the properties the first feature does have. */
function lackingMessage(prop: string, numbers: number[], features: unknown[]): string {
  const list =
    numbers
      .slice(0, 5)
      .map((n) => `#${n}`)
      .join(', ') + (numbers.length > 5 ? ', …' : '');
  const who = numbers.length === 1 ? `feature ${list} lacks` : `${numbers.length} features (${list}) lack`;
  if (numbers.length < features.length) return `${who} property ${prop}`;
  const first = (features[0] as { properties?: Record<string, unknown> } | null)?.properties ?? {};
  return `${who} property ${prop}; feature #1 has: ${Object.keys(first).join(', ') || 'no properties'}`;
}

/** The units of a FeatureCollection, or an AppError naming `source` and every bad feature. */
export function readGeoJsonUnits(json: unknown, mapping: GeoJsonMapping, source: string): ImportUnit[] {
  const collection = json as { type?: unknown; features?: unknown } | null;
  if (!collection || typeof collection !== 'object' || collection.type !== 'FeatureCollection') {
    const type = collection && typeof collection === 'object' ? JSON.stringify(collection.type) : typeof json;
    throw new AppError('validation_failed', `${source}: not a GeoJSON FeatureCollection (type is ${type})`);
  }
  if (!Array.isArray(collection.features) || collection.features.length === 0) {
    throw new AppError('validation_failed', `${source}: the FeatureCollection has no features`);
  }
  const problems: string[] = [];
  const units: ImportUnit[] = [];
  const firstByCode = new Map<string, number>();
  const lacking: Lacking = new Map();
  const features = collection.features as unknown[];
  features.forEach((feature, i) => {
    const unit = readFeature(feature, i + 1, mapping, problems, lacking);
    if (!unit) return;
    const first = firstByCode.get(unit.code);
    if (first !== undefined)
      problems.push(`feature #${unit.feature}: code ${unit.code} repeats feature #${first}`);
    else firstByCode.set(unit.code, unit.feature);
    units.push(unit);
  });
  for (const [prop, numbers] of lacking) problems.unshift(lackingMessage(prop, numbers, features));
  for (const [lang, prop] of Object.entries(mapping.nameProps)) {
    if (lang !== 'en' && units.length > 0 && units.every((u) => u.names[lang] === undefined)) {
      problems.push(`no feature has property ${prop} (the ${lang} name)`);
    }
  }
  if (problems.length > 0) throw importProblems(source, problems);
  return units;
}
