/**
 * Rows of the national total and of the card-level disaggregations (hazard type, cluster,
 * hazard, top-level unit): the fact cube rolled up by the dimension's category, then every
 * indicator computed from the group's sums. Rates use the national population and GDP, except
 * by unit, where the unit's own baselines apply (flagged when absent).
 */
import type { IndicatorRow } from '../../shared/schemas/indicators.ts';
import { DIRECTLY_AFFECTED, type IndicatorDef, SENDAI_INDICATORS } from './catalogue.ts';
import type { Denominators } from './denominators.ts';
import { type EventHazard, UNKNOWN } from './lookups.ts';
import { numerators, type Parts } from './numerators.ts';
import { indicatorRow } from './rows.ts';
import type { CubeCell, Measures } from './selection.ts';

/** Dimensions computed from the cube. */
export type CellDimension = 'total' | 'hazardType' | 'hazardCluster' | 'hazard' | 'geo';

/** What the roll-up needs besides the cells. */
export interface GroupContext {
  years: number[];
  hazards: Map<number, EventHazard>;
  units: Map<number, string>;
  denominators: Denominators;
  currency: string;
  /**
   * The unit a scoped caller is limited to: rows not broken down by unit divide by that unit's
   * population and GDP (missing → no rate, flagged), never by the nation's.
   */
  scopeUnit: number | null;
}

/** A group's sums and where it sits. */
export interface Group {
  year: number;
  category: string;
  unitId: number | null;
  m: Measures;
}

const ROW_INDICATORS: IndicatorDef[] = [...SENDAI_INDICATORS, DIRECTLY_AFFECTED];

function addInto(target: Measures, source: Measures): void {
  for (const [k, v] of Object.entries(source)) target[k] = (target[k] ?? 0) + v;
}

/** Sum the cells by year and the dimension's category; the total has every year, cells or not. */
export function rollUp(cells: CubeCell[], dimension: CellDimension, ctx: GroupContext): Group[] {
  const groups = new Map<string, Group>();
  if (dimension === 'total')
    for (const year of ctx.years) groups.set(`${year}|all`, { year, category: 'all', unitId: null, m: {} });
  for (const cell of cells) {
    const hazard = ctx.hazards.get(cell.eventTypeId);
    const category =
      dimension === 'total'
        ? 'all'
        : dimension === 'geo'
          ? ((cell.geo1 !== null ? ctx.units.get(cell.geo1) : undefined) ?? UNKNOWN)
          : (hazard?.[dimension] ?? UNKNOWN);
    const key = `${cell.year}|${category}`;
    let group = groups.get(key);
    if (!group) {
      group = { year: cell.year, category, unitId: dimension === 'geo' ? cell.geo1 : null, m: {} };
      groups.set(key, group);
    }
    addInto(group.m, cell.m);
  }
  return [...groups.values()].sort((a, b) => a.year - b.year || a.category.localeCompare(b.category));
}

/** Numerators of a group (household size of its year). */
export const groupParts = (group: Group, ctx: GroupContext): Parts =>
  numerators(group.m, ctx.denominators.householdSize(group.year));

/** Every indicator's row for each group of a dimension. */
export function groupRows(groups: Group[], dimension: CellDimension, ctx: GroupContext): IndicatorRow[] {
  return groups.flatMap((group) => {
    const parts = groupParts(group, ctx);
    const unit = dimension === 'geo' ? group.unitId : ctx.scopeUnit;
    const scope = {
      year: group.year,
      dimension,
      category: group.category,
      population: ctx.denominators.population('all', group.year, unit),
      gdp: ctx.denominators.gdp(group.year, unit),
      currency: ctx.currency,
    };
    return ROW_INDICATORS.map((def) => indicatorRow(def, parts[def.code]!, scope));
  });
}
