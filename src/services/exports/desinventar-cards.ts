/**
 * Cards for the DesInventar writer: rows read back into the neutral model (CardInput), a clave
 * for each (the source's when it has a usable one, else a fresh number), and the batch's Sendai
 * human and asset effects.
 */
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../../db/engine.ts';
import { queryRows } from '../../db/query.ts';
import { assetEffects, assetTypes, humanEffects } from '../../db/schema/index.ts';
import type { FichaUnit } from '../../formats/desinventar-export/fichas.ts';
import { localName } from '../../formats/desinventar-export/values.ts';
import type {
  AssetEffectInput,
  CardInput,
  EffectInput,
  HumanEffectInput,
  Legacy,
} from '../../formats/model.ts';
import { columnProp, EFFECT_FIELDS, type FieldDef, SECTOR_FIELDS } from '../../shared/fields.ts';
import type { CardRow } from './card-batches.ts';
import type { DiCatalogue } from './desinventar-catalogue.ts';

interface EffectColumns {
  key: string;
  value: string;
  present: string;
}

const columnsOf = (fields: readonly FieldDef[]): EffectColumns[] =>
  fields.map((f) => ({ key: f.key, value: columnProp(f.column), present: columnProp(f.presentColumn!) }));
const EFFECTS = columnsOf(EFFECT_FIELDS);
const SECTORS = columnsOf(SECTOR_FIELDS);

function effectsOf(
  r: Record<string, unknown>,
  fields: readonly EffectColumns[],
): Record<string, EffectInput> {
  return Object.fromEntries(
    fields.map((f) => [
      f.key,
      { value: (r[f.value] as number | string | null) ?? null, present: Boolean(r[f.present]) },
    ]),
  );
}

/** A datacard row as the model's card (the shape a reader yields). */
export function toCardInput(row: CardRow, catalogue: DiCatalogue): CardInput {
  const r = row as unknown as Record<string, unknown>;
  const unit = catalogue.units.get(row.geoUnitId);
  return {
    sourceKey: null,
    sourceUuid: row.sourceUuid,
    serial: row.serial,
    status: row.status,
    eventCode: catalogue.eventCodes.get(row.eventTypeId) ?? String(row.eventTypeId),
    causeCode: row.causeId === null ? null : (catalogue.causeCodes.get(row.causeId) ?? null),
    causeText: row.causeText,
    magnitude: row.magnitude,
    glide: row.glide,
    durationDays: row.durationDays,
    geoCode: unit?.code ?? String(row.geoUnitId),
    place: row.place,
    latitude: row.latitude,
    longitude: row.longitude,
    startYear: row.startYear,
    startMonth: row.startMonth,
    startDay: row.startDay,
    sources: row.sources,
    otherLosses: row.otherLosses,
    comments: row.comments,
    effects: effectsOf(r, EFFECTS),
    sectors: effectsOf(r, SECTORS),
    extra: row.extra,
    recordedBy: row.recordedBy,
    recordedOn: row.recordedOn,
    legacy: row.legacy as Legacy,
  };
}

/** The card's unit and its ancestors at levels 1-3 (DesInventar's level0..level2), names in `language`. */
export function fichaUnits(row: CardRow, catalogue: DiCatalogue, language: string): (FichaUnit | null)[] {
  const units: (FichaUnit | null)[] = [null, null, null];
  for (const id of row.geoAncestors) {
    const unit = catalogue.units.get(id);
    if (unit && unit.level >= 1 && unit.level <= 3) {
      units[unit.level - 1] = { code: unit.code, name: localName(unit.names, language) };
    }
  }
  return units;
}

const CLAVE = /^[1-9]\d{0,9}$/;

/**
 * Claves: a card keeps the clave it was imported with unless an earlier card (by id) of the
 * export has the same one; the others are numbered after the largest clave of the tenant.
 * Decided from two small queries, so no per-card memory is needed.
 */
export class ClaveAllocator {
  private next: number;
  private readonly claimed = new Set<string>();

  private constructor(
    max: number,
    private readonly duplicated: ReadonlySet<string>,
  ) {
    this.next = max + 1;
  }

  /** Read the largest clave and the duplicated ones among the cards matching `where`. */
  static async load(ex: Executor, where: ReturnType<typeof sql>): Promise<ClaveAllocator> {
    const [max] = await queryRows<{ n: number | null }>(
      ex,
      sql`select max((legacy->>'clave')::bigint)::float8 as n from datacards
          where ${where} and legacy->>'clave' ~ ${CLAVE.source}`,
    );
    const dups = await queryRows<{ clave: string }>(
      ex,
      sql`select legacy->>'clave' as clave from datacards where ${where} and legacy->>'clave' ~ ${CLAVE.source}
          group by 1 having count(*) > 1`,
    );
    return new ClaveAllocator(max?.n ?? 0, new Set(dups.map((d) => d.clave)));
  }

  /** The clave of the next card (cards must come in id order). */
  clave(legacy: Legacy): number {
    const own = legacy.clave;
    if (typeof own === 'string' && CLAVE.test(own)) {
      if (!this.duplicated.has(own)) return Number(own);
      if (!this.claimed.has(own)) {
        this.claimed.add(own);
        return Number(own);
      }
    }
    return this.next++;
  }
}

/** Human and asset effects of a batch of cards, by card id. */
export interface BatchEffects {
  human: Map<string, HumanEffectInput[]>;
  assets: Map<string, AssetEffectInput[]>;
}

const push = <T>(map: Map<string, T[]>, key: string, value: T) => {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
};

/** Load the Sendai effects of the given cards. */
export async function loadBatchEffects(ex: Executor, tenantId: number, ids: string[]): Promise<BatchEffects> {
  const result: BatchEffects = { human: new Map(), assets: new Map() };
  if (ids.length === 0) return result;
  const human = await ex
    .select()
    .from(humanEffects)
    .where(and(eq(humanEffects.tenantId, tenantId), inArray(humanEffects.datacardId, ids)));
  for (const h of human) {
    push(result.human, h.datacardId, {
      effect: h.effect,
      dimension: h.dimension as HumanEffectInput['dimension'],
      category: h.category,
      value: h.value,
      present: h.present,
    });
  }
  const assets = await ex
    .select({ effect: assetEffects, code: assetTypes.code })
    .from(assetEffects)
    .innerJoin(
      assetTypes,
      and(eq(assetTypes.tenantId, assetEffects.tenantId), eq(assetTypes.id, assetEffects.assetTypeId)),
    )
    .where(and(eq(assetEffects.tenantId, tenantId), inArray(assetEffects.datacardId, ids)));
  for (const { effect: a, code } of assets) {
    push(result.assets, a.datacardId, {
      assetCode: code,
      total: a.total,
      affected: a.affected,
      damaged: a.damaged,
      destroyed: a.destroyed,
      lossLocal: a.lossLocal,
      lossDamagedLocal: a.lossDamagedLocal,
      lossDestroyedLocal: a.lossDestroyedLocal,
      lossUsd: a.lossUsd,
      unit: a.unit,
    });
  }
  return result;
}
