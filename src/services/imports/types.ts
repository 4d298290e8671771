/** The contract of the import loader: options in, report out. */

/** How an import runs. */
export interface ImportOptions {
  /** Run everything, report, then roll back: nothing is written except the import_runs row. */
  dryRun: boolean;
  /** all-or-nothing (default): the first bad row aborts and nothing is written; per-row: bad rows are skipped and listed. */
  mode: 'all-or-nothing' | 'per-row';
  /** Receives progress while the import runs (for progress bars and job status). */
  onProgress?: (progress: ImportProgress) => void;
}

/** Progress of a running import. */
export interface ImportProgress {
  phase: 'reading' | 'catalogues' | 'cards' | 'details' | 'finishing';
  cards: number;
  bytesRead: number;
  bytesTotal: number | null;
}

/** Created / updated / unchanged counts of one kind of record. */
export interface ChangeCounts {
  created: number;
  updated: number;
  unchanged: number;
}

/** A problem tied to a place in the source. */
export interface ReportIssue {
  code: string;
  message: string;
  place?: string;
}

/** What an import did (or, in a dry run, would do). */
export interface ImportReport {
  importId: string;
  status: 'succeeded' | 'failed' | 'dry_run';
  format: string;
  source: string;
  /** Per kind: geoLevels, geoUnits, eventTypes, causes, extraTabs, extraFields, assetTypes, baselines, datacards, humanEffects, assetEffects, legacyRows. */
  counts: Record<string, ChangeCounts>;
  warnings: ReportIssue[];
  /** Rows skipped in per-row mode, or the error that failed the run. */
  errors: ReportIssue[];
  /** Values the cards referred to that the catalogue lacked (to map or create). */
  unmapped: { eventTypes: string[]; causes: string[]; geoUnits: string[] };
  /** Source tables and columns that have no mapping (kept as legacy rows/fields, listed here). */
  unknownTables: string[];
  unknownColumns: string[];
  /** Card counts and core-effect sums of what was imported: all states, and published only. */
  totals: {
    all: { cards: number; sums: Record<string, number> };
    published: { cards: number; sums: Record<string, number> };
  };
  durationMs: number;
}
