/**
 * The national metadata section of the readable report: states counted, currency and prices, the
 * valuation method with the housing type's parameters, then per year the persons per household and
 * the exchange rate (and CPI ratio at constant prices) the figures were made with.
 */
import type { IndicatorReport } from '../../shared/schemas/indicators.ts';
import type { HousingValuation, NationalMetadata, RateSource, YearMetadata } from './metadata.ts';

const number = (n: number | null | undefined) =>
  n === null || n === undefined ? '—' : n.toLocaleString('en', { maximumSignificantDigits: 8 });
const cell = (text: string) => text.replace(/\|/g, '\\|');

const RATE_SOURCES: Record<RateSource, string> = {
  exchange_rates: 'exchange rate table',
  baseline: 'exchange_rate baseline',
  usd_tenant: 'accounts in USD',
  none: 'none: amounts known only in the other currency are left out',
};

const VALUATION =
  'a loss reported on the card or asset row wins; otherwise the DesInventar-Sendai model: unit value × ' +
  '(damage ratio × damaged + destroyed) × (1 + infrastructure factor + equipment factor), the unit value ' +
  "being the year's unit price (else the asset type's) × its average size; a total without a damaged / " +
  'destroyed split counts 80 % damaged and 20 % destroyed; a damage ratio of 0.25 where the type has none. ' +
  "Per card, reported values win over modelled ones; an amount known only in the other currency converts at the year's exchange rate (below)";

function housingLine(h: HousingValuation | null, currency: string): string {
  if (h === null)
    return 'no asset type for C-4: houses without a reported loss are not valued (flag `unvalued`)';
  const price = `${number(h.unitPriceLocal)} ${currency} / ${number(h.unitPriceUsd)} USD`;
  return (
    `asset type \`${h.code}\` (${cell(h.name)}): average size ${number(h.averageSize)}, damage ratio ` +
    `${number(h.damageRatio)}, infrastructure factor ${number(h.infrastructureFactor)}, equipment factor ` +
    `${number(h.equipmentFactor)}, unit price ${price} (prices by year win)`
  );
}

function pricesLine(report: IndicatorReport): string {
  const m = report.money;
  if (m?.basis !== 'constant') return 'nominal (each year’s prices)';
  const cpi = m.currency === 'usd' ? 'the United States’ CPI' : 'the country’s CPI';
  return `constant ${m.baseYear} prices: amounts × CPI(${m.baseYear}) / CPI(year), ${cpi} (ratio below)`;
}

function yearTable(years: YearMetadata[], currency: string): string[] {
  const cpi = years.some((y) => y.cpiRatio !== undefined);
  const head = `| Year | Persons per household | From | ${currency} per USD | From |${cpi ? ' CPI ratio |' : ''}`;
  const rule = `|--:|--:|---|--:|---|${cpi ? '--:|' : ''}`;
  return [
    head,
    rule,
    ...years.map((y) => {
      const source = RATE_SOURCES[y.rateSource] + (y.rateNote ? ` (${cell(y.rateNote)})` : '');
      const ratio = cpi ? ` ${number(y.cpiRatio)} |` : '';
      return `| ${y.year} | ${number(y.personsPerHousehold)} | ${y.householdSource} | ${number(y.perUsd)} | ${source} |${ratio}`;
    }),
  ];
}

/** The section's lines (heading included). */
export function metadataSection(report: IndicatorReport, meta: NationalMetadata): string[] {
  const states = meta.states === 'all' ? 'all states' : meta.states.join(', ');
  return [
    '## National metadata',
    '',
    `- **Datacard states counted**: ${states}; cards in any other state are left out.`,
    `- **Currency**: the tenant keeps its accounts in ${meta.currency}; this report gives money in ${report.currency}.`,
    `- **Prices**: ${pricesLine(report)}.`,
    `- **Valuation method** (C-2…C-6): ${VALUATION}.`,
    `- **Housing** (C-4, and the houses of a card without housing detail): ${housingLine(meta.housing, meta.currency)}.`,
    '- **Persons per household**: B-3 and B-4 estimate people as damaged or destroyed dwellings × the year’s ' +
      'figure below: the persons_per_household baseline, else population / households, else the default.',
    ...(meta.years.length > 0 ? ['', ...yearTable(meta.years, meta.currency)] : []),
  ];
}
