/** `lossledger export desinventar|csv|xlsx|geojson`: write a tenant's datacards to a file, streamed. */
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import type { Writable } from 'node:stream';
import { systemContext, withTenant } from '../../services/context.ts';
import { type CardExportFormat, exportCards } from '../../services/exports/cards.ts';
import { exportDesInventar } from '../../services/exports/desinventar.ts';
import type { CardExportFilter } from '../../services/exports/read.ts';
import { resolveTenant } from '../../services/tenants/tenants.ts';
import { DATACARD_STATUS_VALUES, type DatacardStatus } from '../../shared/status.ts';
import { type Command, requireOption, UsageError, withDatabase } from '../command.ts';

type ExportKind = CardExportFormat | 'desinventar';

function year(values: Record<string, unknown>, name: string): number | undefined {
  const raw = values[name];
  if (raw === undefined) return undefined;
  if (typeof raw !== 'string' || !/^\d{1,4}$/.test(raw))
    throw new UsageError(`--${name} must be a year, not '${raw}'`);
  return Number(raw);
}

/** The filter from the command line; `status` defaults differ (a DesInventar export is a full backup). */
function filterFrom(
  values: Record<string, unknown>,
  defaultStatus: DatacardStatus | 'all',
): CardExportFilter {
  const status = String(values.status ?? defaultStatus);
  if (status !== 'all' && !DATACARD_STATUS_VALUES.includes(status as DatacardStatus)) {
    throw new UsageError(`unknown --status ${status} (one of ${DATACARD_STATUS_VALUES.join(', ')}, all)`);
  }
  const filter: CardExportFilter = { status: status as DatacardStatus | 'all' };
  const from = year(values, 'year-from');
  const to = year(values, 'year-to');
  if (from !== undefined) filter.yearFrom = from;
  if (to !== undefined) filter.yearTo = to;
  if (from !== undefined && to !== undefined && from > to)
    throw new UsageError('--year-from is after --year-to');
  return filter;
}

/** Progress on stderr: rewritten in place on a terminal, one line per step otherwise. */
function progress(kind: ExportKind): (text: string) => void {
  let last = 0;
  return (text) => {
    const now = Date.now();
    if (now - last < 500) return;
    last = now;
    if (process.stderr.isTTY) process.stderr.write(`\r${kind}: ${text}   `);
    else process.stderr.write(`${kind}: ${text}\n`);
  };
}

async function run(
  kind: ExportKind,
  values: Record<string, unknown>,
  positionals: string[],
): Promise<number> {
  if (positionals.length) throw new UsageError(`unexpected argument '${positionals[0]}'`);
  const code = requireOption(values, 'tenant');
  const file = requireOption(values, 'out');
  const filter = filterFrom(values, kind === 'desinventar' ? 'all' : 'published');
  const language = values.language === undefined ? undefined : String(values.language);
  if (language !== undefined && !/^[a-z]{2,3}$/.test(language))
    throw new UsageError(`--language must be a language code such as ru or en, got '${language}'`);
  const started = performance.now();
  const report = progress(kind);
  const result = await withDatabase(values, `lossledger export ${kind}`, async (d) => {
    const tenant = await resolveTenant(d.db, code);
    const ctx = { ...withTenant(systemContext('cli'), tenant), language: language ?? tenant.defaultLanguage };
    const out: Writable = createWriteStream(file);
    await once(out, 'open');
    const snapshot = d.engine === 'postgres';
    try {
      if (kind === 'desinventar') {
        return await exportDesInventar(d.db, ctx, out, {
          filter,
          snapshot,
          language,
          onProgress: (table, rows) => report(`${table} ${rows.toLocaleString('en')} rows`),
        });
      }
      return await exportCards(d.db, ctx, kind, out, filter, {
        snapshot,
        onProgress: (cards) => report(`${cards.toLocaleString('en')} cards`),
      });
    } catch (error) {
      out.destroy();
      await rm(file, { force: true });
      throw error;
    }
  });
  if (process.stderr.isTTY) process.stderr.write('\n');
  const seconds = (performance.now() - started) / 1000;
  console.error(
    `Exported ${result.cards.toLocaleString('en')} datacards of ${code} to ${file} in ${seconds.toFixed(1)} s ` +
      `(${Math.round(result.cards / Math.max(seconds, 0.001)).toLocaleString('en')} cards/s).`,
  );
  return 0;
}

const options = {
  tenant: { type: 'string' },
  out: { type: 'string' },
  status: { type: 'string' },
  'year-from': { type: 'string' },
  'year-to': { type: 'string' },
  language: { type: 'string' },
} as const;

const exportCommand = (kind: ExportKind, summary: string, defaultStatus: string): Command => ({
  name: `export ${kind}`,
  summary,
  usage: `lossledger export ${kind} --tenant CODE --out FILE [--status published|all|draft|submitted|rejected|support]
       [--year-from Y] [--year-to Y] [--language ru]
  --status defaults to ${defaultStatus}. Soft-deleted cards are never exported. Progress goes to stderr.
  --language: ${kind === 'desinventar' ? "language of DesInventar's local names (default: the imported file's, else the tenant's)" : "language of the names of event types, causes and units (default: the tenant's)"}.`,
  options,
  run: ({ values, positionals }) => run(kind, values, positionals),
});

/** `export desinventar`: the whole tenant as a DesInventar XML file a DesInventar server imports. */
export const exportDesInventarCommand = exportCommand(
  'desinventar',
  'Export a tenant as DesInventar XML (catalogues, geography, datacards, extension, metadata)',
  'all',
);
/** `export csv`. */
export const exportCsvCommand = exportCommand('csv', 'Export datacards as CSV', 'published');
/** `export xlsx`. */
export const exportXlsxCommand = exportCommand('xlsx', 'Export datacards as an Excel workbook', 'published');
/** `export geojson`. */
export const exportGeojsonCommand = exportCommand(
  'geojson',
  'Export datacards as a GeoJSON FeatureCollection (points)',
  'published',
);
