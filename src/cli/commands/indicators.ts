/** `lossledger indicators`: Sendai (or SDG) indicators of a tenant per year, as JSON, CSV, XLSX or Markdown. */
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { finished } from 'node:stream/promises';
import { systemContext, withTenant } from '../../services/context.ts';
import { indicatorCsv } from '../../services/sendai/csv.ts';
import { computeIndicators } from '../../services/sendai/indicators.ts';
import { indicatorMarkdown } from '../../services/sendai/markdown.ts';
import { loadNationalMetadata, type NationalMetadata } from '../../services/sendai/metadata.ts';
import { sdgReport } from '../../services/sendai/sdg.ts';
import { writeIndicatorTable } from '../../services/sendai/table.ts';
import { resolveTenant } from '../../services/tenants/tenants.ts';
import { type MoneyBasis, MoneyBasisSchema } from '../../shared/money.ts';
import {
  IndicatorQuerySchema,
  type IndicatorReport,
  indicatorOptions,
} from '../../shared/schemas/indicators.ts';
import { type Command, requireOption, UsageError, withDatabase } from '../command.ts';

const FORMATS = {
  json: (r: IndicatorReport) => `${JSON.stringify(r, null, 2)}\n`,
  csv: (r: IndicatorReport, sdg: boolean) => indicatorCsv(r.rows, { sfmCodes: !sdg }),
  markdown: (r: IndicatorReport, sdg: boolean, metadata?: NationalMetadata) =>
    indicatorMarkdown(r, sdg ? 'SDG disaster indicators' : undefined, metadata),
} as const;

/** --currency local|usd and --constant YEAR, as for `lossledger stats`; undefined = local, nominal. */
function moneyOption(values: Record<string, unknown>): MoneyBasis | undefined {
  if (values.currency === undefined && values.constant === undefined) return undefined;
  const currency = values.currency === undefined ? 'local' : String(values.currency);
  if (currency !== 'local' && currency !== 'usd')
    throw new UsageError(`unknown --currency ${currency} (local or usd)`);
  if (values.constant === undefined) return { currency, basis: 'nominal' };
  const year = String(values.constant);
  if (!/^\d{4}$/.test(year)) throw new UsageError('--constant must be a base year such as 2015');
  const parsed = MoneyBasisSchema.safeParse({ currency, basis: 'constant', baseYear: Number(year) });
  if (!parsed.success) throw new UsageError(`--constant: ${parsed.error.issues[0]!.message}`);
  return parsed.data;
}

/** The `indicators` command. */
export const indicatorsCommand: Command = {
  name: 'indicators',
  summary: 'Print the Sendai Framework (or SDG) indicators of a tenant per year',
  usage:
    'lossledger indicators --tenant CODE [--from YEAR --to YEAR] [--status published|all|published,submitted…] ' +
    '[--by all|sex,age,disability,income,hazardType,hazardCluster,hazard,geo,damage,subIndicator] [--currency local|usd [--constant YEAR]] [--sdg] ' +
    '--format json|csv|markdown|xlsx [--out FILE]\n  --out writes the file instead of standard output; xlsx needs it.',
  options: {
    tenant: { type: 'string' },
    from: { type: 'string' },
    to: { type: 'string' },
    status: { type: 'string' },
    by: { type: 'string' },
    currency: { type: 'string' },
    constant: { type: 'string' },
    sdg: { type: 'boolean' },
    format: { type: 'string' },
    out: { type: 'string' },
  },
  async run({ values, positionals }) {
    if (positionals.length) throw new UsageError(`unexpected argument '${positionals[0]}'`);
    const code = requireOption(values, 'tenant');
    const format = String(values.format ?? 'json');
    if (!(format in FORMATS) && format !== 'xlsx')
      throw new UsageError(`unknown --format ${format} (json, csv, markdown or xlsx)`);
    const file = values.out === undefined ? undefined : String(values.out);
    if (format === 'xlsx' && file === undefined) throw new UsageError('--format xlsx needs --out FILE');
    const money = moneyOption(values);
    const parsed = IndicatorQuerySchema.safeParse({
      from: values.from,
      to: values.to,
      status: values.status,
      by: values.by,
    });
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new UsageError(`--${issue.path.join('.')}: ${issue.message}`);
    }
    const { report, metadata } = await withDatabase(values, 'lossledger indicators', async (d) => {
      const ctx = withTenant(systemContext('cli'), await resolveTenant(d.db, code));
      const report = await computeIndicators(d.db, ctx, { ...indicatorOptions(parsed.data), money });
      // The readable report states the national metadata the figures were made with.
      const metadata = format === 'markdown' ? await loadNationalMetadata(d.db, ctx, report) : undefined;
      return { report, metadata };
    });
    const sdg = values.sdg === true;
    const shown = sdg ? sdgReport(report) : report;
    if (format === 'xlsx') await writeWorkbook(file!, shown, sdg);
    else {
      const text = FORMATS[format as keyof typeof FORMATS](shown, sdg, metadata);
      if (file === undefined) process.stdout.write(text);
      else await writeFile(file, text);
    }
    return 0;
  },
};

/** The rows as an XLSX file (one sheet; Sendai rows with their SFM codes). */
async function writeWorkbook(file: string, report: IndicatorReport, sdg: boolean): Promise<void> {
  const out = createWriteStream(file);
  await once(out, 'open');
  await writeIndicatorTable('xlsx', out, report, sdg ? 'sdg' : 'indicators', { sfmCodes: !sdg });
  await finished(out);
}
