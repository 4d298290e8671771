/**
 * extension rows -> cardDetail items: Sendai columns become human and asset effects, other
 * columns typed extra values. Rows without a fichas row are skipped with a warning; rows with
 * nothing but empty cells are skipped silently (explicit zeros are kept).
 */
import type { KeySet } from '../key-set.ts';
import type { AssetEffectInput, CardDetailItem, HumanEffectInput, ImportItem, NoticeItem } from '../model.ts';
import type { ExtensionDefinitions, FieldInfo } from './extension.ts';
import type { Row } from './row.ts';
import { type AssetField, classifyColumn, type HumanColumn } from './sendai-columns.ts';

type Plan =
  | { kind: 'key' }
  | { kind: 'human'; human: HumanColumn }
  | { kind: 'asset'; code: string; field: AssetField }
  | { kind: 'extra'; field: FieldInfo };

const REPORTED_ORPHANS = 20;

/** Reads extension rows against the definitions and the claves of the cards already read. */
export class DetailReader {
  private readonly plans = new Map<string, Plan>();
  private orphans = 0;

  constructor(
    private readonly definitions: ExtensionDefinitions,
    private readonly claves: KeySet,
  ) {}

  /** Items for one extension row: any definitions it needs first, then the detail. */
  read(row: Row): ImportItem[] {
    const items: ImportItem[] = [];
    const sourceKey = row.required('clave_ext');
    if (!this.claves.has(sourceKey)) return this.orphan(row, sourceKey);
    const human: HumanEffectInput[] = [];
    const assets = new Map<string, AssetEffectInput>();
    const extra: Record<string, unknown> = {};
    for (const [column, raw] of row.cells) {
      const plan = this.plans.get(column) ?? this.plan(column, row, items);
      if (raw === null || plan.kind === 'key') continue;
      if (plan.kind === 'human') {
        const value = row.int(column);
        // A negative count is DesInventar's "there were some": keep it as present, number unknown.
        const { effect, dimension, category } = plan.human;
        const present = value !== null && value < 0;
        human.push({ effect, dimension, category, value: present ? null : value, present });
      } else if (plan.kind === 'asset') {
        const effect = assets.get(plan.code) ?? emptyAssetEffect(plan.code);
        effect[plan.field] = row.decimal(column);
        assets.set(plan.code, effect);
      } else {
        const value = extraValue(row, column, plan.field.type);
        if (value !== null) extra[plan.field.key] = value;
      }
    }
    if (human.length === 0 && assets.size === 0 && Object.keys(extra).length === 0) return items;
    const detail: CardDetailItem = {
      kind: 'cardDetail',
      place: row.place,
      sourceKey,
      humanEffects: human,
      assetEffects: [...assets.values()],
      extra,
    };
    items.push(detail);
    return items;
  }

  /** A summary notice when more orphan rows were skipped than were reported one by one. */
  finish(): NoticeItem[] {
    if (this.orphans <= REPORTED_ORPHANS) return [];
    const message = `${this.orphans} extension rows in all had no fichas row and were skipped`;
    return [{ kind: 'notice', level: 'warning', code: 'orphan_extension_row', message }];
  }

  private orphan(row: Row, sourceKey: string): ImportItem[] {
    this.orphans++;
    if (this.orphans > REPORTED_ORPHANS) return [];
    const message = `extension row for clave ${sourceKey} has no fichas row; skipped`;
    return [{ kind: 'notice', level: 'warning', code: 'orphan_extension_row', message, place: row.place }];
  }

  private plan(column: string, row: Row, items: ImportItem[]): Plan {
    const plan = this.choose(column, row, items);
    this.plans.set(column, plan);
    return plan;
  }

  private choose(column: string, row: Row, items: ImportItem[]): Plan {
    if (column === 'clave_ext') return { kind: 'key' };
    const target = classifyColumn(column);
    if (target.storage === 'human_effects') return { kind: 'human', human: target.human };
    if (target.storage === 'asset_effects') {
      items.push(...this.definitions.assetTypesOf(column));
      return { kind: 'asset', code: target.assetCode, field: target.field };
    }
    let field = this.definitions.fields.get(column);
    if (!field) {
      items.push(...this.definitions.synthesize(column, row.place));
      field = this.definitions.fields.get(column)!;
    }
    return { kind: 'extra', field };
  }
}

function emptyAssetEffect(assetCode: string): AssetEffectInput {
  return {
    assetCode,
    total: null,
    affected: null,
    damaged: null,
    destroyed: null,
    lossLocal: null,
    lossDamagedLocal: null,
    lossDestroyedLocal: null,
    lossUsd: null,
    unit: null,
  };
}

/** An extra value typed as domain/extra-fields.ts validates it. */
function extraValue(row: Row, column: string, type: FieldInfo['type']): unknown {
  const raw = row.text(column)!;
  switch (type) {
    case 'text':
    case 'memo':
      return raw;
    case 'integer':
      return row.int(column);
    case 'decimal':
    case 'currency':
      return row.number(column);
    case 'date':
      return /^\d{4}-\d{2}-\d{2}/.test(raw) ? raw.slice(0, 10) : raw;
    case 'yesno': {
      const value = row.int(column);
      return value === null ? null : value !== 0;
    }
    case 'list':
    case 'multichoice': {
      // DesInventar stores the chosen code as an integer; 0 means none.
      const value = row.int(column);
      if (value === null || value === 0) return null;
      return type === 'list' ? String(value) : [String(value)];
    }
  }
}
