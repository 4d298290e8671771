/**
 * Demoland, the synthetic demo country: the plan (geography, catalogues, named disasters,
 * cards per year) is small and built at once; the datacards are streamed from it by
 * generateDatacards(). Pure: no I/O, no clock, no Math.random().
 */

import { type DemoDisaster, planDisasters } from './disasters.ts';
import { buildGeography, type DemoGeography } from './geography.ts';
import { apportion, Random } from './random.ts';

/** First year of demo datacards. */
export const DEMO_FIRST_YEAR = 1995;
/** Last year of demo datacards. */
export const DEMO_LAST_YEAR = 2024;
/** Most cards the generator accepts. */
export const DEMO_MAX_CARDS = 2_000_000;

/** What to generate. */
export interface DemoSpec {
  seed: number;
  cards: number;
}

/** Everything but the datacards themselves. */
export interface DemoPlan extends DemoSpec {
  geography: DemoGeography;
  disasters: DemoDisaster[];
  firstYear: number;
  /** Cards per year outside named disasters, from firstYear on. */
  yearCounts: number[];
}

/** Plan Demoland for a seed and a total number of cards (1..DEMO_MAX_CARDS). */
export function planDemoland(spec: DemoSpec): DemoPlan {
  if (!Number.isInteger(spec.cards) || spec.cards < 1 || spec.cards > DEMO_MAX_CARDS)
    throw new RangeError(`the demo needs 1 to ${DEMO_MAX_CARDS} datacards, not ${spec.cards}`);
  if (!Number.isSafeInteger(spec.seed))
    throw new RangeError(`the demo seed must be an integer, not ${spec.seed}`);
  const geography = buildGeography(Random.stream(spec.seed, 'geography'));
  const disasters = planDisasters(Random.stream(spec.seed, 'disasters'), geography, spec.cards);
  const inDisasters = disasters.reduce((sum, d) => sum + d.cards, 0);
  const years = Random.stream(spec.seed, 'years');
  // Reporting grows over time (about 2.5x from first to last year), with year-to-year noise.
  const weights = Array.from(
    { length: DEMO_LAST_YEAR - DEMO_FIRST_YEAR + 1 },
    (_, i) => (1 + 0.05 * i) * years.range(0.85, 1.15),
  );
  return {
    ...spec,
    geography,
    disasters,
    firstYear: DEMO_FIRST_YEAR,
    yearCounts: apportion(spec.cards - inDisasters, weights),
  };
}

// The generator's public face: callers import Demoland from this module only.
export {
  DEMO_CAUSES,
  DEMO_EVENT_TYPES,
  DEMO_HAZARDS,
  DEMO_LEVELS,
  DEMO_TENANT,
} from './catalogue.ts';
export { type DemoCard, generateDatacards } from './datacards.ts';
export type { DemoDisaster } from './disasters.ts';
export type { DemoGeography, DemoLink, DemoUnit } from './geography.ts';
