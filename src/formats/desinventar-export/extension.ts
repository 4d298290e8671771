/**
 * A card's extension row: clave_ext, then one column per extra field in diccionario order.
 * Values come from datacards.extra, or — for Sendai columns — from the card's human and asset
 * effects, located with the reader's own column mapping (sendai-columns.ts) read backwards.
 */
import { type AssetField, classifyColumn, type HumanColumn } from '../desinventar-xml/sendai-columns.ts';
import type { AssetEffectInput, ExtraFieldItem, HumanEffectInput } from '../model.ts';
import { columnName } from './catalogues.ts';
import type { DiRow } from './tables.ts';
import type { DiCell } from './values.ts';

/** What one extension row is made of. */
export interface ExtensionInput {
  clave: number;
  extra: Readonly<Record<string, unknown>>;
  humanEffects: readonly HumanEffectInput[];
  assetEffects: readonly AssetEffectInput[];
}

type Plan =
  | { kind: 'human'; column: string; human: HumanColumn }
  | { kind: 'asset'; column: string; code: string; field: AssetField }
  | { kind: 'extra'; column: string; key: string; type: ExtraFieldItem['type'] };

/** Decides once, per field, where each extension column's value comes from. */
export class ExtensionShaper {
  private readonly plans: Plan[];

  constructor(fields: readonly ExtraFieldItem[]) {
    this.plans = fields.map((field): Plan => {
      const column = columnName(field);
      const target = field.storage === 'extra' ? ({ storage: 'extra' } as const) : classifyColumn(field.key);
      if (target.storage === 'human_effects') return { kind: 'human', column, human: target.human };
      if (target.storage === 'asset_effects')
        return { kind: 'asset', column, code: target.assetCode, field: target.field };
      return { kind: 'extra', column, key: field.key, type: field.type };
    });
  }

  /** Whether any column comes from human or asset effects (so the caller loads them). */
  get needsEffects(): boolean {
    return this.plans.some((p) => p.kind !== 'extra');
  }

  /** The row of one card. */
  row(input: ExtensionInput): DiRow {
    const human = new Map(input.humanEffects.map((h) => [`${h.effect}|${h.dimension}|${h.category}`, h]));
    const assets = new Map(input.assetEffects.map((a) => [a.assetCode, a]));
    const row: [string, DiCell][] = [['clave_ext', input.clave]];
    for (const plan of this.plans) {
      if (plan.kind === 'human') {
        const h = human.get(`${plan.human.effect}|${plan.human.dimension}|${plan.human.category}`);
        // "There were some, number unknown" is DesInventar's -1.
        row.push([plan.column, h ? (h.value ?? (h.present ? -1 : null)) : null]);
      } else if (plan.kind === 'asset') {
        row.push([plan.column, assets.get(plan.code)?.[plan.field] ?? null]);
      } else {
        row.push([plan.column, extraCell(input.extra[plan.key], plan.type)]);
      }
    }
    return row;
  }
}

/** An extra value as DesInventar stores it: yes/no and list codes as integers. */
export function extraCell(value: unknown, type: ExtraFieldItem['type']): DiCell {
  if (value === null || value === undefined) return null;
  if (type === 'yesno' || typeof value === 'boolean')
    return value === true ? 1 : value === false ? 0 : String(value);
  // DesInventar holds one chosen code; a LossLedger multi-choice keeps its first.
  if (Array.isArray(value)) return value.length > 0 ? String(value[0]) : null;
  if (typeof value === 'number' || typeof value === 'string') return value;
  return JSON.stringify(value);
}
