/** The amounts of an asset effect: the import model's keys and the asset_effects columns. */

/** The amount keys of an AssetEffectInput. */
export const ASSET_AMOUNTS = [
  'total',
  'affected',
  'damaged',
  'destroyed',
  'lossLocal',
  'lossDamagedLocal',
  'lossDestroyedLocal',
  'lossUsd',
] as const;
/** The asset_effects column of each amount. */
export const ASSET_COLUMNS: Record<(typeof ASSET_AMOUNTS)[number], string> = {
  total: 'total',
  affected: 'affected',
  damaged: 'damaged',
  destroyed: 'destroyed',
  lossLocal: 'loss_local',
  lossDamagedLocal: 'loss_damaged_local',
  lossDestroyedLocal: 'loss_destroyed_local',
  lossUsd: 'loss_usd',
};
/** The amount columns of asset_effects, in their order. */
export const ASSET_VALUE_COLUMNS = Object.values(ASSET_COLUMNS);
