/**
 * The column mapping of a spreadsheet import: which header feeds which datacard target, fixed
 * values for targets no column holds, value maps (source value -> catalogue code) and options.
 * Targets derive from the field registry; see TARGETS for the full list.
 */
import { z } from 'zod';
import { DESCRIPTIVE_FIELDS, EFFECT_KEYS, SECTOR_KEYS } from '../../shared/fields.ts';

/** Deepest administrative level a mapping can address per level (geoCode1…geoCode6). */
export const MAX_GEO_LEVELS = 6;

const levels = Array.from({ length: MAX_GEO_LEVELS }, (_, i) => i + 1);

/** Descriptive registry fields a column can fill directly (references and dates are handled below). */
export const PLAIN_TARGETS = DESCRIPTIVE_FIELDS.filter((f) => f.kind !== 'ref').map((f) => f.key);

/** Every mapping target except `extra.KEY` (an extra field by key). */
export const TARGETS: readonly string[] = [
  ...PLAIN_TARGETS,
  'date',
  'eventType',
  'cause',
  'geoUnit',
  ...levels.map((l) => `geoCode${l}`),
  ...levels.map((l) => `geoName${l}`),
  'uuid',
  'recordedBy',
  'recordedOn',
  ...EFFECT_KEYS,
  ...EFFECT_KEYS.map((k) => `${k}.present`),
  ...SECTOR_KEYS.map((k) => `sector.${k}`),
  'ignore',
];

const TARGET_SET = new Set(TARGETS);
const EXTRA = /^extra\.[A-Za-z][A-Za-z0-9_]{0,62}$/;

/** True for a valid mapping target. */
export const isTarget = (target: string) => TARGET_SET.has(target) || EXTRA.test(target);

const Catalogue = z.enum(['eventType', 'cause', 'geoUnit']);

/** A column mapping as saved and sent over the API. */
export const TableMappingSchema = z
  .strictObject({
    columns: z.record(z.string().min(1), z.string().min(1)).meta({
      description: 'Header -> target (a datacard field key, eventType, cause, geoUnit, geoCodeN, …)',
    }),
    fixed: z
      .record(z.string(), z.union([z.string(), z.number(), z.boolean()]))
      .optional()
      .meta({ description: 'Target -> value used for every row (e.g. { "eventType": "FLOOD" })' }),
    values: z
      .partialRecord(Catalogue, z.record(z.string(), z.string().min(1)))
      .optional()
      .meta({ description: 'Source value -> catalogue code, per catalogue' }),
    options: z
      .strictObject({
        sheet: z.union([z.string().min(1), z.number().int().min(1)]).optional(),
        headerRow: z.number().int().min(1).optional(),
        delimiter: z.string().length(1).optional(),
        decimalSeparator: z.enum(['.', ',']).optional(),
        dateOrder: z.enum(['dmy', 'mdy']).optional(),
        language: z
          .string()
          .regex(/^[a-z]{2,3}$/)
          .optional(),
        create: z
          .strictObject({
            eventTypes: z.boolean().optional(),
            causes: z.boolean().optional(),
            geoUnits: z.boolean().optional(),
          })
          .optional(),
      })
      .optional(),
  })
  .meta({ id: 'TableMapping' });

/** A column mapping. */
export type TableMapping = z.infer<typeof TableMappingSchema>;

/** Why a mapping cannot be used with a file's headers (empty when it can). */
export function mappingProblems(mapping: TableMapping, headers: string[]): string[] {
  const problems: string[] = [];
  const present = new Set(headers);
  const used = new Map<string, string>();
  for (const [header, target] of Object.entries(mapping.columns)) {
    if (!present.has(header)) problems.push(`column '${header}' is not in the file`);
    if (!isTarget(target)) {
      problems.push(`column '${header}': unknown target '${target}'`);
      continue;
    }
    if (target === 'ignore') continue;
    const other = used.get(target);
    if (other) problems.push(`columns '${other}' and '${header}' both map to '${target}'`);
    used.set(target, header);
  }
  for (const target of Object.keys(mapping.fixed ?? {})) {
    if (!isTarget(target) || target === 'ignore') problems.push(`fixed: unknown target '${target}'`);
    else if (used.has(target)) problems.push(`'${target}' has both a column and a fixed value`);
  }
  const has = (...targets: string[]) => targets.some((t) => used.has(t) || mapping.fixed?.[t] !== undefined);
  if (!has('eventType')) problems.push("no column or fixed value for the event type ('eventType')");
  const geo = ['geoUnit', ...levels.flatMap((l) => [`geoCode${l}`, `geoName${l}`])];
  if (!has(...geo))
    problems.push("no column or fixed value for the place ('geoUnit', 'geoCodeN' or 'geoNameN')");
  if (!has('date', 'startYear'))
    problems.push("no column or fixed value for the date ('date' or 'startYear')");
  return problems;
}
