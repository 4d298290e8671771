/**
 * Synthetic DesInventar XML exports for tests and benchmarks: a small builder for hand-made
 * fixtures, and a streaming writer of an export of N cards (seeded, so figures are repeatable).
 */
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';

/** A table of a fixture: its tag name and rows (column tag -> text; null writes an empty element). */
export type FixtureTable = [name: string, rows: Record<string, string | null>[]];

/** Escape text the way DesInventar does (& < > ' "). */
export const escapeXml = (text: string) =>
  text.replace(/[&<>'"]/g, (c) => `&${{ '&': 'amp', '<': 'lt', '>': 'gt', "'": 'apos', '"': 'quot' }[c]};`);

/** One TR element. */
export function rowXml(row: Record<string, string | null>, eol = '\n'): string {
  const cells = Object.entries(row).map(
    ([column, value]) => `<${column}>${value === null ? '' : escapeXml(value)}</${column}>`,
  );
  return `<TR>${cells.join(eol)}${eol}</TR>${eol}`;
}

/** A whole export document from tables, e.g. for trap fixtures. */
export function desinventarXml(
  tables: FixtureTable[],
  options: { eol?: string; root?: string } = {},
): string {
  const eol = options.eol ?? '\n';
  const root = options.root ?? 'DESINVENTAR';
  const body = tables.map(
    ([name, rows]) => `<${name}>${eol}${rows.map((r) => rowXml(r, eol)).join('')}</${name}>${eol}`,
  );
  return `<?xml version="1.0"  encoding="UTF-8" ?>${eol}<${root}>${eol}${body.join('')}</${root}>${eol}`;
}

/** What a synthetic export holds, to check a reader against. */
export interface SyntheticSummary {
  cards: number;
  bytes: number;
  deaths: number;
  housesDestroyed: number;
  /** Sum of valorloc, exact (integers). */
  lossesLocal: bigint;
  published: number;
}

const EVENTS = ['FLOOD', 'LANDSLIDE', 'EARTHQUAKE', 'DROUGHT', 'STORM', 'FIRE', 'EPIDEMIC', 'COLD WAVE'];
const CAUSES = ['Rain', 'Flood', 'Earthquake', 'Unknown'];

/** Mulberry32: a tiny seeded PRNG. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function catalogues(): FixtureTable[] {
  const lev1 = Array.from(
    { length: 50 },
    (_, i) => `SY${String(Math.floor(i / 10)).padStart(2, '0')}${String(i % 10).padStart(2, '0')}`,
  );
  return [
    ['datamodel', [{ revision: '16', build: '0', slanguage: 'en' }]],
    [
      'eventos',
      EVENTS.map((e, i) => ({
        serial: String(i + 1),
        nombre: e,
        nombre_en: e,
        descripcion: null,
        parent: null,
      })),
    ],
    ['causas', CAUSES.map((c) => ({ causa: c, causa_en: c }))],
    [
      'niveles',
      [1, 2, 3].map((n) => ({
        nivel: String(n),
        descripcion: `Level ${n}`,
        descripcion_en: `Level ${n}`,
        longitud: String(2 + 2 * n),
      })),
    ],
    [
      'lev0',
      Array.from({ length: 5 }, (_, i) => ({
        lev0_cod: `SY${String(i).padStart(2, '0')}`,
        lev0_name: `Region ${i}`,
        lev0_name_en: `Region ${i}`,
      })),
    ],
    [
      'lev1',
      lev1.map((code) => ({
        lev1_cod: code,
        lev1_name: `District ${code}`,
        lev1_name_en: null,
        lev1_lev0: code.slice(0, 4),
      })),
    ],
    [
      'lev2',
      lev1.map((code) => ({
        lev2_cod: `${code}01`,
        lev2_name: `Commune ${code}`,
        lev2_name_en: null,
        lev2_lev1: code,
      })),
    ],
    [
      'diccionario',
      ['DEATHS_FEMALE', 'DEATHS_MALE', 'HA_DMGD', 'LOSS_CROPS', 'RAINFALL_MM'].map((name, i) => ({
        orden: String(201 + i),
        nombre_campo: name,
        label_campo: name,
        label_campo_en: name,
        fieldtype: i < 2 ? '1' : '2',
      })),
    ],
  ];
}

const HAY_SOMETIMES = ['hay_muertos', 'hay_heridos', 'hay_deasparece', 'hay_afectados'];
const HAY_NEVER = ['hay_vivdest', 'hay_vivafec', 'hay_damnificados', 'hay_evacuados', 'hay_reubicados'];
const SECTORS_SOMETIMES = ['hay_otros', 'socorro', 'salud', 'educacion', 'agropecuario', 'industrias'];
const SECTORS_NEVER = ['acueducto', 'alcantarillado', 'energia', 'comunicaciones', 'transporte'];
const ZERO_EFFECTS = [
  'desaparece',
  'nhospitales',
  'nescuelas',
  'cabezas',
  'duracion',
  'evacuados',
  'reubicados',
];

/** Flags and sectors: 0, or sometimes a flag. */
function flags(next: () => number): Record<string, string> {
  const pick = (columns: string[], flag: string | null) =>
    columns.map((c) => [c, flag !== null && next() < 0.15 ? flag : '0']);
  return Object.fromEntries([
    ...pick(HAY_SOMETIMES, '-1'),
    ...pick(HAY_NEVER, null),
    ...pick(SECTORS_SOMETIMES, '1'),
    ...pick(SECTORS_NEVER, null),
    ...ZERO_EFFECTS.map((c) => [c, '0']),
  ]);
}

/** The effects whose sums the summary keeps; valorloc sometimes in scientific notation. */
function counted(next: () => number, summary: SyntheticSummary): Record<string, string> {
  const deaths = next() < 0.3 ? Math.floor(next() * 50) : 0;
  const destroyed = Math.floor(next() * 20);
  const losses = Math.floor(next() * 1e7);
  const approved = next() < 0.8 ? 0 : 1 + Math.floor(next() * 4);
  summary.deaths += deaths;
  summary.housesDestroyed += destroyed;
  summary.lossesLocal += BigInt(losses);
  if (approved === 0) summary.published++;
  const scientific = `${(losses / 1e6).toFixed(6).replace(/0+$/, '').replace(/\.$/, '')}E6`;
  return {
    muertos: String(deaths),
    vivdest: String(destroyed),
    valorloc: losses >= 1e6 ? scientific : String(losses),
    valorus: String(Math.floor(losses / 3)),
    approved: String(approved),
  };
}

function card(clave: number, next: () => number, summary: SyntheticSummary): string {
  const code = `SY${String(Math.floor(next() * 5)).padStart(2, '0')}0${Math.floor(next() * 10)}`;
  const int = (max: number) => String(Math.floor(next() * max));
  const row: Record<string, string | null> = {
    serial: String(clave),
    level0: code.slice(0, 4),
    level1: code,
    level2: next() < 0.5 ? `${code}01` : null,
    name0: 'Region',
    name1: 'District',
    name2: null,
    evento: EVENTS[Math.floor(next() * EVENTS.length)]!,
    lugar: `Place ${clave} & "river" <bank>`,
    fechano: String(1970 + Math.floor(next() * 55)),
    fechames: int(13),
    fechadia: int(29),
    heridos: int(10),
    afectados: int(5000),
    vivafec: int(100),
    damnificados: int(300),
    nhectareas: (next() * 100).toFixed(2),
    kmvias: (next() * 1000).toFixed(1),
    causa: CAUSES[Math.floor(next() * CAUSES.length)]!,
    magnitud2: next() < 0.2 ? '7.2' : null,
    fuentes: 'Synthetic source',
    fechapor: 'bench',
    fechafec: '2024-01-01',
    clave: String(clave),
    latitude: next() < 0.5 ? '0' : (next() * 10).toFixed(6),
    longitude: next() < 0.5 ? '0' : (next() * 10).toFixed(6),
    uu_id: `00000000-0000-4000-8000-${String(clave).padStart(12, '0')}`,
    di_comments: next() < 0.3 ? 'Observed by the synthetic generator.\nSecond line.' : null,
  };
  return rowXml(Object.assign(row, counted(next, summary), flags(next)));
}

function extension(clave: number, next: () => number): string {
  const some = () => (next() < 0.5 ? String(Math.floor(next() * 10)) : null);
  return rowXml({
    clave_ext: String(clave),
    deaths_female: some(),
    deaths_male: some(),
    ha_dmgd: some(),
    loss_crops: some(),
    rainfall_mm: next() < 0.3 ? (next() * 200).toFixed(1) : null,
  });
}

/** Write an export of `cards` fichas (and as many extension rows) to `path`, streaming. */
export async function writeSyntheticExport(
  path: string,
  cards: number,
  seed = 42,
): Promise<SyntheticSummary> {
  const next = random(seed);
  const out = createWriteStream(path);
  const summary: SyntheticSummary = {
    cards,
    bytes: 0,
    deaths: 0,
    housesDestroyed: 0,
    lossesLocal: 0n,
    published: 0,
  };
  const write = async (text: string) => {
    summary.bytes += Buffer.byteLength(text);
    if (!out.write(text)) await once(out, 'drain');
  };
  const head = desinventarXml(catalogues());
  await write(head.slice(0, head.lastIndexOf('</DESINVENTAR>')));
  for (const [table, row] of [
    ['fichas', (clave: number) => card(clave, next, summary)],
    ['extension', (clave: number) => extension(clave, next)],
  ] as const) {
    await write(`<${table}>\n`);
    for (let start = 1; start <= cards; start += 500) {
      const end = Math.min(cards, start + 499);
      let chunk = '';
      for (let clave = start; clave <= end; clave++) chunk += row(clave);
      await write(chunk);
    }
    await write(`</${table}>\n`);
  }
  await write('</DESINVENTAR>\n');
  out.end();
  await once(out, 'finish');
  return summary;
}
