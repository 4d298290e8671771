/** `lossledger import hazards FILE`: load or update the hazard classification (HIPs JSON or CSV). */
import { basename } from 'node:path';
import { systemContext } from '../../services/context.ts';
import { importHazards } from '../../services/hazards/import.ts';
import { readHazardFile } from '../../services/hazards/parse.ts';
import { type Command, UsageError, withDatabase } from '../command.ts';

export const importHazardsCommand: Command = {
  name: 'import hazards',
  summary: 'Import or update the hazard classification (HIPs JSON or CSV), all or nothing',
  usage:
    'lossledger import hazards FILE   (FILE: .json in the HIPs shape, or .csv with header code,name_en[,name_<lang>…],type,cluster,cluster_code[,code_2020][,umbrella],definition)',
  options: {},
  async run({ values, positionals }) {
    if (positionals.length !== 1) throw new UsageError('give exactly one FILE');
    const file = positionals[0]!;
    // Read and validate before opening the database, so a bad file fails fast.
    const items = readHazardFile(file);
    const result = await withDatabase(values, 'lossledger import hazards', (d) =>
      importHazards(d.db, systemContext('cli'), items, basename(file)),
    );
    console.log(`Imported ${result.total} hazards (created ${result.created}, updated ${result.updated})`);
    return 0;
  },
};
