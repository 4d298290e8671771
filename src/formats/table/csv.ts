/** Streaming CSV records (csv-parse): delimiter detected from the first line, BOM dropped, line numbers kept. */
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { type InfoRecord, parse } from 'csv-parse';
import { SourceFormatError } from '../model.ts';

/** One record: its cells and the 1-based file line it starts on. */
export interface CsvRow {
  line: number;
  cells: string[];
  /** Bytes of the file read so far. */
  bytesRead: number;
}

const CANDIDATES = [',', ';', '\t', '|'] as const;

/** The delimiter that occurs most often outside quotes in the first line (comma on a tie). */
export function detectDelimiter(firstLine: string): string {
  const counts = new Map<string, number>(CANDIDATES.map((c) => [c, 0]));
  let quoted = false;
  for (const ch of firstLine) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && counts.has(ch)) counts.set(ch, counts.get(ch)! + 1);
  }
  let best = ',';
  for (const [ch, n] of counts) if (n > counts.get(best)!) best = ch;
  return best;
}

async function firstLineOf(path: string): Promise<string> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(65536);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    const text = buffer
      .subarray(0, bytesRead)
      .toString('utf8')
      .replace(/^\uFEFF/, '');
    return text.split(/\r?\n|\r/, 1)[0] ?? '';
  } finally {
    await handle.close();
  }
}

/** The records of a CSV file, streamed; the delimiter is detected unless given. */
export async function* readCsvRows(path: string, delimiter?: string): AsyncGenerator<CsvRow> {
  const parser = createReadStream(path).pipe(
    parse({
      bom: true,
      delimiter: delimiter ?? detectDelimiter(await firstLineOf(path)),
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
    }),
  );
  let previousEnd = 0;
  let previousEmpty = 0;
  try {
    for await (const chunk of parser as AsyncIterable<{ record: string[]; info: InfoRecord }>) {
      const { info, record } = chunk;
      const line = previousEnd + 1 + (info.empty_lines - previousEmpty);
      previousEnd = info.lines;
      previousEmpty = info.empty_lines;
      yield { line, cells: record, bytesRead: info.bytes };
    }
  } catch (error) {
    if (error instanceof Error && 'code' in error && String(error.code).startsWith('CSV_')) {
      throw new SourceFormatError(`${path}: not valid CSV after line ${previousEnd}: ${error.message}`);
    }
    throw error;
  }
}
