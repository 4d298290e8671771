/** `lossledger import di8 PATH`: a DesInventar 8 region (folder of CSV tables or SQLite .db) into a tenant. */
import { existsSync } from 'node:fs';
import { readDi8 } from '../../formats/di8/read.ts';
import { systemContext, withTenant } from '../../services/context.ts';
import { runImport } from '../../services/imports/run-import.ts';
import type { ImportReport } from '../../services/imports/types.ts';
import { resolveTenant } from '../../services/tenants/tenants.ts';
import { AppError } from '../../shared/errors.ts';
import { type Command, requireOption, UsageError, withDatabase } from '../command.ts';

const LISTED = 10;

/** The lines a CLI import prints: counts, published totals, warnings, errors and unmapped values. */
export function reportLines(report: ImportReport, tenant: string, seconds: string): string[] {
  const head =
    report.status === 'dry_run'
      ? `Dry run of ${report.source} into ${tenant} (nothing written) in ${seconds} s:`
      : `Imported ${report.source} into ${tenant} in ${seconds} s:`;
  const lines = [head];
  for (const [kind, c] of Object.entries(report.counts)) {
    if (c.created + c.updated + c.unchanged > 0) {
      lines.push(`  ${kind}: ${c.created} created, ${c.updated} updated, ${c.unchanged} unchanged`);
    }
  }
  const { cards, sums } = report.totals.published;
  const figures = Object.entries(sums).filter(([, v]) => v !== 0);
  lines.push(`  published: ${cards} cards${figures.map(([k, v]) => `, ${k} ${v}`).join('')}`);
  const list = (title: string, issues: ImportReport['warnings']) => {
    if (issues.length === 0) return;
    lines.push(`  ${title}: ${issues.length}`);
    for (const i of issues.slice(0, LISTED))
      lines.push(`    - ${i.place ? `${i.place}: ` : ''}${i.message} [${i.code}]`);
    if (issues.length > LISTED) lines.push(`    … ${issues.length - LISTED} more in the import report`);
  };
  list('warnings', report.warnings);
  list('rows not imported', report.errors);
  for (const [kind, values] of Object.entries(report.unmapped)) {
    if (values.length > 0) lines.push(`  unknown ${kind}: ${values.join(', ')}`);
  }
  if (report.unknownColumns.length > 0)
    lines.push(`  columns kept in legacy: ${report.unknownColumns.join(', ')}`);
  return lines;
}

/** --dry-run and --per-row as loader options. */
export function importOptions(values: Record<string, unknown>) {
  return {
    dryRun: values['dry-run'] === true,
    mode: values['per-row'] === true ? ('per-row' as const) : ('all-or-nothing' as const),
  };
}

/** The `import di8` command. */
export const importDi8Command: Command = {
  name: 'import di8',
  summary: 'Import a DesInventar 8 region (folder of CSV tables or SQLite .db file)',
  usage: `lossledger import di8 PATH --tenant CODE [--dry-run] [--per-row]
  PATH is a folder of the region's tables as CSV (Disaster.csv, Geography.csv, …) or its SQLite database.
  --dry-run checks and reports without writing; --per-row skips bad rows instead of failing the import.`,
  options: {
    tenant: { type: 'string' },
    'dry-run': { type: 'boolean' },
    'per-row': { type: 'boolean' },
  },
  async run({ values, positionals }) {
    const started = performance.now();
    if (positionals.length !== 1) throw new UsageError('give exactly one PATH');
    const path = positionals[0]!;
    const code = requireOption(values, 'tenant');
    if (!existsSync(path)) throw new AppError('not_found', `no such file or folder: ${path}`);
    const options = importOptions(values);
    const { report, source } = await withDatabase(values, 'lossledger import di8', async (d) => {
      const ctx = withTenant(systemContext('cli'), await resolveTenant(d.db, code));
      const source = readDi8(path, { badRows: options.mode === 'per-row' ? 'skip' : 'fail' });
      return { report: await runImport(d.db, ctx, source, options), source };
    });
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    const lines = reportLines(report, code, seconds);
    const dontKnow = Object.entries(source.stats.dontKnow);
    if (dontKnow.length > 0) {
      lines.push(
        `  "don't know" (-2) cells, imported as not reported: ${dontKnow.map(([k, n]) => `${k} ${n}`).join(', ')}`,
      );
    }
    console.log(lines.join('\n'));
    return 0;
  },
};
