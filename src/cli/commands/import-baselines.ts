/** `lossledger import baselines FILE --tenant CODE`: denominators from a World Bank table or a long CSV. */
import { basename } from 'node:path';
import { systemContext, withTenant } from '../../services/context.ts';
import { writeBaselines } from '../../services/reference-data/baselines.ts';
import { readBaselineFile } from '../../services/reference-data/baselines-file.ts';
import { findTenant } from '../../services/tenants/tenants.ts';
import { notFound } from '../../shared/errors.ts';
import { type Command, requireOption, UsageError, withDatabase } from '../command.ts';

export const importBaselinesCommand: Command = {
  name: 'import baselines',
  summary: 'Import population, GDP and other denominators (World Bank CSV or year,metric,value CSV)',
  usage: `lossledger import baselines FILE --tenant CODE [--country ISO3] [--indicator CODE]
  FILE is a World Bank download (years as columns; SP.POP.TOTL -> population, NY.GDP.MKTP.CD -> gdp
  in USD), a World Bank Country Code,Year,Value table (indicator from the file name or --indicator),
  or a CSV year,metric,value[,value_usd][,unit_code][,source] (metrics: src/shared/baselines.ts).
  --country picks the World Bank rows (default: the tenant's country). Re-importing updates values.`,
  options: {
    tenant: { type: 'string' },
    country: { type: 'string' },
    indicator: { type: 'string' },
  },
  async run({ values, positionals }) {
    if (positionals.length !== 1) throw new UsageError('give exactly one FILE');
    const file = positionals[0]!;
    const code = requireOption(values, 'tenant');
    const country = typeof values.country === 'string' ? values.country.toUpperCase() : null;
    if (country !== null && !/^[A-Z]{3}$/.test(country))
      throw new UsageError(
        `--country must be an ISO 3166-1 alpha-3 code such as KAZ, got '${values.country}'`,
      );
    const indicator = typeof values.indicator === 'string' ? values.indicator : undefined;
    const { shape, result } = await withDatabase(values, 'lossledger import baselines', async (d) => {
      const tenant = await findTenant(d.db, code);
      if (!tenant) throw notFound('tenant', code);
      const read = readBaselineFile(file, { country: country ?? tenant.country, indicator });
      const { id, currency, defaultLanguage } = tenant;
      const ctx = withTenant(systemContext('cli'), { id, code: tenant.code, currency, defaultLanguage });
      return { shape: read.shape, result: await writeBaselines(d.db, ctx, read.entries, basename(file)) };
    });
    console.log(
      `Imported ${result.total} baseline values (${shape}) into ${code}: ${result.created} created, ` +
        `${result.updated} updated, ${result.unchanged} unchanged.`,
    );
    return 0;
  },
};
