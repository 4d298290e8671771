/**
 * When, where and why each event type strikes Demoland: a share of all cards, a monthly
 * profile (northern-hemisphere seasons, as in Kazakhstan), weights per terrain, likely causes
 * and a typical duration. Seasonal and regional patterns of the demo come from this table.
 */
import type { Terrain } from './geography.ts';

/** How one event type behaves. */
export interface EventProfile {
  /** Relative number of cards. */
  share: number;
  /** Relative frequency in January..December. */
  months: readonly number[];
  /** Relative frequency per terrain. */
  terrain: Record<Terrain, number>;
  /** Cause codes and their weights. */
  causes: Record<string, number>;
  /** Typical duration in days [min, max], or null when not recorded. */
  days: [number, number] | null;
}

const flat = [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1];
const t = (mountain: number, river: number, steppe: number) => ({ mountain, river, steppe });

/** Profiles by event type code. */
export const EVENT_PROFILES: Record<string, EventProfile> = {
  FLOOD: {
    share: 14,
    months: [1, 1, 5, 12, 8, 4, 3, 2, 1, 1, 1, 1],
    terrain: t(0.5, 3, 0.6),
    causes: { SNOWMELT: 4, RAIN: 3, OVERFLOW: 2, UNKNOWN: 0.5 },
    days: [1, 20],
  },
  'FLASH FLOOD': {
    share: 6,
    months: [0.3, 0.3, 2, 5, 7, 8, 6, 4, 2, 1, 0.3, 0.3],
    terrain: t(2.5, 1, 0.4),
    causes: { RAIN: 5, SNOWMELT: 1.5, DEFORESTATION: 0.5, UNKNOWN: 0.3 },
    days: [1, 3],
  },
  RAINS: {
    share: 5,
    months: [1, 1, 3, 5, 7, 6, 4, 3, 3, 3, 2, 1],
    terrain: t(1.2, 1.5, 0.6),
    causes: { ATMOSPHCONDITION: 3, RAIN: 2, UNKNOWN: 0.3 },
    days: [1, 5],
  },
  LANDSLIDE: {
    share: 6,
    months: [1, 1, 3, 6, 7, 5, 3, 2, 2, 2, 1, 1],
    terrain: t(5, 0.4, 0.05),
    causes: { RAIN: 4, SNOWMELT: 2, DEFORESTATION: 1, EROSION: 1, EARTHQUAKE: 0.3, HUMANERROR: 0.3 },
    days: null,
  },
  ALLUVION: {
    share: 4,
    months: [0, 0, 1, 4, 7, 8, 7, 4, 1, 0.5, 0, 0],
    terrain: t(6, 0.2, 0.02),
    causes: { RAIN: 3, SNOWMELT: 3, DEFORESTATION: 0.5, UNKNOWN: 0.3 },
    days: null,
  },
  AVALANCHE: {
    share: 3,
    months: [8, 9, 7, 3, 0.5, 0, 0, 0, 0, 1, 3, 6],
    terrain: t(8, 0.03, 0.01),
    causes: { ATMOSPHCONDITION: 3, HUMANERROR: 1, UNKNOWN: 0.5 },
    days: null,
  },
  EARTHQUAKE: {
    share: 2,
    months: flat,
    terrain: t(4, 0.6, 0.2),
    causes: { EARTHQUAKE: 1 },
    days: null,
  },
  DROUGHT: {
    share: 4,
    months: [0, 0, 0, 0.5, 2, 6, 9, 8, 4, 1, 0, 0],
    terrain: t(0.2, 0.6, 5),
    causes: { DROUGHT: 4, ATMOSPHCONDITION: 2 },
    days: [20, 150],
  },
  STORM: {
    share: 6,
    months: [1, 1, 2, 3, 4, 5, 5, 4, 3, 2, 1, 1],
    terrain: t(1, 1, 1.2),
    causes: { ATMOSPHCONDITION: 4, STRONGWIND: 2, UNKNOWN: 0.3 },
    days: [1, 2],
  },
  WINDSTORM: {
    share: 8,
    months: [3, 3, 4, 5, 4, 3, 3, 3, 3, 4, 4, 3],
    terrain: t(0.8, 1, 2.2),
    causes: { STRONGWIND: 4, ATMOSPHCONDITION: 2 },
    days: [1, 3],
  },
  HAILSTORM: {
    share: 5,
    months: [0, 0, 1, 3, 7, 8, 6, 3, 1, 0, 0, 0],
    terrain: t(1, 1.2, 1.5),
    causes: { ATMOSPHCONDITION: 1 },
    days: [1, 1],
  },
  SNOWSTORM: {
    share: 6,
    months: [9, 8, 5, 1, 0, 0, 0, 0, 0, 1, 4, 8],
    terrain: t(1.5, 0.8, 1.8),
    causes: { ATMOSPHCONDITION: 3, STRONGWIND: 2 },
    days: [1, 4],
  },
  'COLD WAVE': {
    share: 3,
    months: [9, 7, 3, 0, 0, 0, 0, 0, 0, 0.3, 2, 7],
    terrain: t(1, 1, 1.4),
    causes: { ATMOSPHCONDITION: 1 },
    days: [3, 14],
  },
  FROST: {
    share: 3,
    months: [0.5, 0.5, 3, 6, 4, 0.5, 0, 0, 3, 4, 1, 0.5],
    terrain: t(0.8, 1.2, 1.5),
    causes: { ATMOSPHCONDITION: 1 },
    days: [1, 5],
  },
  'HEAT WAVE': {
    share: 3,
    months: [0, 0, 0, 0, 1, 6, 9, 7, 2, 0, 0, 0],
    terrain: t(0.3, 1, 2.5),
    causes: { ATMOSPHCONDITION: 3, DROUGHT: 1 },
    days: [3, 20],
  },
  'FOREST FIRE': {
    share: 5,
    months: [0, 0, 1, 4, 4, 6, 8, 8, 5, 2, 0, 0],
    terrain: t(2, 0.7, 1.6),
    causes: { NEGLIGENCE: 3, DROUGHT: 2, HUMANERROR: 1, ATMOSPHCONDITION: 1, UNKNOWN: 1 },
    days: [1, 12],
  },
  FIRE: {
    share: 12,
    months: [6, 5, 4, 3, 3, 3, 3, 3, 3, 4, 5, 6],
    terrain: t(1, 1.2, 0.9),
    causes: { SHORTCIRCUIT: 3, NEGLIGENCE: 3, HUMANERROR: 2, UNKNOWN: 2 },
    days: null,
  },
  EPIDEMIC: {
    share: 2,
    months: [3, 3, 3, 2, 2, 2, 3, 3, 2, 3, 3, 3],
    terrain: t(1, 1.2, 1),
    causes: { UNKNOWN: 2, OTHER: 1 },
    days: [5, 60],
  },
  OTHER: {
    share: 3,
    months: flat,
    terrain: t(1, 1, 1),
    causes: { OTHER: 2, UNKNOWN: 2, HUMANERROR: 1 },
    days: null,
  },
};

/** The profile of an event type (every demo type has one). */
export function profileOf(code: string): EventProfile {
  const profile = EVENT_PROFILES[code];
  if (!profile) throw new Error(`no demo profile for event type ${code}`);
  return profile;
}
