/**
 * The Sendai Framework indicators of targets A-D that loss data can answer, and the SDG
 * indicators built from them (titles as in UN GA A/71/644; formulas as LossLedger computes them).
 */

/** How an indicator's value relates to its numerator. */
export type IndicatorScale = 'per_100000' | 'percent_of_gdp' | 'count' | 'money';

/** One indicator. */
export interface IndicatorDef {
  code: string;
  title: string;
  formula: string;
  scale: IndicatorScale;
  /** Unit of a count (persons, facilities, disruptions); money is in the tenant's currency. */
  countUnit?: string;
  /**
   * The Sendai Framework Monitor's code of the figure this row gives it, where it is not `code`
   * (the SFM takes the count A-2a and computes the rate A-2); '' = no SFM counterpart (sfm.ts).
   */
  sfmCode?: string;
}

const rate = (code: string, title: string, formula: string): IndicatorDef => ({
  code,
  title,
  formula,
  scale: 'per_100000',
});
const count = (code: string, title: string, formula: string, countUnit: string): IndicatorDef => ({
  code,
  title,
  formula,
  scale: 'count',
  countUnit,
});
const money = (code: string, title: string, formula: string): IndicatorDef => ({
  code,
  title,
  formula,
  scale: 'money',
});

/** Reported asset losses win over modelled ones; modelled = the DesInventar-Sendai method. */
const LOSS = 'reported losses, else unit value x (damage ratio x damaged + destroyed) x (1 + factors)';

/** Targets A-D, in report order. */
export const SENDAI_INDICATORS: readonly IndicatorDef[] = [
  rate(
    'A-1',
    'Deaths and missing persons attributed to disasters, per 100,000 population',
    '(deaths + missing) / population x 100,000',
  ),
  {
    ...rate('A-2', 'Deaths attributed to disasters, per 100,000 population', 'deaths / population x 100,000'),
    sfmCode: 'A-2a',
  },
  {
    ...rate(
      'A-3',
      'Missing persons attributed to disasters, per 100,000 population',
      'missing / population x 100,000',
    ),
    sfmCode: 'A-3a',
  },
  rate(
    'B-1',
    'Directly affected people attributed to disasters, per 100,000 population',
    '(B-2 + B-3 + B-4 + B-5) / population x 100,000',
  ),
  rate(
    'B-2',
    'Injured or ill people attributed to disasters, per 100,000 population',
    'injured / population x 100,000',
  ),
  count(
    'B-3',
    'People whose damaged dwellings were attributed to disasters',
    'reported, else damaged dwellings x persons per household (estimate)',
    'persons',
  ),
  count('B-3a', 'Dwellings damaged, attributed to disasters', 'damaged houses of the cards', 'dwellings'),
  count(
    'B-4',
    'People whose destroyed dwellings were attributed to disasters',
    'reported, else destroyed dwellings x persons per household (estimate)',
    'persons',
  ),
  count('B-4a', 'Dwellings destroyed, attributed to disasters', 'destroyed houses of the cards', 'dwellings'),
  count(
    'B-5',
    'People whose livelihoods were disrupted or destroyed, attributed to disasters',
    'reported livelihoods affected',
    'persons',
  ),
  {
    code: 'C-1',
    title: 'Direct economic loss attributed to disasters in relation to GDP',
    formula:
      'direct economic loss / GDP x 100; per card the reported total loss, else C-2 + C-3 + C-4 + C-5 + C-6',
    scale: 'percent_of_gdp',
  },
  money('C-2', 'Direct agricultural loss attributed to disasters', LOSS),
  money('C-3', 'Direct economic loss to all other damaged or destroyed productive assets', LOSS),
  money('C-4', 'Direct economic loss in the housing sector', `${LOSS}; houses of the card valued likewise`),
  money('C-5', 'Direct economic loss from damaged or destroyed critical infrastructure', LOSS),
  money('C-6', 'Direct economic loss to cultural heritage damaged or destroyed', LOSS),
  count('D-1', 'Damage to critical infrastructure attributed to disasters', 'D-2 + D-3 + D-4', 'units'),
  count(
    'D-2',
    'Destroyed or damaged health facilities',
    'damaged + destroyed (asset detail, else the card count)',
    'facilities',
  ),
  count(
    'D-3',
    'Destroyed or damaged educational facilities',
    'damaged + destroyed (asset detail, else the card count)',
    'facilities',
  ),
  count(
    'D-4',
    'Other destroyed or damaged critical infrastructure units and facilities',
    'damaged + destroyed units of other critical infrastructure; roads separately in km',
    'units',
  ),
  count('D-5', 'Disruptions to basic services attributed to disasters', 'D-6 + D-7 + D-8', 'disruptions'),
  count('D-6', 'Disruptions to educational services', 'education sector disruptions', 'disruptions'),
  count('D-7', 'Disruptions to health services', 'health sector disruptions', 'disruptions'),
  count(
    'D-8',
    'Disruptions to other basic services',
    'disruptions of the other basic-service sectors',
    'disruptions',
  ),
];

/** DesInventar's "directly affected" (damnificados): shown beside B-1, never added to it (DESIGN B-1). */
export const DIRECTLY_AFFECTED: IndicatorDef = {
  ...rate(
    'B-1-DI',
    "DesInventar 'directly affected' (damnificados), beside B-1 and not part of it, per 100,000",
    'directly affected / population x 100,000',
  ),
  sfmCode: '',
};

/** An SDG indicator and the Sendai values it is made of. */
export interface SdgDef extends IndicatorDef {
  /** Sendai indicators whose numerators add up to this one's numerator. */
  parts: string[];
}

const sdg = (code: string, title: string, parts: string[], base: 'rate' | 'C-1' | 'count'): SdgDef => ({
  code,
  title,
  parts,
  formula: base === 'rate' ? `(${parts.join(' + ')} numerators) / population x 100,000` : parts.join(' + '),
  scale: base === 'rate' ? 'per_100000' : base === 'C-1' ? 'percent_of_gdp' : 'count',
  countUnit: base === 'count' ? (parts[0] === 'D-1' ? 'units' : 'disruptions') : undefined,
});

const PEOPLE = 'Deaths, missing persons and directly affected persons attributed to disasters per 100,000';
const LOSS_GDP = 'Direct economic loss attributed to disasters in relation to GDP';

/** SDG 1.5.1 = 11.5.1 = 13.1.1, 1.5.2, 11.5.2 and (since the 2020 review) 11.5.3. */
export const SDG_INDICATORS: readonly SdgDef[] = [
  sdg('1.5.1', PEOPLE, ['A-2', 'A-3', 'B-1'], 'rate'),
  sdg('11.5.1', PEOPLE, ['A-2', 'A-3', 'B-1'], 'rate'),
  sdg('13.1.1', PEOPLE, ['A-2', 'A-3', 'B-1'], 'rate'),
  sdg('1.5.2', LOSS_GDP, ['C-1'], 'C-1'),
  sdg('11.5.2', LOSS_GDP, ['C-1'], 'C-1'),
  sdg('11.5.3a', 'Damage to critical infrastructure attributed to disasters', ['D-1'], 'count'),
  sdg('11.5.3b', 'Disruptions to basic services attributed to disasters', ['D-5'], 'count'),
];

/** The unit shown for an indicator (money in the tenant's currency). */
export function unitOf(def: IndicatorDef, currency: string): string {
  if (def.scale === 'money') return currency;
  if (def.scale === 'count') return def.countUnit ?? 'count';
  return def.scale;
}
