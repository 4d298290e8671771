/**
 * Typical effects of each impact class at severity 1: for each effect the chance that it
 * occurs and its median size; for each sector the chance that it is disrupted.
 */
import type { SectorKey } from '../../shared/fields.ts';
import type { ImpactClass } from './catalogue.ts';

/** [probability at severity 1, median at severity 1]. */
export type Odds = readonly [p: number, median: number];

/** Effects an impact class tends to cause. */
export interface ImpactProfile {
  deaths: Odds;
  injured: Odds;
  missing: Odds;
  directlyAffected: Odds;
  indirectlyAffected: Odds;
  evacuated: Odds;
  housesDamaged: Odds;
  /** Houses destroyed as a share of houses damaged (damaged >> destroyed, except fires). */
  destroyedRatio: number;
  cropsHa: Odds;
  livestock: Odds;
  roadsM: Odds;
  educationCentres: Odds;
  healthCentres: Odds;
  sectors: Partial<Record<SectorKey, number>>;
}

const none: Odds = [0, 0];

/** Impact profiles by class. */
export const IMPACTS: Record<ImpactClass, ImpactProfile> = {
  water: {
    deaths: [0.05, 1],
    injured: [0.1, 2],
    missing: [0.03, 1],
    directlyAffected: [0.45, 30],
    indirectlyAffected: [0.2, 120],
    evacuated: [0.35, 60],
    housesDamaged: [0.45, 6],
    destroyedRatio: 0.06,
    cropsHa: [0.35, 40],
    livestock: [0.15, 20],
    roadsM: [0.35, 300],
    educationCentres: [0.06, 1],
    healthCentres: [0.03, 1],
    sectors: { transport: 0.4, water: 0.35, sewerage: 0.2, agriculture: 0.3, energy: 0.2, relief: 0.25 },
  },
  mass: {
    deaths: [0.1, 1],
    injured: [0.12, 2],
    missing: [0.05, 1],
    directlyAffected: [0.4, 15],
    indirectlyAffected: [0.2, 60],
    evacuated: [0.25, 20],
    housesDamaged: [0.35, 3],
    destroyedRatio: 0.3,
    cropsHa: [0.2, 8],
    livestock: [0.1, 10],
    roadsM: [0.6, 250],
    educationCentres: [0.02, 1],
    healthCentres: [0.01, 1],
    sectors: { transport: 0.65, energy: 0.2, water: 0.2, communications: 0.1, relief: 0.2 },
  },
  quake: {
    deaths: [0.12, 1],
    injured: [0.4, 5],
    missing: [0.02, 1],
    directlyAffected: [0.7, 80],
    indirectlyAffected: [0.4, 300],
    evacuated: [0.3, 50],
    housesDamaged: [0.7, 15],
    destroyedRatio: 0.08,
    cropsHa: none,
    livestock: [0.05, 5],
    roadsM: [0.15, 100],
    educationCentres: [0.25, 1],
    healthCentres: [0.12, 1],
    sectors: {
      transport: 0.2,
      energy: 0.3,
      water: 0.3,
      education: 0.25,
      health: 0.15,
      relief: 0.4,
      industry: 0.15,
    },
  },
  dry: {
    deaths: [0.005, 1],
    injured: none,
    missing: none,
    directlyAffected: [0.5, 300],
    indirectlyAffected: [0.4, 1000],
    evacuated: none,
    housesDamaged: none,
    destroyedRatio: 0,
    cropsHa: [0.9, 400],
    livestock: [0.5, 150],
    roadsM: none,
    educationCentres: none,
    healthCentres: none,
    sectors: { agriculture: 0.9, water: 0.5, relief: 0.2 },
  },
  wind: {
    deaths: [0.03, 1],
    injured: [0.15, 2],
    missing: none,
    directlyAffected: [0.4, 20],
    indirectlyAffected: [0.2, 80],
    evacuated: [0.05, 10],
    housesDamaged: [0.45, 5],
    destroyedRatio: 0.03,
    cropsHa: [0.25, 60],
    livestock: [0.05, 5],
    roadsM: [0.05, 100],
    educationCentres: [0.05, 1],
    healthCentres: [0.02, 1],
    sectors: { energy: 0.5, communications: 0.3, transport: 0.15, agriculture: 0.25, other: 0.05 },
  },
  cold: {
    deaths: [0.08, 1],
    injured: [0.12, 2],
    missing: [0.02, 1],
    directlyAffected: [0.3, 30],
    indirectlyAffected: [0.3, 200],
    evacuated: [0.05, 10],
    housesDamaged: [0.1, 3],
    destroyedRatio: 0.03,
    cropsHa: [0.25, 150],
    livestock: [0.35, 80],
    roadsM: [0.3, 2000],
    educationCentres: [0.05, 1],
    healthCentres: none,
    sectors: {
      transport: 0.55,
      energy: 0.4,
      communications: 0.15,
      agriculture: 0.3,
      education: 0.1,
      relief: 0.15,
    },
  },
  heat: {
    deaths: [0.08, 2],
    injured: [0.1, 5],
    missing: none,
    directlyAffected: [0.3, 100],
    indirectlyAffected: [0.3, 400],
    evacuated: none,
    housesDamaged: none,
    destroyedRatio: 0,
    cropsHa: [0.4, 200],
    livestock: [0.1, 20],
    roadsM: none,
    educationCentres: none,
    healthCentres: none,
    sectors: { agriculture: 0.4, energy: 0.25, health: 0.3, water: 0.3 },
  },
  wildfire: {
    deaths: [0.02, 1],
    injured: [0.05, 1],
    missing: none,
    directlyAffected: [0.15, 10],
    indirectlyAffected: [0.1, 40],
    evacuated: [0.1, 30],
    housesDamaged: [0.1, 2],
    destroyedRatio: 0.4,
    cropsHa: [0.9, 300],
    livestock: [0.1, 10],
    roadsM: none,
    educationCentres: none,
    healthCentres: none,
    sectors: { agriculture: 0.4, energy: 0.1, transport: 0.05 },
  },
  fire: {
    deaths: [0.08, 1],
    injured: [0.25, 1],
    missing: none,
    directlyAffected: [0.55, 4],
    indirectlyAffected: [0.05, 20],
    evacuated: [0.15, 8],
    housesDamaged: [0.5, 1],
    destroyedRatio: 0.6,
    cropsHa: none,
    livestock: [0.05, 3],
    roadsM: none,
    educationCentres: [0.01, 1],
    healthCentres: none,
    sectors: { energy: 0.1, industry: 0.15, other: 0.05 },
  },
  bio: {
    deaths: [0.15, 1],
    injured: none,
    missing: none,
    directlyAffected: [0.9, 30],
    indirectlyAffected: [0.3, 200],
    evacuated: none,
    housesDamaged: none,
    destroyedRatio: 0,
    cropsHa: none,
    livestock: none,
    roadsM: none,
    educationCentres: none,
    healthCentres: none,
    sectors: { health: 0.8, education: 0.2 },
  },
  other: {
    deaths: [0.05, 1],
    injured: [0.15, 1],
    missing: [0.01, 1],
    directlyAffected: [0.3, 5],
    indirectlyAffected: [0.05, 20],
    evacuated: [0.05, 5],
    housesDamaged: [0.15, 2],
    destroyedRatio: 0.1,
    cropsHa: none,
    livestock: none,
    roadsM: [0.02, 50],
    educationCentres: none,
    healthCentres: none,
    sectors: { other: 0.3, transport: 0.05 },
  },
};
