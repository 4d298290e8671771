/**
 * Reads a boundary-change links file: CSV `predecessor_code,successor_code[,share]`, one link per
 * line, the header line optional. `share` is the fraction (0 < share <= 1) of the predecessor that
 * went to the successor (by population or area); empty when unknown. All problems come together.
 */
import { parse } from 'csv-parse/sync';
import { importProblems } from './geojson.ts';

/** One predecessor -> successor link as written in the file. */
export interface UnitLinkRow {
  /** 1-based line number, for messages. */
  line: number;
  predecessorCode: string;
  successorCode: string;
  share: number | null;
}

const HEADER = ['predecessor_code', 'successor_code', 'share'];

function readShare(text: string | undefined, where: string, problems: string[]): number | null {
  if (text === undefined || text.trim() === '') return null;
  const share = Number(text.trim());
  if (!Number.isFinite(share) || share <= 0 || share > 1) {
    problems.push(`${where}: share must be a number above 0 and at most 1, got '${text.trim()}'`);
    return null;
  }
  return share;
}

/** The links of a CSV text, or an AppError naming `source` and every bad line. */
export function readUnitLinks(text: string, source: string): UnitLinkRow[] {
  let records: string[][];
  try {
    records = parse(text, { relax_column_count: true, skip_empty_lines: true, trim: true, bom: true });
  } catch (error) {
    throw importProblems(source, [(error as Error).message]);
  }
  const problems: string[] = [];
  const links: UnitLinkRow[] = [];
  const seen = new Map<string, number>();
  records.forEach((cells, i) => {
    const line = i + 1;
    if (i === 0 && cells[0]?.toLowerCase() === HEADER[0]) return;
    const where = `line ${line}`;
    const [predecessorCode = '', successorCode = '', shareText] = cells;
    if (cells.length > 3)
      problems.push(`${where}: expected ${HEADER.join(',')}, got ${cells.length} columns`);
    if (!predecessorCode || !successorCode) {
      problems.push(`${where}: both a predecessor code and a successor code are required`);
      return;
    }
    const key = `${predecessorCode}\u0000${successorCode}`;
    const first = seen.get(key);
    if (first !== undefined)
      problems.push(`${where}: ${predecessorCode} -> ${successorCode} repeats line ${first}`);
    else seen.set(key, line);
    links.push({ line, predecessorCode, successorCode, share: readShare(shareText, where, problems) });
  });
  if (links.length === 0 && problems.length === 0) problems.push('the file has no links');
  const totals = new Map<string, number>();
  for (const l of links) totals.set(l.predecessorCode, (totals.get(l.predecessorCode) ?? 0) + (l.share ?? 0));
  for (const [code, total] of totals) {
    if (total > 1 + 1e-9)
      problems.push(
        `the shares of predecessor ${code} add up to ${Math.round(total * 1e6) / 1e6}, more than 1`,
      );
  }
  if (problems.length > 0) throw importProblems(source, problems);
  return links;
}
