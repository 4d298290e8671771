/**
 * Reads a hazard classification file into validated hazards: the HIPs JSON shape
 * ({ hazards: [{ code, name: {en, …}, type, cluster, cluster_code, code_2020, chapeau, definition }] })
 * or CSV with a header code,name_<lang>…,type,cluster,cluster_code[,code_2020][,umbrella],definition.
 */
import { existsSync, readFileSync } from 'node:fs';
import { extname } from 'node:path';
import type { z } from 'zod';
import { AppError, type FieldIssue } from '../../shared/errors.ts';
import { HazardInputSchema } from '../../shared/schemas/hazards.ts';
import { CsvError, type CsvRecord, parseCsv } from './csv.ts';

/** One hazard ready to store. */
export type HazardInput = z.infer<typeof HazardInputSchema>;

/** A hazard read from a file, before validation, with where it came from ('line 4', 'hazards[3]'). */
interface Draft {
  at: string;
  values: Record<string, unknown>;
  /** A problem found before validation (e.g. a CSV row of the wrong width). */
  problem?: string;
}

/** How each format names our fields in messages. */
const JSON_NAMES: Record<string, string> = {
  names: 'name',
  typeName: 'type',
  clusterName: 'cluster',
  clusterCode: 'cluster_code',
  code2020: 'code_2020',
  umbrella: 'chapeau',
};
const CSV_NAMES: Record<string, string> = { ...JSON_NAMES, names: 'name', umbrella: 'umbrella' };
const CSV_COLUMNS = ['code', 'type', 'cluster', 'cluster_code', 'code_2020', 'umbrella', 'definition'];

const MAX_LISTED = 20;

/** The error for a file with problems: the first ones in the message, up to 100 in details. */
function fileProblems(file: string, issues: FieldIssue[]): AppError {
  const listed = issues.slice(0, MAX_LISTED).map((i) => `\n  ${i.path}: ${i.message}`);
  const more = issues.length > MAX_LISTED ? `\n  … and ${issues.length - MAX_LISTED} more` : '';
  return new AppError(
    'validation_failed',
    `${file}: ${issues.length} problem${issues.length === 1 ? '' : 's'}, nothing imported:${listed.join('')}${more}`,
    { issues: issues.slice(0, 100) },
  );
}

/** Empty text means "not given". */
const blankToNull = (v: unknown) =>
  v === undefined || (typeof v === 'string' && v.trim() === '') ? null : v;
const trimmed = (v: unknown) => (typeof v === 'string' ? v.trim() : v);

function validate(file: string, drafts: Draft[], names: Record<string, string>): HazardInput[] {
  const issues: FieldIssue[] = [];
  const firstSeen = new Map<string, string>();
  const out: HazardInput[] = [];
  for (const { at, values, problem } of drafts) {
    if (problem) {
      issues.push({ path: at, code: 'malformed', message: problem });
      continue;
    }
    if (values.code === null) {
      issues.push({ path: at, code: 'required', message: 'has no code' });
      continue;
    }
    const parsed = HazardInputSchema.safeParse(values);
    if (!parsed.success) {
      for (const i of parsed.error.issues) {
        const [head, ...rest] = i.path.map(String);
        const field = [names[head ?? ''] ?? head, ...rest].join('.');
        issues.push({ path: `${at}: ${field}`, code: i.code, message: i.message });
      }
      continue;
    }
    const seen = firstSeen.get(parsed.data.code);
    if (seen)
      issues.push({ path: at, code: 'duplicate', message: `code ${parsed.data.code} repeats ${seen}` });
    else firstSeen.set(parsed.data.code, at);
    out.push(parsed.data);
  }
  if (drafts.length === 0) issues.push({ path: file, code: 'empty', message: 'contains no hazards' });
  if (issues.length) throw fileProblems(file, issues);
  return out;
}

/** Hazards of a parsed HIPs JSON document. */
export function hazardsFromJson(file: string, data: unknown): HazardInput[] {
  const list = (data as { hazards?: unknown } | null)?.hazards;
  if (!Array.isArray(list))
    throw new AppError(
      'validation_failed',
      `${file}: expected an object with a "hazards" array (the HIPs JSON shape).`,
    );
  const drafts = list.map((raw, i): Draft => {
    const h = (raw ?? {}) as Record<string, unknown>;
    return {
      at: `hazards[${i}]`,
      values: {
        code: blankToNull(trimmed(h.code)),
        names: h.name,
        typeName: blankToNull(h.type),
        clusterName: blankToNull(h.cluster),
        clusterCode: blankToNull(h.cluster_code),
        code2020: blankToNull(h.code_2020),
        umbrella: h.chapeau ?? false,
        definition: blankToNull(h.definition),
      },
    };
  });
  return validate(file, drafts, JSON_NAMES);
}

const BOOLEAN_TEXT: Record<string, boolean> = {
  '': false,
  false: false,
  '0': false,
  no: false,
  true: true,
  '1': true,
  yes: true,
};

function checkHeader(file: string, header: string[]): void {
  const unknown = header.filter((c) => !CSV_COLUMNS.includes(c) && !/^name_[a-z]{2,3}$/.test(c));
  const problems = [
    ...(header.includes('code') ? [] : ['no "code" column']),
    ...(header.some((c) => c.startsWith('name_')) ? [] : ['no name column (name_en, name_ru, …)']),
    ...(unknown.length ? [`unknown column(s) ${unknown.join(', ')}`] : []),
    ...header.filter((c, i) => header.indexOf(c) !== i).map((c) => `column ${c} appears twice`),
  ];
  if (problems.length)
    throw new AppError(
      'validation_failed',
      `${file}: the header has ${problems.join('; ')}. Expected: code, name_<language>…, ${CSV_COLUMNS.slice(1).join(', ')}.`,
    );
}

function csvDraft(header: string[], record: CsvRecord): Draft {
  const at = `line ${record.line}`;
  if (record.fields.length !== header.length)
    return { at, values: {}, problem: `has ${record.fields.length} fields, the header ${header.length}` };
  const cell = (name: string) => blankToNull(trimmed(record.fields[header.indexOf(name)]));
  const names = Object.fromEntries(
    header.flatMap((c, i) =>
      c.startsWith('name_') && record.fields[i]?.trim() ? [[c.slice(5), record.fields[i]!.trim()]] : [],
    ),
  );
  const umbrellaText = String(cell('umbrella') ?? '').toLowerCase();
  return {
    at,
    values: {
      code: cell('code'),
      names,
      typeName: cell('type'),
      clusterName: cell('cluster'),
      clusterCode: cell('cluster_code'),
      code2020: cell('code_2020'),
      umbrella: BOOLEAN_TEXT[umbrellaText] ?? umbrellaText,
      definition: cell('definition'),
    },
  };
}

/** Hazards of a CSV text with a header row. */
export function hazardsFromCsv(file: string, text: string): HazardInput[] {
  let records: CsvRecord[];
  try {
    records = parseCsv(text);
  } catch (error) {
    if (error instanceof CsvError) throw new AppError('validation_failed', `${file}: ${error.message}`);
    throw error;
  }
  const [head, ...rows] = records;
  const header = (head?.fields ?? []).map((c) => c.trim().toLowerCase());
  checkHeader(file, header);
  return validate(
    file,
    rows.map((r) => csvDraft(header, r)),
    CSV_NAMES,
  );
}

/** Read and validate a .json or .csv hazard file (nothing is stored). */
export function readHazardFile(file: string): HazardInput[] {
  if (!existsSync(file)) throw new AppError('not_found', `No such file: ${file}`);
  const ext = extname(file).toLowerCase();
  if (ext !== '.json' && ext !== '.csv')
    throw new AppError(
      'validation_failed',
      `${file}: unknown file type "${ext || '(none)'}"; use .json (HIPs shape) or .csv.`,
    );
  const text = readFileSync(file, 'utf8');
  if (ext === '.csv') return hazardsFromCsv(file, text);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new AppError('validation_failed', `${file}: not valid JSON (${(error as Error).message}).`);
  }
  return hazardsFromJson(file, data);
}
