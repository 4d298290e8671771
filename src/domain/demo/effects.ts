/**
 * The effects and sectors of one demo datacard. Severity is heavy-tailed, so most cards
 * have small or no effects and a few are disasters; related effects move together (people
 * affected follow houses hit, relocations follow houses destroyed, losses follow the damage).
 * Reporting improves over the years: fewer blanks (null = not reported), more explicit zeros.
 */
import { EFFECT_KEYS, type EffectKey, SECTOR_KEYS, type SectorKey } from '../../shared/fields.ts';
import type { EffectValue } from '../../shared/schemas/datacard.ts';
import { dmdPerUsd, type ImpactClass, priceLevel } from './catalogue.ts';
import { IMPACTS, type Odds } from './impacts.ts';
import type { Random } from './random.ts';

/** Effects and sectors of one card. */
export interface DemoEffects {
  effects: Record<EffectKey, EffectValue>;
  sectors: Record<SectorKey, EffectValue>;
}

/** Unit prices in 1995 dinars, grown each year by priceLevel(). */
const PRICES_1995 = {
  houseDestroyed: 400_000,
  houseDamaged: 60_000,
  cropHa: 8_000,
  livestock: 20_000,
  roadM: 1_500,
  school: 20_000_000,
  clinic: 30_000_000,
};

/** A heavy-tailed severity: median about 1.5, one card in a thousand above 75. */
export const drawSeverity = (rng: Random) => Math.min(1500, rng.pareto(1.6));

const round1 = (x: number) => Math.round(x * 10) / 10;
const round2 = (x: number) => Math.round(x * 100) / 100;

/** Draw every effect of a card of this impact class, in this year, at this severity. */
export function drawEffects(rng: Random, impact: ImpactClass, year: number, severity: number): DemoEffects {
  const profile = IMPACTS[impact];
  const quality = Math.min(1, Math.max(0, (year - 1995) / 29));
  const zeroShare = 0.3 + 0.45 * quality;
  const flagShare = 0.07 - 0.04 * quality;
  const numbers = {} as Record<EffectKey, number | null>;
  const happens = (odds: Odds) => odds[0] > 0 && rng.chance(1 - (1 - odds[0]) ** Math.sqrt(severity));
  const size = (odds: Odds, growth = 1) =>
    Math.max(1, Math.round(odds[1] * severity ** growth * rng.logNormal(0, 0.7)));
  const draw = (key: EffectKey, odds: Odds, growth = 1) => {
    numbers[key] = happens(odds) ? size(odds, growth) : 0;
  };

  draw('housesDamaged', profile.housesDamaged);
  const damaged = numbers.housesDamaged!;
  numbers.housesDestroyed =
    damaged > 0 && rng.chance(Math.min(0.9, profile.destroyedRatio * 4))
      ? Math.max(1, Math.round(damaged * profile.destroyedRatio * rng.logNormal(0, 0.5)))
      : 0;
  const housesHit = damaged + numbers.housesDestroyed;
  numbers.directlyAffected =
    housesHit > 0
      ? Math.round(housesHit * 3.8 * rng.logNormal(0, 0.3))
      : happens(profile.directlyAffected)
        ? size(profile.directlyAffected, 1.1)
        : 0;
  draw('indirectlyAffected', profile.indirectlyAffected, 1.1);
  draw('deaths', profile.deaths, 0.75);
  draw('injured', numbers.deaths! > 0 ? [0.5, profile.injured[1] || 1] : profile.injured, 0.8);
  draw('missing', profile.missing, 0.5);
  draw('evacuated', profile.evacuated);
  if (numbers.directlyAffected > 0)
    numbers.evacuated = Math.min(numbers.evacuated!, numbers.directlyAffected);
  numbers.relocated =
    numbers.housesDestroyed > 0 && rng.chance(0.5)
      ? Math.round(numbers.housesDestroyed * 3.5 * rng.logNormal(0, 0.4))
      : 0;
  draw('cropsHa', profile.cropsHa);
  draw('livestock', profile.livestock);
  draw('roadsM', profile.roadsM);
  draw('educationCentres', profile.educationCentres, 0.5);
  draw('healthCentres', profile.healthCentres, 0.5);
  if (numbers.cropsHa) numbers.cropsHa = round1(numbers.cropsHa * rng.range(0.9, 1.1));
  drawLosses(rng, numbers, year, severity, quality);

  const effects = {} as Record<EffectKey, EffectValue>;
  for (const key of EFFECT_KEYS) {
    const n = numbers[key] ?? 0;
    if (n > 0 && rng.chance(flagShare)) effects[key] = { value: null, present: true };
    else if (n > 0) effects[key] = { value: n, present: false };
    else effects[key] = { value: rng.chance(zeroShare) ? 0 : null, present: false };
  }
  // The USD figure is a conversion of the local one: never reported where the local one is not.
  const local = effects.lossesLocal;
  if (local.value === null || local.value === 0 || numbers.lossesUsd === 0)
    effects.lossesUsd =
      local.value === 0
        ? { value: 0, present: false }
        : { value: null, present: local.present && rng.chance(0.5) };
  return { effects, sectors: drawSectors(rng, impact, numbers, year, severity) };
}

/** Losses in dinars from the damage, reported more often in later years; USD at that year's rate. */
function drawLosses(
  rng: Random,
  n: Record<EffectKey, number | null>,
  year: number,
  severity: number,
  quality: number,
): void {
  n.lossesLocal = 0;
  n.lossesUsd = 0;
  const damage =
    n.housesDestroyed! * PRICES_1995.houseDestroyed +
    n.housesDamaged! * PRICES_1995.houseDamaged +
    n.cropsHa! * PRICES_1995.cropHa +
    n.livestock! * PRICES_1995.livestock +
    n.roadsM! * PRICES_1995.roadM +
    n.educationCentres! * PRICES_1995.school +
    n.healthCentres! * PRICES_1995.clinic;
  if (damage <= 0 || !rng.chance(0.35 + 0.45 * quality)) return;
  const local = Math.round(
    (damage + severity * 150_000 * rng.next()) * priceLevel(year) * rng.logNormal(0, 0.3),
  );
  n.lossesLocal = local;
  if (rng.chance(0.75)) n.lossesUsd = round2(local / dmdPerUsd(year));
}

/** Sectors hit: the class's usual suspects plus those the effects imply; counts in Sendai years. */
function drawSectors(
  rng: Random,
  impact: ImpactClass,
  n: Record<EffectKey, number | null>,
  year: number,
  severity: number,
): Record<SectorKey, EffectValue> {
  const odds = IMPACTS[impact].sectors;
  const implied: Partial<Record<SectorKey, boolean>> = {
    agriculture: (n.cropsHa ?? 0) > 0 || (n.livestock ?? 0) > 0,
    transport: (n.roadsM ?? 0) > 500,
    education: (n.educationCentres ?? 0) > 0,
    health: (n.healthCentres ?? 0) > 0,
    relief: severity > 20,
  };
  const sectors = {} as Record<SectorKey, EffectValue>;
  for (const key of SECTOR_KEYS) {
    const p = odds[key] ?? 0;
    const hit = implied[key] || (p > 0 && rng.chance(Math.min(0.95, 1 - (1 - p) ** Math.sqrt(severity))));
    if (!hit) sectors[key] = { value: null, present: false };
    else if (year >= 2015 && rng.chance(0.3))
      sectors[key] = { value: rng.int(1, 1 + Math.min(20, Math.round(severity))), present: true };
    else sectors[key] = { value: null, present: true };
  }
  return sectors;
}
