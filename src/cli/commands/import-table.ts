/** `lossledger import table FILE`: a CSV or XLSX sheet through a column mapping; `--suggest` prints one. */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { TableMapping } from '../../formats/table/mapping.ts';
import { systemContext, withTenant } from '../../services/context.ts';
import { importTable } from '../../services/imports/table/import.ts';
import { findImportMapping } from '../../services/imports/table/mappings.ts';
import { previewTable } from '../../services/imports/table/preview.ts';
import { resolveTenant } from '../../services/tenants/tenants.ts';
import { AppError } from '../../shared/errors.ts';
import { type Command, requireOption, UsageError, withDatabase } from '../command.ts';
import { importOptions, reportLines } from './import-di8.ts';

const isMappingFile = (value: string) => value.toLowerCase().endsWith('.json') || existsSync(value);

async function readMappingFile(file: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new AppError('not_found', `cannot read mapping ${file}: ${(error as NodeJS.ErrnoException).code}`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new AppError('validation_failed', `${file}: not valid JSON (${(error as Error).message})`);
  }
}

async function suggest(file: string, sheet: string | undefined): Promise<number> {
  const preview = await previewTable({ path: file, name: basename(file) }, { sheet });
  const mapping: TableMapping = { ...preview.suggestion.mapping, ...(sheet ? { options: { sheet } } : {}) };
  console.log(JSON.stringify(mapping, null, 2));
  const unmatched = preview.suggestion.matches.filter((m) => m.target === null).map((m) => m.header);
  if (unmatched.length > 0)
    console.error(`Not matched (kept in legacy unless mapped or set to "ignore"): ${unmatched.join(', ')}`);
  return 0;
}

/** The `import table` command. */
export const importTableCommand: Command = {
  name: 'import table',
  summary: 'Import datacards from a CSV or XLSX sheet through a column mapping',
  usage: `lossledger import table FILE --tenant CODE --mapping NAME|FILE.json [--dry-run] [--per-row]
       lossledger import table FILE --suggest [--sheet NAME]
  --mapping names a saved mapping of the tenant or a JSON file { columns, fixed?, values?, options? }.
  --suggest prints a mapping suggested from the headers (save it, edit it, pass it to --mapping).
  --dry-run checks and reports without writing; --per-row skips bad rows instead of failing the import.`,
  options: {
    tenant: { type: 'string' },
    mapping: { type: 'string' },
    suggest: { type: 'boolean' },
    sheet: { type: 'string' },
    'dry-run': { type: 'boolean' },
    'per-row': { type: 'boolean' },
  },
  async run({ values, positionals }) {
    const started = performance.now();
    if (positionals.length !== 1) throw new UsageError('give exactly one FILE');
    const file = positionals[0]!;
    if (!existsSync(file)) throw new AppError('not_found', `file not found: ${file}`);
    const sheet = typeof values.sheet === 'string' ? values.sheet : undefined;
    if (values.suggest === true) return suggest(file, sheet);
    const code = requireOption(values, 'tenant');
    const named = requireOption(values, 'mapping');
    const fromFile = isMappingFile(named) ? ((await readMappingFile(named)) as TableMapping) : null;
    const options = importOptions(values);
    const result = await withDatabase(values, 'lossledger import table', async (d) => {
      const ctx = withTenant(systemContext('cli'), await resolveTenant(d.db, code));
      const mapping = fromFile ?? (await findImportMapping(d.db, ctx, named)).mapping;
      const withSheet = sheet ? { ...mapping, options: { ...mapping.options, sheet } } : mapping;
      return importTable(d.db, ctx, { path: file, name: basename(file) }, withSheet, options);
    });
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    // The reader's list of unknown values is complete; the loader's stops at a card's first one.
    const none = { eventTypes: [], causes: [], geoUnits: [] };
    const lines = reportLines({ ...result.report, unmapped: none }, code, seconds);
    const unknown = Object.entries(result.unknown).filter(([, v]) => v.length > 0);
    if (unknown.length > 0) {
      lines.push('  values to map (mapping.values) or create (options.create):');
      for (const [kind, list] of unknown) lines.push(`    ${kind}: ${list.join(', ')}`);
    }
    console.log(lines.join('\n'));
    return 0;
  },
};
