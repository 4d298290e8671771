/**
 * The Sendai indicator engine: A-1..A-3, B-1..B-5, C-1..C-6, D-1..D-8 per year of a tenant,
 * nationally and by the requested disaggregations, from cards, human and asset effects and
 * baselines. Every row carries numerator, denominator and flags.
 */
import type { Db } from '../../db/engine.ts';
import { AppError } from '../../shared/errors.ts';
import {
  type IndicatorDimension,
  type IndicatorOptions,
  type IndicatorReport,
  type IndicatorRow,
  MAX_INDICATOR_YEARS,
} from '../../shared/schemas/indicators.ts';
import { requireStaffFor } from '../authz.ts';
import { type RequestContext, tenantOf } from '../context.ts';
import { DIRECTLY_AFFECTED, SENDAI_INDICATORS, unitOf } from './catalogue.ts';
import { Denominators } from './denominators.ts';
import { disaggregationFacts, PEOPLE_DIMENSIONS, type PeopleDimension } from './disaggregation-facts.ts';
import { economicFacts } from './economic-facts.ts';
import { type CellDimension, type GroupContext, groupParts, groupRows, rollUp } from './groups.ts';
import { damageSplitRows, roadRows, serviceRows } from './infrastructure-rows.ts';
import { cardYears, eventHazards, unitCodes } from './lookups.ts';
import { subIndicatorRows } from './loss-rows.ts';
import { deflateCells, type IndicatorMoney, loadIndicatorMoney, moneyBlock } from './money.ts';
import { peopleFacts } from './people-facts.ts';
import { peopleRows } from './people-rows.ts';
import { type CardSelection, mergeCells } from './selection.ts';

const CELL_DIMENSIONS: Exclude<CellDimension, 'total'>[] = ['hazardType', 'hazardCluster', 'hazard', 'geo'];
const ORDER = [...SENDAI_INDICATORS, DIRECTLY_AFFECTED].map((d) => d.code);
const DIMENSION_ORDER = [
  'total',
  'subIndicator',
  'damage',
  'infrastructure',
  ...CELL_DIMENSIONS,
  ...PEOPLE_DIMENSIONS,
];

/** Rows sorted by year, indicator, dimension (total first); categories keep their order. */
function sortRows(rows: IndicatorRow[]): IndicatorRow[] {
  const rank = (r: IndicatorRow) => [
    r.year,
    ORDER.indexOf(r.indicator),
    DIMENSION_ORDER.indexOf(r.dimension),
  ];
  return rows
    .map((row, i) => ({ row, key: [...rank(row), i] }))
    .sort((a, b) => compareKeys(a.key, b.key))
    .map((x) => x.row);
}

function compareKeys(a: number[], b: number[]): number {
  for (let k = 0; k < a.length; k++) if (a[k] !== b[k]) return a[k]! - b[k]!;
  return 0;
}

/** The year range: as asked, else the years of the selected cards; null when there is nothing. */
async function yearRange(db: Db, tenantId: number, options: IndicatorOptions, scope: number[] | null) {
  const range =
    options.from === undefined || options.to === undefined
      ? await cardYears(db, tenantId, options.status, scope)
      : null;
  const to = options.to ?? Math.max(range?.to ?? options.from ?? 0, options.from ?? 0);
  const from = options.from ?? Math.min(range?.from ?? to, to);
  if (to === 0) return null;
  if (to - from >= MAX_INDICATOR_YEARS)
    throw new AppError(
      'validation_failed',
      `At most ${MAX_INDICATOR_YEARS} years per request (${from}-${to}).`,
    );
  return { from, to };
}

/** Compute the indicators of the context's tenant. */
export async function computeIndicators(
  db: Db,
  ctx: RequestContext,
  options: IndicatorOptions,
): Promise<IndicatorReport> {
  const tenant = tenantOf(ctx);
  const publishedOnly = Array.isArray(options.status) && options.status.every((st) => st === 'published');
  if (!publishedOnly) requireStaffFor(ctx, 'count cards that are not published');
  const range = await yearRange(db, tenant.id, options, ctx.geoScope);
  const years = range ? Array.from({ length: range.to - range.from + 1 }, (_, i) => range.from + i) : [];
  const money = await loadIndicatorMoney(db, ctx, tenant.currency, options.money, years);
  const base = {
    tenant: tenant.code,
    currency: money.label,
    ...moneyBlock(money),
    from: range?.from ?? null,
    to: range?.to ?? null,
    status: options.status,
    by: options.by,
    definitions: [...SENDAI_INDICATORS, DIRECTLY_AFFECTED].map((d) => ({
      code: d.code,
      title: d.title,
      formula: d.formula,
      unit: unitOf(d, money.label),
    })),
  };
  if (!range) return { ...base, rows: [] };
  return {
    ...base,
    rows: await indicatorRows(db, tenant, { ...range, years }, options, ctx.geoScope, money),
  };
}

async function indicatorRows(
  db: Db,
  tenant: { id: number; currency: string },
  range: { from: number; to: number; years: number[] },
  options: IndicatorOptions,
  scope: number[] | null,
  money: IndicatorMoney,
): Promise<IndicatorRow[]> {
  const { from, to, years } = range;
  const selection: CardSelection = { tenantId: tenant.id, from, to, status: options.status, scope };
  const currency = money.basis.currency;
  const wanted = (d: IndicatorDimension) => options.by.includes(d);
  const people = PEOPLE_DIMENSIONS.filter(wanted) as PeopleDimension[];
  // Independent reads: PostgreSQL runs them on separate pool connections, PGlite one after another.
  const [peopleCells, lossCells, sums, hazards, denominators] = await Promise.all([
    peopleFacts(db, selection),
    economicFacts(
      db,
      selection,
      tenant.currency,
      { currency, countConversions: !money.isDefault },
      wanted('subIndicator'),
    ),
    people.length > 0 ? disaggregationFacts(db, selection) : [],
    eventHazards(db, tenant.id),
    Denominators.load(db, tenant, from, to, { currency, ratios: money.ratios }),
  ]);
  const cells = mergeCells(peopleCells, money.ratios ? deflateCells(lossCells, money.ratios) : lossCells);
  const geoIds = [...new Set(cells.map((c) => c.geo1).filter((g) => g !== null))];
  const ctx: GroupContext = {
    years,
    hazards,
    units: await unitCodes(db, tenant.id, geoIds),
    denominators,
    currency: money.label,
    scopeUnit: scope?.[0] ?? null,
  };
  const totals = rollUp(cells, 'total', ctx);
  const rows = [...groupRows(totals, 'total', ctx), ...roadRows(totals, ctx.currency)];
  if (wanted('subIndicator'))
    rows.push(...subIndicatorRows(totals, ctx.currency), ...serviceRows(totals, ctx.currency));
  if (wanted('damage')) rows.push(...damageSplitRows(totals, ctx.currency));
  for (const dimension of CELL_DIMENSIONS.filter(wanted))
    rows.push(...groupRows(rollUp(cells, dimension, ctx), dimension, ctx));
  if (people.length > 0) {
    rows.push(
      ...peopleRows(ctx.years, people, {
        sums,
        totals: new Map(totals.map((g) => [g.year, groupParts(g, ctx)])),
        denominators: ctx.denominators,
        currency: ctx.currency,
        scopeUnit: ctx.scopeUnit,
      }),
    );
  }
  return sortRows(rows);
}
