/** `lossledger import asset-prices FILE --tenant CODE`: unit prices of asset types by year. */
import { basename } from 'node:path';
import { systemContext, withTenant } from '../../services/context.ts';
import { importAssetPrices } from '../../services/reference-data/asset-prices.ts';
import { readAssetPricesFile } from '../../services/reference-data/asset-prices-file.ts';
import { resolveTenant } from '../../services/tenants/tenants.ts';
import { type Command, requireOption, UsageError, withDatabase } from '../command.ts';

export const importAssetPricesCommand: Command = {
  name: 'import asset-prices',
  summary: 'Set unit prices of asset types by year (DesInventar-Sendai valuation) from a CSV',
  usage: `lossledger import asset-prices FILE --tenant CODE
  FILE has the columns asset_code (or element_key),year,unit_price[,currency]. The asset is the
  asset type's code, which for DesInventar-Sendai asset types is the element key (2 = crops,
  174 = livestock, 351 = houses, 357 = roads…; load them with import asset-params first). The
  price is per unit of the type's measurement (per m\u00b2 for buildings, per ha, per head, per m),
  in the tenant's currency unless currency says USD. Each line sets that year's price in its
  currency and keeps the other; all or nothing.`,
  options: { tenant: { type: 'string' } },
  async run({ values, positionals }) {
    if (positionals.length !== 1) throw new UsageError('give exactly one FILE');
    const file = positionals[0]!;
    const code = requireOption(values, 'tenant');
    const prices = readAssetPricesFile(file);
    const result = await withDatabase(values, 'lossledger import asset-prices', async (d) => {
      const ctx = withTenant(systemContext('cli'), await resolveTenant(d.db, code));
      return importAssetPrices(d.db, ctx, prices, { origin: basename(file) });
    });
    console.log(
      `Imported ${result.total} asset prices into ${code}: ${result.created} years created, ${result.updated} updated, ` +
        `${result.unchanged} unchanged.`,
    );
    return 0;
  },
};
