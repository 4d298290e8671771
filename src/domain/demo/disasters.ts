/**
 * Demoland's named disasters: a few big events, each grouping many datacards across one or
 * more provinces under one GLIDE-like number (XDL is a user-assigned ISO 3166 alpha-3 code,
 * never a real country).
 */
import { DEMO_EVENT_TYPES } from './catalogue.ts';
import type { DemoGeography, Terrain } from './geography.ts';
import type { Random } from './random.ts';

/** One named disaster and the cards it will group. */
export interface DemoDisaster {
  id: string;
  name: string;
  glide: string;
  eventType: string;
  hazardCode: string | null;
  /** First and last day, YYYY-MM-DD, within one year. */
  startDate: string;
  endDate: string;
  description: string;
  /** Unit keys of the provinces it struck. */
  provinces: number[];
  /** Number of datacards it groups. */
  cards: number;
  /** Severity multiplier of its cards. */
  boost: number;
}

interface Template {
  type: string;
  start: string;
  days: number;
  terrain: Terrain | null;
  provinces: number;
  /** Share of all cards. */
  share: number;
  boost: number;
  name: (province: string, year: number) => string;
}

const TEMPLATES: Template[] = [
  {
    type: 'FLOOD',
    start: '1998-04-02',
    days: 25,
    terrain: 'river',
    provinces: 2,
    share: 0.006,
    boost: 6,
    name: (p, y) => `${p} spring floods ${y}`,
  },
  {
    type: 'SNOWSTORM',
    start: '2001-01-10',
    days: 12,
    terrain: 'steppe',
    provinces: 2,
    share: 0.003,
    boost: 5,
    name: (p, y) => `${p} blizzards and livestock losses ${y}`,
  },
  {
    type: 'EARTHQUAKE',
    start: '2003-06-18',
    days: 1,
    terrain: 'mountain',
    provinces: 1,
    share: 0.002,
    boost: 25,
    name: (p, y) => `${p} earthquake ${y}`,
  },
  {
    type: 'DROUGHT',
    start: '2008-06-01',
    days: 100,
    terrain: 'steppe',
    provinces: 2,
    share: 0.004,
    boost: 8,
    name: (_p, y) => `Drought of ${y}`,
  },
  {
    type: 'COLD WAVE',
    start: '2012-01-20',
    days: 14,
    terrain: null,
    provinces: 3,
    share: 0.004,
    boost: 4,
    name: (_p, y) => `Cold wave of January ${y}`,
  },
  {
    type: 'ALLUVION',
    start: '2015-07-23',
    days: 2,
    terrain: 'mountain',
    provinces: 1,
    share: 0.002,
    boost: 15,
    name: (p, y) => `${p} mudflow ${y}`,
  },
  {
    type: 'AVALANCHE',
    start: '2017-02-05',
    days: 8,
    terrain: 'mountain',
    provinces: 2,
    share: 0.002,
    boost: 6,
    name: (_p, y) => `Avalanches of February ${y}`,
  },
  {
    type: 'FLOOD',
    start: '2017-04-10',
    days: 20,
    terrain: 'river',
    provinces: 1,
    share: 0.003,
    boost: 5,
    name: (p, y) => `${p} floods ${y}`,
  },
  {
    type: 'HEAT WAVE',
    start: '2021-07-05',
    days: 12,
    terrain: 'steppe',
    provinces: 2,
    share: 0.003,
    boost: 6,
    name: (_p, y) => `Heat wave of July ${y}`,
  },
  {
    type: 'FOREST FIRE',
    start: '2022-08-20',
    days: 10,
    terrain: 'steppe',
    provinces: 1,
    share: 0.002,
    boost: 6,
    name: (p, y) => `${p} steppe fires ${y}`,
  },
  {
    type: 'FLOOD',
    start: '2024-03-28',
    days: 40,
    terrain: 'river',
    provinces: 3,
    share: 0.008,
    boost: 8,
    name: (_p, y) => `Great spring flood of ${y}`,
  },
];

const addDays = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** The disasters for a total number of cards; those that would group no card are left out. */
export function planDisasters(rng: Random, geography: DemoGeography, totalCards: number): DemoDisaster[] {
  const provinces = geography.units.filter((u) => u.level === 1);
  const out: DemoDisaster[] = [];
  for (const t of TEMPLATES) {
    const type = DEMO_EVENT_TYPES.find((e) => e.code === t.type)!;
    const year = Number(t.start.slice(0, 4));
    const id = rng.uuid();
    const serial = rng.int(1, 400);
    const pool = provinces.filter((p) => t.terrain === null || p.terrain === t.terrain);
    const chosen: number[] = [];
    while (chosen.length < Math.min(t.provinces, pool.length)) {
      const p = rng.pick(pool).key;
      if (!chosen.includes(p)) chosen.push(p);
    }
    const cards = Math.floor(totalCards * t.share);
    if (cards === 0) continue;
    const endDate = addDays(t.start, t.days - 1);
    const names = chosen.map((k) => geography.units[k]!.names.en);
    out.push({
      id,
      name: t.name(names[0]!, year),
      glide: `${type.glide}-${year}-${String(serial).padStart(6, '0')}-XDL`,
      eventType: t.type,
      hazardCode: type.hazardCode,
      startDate: t.start,
      endDate: endDate.slice(0, 4) === t.start.slice(0, 4) ? endDate : `${year}-12-31`,
      description: `${type.names.en} in ${names.join(', ')} (synthetic demo event).`,
      provinces: chosen,
      cards,
      boost: t.boost,
    });
  }
  return out;
}
