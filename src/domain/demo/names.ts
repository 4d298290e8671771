/**
 * Place names of Demoland, built from syllables. Each syllable piece carries its Latin,
 * Russian and Kazakh spelling, so a name's three renderings are a deterministic
 * transliteration of the same pieces (Kazakh uses its own letters: қ, ғ, ң, ұ, і, ө).
 */
import type { Random } from './random.ts';

/** A text in the demo's three languages (a type alias, so it fits Record<string, string> columns). */
export type Names = { en: string; ru: string; kk: string };

/** One piece of a name: Latin, Russian and Kazakh spellings. */
type Piece = readonly [latin: string, ru: string, kk: string];

const ONSETS: Piece[] = [
  ['b', 'б', 'б'],
  ['d', 'д', 'д'],
  ['g', 'г', 'г'],
  ['k', 'к', 'к'],
  ['q', 'к', 'қ'],
  ['gh', 'г', 'ғ'],
  ['l', 'л', 'л'],
  ['m', 'м', 'м'],
  ['n', 'н', 'н'],
  ['r', 'р', 'р'],
  ['s', 'с', 'с'],
  ['t', 'т', 'т'],
  ['z', 'з', 'з'],
  ['sh', 'ш', 'ш'],
  ['ch', 'ч', 'ш'],
  ['zh', 'ж', 'ж'],
  ['kh', 'х', 'х'],
  ['v', 'в', 'в'],
  ['p', 'п', 'п'],
];

const VOWELS: Piece[] = [
  ['a', 'а', 'а'],
  ['a', 'а', 'а'],
  ['e', 'е', 'е'],
  ['i', 'и', 'і'],
  ['o', 'о', 'о'],
  ['u', 'у', 'ұ'],
  ['y', 'ы', 'ы'],
];

const CODAS: Piece[] = [
  ['n', 'н', 'н'],
  ['r', 'р', 'р'],
  ['l', 'л', 'л'],
  ['k', 'к', 'к'],
  ['q', 'к', 'қ'],
  ['t', 'т', 'т'],
  ['s', 'с', 'с'],
  ['ng', 'нг', 'ң'],
  ['m', 'м', 'м'],
  ['sh', 'ш', 'ш'],
];

/** Landscape endings ("mountain", "lake", "water", "spring", "steppe", "sand", …) by terrain. */
const SUFFIXES: Record<'mountain' | 'river' | 'steppe', Piece[]> = {
  mountain: [
    ['tau', 'тау', 'тау'],
    ['sai', 'сай', 'сай'],
    ['tobe', 'тобе', 'төбе'],
    ['bulak', 'булак', 'бұлақ'],
  ],
  river: [
    ['su', 'су', 'су'],
    ['kol', 'коль', 'көл'],
    ['ozek', 'озек', 'өзек'],
    ['bulak', 'булак', 'бұлақ'],
  ],
  steppe: [
    ['dala', 'дала', 'дала'],
    ['kum', 'кум', 'құм'],
    ['tobe', 'тобе', 'төбе'],
    ['kuduk', 'кудук', 'құдық'],
  ],
};

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

function join(pieces: Piece[]): Names {
  const at = (i: 0 | 1 | 2) => capitalise(pieces.map((p) => p[i]).join(''));
  return { en: at(0), ru: at(1), kk: at(2) };
}

/** The pieces of one random name of 2-3 syllables, optionally with a landscape ending. */
function namePieces(rng: Random, terrain: keyof typeof SUFFIXES | null): Piece[] {
  const suffix = terrain && rng.chance(0.35) ? rng.pick(SUFFIXES[terrain]) : null;
  const syllables = suffix ? (rng.chance(0.6) ? 1 : 2) : rng.chance(0.55) ? 2 : 3;
  const pieces: Piece[] = [];
  let endsInVowel = false;
  for (let s = 0; s < syllables; s++) {
    if (s > 0 || rng.chance(0.8) || endsInVowel) pieces.push(rng.pick(ONSETS));
    pieces.push(rng.pick(VOWELS));
    endsInVowel = !(s < syllables - 1 ? rng.chance(0.35) : rng.chance(0.6));
    if (!endsInVowel) pieces.push(rng.pick(CODAS));
  }
  if (suffix) pieces.push(suffix);
  return pieces;
}

/** Draws place names that are unique within one country. */
export class NameMaker {
  private readonly used = new Set<string>();

  constructor(private readonly rng: Random) {}

  /** A new name, flavoured by its terrain when given. */
  next(terrain: keyof typeof SUFFIXES | null = null): Names {
    for (;;) {
      const names = join(namePieces(this.rng, terrain));
      if (names.en.length >= 4 && names.en.length <= 12 && !this.used.has(names.en)) {
        this.used.add(names.en);
        return names;
      }
    }
  }
}
