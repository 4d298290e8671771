/**
 * `lossledger stats`: statistics of a tenant's cards, grouped by up to three dimensions, as
 * JSON `{ "rows": [ { <dimension>: label, <measure>: number } ] }` or CSV. Labels are what a
 * reader sees: the event type's name as stored (in --language, falling back to the tenant's
 * default language, English, then the code), unit and cause names, years and months as
 * numbers, null for "unknown" (no month, no cause, a card above the level). `--currency local|usd`
 * (and `--constant YEAR` for constant prices) converts the loss measures; the JSON then carries
 * the `money` block (cards reported, converted, deflated, left out), and CSV prints it to stderr.
 */
import { PassThrough } from 'node:stream';
import { cardStatistics } from '../../services/analytics/statistics.ts';
import { statisticsTable, writeTable } from '../../services/analytics/tables.ts';
import { systemContext, withTenant } from '../../services/context.ts';
import { resolveTenant } from '../../services/tenants/tenants.ts';
import type { MoneyResult } from '../../shared/money.ts';
import { StatisticsQuerySchema } from '../../shared/schemas/analytics.ts';
import { DATACARD_STATUS_VALUES, type DatacardStatus } from '../../shared/status.ts';
import { type Command, requireOption, UsageError, withDatabase } from '../command.ts';

const list = (value: unknown) =>
  value === undefined
    ? []
    : String(value)
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);

/** --status: published, all, one state or several (comma-separated). */
function statusOption(value: unknown): DatacardStatus | DatacardStatus[] | 'all' | undefined {
  if (value === undefined) return undefined;
  if (value === 'all') return 'all';
  const states = list(value);
  const unknown = states.find((s) => !DATACARD_STATUS_VALUES.includes(s as DatacardStatus));
  if (unknown !== undefined || states.length === 0) throw new UsageError(`unknown --status ${value}`);
  return states.length === 1 ? (states[0] as DatacardStatus) : (states as DatacardStatus[]);
}

/** --currency and --constant: the money basis, or undefined (losses as stored). */
function moneyOption(values: Record<string, unknown>) {
  if (values.currency === undefined && values.constant === undefined) return undefined;
  const currency = values.currency === undefined ? 'local' : String(values.currency);
  if (currency !== 'local' && currency !== 'usd')
    throw new UsageError(`unknown --currency ${currency} (local or usd)`);
  if (values.constant === undefined) return { currency };
  const year = String(values.constant);
  if (!/^\d{4}$/.test(year)) throw new UsageError('--constant must be a base year such as 2015');
  return { currency, basis: 'constant', baseYear: Number(year) };
}

/** One line saying how the money figures were obtained. */
function moneySummary(m: MoneyResult): string {
  const prices = m.basis === 'constant' ? `constant ${m.baseYear} prices` : 'nominal prices';
  const c = m.counts;
  const years = (label: string, list: number[]) => (list.length ? `; ${label}: ${list.join(', ')}` : '');
  return (
    `money: ${m.currencyCode} at ${prices}; ${m.withLoss} cards with losses: ${c.reported} reported, ` +
    `${c.converted} converted, ${c.deflated} deflated, ${c.missing_rate} without a rate, ` +
    `${c.missing_cpi} without a price index (left out)` +
    years('years lacking a rate', m.missingRateYears) +
    years('years lacking an index', m.missingCpiYears)
  );
}

/** The statistics query of the command line (usage errors for anything malformed). */
function queryOf(values: Record<string, unknown>) {
  let filter: unknown = {};
  if (values.filter !== undefined) {
    try {
      filter = JSON.parse(String(values.filter));
    } catch {
      throw new UsageError('--filter must be a JSON filter spec, e.g. {"eventTypes":["FLOOD"]}');
    }
  }
  const status = statusOption(values.status);
  const body = {
    filter: status === undefined ? filter : { ...(filter as object), status },
    by: list(values.by),
    measures: values.measure === undefined ? ['count'] : list(values.measure),
    money: moneyOption(values),
    ...(values.geography === undefined ? {} : { geography: String(values.geography) }),
  };
  const parsed = StatisticsQuerySchema.safeParse(body);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || 'filter'}: ${i.message}`);
    throw new UsageError(issues.join('; '));
  }
  return parsed.data;
}

/** The rows as CSV text (the same writer as the API's downloads). */
async function csvText(result: Awaited<ReturnType<typeof cardStatistics>>): Promise<string> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  await writeTable('csv', out, statisticsTable(result), 'statistics');
  return Buffer.concat(chunks).toString('utf8');
}

/** The `stats` command. */
export const statsCommand: Command = {
  name: 'stats',
  summary: 'Print statistics (measures grouped by up to 3 dimensions) of a tenant as JSON or CSV',
  usage:
    'lossledger stats --tenant CODE [--by event,year,…] [--measure count,deaths,avg:injured,…] ' +
    '[--status published|all|<state>[,<state>…]] [--filter JSON] [--currency local|usd [--constant YEAR]] ' +
    '[--geography historical|current] [--language en] [--format json|csv]',
  options: {
    tenant: { type: 'string' },
    by: { type: 'string' },
    measure: { type: 'string' },
    status: { type: 'string' },
    geography: { type: 'string' },
    filter: { type: 'string' },
    currency: { type: 'string' },
    constant: { type: 'string' },
    language: { type: 'string' },
    format: { type: 'string' },
  },
  async run({ values, positionals }) {
    if (positionals.length) throw new UsageError(`unexpected argument '${positionals[0]}'`);
    const code = requireOption(values, 'tenant');
    const format = String(values.format ?? 'json');
    if (format !== 'json' && format !== 'csv')
      throw new UsageError(`unknown --format ${format} (json or csv)`);
    const language = values.language === undefined ? undefined : String(values.language);
    if (language !== undefined && !/^[a-z]{2,3}$/.test(language))
      throw new UsageError('--language must be a language code such as en');
    const query = queryOf(values);
    const result = await withDatabase(values, 'lossledger stats', async (d) => {
      const ctx = withTenant(systemContext('cli'), await resolveTenant(d.db, code));
      return cardStatistics(d.db, language ? { ...ctx, language } : ctx, query);
    });
    if (format === 'csv') {
      process.stdout.write(await csvText(result));
      if (result.money) process.stderr.write(`${moneySummary(result.money)}\n`);
    } else console.log(JSON.stringify({ rows: result.rows, money: result.money }, null, 2));
    return 0;
  },
};
