/** Free-text fields of demo datacards: villages, sources, magnitudes, other losses, comments. */
import type { DemoGeography } from './geography.ts';
import { NameMaker } from './names.ts';
import type { Random } from './random.ts';

const SOURCES = [
  'Demoland Ministry of Emergency Situations',
  'Provincial emergency department',
  'District administration report',
  'Demoland Hydrometeorological Service',
  'Demoland News Agency',
  'Red Crescent Society of Demoland',
  'Ministry of Agriculture of Demoland',
];

const PLACE_DETAILS = [
  'outskirts',
  'riverside',
  'north of the village',
  'main road',
  'pastures',
  'old quarter',
];

const OTHER_LOSSES: ((n: number) => string)[] = [
  (n) => `${n} bridges damaged`,
  (n) => `${n} km of power lines down`,
  (n) => `${n} wells contaminated`,
  (n) => `${n} irrigation canals damaged`,
  (n) => `${n} vehicles lost`,
];

const COMMENTS = [
  'Figures revised after a field assessment.',
  'Preliminary figures from the district.',
  'Cross-checked with press reports.',
  'Losses estimated by the provincial commission.',
];

/** A few village names per commune (by unit key), for the card's place. */
export function villagesOf(rng: Random, geography: DemoGeography): Map<number, string[]> {
  const names = new NameMaker(rng);
  const out = new Map<number, string[]>();
  for (const u of geography.units) {
    if (u.level !== 3) continue;
    const twin = u.validFrom !== null ? geography.links.find((l) => l.successor === u.key) : undefined;
    const inherited = twin ? out.get(twin.predecessor) : undefined;
    out.set(u.key, inherited ?? Array.from({ length: rng.int(2, 5) }, () => names.next(u.terrain).en));
  }
  return out;
}

/** Where the event happened within the commune. */
export function placeText(rng: Random, villages: readonly string[]): string {
  const village = rng.pick(villages);
  return rng.chance(0.3) ? `${village}, ${rng.pick(PLACE_DETAILS)}` : village;
}

/** Who reported it; later years cite more sources. */
export function sourcesText(rng: Random, year: number): string {
  const first = rng.pick(SOURCES);
  if (year < 2005 || !rng.chance(0.3)) return first;
  const second = rng.pick(SOURCES);
  return second === first ? first : `${first}; ${second}`;
}

/** A physical magnitude for the event types that have one. */
export function magnitudeText(rng: Random, type: string, severity: number): string | null {
  const s = Math.log10(severity);
  switch (type) {
    case 'EARTHQUAKE':
      return `M ${Math.min(7.4, 3.6 + 1.4 * s + rng.range(0, 0.8)).toFixed(1)}`;
    case 'WINDSTORM':
    case 'STORM':
      return `gusts up to ${Math.round(18 + 8 * s + rng.range(0, 8))} m/s`;
    case 'HAILSTORM':
      return `hailstones up to ${Math.round(10 + 15 * s + rng.range(0, 15))} mm`;
    case 'COLD WAVE':
      return `${-Math.round(28 + 5 * s + rng.range(0, 8))} °C`;
    case 'HEAT WAVE':
      return `+${Math.round(38 + 2 * s + rng.range(0, 5))} °C`;
    case 'FLOOD':
      return rng.chance(0.5) ? `water ${(0.3 + s + rng.range(0, 1.5)).toFixed(1)} m above alert level` : null;
    default:
      return null;
  }
}

/** Losses without a column of their own, for bigger events. */
export function otherLossesText(rng: Random, severity: number): string | null {
  if (severity < 4 || !rng.chance(0.3)) return null;
  return rng.pick(OTHER_LOSSES)(Math.max(1, Math.round(Math.sqrt(severity) * rng.range(0.3, 1.5))));
}

/** A comment now and then; rejected cards always say why. */
export function commentText(rng: Random, status: string): string | null {
  if (status === 'rejected') return 'Returned to the contributor: figures do not match the district report.';
  if (status === 'support') return 'Supporting card: kept for reference, not counted in published figures.';
  return rng.chance(0.04) ? rng.pick(COMMENTS) : null;
}
