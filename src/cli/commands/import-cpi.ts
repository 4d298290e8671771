/** `lossledger import cpi FILE`: consumer price index by country (global), CSV country,year,value[,base_year][,source]. */
import { basename } from 'node:path';
import { systemContext } from '../../services/context.ts';
import { importCpi, readCpiFile } from '../../services/reference-data/cpi.ts';
import { type Command, UsageError, withDatabase } from '../command.ts';

export const importCpiCommand: Command = {
  name: 'import cpi',
  summary: 'Import a consumer price index series per country (for constant prices), all or nothing',
  usage: `lossledger import cpi FILE   (CSV country,year,value[,base_year][,source]; country = ISO3, e.g. KAZ,2020,100,2020)
  One series per country: a file with another base year must bring every stored year of that country.`,
  options: {},
  async run({ values, positionals }) {
    if (positionals.length !== 1) throw new UsageError('give exactly one FILE');
    const file = positionals[0]!;
    const items = readCpiFile(file);
    const result = await withDatabase(values, 'lossledger import cpi', (d) =>
      importCpi(d.db, systemContext('cli'), items, basename(file)),
    );
    console.log(
      `Imported ${result.total} CPI values: ${result.created} created, ${result.updated} updated, ${result.unchanged} unchanged.`,
    );
    return 0;
  },
};
