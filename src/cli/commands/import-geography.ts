/** `lossledger import geography FILE.geojson`: load one administrative level from GeoJSON, all or nothing. */
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { systemContext, withTenant } from '../../services/context.ts';
import { type GeoJsonMapping, readGeoJsonUnits } from '../../services/geography/geojson.ts';
import { importGeography } from '../../services/geography/import.ts';
import { readUnitLinks } from '../../services/geography/links-file.ts';
import { resolveTenant } from '../../services/tenants/tenants.ts';
import { AppError } from '../../shared/errors.ts';
import { IsoDateSchema } from '../../shared/schemas/common.ts';
import { type Command, requireOption, UsageError, withDatabase } from '../command.ts';

/** Languages with their own --name-prop-XX option (--name-prop is English). */
const EXTRA_LANGUAGES = ['ru', 'kk', 'es', 'fr', 'ar', 'zh'] as const;

function parseLevel(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > 20) {
    throw new UsageError(`--level must be a whole number from 1 to 20, got '${value}'`);
  }
  return Number(value);
}

/** The property mapping from the command line. */
function mappingFrom(values: Record<string, unknown>): GeoJsonMapping {
  const level = parseLevel(requireOption(values, 'level'));
  const parentProp = typeof values['parent-prop'] === 'string' ? values['parent-prop'] : undefined;
  if (level > 1 && !parentProp) throw new UsageError(`--parent-prop is required for level ${level}`);
  if (level === 1 && parentProp) throw new UsageError('level 1 has no parent: drop --parent-prop');
  const validFrom = typeof values['valid-from'] === 'string' ? values['valid-from'] : null;
  if (validFrom !== null && !IsoDateSchema.safeParse(validFrom).success) {
    throw new UsageError(`--valid-from must be a date YYYY-MM-DD, got '${validFrom}'`);
  }
  const nameProps: Record<string, string> = { en: requireOption(values, 'name-prop') };
  for (const lang of EXTRA_LANGUAGES) {
    const prop = values[`name-prop-${lang}`];
    if (typeof prop === 'string' && prop !== '') nameProps[lang] = prop;
  }
  return { level, codeProp: requireOption(values, 'code-prop'), nameProps, parentProp, validFrom };
}

async function readText(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new AppError(
      'not_found',
      code === 'ENOENT' ? `file not found: ${file}` : `cannot read ${file}: ${code}`,
    );
  }
}

async function readJson(file: string): Promise<unknown> {
  const text = await readText(file);
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new AppError('validation_failed', `${file}: not valid JSON (${(error as Error).message})`);
  }
}

/** The `import geography` command. */
export const importGeographyCommand: Command = {
  name: 'import geography',
  summary: 'Import one level of administrative units from a GeoJSON FeatureCollection',
  usage: `lossledger import geography FILE.geojson --tenant CODE --level N --code-prop P --name-prop P
       [--parent-prop P] [--name-prop-ru P] [--name-prop-kk P] [--name-prop-es P] [--name-prop-fr P]
       [--name-prop-ar P] [--name-prop-zh P] [--valid-from YYYY-MM-DD] [--links LINKS.csv] [--level-name NAME]
  --name-prop is the English name; --parent-prop (the parent's code at level N-1) is required when N > 1.
  Importing a file again updates the units with the same code and valid-from date.
  With --valid-from the file is a new version of the level: units of the previous version whose code
  is in the file continue; the others end (valid_to = valid-from, their last day the day before). --links names the
  boundary changes, one CSV line each: predecessor_code,successor_code[,share] (share: the fraction
  of the predecessor that went to the successor); a predecessor ends even if its code continues.
  Import a new version level by level, top down.`,
  options: {
    tenant: { type: 'string' },
    level: { type: 'string' },
    'code-prop': { type: 'string' },
    'name-prop': { type: 'string' },
    'parent-prop': { type: 'string' },
    ...Object.fromEntries(EXTRA_LANGUAGES.map((l) => [`name-prop-${l}`, { type: 'string' as const }])),
    'valid-from': { type: 'string' },
    links: { type: 'string' },
    'level-name': { type: 'string' },
  },
  async run({ values, positionals }) {
    const started = performance.now();
    if (positionals.length !== 1) throw new UsageError('give exactly one FILE.geojson');
    const file = positionals[0]!;
    const code = requireOption(values, 'tenant');
    const mapping = mappingFrom(values);
    // Read and check the whole file before opening the database: most mistakes surface in a moment.
    const units = readGeoJsonUnits(await readJson(file), mapping, file);
    const linksFile = typeof values.links === 'string' ? values.links : null;
    if (linksFile && !mapping.validFrom)
      throw new UsageError('--links needs --valid-from (the day of the change)');
    const links = linksFile ? readUnitLinks(await readText(linksFile), basename(linksFile)) : undefined;
    const result = await withDatabase(values, 'lossledger import geography', async (d) => {
      const ctx = withTenant(systemContext('cli'), await resolveTenant(d.db, code));
      return importGeography(d.db, ctx, {
        fileName: basename(file),
        level: mapping.level,
        levelName: typeof values['level-name'] === 'string' ? values['level-name'] : undefined,
        validFrom: mapping.validFrom,
        units,
        links,
      });
    });
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.log(
      `Imported ${basename(file)} into ${code} level ${mapping.level}${result.levelCreated ? ' (new level)' : ''}: ` +
        `${result.created} created, ${result.updated} updated, ${result.unchanged} unchanged` +
        (mapping.validFrom ? `, ${result.ended} ended, ${result.linked} linked` : '') +
        ` in ${seconds} s.`,
    );
    return 0;
  },
};
