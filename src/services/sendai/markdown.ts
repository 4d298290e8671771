/**
 * The indicator report as Markdown: parameters, the national metadata (when given), flag legend,
 * then per year the totals and each disaggregation.
 */
import type { IndicatorFlag, IndicatorReport, IndicatorRow } from '../../shared/schemas/indicators.ts';
import { DEFAULT_PERSONS_PER_HOUSEHOLD } from './denominators.ts';
import type { NationalMetadata } from './metadata.ts';
import { metadataSection } from './metadata-markdown.ts';

/** What each flag means, for readers of the report. */
export const FLAG_MEANINGS: Record<IndicatorFlag, string> = {
  estimate: 'part of the value is modelled or estimated (house counts x household size, valued damage)',
  default_household_size: `no household size for the year: ${DEFAULT_PERSONS_PER_HOUSEHOLD} persons per household assumed`,
  missing_denominator: 'no population or GDP baseline for the year (and unit or category): no rate',
  unquantified: 'some cards report the effect without a number; the value is a lower bound',
  unvalued: 'some damage has no loss and no unit price; it is left out of the value',
  converted: 'an amount or the GDP was converted from USD at the year’s exchange rate',
  missing_exchange_rate: 'some USD-only amounts have no exchange rate for the year and are left out',
  inconsistent_disaggregation: 'the categories add up to more than the total',
  deflated: 'amounts (and the GDP) are at constant prices of the base year: times CPI(base year) / CPI(year)',
  missing_cpi: 'no price index for the year (or the base year): amounts are left out and no value is shown',
};

/** Flags that only a chosen money basis produces: listed only in such a report. */
const BASIS_FLAGS: IndicatorFlag[] = ['deflated', 'missing_cpi'];

/** The legend of a report: in US dollars, conversions go the other way. */
function flagLegend(report: IndicatorReport): [string, string][] {
  if (!report.money)
    return Object.entries(FLAG_MEANINGS).filter(([f]) => !BASIS_FLAGS.includes(f as IndicatorFlag));
  const other = report.money.currency === 'usd' ? 'the local currency' : 'USD';
  return Object.entries({
    ...FLAG_MEANINGS,
    converted: `an amount or the GDP was converted from ${other} at the year’s exchange rate`,
    missing_exchange_rate: `some amounts known only in ${other} have no exchange rate for the year and are left out`,
  });
}

const cell = (text: string) => text.replace(/\|/g, '\\|');

const DIMENSION_LABELS: Record<string, string> = {
  hazardType: 'hazard type',
  hazardCluster: 'hazard cluster',
  hazard: 'hazard (HIP code)',
  geo: 'top-level geographic unit',
  damage: 'damaged / destroyed',
  subIndicator: 'SFM sub-indicator',
  infrastructure: 'infrastructure type',
};

/** A number for people to read: 2 decimals above 1, else 4 significant digits; '—' for none. */
export function readable(n: number | null): string {
  if (n === null) return '—';
  if (n === 0 || Math.abs(n) >= 1) return n.toLocaleString('en', { maximumFractionDigits: 2 });
  return n.toLocaleString('en', { maximumSignificantDigits: 4 });
}

function table(rows: IndicatorRow[], first: 'title' | 'category', titles: Map<string, string>): string[] {
  const head = first === 'title' ? 'Indicator' : 'Category';
  const lines = [
    `| Code | ${head} | Value | Unit | Numerator | Denominator | Flags |`,
    '|---|---|--:|---|--:|--:|---|',
  ];
  for (const r of rows) {
    const label = first === 'title' ? (titles.get(r.indicator) ?? '') : r.category;
    lines.push(
      `| ${r.indicator} | ${cell(label)} | ${readable(r.value)} | ${r.unit} | ${readable(r.numerator)} | ${readable(r.denominator)} | ${r.flags.join(', ')} |`,
    );
  }
  return lines;
}

/** How a chosen basis was applied; nothing for the default. */
function basisNote(report: IndicatorReport): string {
  const m = report.money;
  if (!m) return '';
  const currency =
    m.currency === 'usd'
      ? 'a value reported in USD wins, local amounts convert at the year’s rate'
      : 'a value reported in the local currency wins, USD amounts convert at the year’s rate';
  const prices =
    m.basis === 'constant'
      ? `; constant ${m.baseYear} prices (CPI of ${m.currency === 'usd' ? 'the United States' : 'the country'})`
      : '; nominal prices';
  return ` (${currency}${prices}; GDP likewise)`;
}

/** The whole report as Markdown; with `metadata`, its national metadata section too. */
export function indicatorMarkdown(
  report: IndicatorReport,
  heading = 'Sendai Framework indicators',
  metadata?: NationalMetadata,
): string {
  const titles = new Map(report.definitions.map((d) => [d.code, d.title]));
  const states = report.status === 'all' ? 'all states' : report.status.join(', ');
  const span = report.from === null ? 'no datacards' : `${report.from}–${report.to}`;
  const out = [
    `# ${heading} — ${report.tenant} (${span})`,
    '',
    `Datacards counted: ${states}. Money in ${report.currency}${basisNote(report)}. Rates per 100,000 population; C-1 as % of GDP.`,
    ...(metadata ? ['', ...metadataSection(report, metadata)] : []),
    '',
    '## Definitions',
    '',
    ...report.definitions.map((d) => `- **${d.code}** ${d.title}: ${d.formula}.`),
    '',
    '## Flags',
    '',
    ...flagLegend(report).map(([flag, meaning]) => `- \`${flag}\`: ${meaning}`),
  ];
  const years = [...new Set(report.rows.map((r) => r.year))];
  for (const year of years) {
    const rows = report.rows.filter((r) => r.year === year);
    out.push(
      '',
      `## ${year}`,
      '',
      ...table(
        rows.filter((r) => r.dimension === 'total'),
        'title',
        titles,
      ),
    );
    const dimensions = [...new Set(rows.map((r) => r.dimension))].filter((d) => d !== 'total');
    for (const dimension of dimensions) {
      out.push(
        '',
        `### By ${DIMENSION_LABELS[dimension] ?? dimension}`,
        '',
        ...table(
          rows.filter((r) => r.dimension === dimension),
          'category',
          titles,
        ),
      );
    }
  }
  return `${out.join('\n')}\n`;
}
