/** The interface every datacard table writer (CSV, XLSX, GeoJSON) offers. */
import type { CardPoint, Column, TableCard } from './columns.ts';

/** Writes datacards to one output stream; end() finishes the document and the stream. */
export interface CardTableWriter {
  /** Write one card (waits when the consumer is slower). */
  write(card: TableCard, point: CardPoint | null): Promise<void>;
  /** Finish the document and end the output stream. */
  end(): Promise<void>;
}

/** What a writer is built from. */
export interface CardTableSpec {
  columns: readonly Column[];
}
