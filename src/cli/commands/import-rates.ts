/** `lossledger import rates FILE`: yearly exchange rates (global), CSV currency,year,per_usd[,source]. */
import { basename } from 'node:path';
import { systemContext } from '../../services/context.ts';
import { importRates, readRatesFile } from '../../services/reference-data/rates.ts';
import { type Command, UsageError, withDatabase } from '../command.ts';

export const importRatesCommand: Command = {
  name: 'import rates',
  summary: 'Import yearly exchange rates (local currency units per US dollar), all or nothing',
  usage: `lossledger import rates FILE   (CSV currency,year,per_usd[,source]; e.g. KZT,2020,412.95)
  Rates are global (every tenant with that currency uses them); re-importing updates by currency and year.`,
  options: {},
  async run({ values, positionals }) {
    if (positionals.length !== 1) throw new UsageError('give exactly one FILE');
    const file = positionals[0]!;
    const rates = readRatesFile(file);
    const result = await withDatabase(values, 'lossledger import rates', (d) =>
      importRates(d.db, systemContext('cli'), rates, basename(file)),
    );
    console.log(
      `Imported ${result.total} exchange rates: ${result.created} created, ${result.updated} updated, ${result.unchanged} unchanged.`,
    );
    return 0;
  },
};
