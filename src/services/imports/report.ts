/** Collects what an import does into its report: counts, issues, unmapped codes and totals. */
import { EFFECT_FIELDS } from '../../shared/fields.ts';
import type { ChangeCounts, ImportReport, ReportIssue } from './types.ts';
import { DecimalSum } from './values.ts';

/** The kinds counted in every report, in this order. */
export const COUNT_KINDS = [
  'geoLevels',
  'geoUnits',
  'eventTypes',
  'causes',
  'extraTabs',
  'extraFields',
  'assetTypes',
  'baselines',
  'datacards',
  'humanEffects',
  'assetEffects',
  'legacyRows',
] as const;
/** A counted kind. */
export type CountKind = (typeof COUNT_KINDS)[number];

/** Issues listed per list; more are summarised in one last issue (the report stays small). */
const MAX_ISSUES = 1000;

/** A list of issues that keeps the first MAX_ISSUES and counts the rest. */
class IssueList {
  readonly items: ReportIssue[] = [];
  private dropped = 0;
  add(issue: ReportIssue): void {
    if (this.items.length < MAX_ISSUES) this.items.push(issue);
    else this.dropped++;
  }
  get size(): number {
    return this.items.length + this.dropped;
  }
  list(what: string): ReportIssue[] {
    if (this.dropped === 0) return [...this.items];
    return [...this.items, { code: 'truncated', message: `… and ${this.dropped} more ${what} not listed` }];
  }
}

/** Card count and exact effect sums of one group of cards. */
class TotalsAccumulator {
  cards = 0;
  private readonly sums = new Map<string, DecimalSum>(EFFECT_FIELDS.map((f) => [f.key, new DecimalSum()]));
  add(values: Record<string, string | number | null>): void {
    this.cards++;
    for (const [key, sum] of this.sums) {
      const v = values[key];
      if (v !== null && v !== undefined) sum.add(v);
    }
  }
  result() {
    return {
      cards: this.cards,
      sums: Object.fromEntries([...this.sums].map(([k, s]) => [k, s.toNumber()])),
    };
  }
}

/** The report under construction. */
export class ReportBuilder {
  readonly counts = Object.fromEntries(
    COUNT_KINDS.map((k) => [k, { created: 0, updated: 0, unchanged: 0 }]),
  ) as Record<CountKind, ChangeCounts>;
  readonly warnings = new IssueList();
  readonly errors = new IssueList();
  private readonly unmapped = {
    eventTypes: new Set<string>(),
    causes: new Set<string>(),
    geoUnits: new Set<string>(),
  };
  private readonly unknownTables = new Set<string>();
  private readonly unknownColumns = new Set<string>();
  private readonly all = new TotalsAccumulator();
  private readonly published = new TotalsAccumulator();

  constructor(
    readonly importId: string,
    readonly format: string,
    readonly source: string,
  ) {}

  /** Count one record of a kind. */
  count(kind: CountKind, change: keyof ChangeCounts, n = 1): void {
    this.counts[kind][change] += n;
  }

  /** A card referred to a code the catalogue lacks. */
  addUnmapped(kind: 'eventTypes' | 'causes' | 'geoUnits', code: string): void {
    this.unmapped[kind].add(code);
  }

  /** A source table or column without a mapping. */
  addUnknown(kind: 'table' | 'column', name: string): void {
    (kind === 'table' ? this.unknownTables : this.unknownColumns).add(name);
  }

  /** Add an imported card's core effects to the totals (values by effect key). */
  addCardTotals(published: boolean, values: Record<string, string | number | null>): void {
    this.all.add(values);
    if (published) this.published.add(values);
  }

  /** The finished report. */
  build(status: ImportReport['status'], durationMs: number): ImportReport {
    const sorted = (s: Set<string>) => [...s].sort();
    return {
      importId: this.importId,
      status,
      format: this.format,
      source: this.source,
      counts: structuredClone(this.counts),
      warnings: this.warnings.list('warnings'),
      errors: this.errors.list('errors'),
      unmapped: {
        eventTypes: sorted(this.unmapped.eventTypes),
        causes: sorted(this.unmapped.causes),
        geoUnits: sorted(this.unmapped.geoUnits),
      },
      unknownTables: sorted(this.unknownTables),
      unknownColumns: sorted(this.unknownColumns),
      totals: { all: this.all.result(), published: this.published.result() },
      durationMs,
    };
  }
}

/** The counts flattened for import_runs.counts ('datacards.created' -> 12). */
export function flatCounts(counts: Record<string, ChangeCounts>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [kind, c] of Object.entries(counts)) {
    for (const [change, n] of Object.entries(c)) if (n > 0) out[`${kind}.${change}`] = n;
  }
  return out;
}
