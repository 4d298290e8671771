/** Export any set of datacards as CSV, XLSX or GeoJSON, streamed in keyset-paged batches. */
import type { Writable } from 'node:stream';
import type { Db } from '../../db/engine.ts';
import { refreshCardStatistics } from '../../db/statistics.ts';
import { cardColumns } from '../../formats/table-export/columns.ts';
import { csvCardWriter } from '../../formats/table-export/csv.ts';
import { geojsonCardWriter } from '../../formats/table-export/geojson.ts';
import type { CardTableSpec, CardTableWriter } from '../../formats/table-export/writer.ts';
import { xlsxCardWriter } from '../../formats/table-export/xlsx.ts';
import type { RequestContext } from '../context.ts';
import { cardBatches } from './card-batches.ts';
import { loadCardLookups } from './lookups.ts';
import { type CardExportFilter, cardConditions, type ExportReadOptions, readConsistently } from './read.ts';
import { cardPoint, toTableCard } from './table-card.ts';

/** The table formats. */
export const CARD_EXPORT_FORMATS = ['csv', 'xlsx', 'geojson'] as const;
/** A table format. */
export type CardExportFormat = (typeof CARD_EXPORT_FORMATS)[number];

/** Media type and file extension of each format. */
export const CARD_EXPORT_MEDIA: Record<CardExportFormat, { type: string; extension: string }> = {
  csv: { type: 'text/csv; charset=utf-8', extension: 'csv' },
  xlsx: { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', extension: 'xlsx' },
  geojson: { type: 'application/geo+json', extension: 'geojson' },
};

/** Options of a card export. */
export interface CardExportOptions extends ExportReadOptions {
  /** Called after each batch with the number of cards written so far. */
  onProgress?: (cards: number) => void;
}

/** What an export wrote. */
export interface ExportResult {
  cards: number;
  durationMs: number;
}

function writerFor(format: CardExportFormat, out: Writable, spec: CardTableSpec): CardTableWriter {
  if (format === 'csv') return csvCardWriter(out, spec);
  if (format === 'xlsx') return xlsxCardWriter(out, spec);
  return geojsonCardWriter(out, spec);
}

/** Write the tenant's cards matching the filter to `out` (which is ended when done). */
export async function exportCards(
  db: Db,
  ctx: RequestContext,
  format: CardExportFormat,
  out: Writable,
  filter: CardExportFilter = {},
  options: CardExportOptions = {},
): Promise<ExportResult> {
  const started = performance.now();
  await refreshCardStatistics(db);
  return readConsistently(db, options.snapshot ?? false, async (ex) => {
    const where = await cardConditions(ex, ctx, filter);
    const lookups = await loadCardLookups(ex, ctx);
    const writer = writerFor(format, out, { columns: cardColumns(lookups.levelCount, lookups.extraFields) });
    let cards = 0;
    try {
      for await (const { rows } of cardBatches(ex, where, { batchSize: options.batchSize })) {
        for (const row of rows) await writer.write(toTableCard(row, lookups), cardPoint(row, lookups));
        cards += rows.length;
        options.onProgress?.(cards);
      }
      await writer.end();
    } catch (error) {
      out.destroy(error as Error);
      throw error;
    }
    return { cards, durationMs: performance.now() - started };
  });
}
