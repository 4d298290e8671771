/**
 * Demo datacards, generated year by year (so 2 million cards never sit in memory at once),
 * each year sorted by date and numbered DL-<year>-<n>. Same plan, same cards, ids included.
 */
import type { DatacardStatus } from '../../shared/status.ts';
import { daysInMonth, periodStart } from '../dates.ts';
import { DEMO_EVENT_TYPES, type DemoEventType } from './catalogue.ts';
import type { DemoPlan } from './demoland.ts';
import type { DemoDisaster } from './disasters.ts';
import { type DemoEffects, drawEffects, drawSeverity } from './effects.ts';
import { BOUNDARY_CHANGE_DATE, type DemoUnit, validOn } from './geography.ts';
import { pointInRect } from './lattice.ts';
import { profileOf } from './profiles.ts';
import { Random, WeightedTable } from './random.ts';
import { commentText, magnitudeText, otherLossesText, placeText, sourcesText, villagesOf } from './texts.ts';

/** One generated datacard; references are catalogue codes, unit keys and disaster ids. */
export interface DemoCard extends DemoEffects {
  id: string;
  serial: string;
  status: DatacardStatus;
  eventType: string;
  cause: string | null;
  disaster: string | null;
  glide: string | null;
  magnitude: string | null;
  durationDays: number | null;
  /** Key of the commune (DemoGeography.units). */
  unit: number;
  place: string | null;
  latitude: number | null;
  longitude: number | null;
  startYear: number;
  startMonth: number | null;
  startDay: number | null;
  sources: string;
  otherLosses: string | null;
  comments: string | null;
  /** When the card was entered: some days after the event. */
  createdAt: string;
}

const STATUSES: DatacardStatus[] = ['published', 'draft', 'submitted', 'rejected', 'support'];
const STATUS_WEIGHTS = [85, 5, 4, 3, 3];

/** Per era (before/after the boundary change) and event type: communes weighted by people and terrain. */
function unitTables(units: DemoUnit[]): WeightedTable<DemoUnit>[][] {
  return ['1995-01-01', BOUNDARY_CHANGE_DATE].map((date) => {
    const communes = units.filter((u) => u.level === 3 && validOn(u, date));
    return DEMO_EVENT_TYPES.map((t) => {
      const terrain = profileOf(t.code).terrain;
      return new WeightedTable(
        communes,
        communes.map((u) => u.population * terrain[u.terrain]),
      );
    });
  });
}

interface Draft {
  year: number;
  month: number | null;
  day: number | null;
  type: DemoEventType;
  typeIndex: number;
  severity: number;
  unit: DemoUnit;
  disaster: DemoDisaster | null;
}

/** Every datacard of the plan, in serial order. */
export function* generateDatacards(plan: DemoPlan): Generator<DemoCard> {
  const rng = Random.stream(plan.seed, 'cards');
  const villages = villagesOf(Random.stream(plan.seed, 'villages'), plan.geography);
  const tables = unitTables(plan.geography.units);
  const types = new WeightedTable(
    DEMO_EVENT_TYPES.map((_, i) => i),
    DEMO_EVENT_TYPES.map((t) => profileOf(t.code).share),
  );
  for (const [y, regular] of plan.yearCounts.entries()) {
    const year = plan.firstYear + y;
    const quality = y / Math.max(1, plan.yearCounts.length - 1);
    const drafts: Draft[] = [];
    for (let i = 0; i < regular; i++) {
      const typeIndex = types.draw(rng);
      const type = DEMO_EVENT_TYPES[typeIndex]!;
      const month = 1 + rng.weighted(profileOf(type.code).months);
      const precision = rng.next();
      const yearOnly = precision < 0.08 - 0.06 * quality;
      const monthOnly = !yearOnly && precision < 0.18 - 0.06 * quality;
      const d = {
        year,
        month: yearOnly ? null : month,
        day: yearOnly || monthOnly ? null : rng.int(1, daysInMonth(year, month)),
      };
      const era = periodStart(d) < BOUNDARY_CHANGE_DATE ? 0 : 1;
      const unit = tables[era]![typeIndex]!.draw(rng);
      drafts.push({ ...d, type, typeIndex, severity: drawSeverity(rng), unit, disaster: null });
    }
    for (const disaster of plan.disasters) {
      if (Number(disaster.startDate.slice(0, 4)) === year)
        drafts.push(...disasterDrafts(rng, plan, disaster));
    }
    const order = (d: Draft) => (d.month ?? 0) * 32 + (d.day ?? 0);
    const sorted = drafts.map((d, i) => ({ d, i })).sort((a, b) => order(a.d) - order(b.d) || a.i - b.i);
    for (const [n, { d }] of sorted.entries()) {
      yield finishCard(rng, d, `DL-${year}-${String(n + 1).padStart(5, '0')}`, villages, plan, quality);
    }
  }
}

/** The cards of one named disaster: its provinces, its dates, a boosted severity. */
function disasterDrafts(rng: Random, plan: DemoPlan, disaster: DemoDisaster): Draft[] {
  const typeIndex = DEMO_EVENT_TYPES.findIndex((t) => t.code === disaster.eventType);
  const type = DEMO_EVENT_TYPES[typeIndex]!;
  const terrain = profileOf(type.code).terrain;
  const start = Date.parse(`${disaster.startDate}T00:00:00Z`);
  const span = Math.round((Date.parse(`${disaster.endDate}T00:00:00Z`) - start) / 86_400_000);
  const { units } = plan.geography;
  const communes = units.filter(
    (u) =>
      u.level === 3 &&
      validOn(u, disaster.startDate) &&
      disaster.provinces.includes(units[u.parent!]!.parent!),
  );
  const table = new WeightedTable(
    communes,
    communes.map((u) => u.population * terrain[u.terrain]),
  );
  return Array.from({ length: disaster.cards }, () => {
    const date = new Date(start + rng.int(0, span) * 86_400_000);
    return {
      year: date.getUTCFullYear(),
      month: date.getUTCMonth() + 1,
      day: rng.chance(0.9) ? date.getUTCDate() : null,
      type,
      typeIndex,
      severity: drawSeverity(rng) * disaster.boost,
      unit: table.draw(rng),
      disaster,
    };
  });
}

/** A cause from the type's weights; snowmelt belongs to late winter and spring. */
function drawCause(rng: Random, causes: Record<string, number>, month: number | null): string {
  const codes = Object.keys(causes);
  const melt = month === null || (month >= 3 && month <= 5) ? 1.5 : month === 2 || month === 6 ? 0.4 : 0.02;
  return codes[rng.weighted(codes.map((c) => causes[c]! * (c === 'SNOWMELT' ? melt : 1)))]!;
}

/** Dress a draft as a full card: status, cause, texts, point, effects. */
function finishCard(
  rng: Random,
  d: Draft,
  serial: string,
  villages: Map<number, string[]>,
  plan: DemoPlan,
  quality: number,
): DemoCard {
  const profile = profileOf(d.type.code);
  const status = d.disaster ? 'published' : STATUSES[rng.weighted(STATUS_WEIGHTS)]!;
  const hasPoint = rng.chance(0.1 + 0.4 * quality);
  const point = hasPoint ? pointInRect(plan.geography.lattice, d.unit.rect, rng) : null;
  const entered = Date.parse(`${periodStart(d)}T00:00:00Z`) + rng.int(1, 45) * 86_400_000;
  return {
    id: rng.uuid(),
    serial,
    status,
    eventType: d.type.code,
    cause: rng.chance(0.9) ? drawCause(rng, profile.causes, d.month) : null,
    disaster: d.disaster?.id ?? null,
    glide: d.disaster?.glide ?? null,
    magnitude: magnitudeText(rng, d.type.code, d.severity),
    durationDays: profile.days && rng.chance(0.6) ? rng.int(profile.days[0], profile.days[1]) : null,
    unit: d.unit.key,
    place: rng.chance(0.6) ? placeText(rng, villages.get(d.unit.key)!) : null,
    latitude: point ? point[1] : null,
    longitude: point ? point[0] : null,
    startYear: d.year,
    startMonth: d.month,
    startDay: d.day,
    sources: sourcesText(rng, d.year),
    otherLosses: otherLossesText(rng, d.severity),
    comments: commentText(rng, status),
    createdAt: new Date(entered + rng.int(28_800, 64_800) * 1000).toISOString(),
    ...drawEffects(rng, d.type.impact, d.year, d.severity),
  };
}
