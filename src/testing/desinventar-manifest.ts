/**
 * Expected figures of the real Grenada DesInventar export, as ../shared/data/desinventar/MANIFEST.md
 * states them, keyed by our field registry; and where the file is.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** The Grenada export. */
export const GRD_FILE = join(import.meta.dirname, '../../../shared/data/desinventar/grd/DI_export_grd.xml');
/** The `skip` option of tests on the Grenada export. */
export const skipWithoutGrd = existsSync(GRD_FILE) ? false : `${GRD_FILE} is absent: real-file tests skipped`;

/** All 162 fichas. */
export const GRD_ALL = {
  count: 162,
  deaths: 5209,
  injured: 1249,
  missing: 0,
  housesDestroyed: 434,
  housesDamaged: 33722,
  directlyAffected: 107584,
  indirectlyAffected: 266393,
  evacuated: 9504,
  relocated: 0,
  lossesLocal: 2702715000,
  lossesUsd: 1149060000,
  cropsHa: 741.34,
  livestock: 14394,
  roadsM: 449158.9,
};

/** Approved (published) fichas only. */
export const GRD_PUBLISHED = {
  count: 131,
  deaths: 5176,
  injured: 1223,
  housesDestroyed: 429,
  housesDamaged: 33719,
  directlyAffected: 102006,
  indirectlyAffected: 265208,
  evacuated: 9489,
  lossesLocal: 2702485000,
  lossesUsd: 1148974000,
};

type EventFigures = Partial<
  Record<
    'count' | 'deaths' | 'housesDestroyed' | 'housesDamaged' | 'lossesUsd' | 'indirectlyAffected',
    number
  >
>;

/** Approved fichas by event (records / muertos / vivdest / vivafec / valorus, afectados where given). */
export const GRD_PUBLISHED_BY_EVENT: Record<string, EventFigures> = {
  HURRICANE: { count: 27, deaths: 116, housesDestroyed: 327, housesDamaged: 33017, lossesUsd: 969778000 },
  STORM: { count: 19, deaths: 0, housesDestroyed: 1, housesDamaged: 113, lossesUsd: 3290000 },
  FLOOD: { count: 17, deaths: 41, housesDestroyed: 15, housesDamaged: 58, lossesUsd: 8141000 },
  EARTHQUAKE: { count: 10, deaths: 0, housesDestroyed: 0, housesDamaged: 0, lossesUsd: 0 },
  EPIDEMIC: { count: 10, deaths: 4940, housesDestroyed: 0, housesDamaged: 0, lossesUsd: 0 },
  FIRE: { count: 9, deaths: 2, housesDestroyed: 5, housesDamaged: 0, lossesUsd: 7925000 },
  BIOLOGICAL: { count: 8, deaths: 0, housesDestroyed: 0, housesDamaged: 0, lossesUsd: 60000000 },
  'COASTAL EROSION': { count: 6, deaths: 0, housesDestroyed: 16, housesDamaged: 31, lossesUsd: 5500000 },
  LANDSLIDE: { count: 5, deaths: 3, housesDestroyed: 53, housesDamaged: 499, lossesUsd: 0 },
  TSUNAMI: { count: 4 },
  DROUGHT: { count: 4, indirectlyAffected: 106500 },
  VOLCANO: { count: 3 },
  OTHER: { count: 3, deaths: 65 },
  THUNDERSTORM: { count: 3, deaths: 0, housesDestroyed: 0, housesDamaged: 1 },
  'COASTAL FLOOD': { count: 1, deaths: 0, housesDestroyed: 12, housesDamaged: 0, lossesUsd: 94340000 },
  'FOREST FIRE': { count: 1 },
  ACCIDENT: { count: 1, deaths: 9 },
};

/** The measures the by-event figures need. */
export const GRD_EVENT_MEASURES = [
  'count',
  'deaths',
  'housesDestroyed',
  'housesDamaged',
  'lossesUsd',
  'indirectlyAffected',
];
