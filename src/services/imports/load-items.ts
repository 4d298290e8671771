/** Feeds a stream of import items to the parts of the loader, inside the import's transaction. */
import { analyzeInTransaction } from '../../db/statistics.ts';
import type { ImportItem, NoticeItem } from '../../formats/model.ts';
import { AssetLoader } from './assets.ts';
import { writeAuditRows } from './audit-rows.ts';
import { BaselineLoader } from './baselines.ts';
import { checkBreakdowns } from './breakdowns.ts';
import { CardWriter } from './cards.ts';
import { CatalogueLoader } from './catalogues.ts';
import { DetailLoader } from './details.ts';
import { ExtraFieldLoader } from './extra-fields.ts';
import { GeographyLoader } from './geography.ts';
import { LegacyRowLoader } from './legacy-rows.ts';
import { auditBase, type LoaderContext } from './loader-context.ts';
import { flatCounts } from './report.ts';
import { describePlace } from './values.ts';

/** Cards created by an import from which the tables it wrote are analyzed before its checks. */
const ANALYZE_AFTER = 1000;

/** Every part of the loader for one import. */
interface Parts {
  geography: GeographyLoader;
  catalogues: CatalogueLoader;
  extra: ExtraFieldLoader;
  assets: AssetLoader;
  baselines: BaselineLoader;
  legacy: LegacyRowLoader;
  details: DetailLoader;
  cards: CardWriter;
}

async function openParts(lc: LoaderContext): Promise<Parts> {
  const geography = await GeographyLoader.load(lc);
  const catalogues = await CatalogueLoader.load(lc);
  const extra = await ExtraFieldLoader.load(lc);
  const assets = await AssetLoader.load(lc);
  // Cards refer to units, event types, causes and (by their extra values) definitions.
  const beforeCards = async () => {
    await geography.flush();
    await catalogues.flush();
    await extra.flush();
  };
  const cards = new CardWriter(lc, { catalogues, geography, extra }, beforeCards);
  return {
    geography,
    catalogues,
    extra,
    assets,
    baselines: new BaselineLoader(lc, geography),
    legacy: new LegacyRowLoader(lc),
    details: new DetailLoader(lc, cards, assets, extra),
    cards,
  };
}

/** 'column X of table T …' -> 'T.X' (the reader's wording), else the message. */
function columnName(notice: NoticeItem): string {
  const m = /column (\S+) of table (\S+)/.exec(notice.message);
  return m ? `${m[2]}.${m[1]}` : notice.message;
}

function notice(lc: LoaderContext, item: NoticeItem): void {
  if (item.code === 'unknown_table') lc.report.addUnknown('table', item.place?.table ?? item.message);
  else if (item.code === 'unknown_column') lc.report.addUnknown('column', columnName(item));
  else {
    const place = item.place ? describePlace(item.place) : undefined;
    lc.report.warnings.add({ code: item.code, message: item.message, ...(place ? { place } : {}) });
  }
}

async function dispatch(lc: LoaderContext, p: Parts, item: ImportItem): Promise<void> {
  switch (item.kind) {
    case 'geoLevel':
      return p.geography.levels.level(item);
    case 'geoUnit':
      return p.geography.unit(item);
    case 'eventType':
      return p.catalogues.eventType(item);
    case 'cause':
      return p.catalogues.cause(item);
    case 'extraTab':
      return p.extra.tab(item);
    case 'extraField':
      return p.extra.field(item);
    case 'assetType':
      return p.assets.assetType(item);
    case 'baseline':
      return p.baselines.add(item);
    case 'card':
      return p.cards.add(item);
    case 'cardDetail':
      return p.details.add(item);
    case 'legacyRow':
      return p.legacy.add(item);
    case 'notice':
      return notice(lc, item);
    case 'progress':
      return lc.progress.update({ bytesRead: item.bytesRead, bytesTotal: item.bytesTotal });
  }
}

const PHASES: Partial<Record<ImportItem['kind'], 'catalogues' | 'cards'>> = {
  geoLevel: 'catalogues',
  geoUnit: 'catalogues',
  eventType: 'catalogues',
  cause: 'catalogues',
  extraTab: 'catalogues',
  extraField: 'catalogues',
  assetType: 'catalogues',
  card: 'cards',
};

/** Items whose handling sends no query of its own (cards wait for the previous batch themselves). */
const NO_QUERIES = new Set<ImportItem['kind']>(['card', 'notice', 'progress']);

/**
 * Load every item, then write what was kept for the end (details, legacy rows, summary audit).
 * Returns whether the card tables were analyzed in the import's transaction.
 */
export async function loadItems(
  lc: LoaderContext,
  items: AsyncIterable<ImportItem>,
): Promise<{ analyzed: boolean }> {
  const parts = await openParts(lc);
  try {
    return await loadAll(lc, parts, items);
  } catch (error) {
    // Let the writes in flight end before the transaction is rolled back.
    await Promise.allSettled([parts.cards.settle(), parts.details.settle()]);
    throw error;
  }
}

async function loadAll(
  lc: LoaderContext,
  parts: Parts,
  items: AsyncIterable<ImportItem>,
): Promise<{ analyzed: boolean }> {
  for await (const item of items) {
    const phase = PHASES[item.kind];
    if (phase && phase !== lc.progress.current.phase) lc.progress.update({ phase });
    // Only cards may be handled while a batch of cards is being written, and only card details
    // while details are being written; cards wait for the details' writes (a file may list more
    // cards after details), which costs nothing when none is queued.
    if (item.kind === 'card') await parts.details.settle();
    else if (!NO_QUERIES.has(item.kind)) {
      await parts.cards.settle();
      if (item.kind !== 'cardDetail') await parts.details.settle();
    }
    await dispatch(lc, parts, item);
  }
  lc.progress.update({ phase: 'details' });
  await parts.cards.flush();
  await parts.cards.settle();
  await parts.details.settle();
  parts.cards.finish();
  parts.geography.levels.finish();
  await parts.geography.flush();
  await parts.catalogues.flush();
  await parts.extra.flush();
  await parts.assets.flush();
  await parts.baselines.flush();
  await parts.details.finishDirect();
  await lc.bulk?.finish();
  // Plan what follows (detail resolution, checks, later imports) for the rows just written, not
  // for empty tables; the statistics commit with the import.
  const analyzed = (lc.report.counts.datacards?.created ?? 0) >= ANALYZE_AFTER;
  if (analyzed) await analyzeInTransaction(lc.tx);
  await parts.details.resolve();
  await checkBreakdowns(lc);
  lc.progress.update({ phase: 'finishing' });
  await parts.legacy.finish();
  await writeAuditRows(lc.tx, [
    {
      ...auditBase(lc, 'import_run', 'import'),
      entity_id: lc.importId,
      before: null,
      after: { counts: flatCounts(lc.report.counts) },
    },
  ]);
  return { analyzed };
}
