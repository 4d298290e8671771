/** `lossledger import asset-params FILE --tenant CODE`: DesInventar-Sendai valuation parameters into asset types. */
import { basename } from 'node:path';
import { systemContext, withTenant } from '../../services/context.ts';
import { importAssetParams, readAssetParamsFile } from '../../services/reference-data/asset-params.ts';
import { resolveTenant } from '../../services/tenants/tenants.ts';
import { type Command, requireOption, UsageError, withDatabase } from '../command.ts';

export const importAssetParamsCommand: Command = {
  name: 'import asset-params',
  summary: 'Set asset types\u2019 valuation parameters (average size, damage ratio, factors) from a CSV',
  usage: `lossledger import asset-params FILE --tenant CODE [--fill-only]
  FILE has the columns of desinventar-sendai-asset-parameters.csv (element_key, sector_or_item,
  sfm_indicator, isic_code, fao_item_code, average_size, unit, measurement, equipment_factor,
  infrastructure_factor, damage_ratio, workers_per_unit, method, suggested_data_source).
  Asset types are matched by code = element_key and created when missing; --fill-only keeps every
  parameter an existing asset type already has.`,
  options: {
    tenant: { type: 'string' },
    'fill-only': { type: 'boolean' },
  },
  async run({ values, positionals }) {
    if (positionals.length !== 1) throw new UsageError('give exactly one FILE');
    const file = positionals[0]!;
    const code = requireOption(values, 'tenant');
    const items = readAssetParamsFile(file);
    const result = await withDatabase(values, 'lossledger import asset-params', async (d) => {
      const ctx = withTenant(systemContext('cli'), await resolveTenant(d.db, code));
      return importAssetParams(d.db, ctx, items, {
        origin: basename(file),
        fillOnly: values['fill-only'] === true,
      });
    });
    console.log(
      `Imported ${result.total} asset types into ${code}: ${result.created} created, ${result.updated} updated, ` +
        `${result.unchanged} unchanged.`,
    );
    return 0;
  },
};
