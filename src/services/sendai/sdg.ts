/**
 * SDG views of the Sendai rows: 1.5.1 = 11.5.1 = 13.1.1 = (deaths + missing + directly affected
 * (B-1)) / population x 100,000; 1.5.2 = 11.5.2 = C-1; 11.5.3 (a) D-1 and (b) D-5.
 */
import type { IndicatorReport, IndicatorRow } from '../../shared/schemas/indicators.ts';
import { SDG_INDICATORS, unitOf } from './catalogue.ts';
import { sumParts } from './numerators.ts';
import { indicatorRow } from './rows.ts';

const scopeKey = (r: IndicatorRow) => `${r.year}|${r.dimension}|${r.category}`;

/** The SDG rows of every scope (year x disaggregation) where all their Sendai parts exist. */
export function sdgRows(rows: IndicatorRow[], currency: string): IndicatorRow[] {
  const byScope = new Map<string, Map<string, IndicatorRow>>();
  for (const row of rows) {
    const key = scopeKey(row);
    if (!byScope.has(key)) byScope.set(key, new Map());
    byScope.get(key)!.set(row.indicator, row);
  }
  const out: IndicatorRow[] = [];
  for (const found of byScope.values()) {
    for (const def of SDG_INDICATORS) {
      const parts = def.parts.map((code) => found.get(code));
      if (parts.some((p) => p === undefined)) continue;
      const first = parts[0]!;
      if (parts.length === 1) {
        out.push({ ...first, indicator: def.code });
        continue;
      }
      const flags = (p: IndicatorRow) => p.flags.filter((f) => f !== 'missing_denominator');
      const part = sumParts(...parts.map((p) => ({ numerator: p!.numerator, flags: flags(p!) })));
      const scope = { year: first.year, dimension: first.dimension, category: first.category };
      out.push(indicatorRow(def, part, { ...scope, population: first.denominator, gdp: null, currency }));
    }
  }
  return out;
}

/** The report with its rows replaced by the SDG view and the SDG definitions. */
export function sdgReport(report: IndicatorReport): IndicatorReport {
  return {
    ...report,
    definitions: SDG_INDICATORS.map((d) => ({
      code: d.code,
      title: d.title,
      formula: `${d.formula} (Sendai ${d.parts.join(', ')})`,
      unit: unitOf(d, report.currency),
    })),
    rows: sdgRows(report.rows, report.currency),
  };
}
