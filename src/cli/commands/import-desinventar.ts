/** `lossledger import desinventar FILE --tenant CODE`: load a DesInventar XML export (.xml or .zip). */
import { existsSync } from 'node:fs';
import { systemContext, withTenant } from '../../services/context.ts';
import { runImport } from '../../services/imports/run-import.ts';
import { openDesInventarSource } from '../../services/imports/sources.ts';
import type { ImportReport } from '../../services/imports/types.ts';
import { resolveTenant } from '../../services/tenants/tenants.ts';
import { AppError } from '../../shared/errors.ts';
import { type Command, requireOption, UsageError, withDatabase } from '../command.ts';
import { progressDisplay } from '../progress.ts';

/** Issues printed per list; the rest are counted (the full list is in --json and import_runs). */
const SHOWN = 20;

/** The report as a few readable lines. */
export function formatReport(report: ImportReport, tenant: string): string {
  const verb = report.status === 'dry_run' ? 'Dry run of' : 'Imported';
  const lines = [
    `${verb} ${report.source} into ${tenant} in ${(report.durationMs / 1000).toFixed(1)} s (import ${report.importId})`,
  ];
  lines.push(`  ${''.padEnd(14)}${'created'.padStart(9)}${'updated'.padStart(9)}${'unchanged'.padStart(11)}`);
  for (const [kind, c] of Object.entries(report.counts)) {
    if (c.created + c.updated + c.unchanged === 0) continue;
    lines.push(
      `  ${kind.padEnd(14)}${String(c.created).padStart(9)}${String(c.updated).padStart(9)}${String(c.unchanged).padStart(11)}`,
    );
  }
  const { all, published } = report.totals;
  const sums = Object.entries(all.sums)
    .filter(([, v]) => v !== 0)
    .map(([k, v]) => `${k} ${v.toLocaleString('en')}`);
  lines.push(
    `Cards: ${all.cards} (${published.cards} published)${sums.length ? `; ${sums.join(', ')}` : ''}`,
  );
  const list = (title: string, issues: ImportReport['warnings']) => {
    if (issues.length === 0) return;
    lines.push(`${title} (${issues.length}):`);
    for (const i of issues.slice(0, SHOWN)) lines.push(`  ${i.place ? `${i.place}: ` : ''}${i.message}`);
    if (issues.length > SHOWN) lines.push(`  … ${issues.length - SHOWN} more (see --json)`);
  };
  list('Rows skipped', report.errors);
  list('Warnings', report.warnings);
  if (report.unknownTables.length)
    lines.push(`Tables kept as legacy rows: ${report.unknownTables.join(', ')}`);
  if (report.unknownColumns.length)
    lines.push(`Columns kept as legacy fields: ${report.unknownColumns.join(', ')}`);
  return lines.join('\n');
}

export const importDesInventarCommand: Command = {
  name: 'import desinventar',
  summary: 'Import a DesInventar XML export (.xml or .zip) into a tenant (all or nothing unless --per-row)',
  usage:
    'lossledger import desinventar FILE --tenant CODE [--dry-run] [--per-row] [--language es] [--json]\n' +
    '  --dry-run   do everything, report, then roll back (nothing is written but the import record)\n' +
    '  --per-row   skip bad cards and list them instead of failing the whole import\n' +
    "  --language  language of the file's local names (default: the file's, else es)\n" +
    '  --json      print the full report as JSON',
  options: {
    tenant: { type: 'string' },
    'dry-run': { type: 'boolean' },
    'per-row': { type: 'boolean' },
    language: { type: 'string' },
    json: { type: 'boolean' },
  },
  async run({ values, positionals }) {
    if (positionals.length !== 1) throw new UsageError('give exactly one FILE');
    const file = positionals[0]!;
    const code = requireOption(values, 'tenant');
    const language = values.language as string | undefined;
    if (language !== undefined && !/^[a-z]{2,3}$/.test(language))
      throw new UsageError(`--language must be a language code such as es or en, got '${language}'`);
    if (!existsSync(file)) throw new AppError('validation_failed', `file not found: ${file}`);
    const source = openDesInventarSource(file, language);
    const progress = progressDisplay();
    const report = await withDatabase(values, 'lossledger import desinventar', async (d) => {
      const ctx = withTenant(systemContext('cli'), await resolveTenant(d.db, code));
      const options = {
        dryRun: Boolean(values['dry-run']),
        mode: values['per-row'] ? ('per-row' as const) : ('all-or-nothing' as const),
      };
      try {
        return await runImport(d.db, ctx, source, { ...options, onProgress: progress.update });
      } finally {
        progress.done();
      }
    });
    console.log(values.json ? JSON.stringify(report, null, 2) : formatReport(report, code));
    return 0;
  },
};
