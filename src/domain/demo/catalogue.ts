/**
 * Demoland's tenant settings and catalogues: DesInventar event types mapped to UNDRR-ISC
 * HIP 2025 hazard codes, DesInventar-style causes, and the three administrative levels.
 * The hazard rows are the few facts the demo needs; an imported catalogue always wins.
 */
import type { Names } from './names.ts';

/** The demo tenant's settings (its code comes from the caller). */
export const DEMO_TENANT = {
  names: {
    en: 'Demoland (synthetic demo)',
    ru: 'Демоленд (синтетические демо-данные)',
    kk: 'Демоленд (синтетикалық демо деректер)',
  },
  /** The fictional "Demoland dinar". */
  currency: 'DMD',
  languages: ['en', 'ru', 'kk'],
  defaultLanguage: 'en',
  isPublic: true,
  synthetic: true,
} as const;

/** Administrative levels, top first. */
export const DEMO_LEVELS: { level: 1 | 2 | 3; names: Names; codeLength: number }[] = [
  { level: 1, names: { en: 'Province', ru: 'Область', kk: 'Облыс' }, codeLength: 4 },
  { level: 2, names: { en: 'District', ru: 'Район', kk: 'Аудан' }, codeLength: 6 },
  { level: 3, names: { en: 'Commune', ru: 'Сельский округ', kk: 'Ауылдық округ' }, codeLength: 8 },
];

/** A HIP 2025 hazard row as the demo inserts it. */
export interface DemoHazard {
  code: string;
  name: string;
  typeName: string;
  clusterName: string;
}

const MH = 'Meteorological and Hydrological';
const hazard = (code: string, name: string, typeName: string, clusterName: string): DemoHazard => ({
  code,
  name,
  typeName,
  clusterName,
});

/** The UNDRR-ISC HIP 2025 hazards the demo's event types map to. */
export const DEMO_HAZARDS: DemoHazard[] = [
  hazard('MH0600', 'Flooding', MH, 'Water-related'),
  hazard('MH0603', 'Flash Flooding', MH, 'Water-related'),
  hazard('MH0402', 'Rain', MH, 'Precipitation-related'),
  hazard('GH0300', 'Gravitational Mass Movement (‘Landslide’)', 'Geological', 'Ground Failure'),
  hazard('GH0303', 'Debris and earth (mud)flows and rock avalanches', 'Geological', 'Ground Failure'),
  hazard('MH0801', 'Avalanche', MH, 'Terrestrial'),
  hazard('GH0101', 'Earthquake', 'Geological', 'Seismic'),
  hazard('MH0401', 'Drought', MH, 'Precipitation-related'),
  hazard('MH0103', 'Thunderstorm', MH, 'Convective-related'),
  hazard('MH0301', 'Wind', MH, 'Wind- & Pressure-related'),
  hazard('MH0404', 'Hail', MH, 'Precipitation-related'),
  hazard('MH0406', 'Snow Storm', MH, 'Precipitation-related'),
  hazard('MH0502', 'Cold Wave', MH, 'Temperature-related'),
  hazard('MH0501', 'Heatwave', MH, 'Temperature-related'),
  hazard('MH0505', 'Frost (Hoar Frost)', MH, 'Temperature-related'),
  hazard('EN0205', 'Wildfires', 'Environmental', 'Environmental Degradation'),
  hazard('TL0305', 'Fire', 'Technological', 'Industrial Failure'),
  hazard('BI0101', 'Airborne Diseases', 'Biological', 'Infectious Diseases'),
];

/** How a hazard tends to hurt: selects the effect profile of its cards. */
export type ImpactClass =
  | 'water'
  | 'mass'
  | 'quake'
  | 'dry'
  | 'wind'
  | 'cold'
  | 'heat'
  | 'wildfire'
  | 'fire'
  | 'bio'
  | 'other';

/** One event type of the demo catalogue. */
export interface DemoEventType {
  /** DesInventar English name, used as the code. */
  code: string;
  names: Names;
  hazardCode: string | null;
  /** GLIDE hazard code for disaster events of this type. */
  glide: string;
  impact: ImpactClass;
}

const event = (
  code: string,
  en: string,
  ru: string,
  kk: string,
  hazardCode: string | null,
  glide: string,
  impact: ImpactClass,
): DemoEventType => ({ code, names: { en, ru, kk }, hazardCode, glide, impact });

/** Event types, in catalogue order. */
export const DEMO_EVENT_TYPES: DemoEventType[] = [
  event('FLOOD', 'Flood', 'Наводнение', 'Су тасқыны', 'MH0600', 'FL', 'water'),
  event('FLASH FLOOD', 'Flash flood', 'Паводок', 'Кенет су тасқыны', 'MH0603', 'FF', 'water'),
  event('RAINS', 'Heavy rain', 'Сильный дождь', 'Нөсер жаңбыр', 'MH0402', 'OT', 'water'),
  event('LANDSLIDE', 'Landslide', 'Оползень', 'Жер көшкіні', 'GH0300', 'LS', 'mass'),
  event('ALLUVION', 'Mudflow', 'Сель', 'Сел', 'GH0303', 'MS', 'mass'),
  event('AVALANCHE', 'Avalanche', 'Лавина', 'Қар көшкіні', 'MH0801', 'AV', 'mass'),
  event('EARTHQUAKE', 'Earthquake', 'Землетрясение', 'Жер сілкінісі', 'GH0101', 'EQ', 'quake'),
  event('DROUGHT', 'Drought', 'Засуха', 'Құрғақшылық', 'MH0401', 'DR', 'dry'),
  event('STORM', 'Storm', 'Буря', 'Дауыл', 'MH0103', 'ST', 'wind'),
  event('WINDSTORM', 'Windstorm', 'Сильный ветер', 'Қатты жел', 'MH0301', 'VW', 'wind'),
  event('HAILSTORM', 'Hailstorm', 'Град', 'Бұршақ', 'MH0404', 'ST', 'wind'),
  event('SNOWSTORM', 'Snowstorm', 'Метель', 'Боран', 'MH0406', 'OT', 'cold'),
  event('COLD WAVE', 'Cold wave', 'Сильный мороз', 'Қатты аяз', 'MH0502', 'CW', 'cold'),
  event('FROST', 'Frost', 'Заморозки', 'Үсік', 'MH0505', 'OT', 'cold'),
  event('HEAT WAVE', 'Heat wave', 'Сильная жара', 'Аптап ыстық', 'MH0501', 'HT', 'heat'),
  event(
    'FOREST FIRE',
    'Forest and steppe fire',
    'Лесной и степной пожар',
    'Орман және дала өрті',
    'EN0205',
    'WF',
    'wildfire',
  ),
  event('FIRE', 'Fire', 'Пожар', 'Өрт', 'TL0305', 'FR', 'fire'),
  event('EPIDEMIC', 'Epidemic', 'Эпидемия', 'Індет', 'BI0101', 'EP', 'bio'),
  event('OTHER', 'Other', 'Другое', 'Басқа', null, 'OT', 'other'),
];

/** Causes (DesInventar "causas"; codes follow DesInventar 8 cause ids where one exists). */
export const DEMO_CAUSES: { code: string; names: Names }[] = [
  { code: 'RAIN', names: { en: 'Rain', ru: 'Дожди', kk: 'Жаңбыр' } },
  { code: 'SNOWMELT', names: { en: 'Snowmelt', ru: 'Снеготаяние', kk: 'Қар еруі' } },
  { code: 'OVERFLOW', names: { en: 'Overflow', ru: 'Выход реки из берегов', kk: 'Өзеннің арнасынан асуы' } },
  { code: 'EARTHQUAKE', names: { en: 'Earthquake', ru: 'Землетрясение', kk: 'Жер сілкінісі' } },
  { code: 'DEFORESTATION', names: { en: 'Deforestation', ru: 'Вырубка лесов', kk: 'Орман кесу' } },
  { code: 'EROSION', names: { en: 'Erosion', ru: 'Эрозия', kk: 'Эрозия' } },
  {
    code: 'ATMOSPHCONDITION',
    names: { en: 'Atmospheric conditions', ru: 'Атмосферные условия', kk: 'Атмосфералық жағдай' },
  },
  { code: 'STRONGWIND', names: { en: 'Strong wind', ru: 'Сильный ветер', kk: 'Қатты жел' } },
  { code: 'DROUGHT', names: { en: 'Drought', ru: 'Засуха', kk: 'Құрғақшылық' } },
  { code: 'HUMANERROR', names: { en: 'Human error', ru: 'Ошибка человека', kk: 'Адам қателігі' } },
  { code: 'NEGLIGENCE', names: { en: 'Negligence', ru: 'Халатность', kk: 'Немқұрайлылық' } },
  { code: 'SHORTCIRCUIT', names: { en: 'Short circuit', ru: 'Короткое замыкание', kk: 'Қысқа тұйықталу' } },
  { code: 'UNKNOWN', names: { en: 'Unknown', ru: 'Неизвестно', kk: 'Белгісіз' } },
  { code: 'OTHER', names: { en: 'Other cause', ru: 'Другая причина', kk: 'Басқа себеп' } },
];

/** Demoland dinars per US dollar in a year: steady depreciation with devaluations in 2009 and 2015. */
export function dmdPerUsd(year: number): number {
  let rate = 42;
  for (let y = 1996; y <= year; y++) {
    rate *= y <= 2008 ? 1.07 : 1.03;
    if (y === 2009) rate *= 1.25;
    if (y === 2015) rate *= 1.7;
  }
  return Math.round(rate * 100) / 100;
}

/** Price level of a year relative to 1995 (about 6% inflation a year). */
export const priceLevel = (year: number) => 1.06 ** (year - 1995);
