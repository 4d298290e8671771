/** `lossledger import crosswalk FILE`: load the event-name -> hazard crosswalk used to suggest hazards. */
import { systemContext } from '../../services/context.ts';
import { importCrosswalk } from '../../services/imports/crosswalk.ts';
import { type Command, UsageError, withDatabase } from '../command.ts';

export const importCrosswalkCommand: Command = {
  name: 'import crosswalk',
  summary:
    'Import or update the event-name to hazard crosswalk (CSV: name_<language>… columns and hips_2025_code)',
  usage: 'lossledger import crosswalk FILE   (e.g. desinventar-events.csv; import the hazards first)',
  options: {},
  async run({ values, positionals }) {
    if (positionals.length !== 1) throw new UsageError('give exactly one FILE');
    const result = await withDatabase(values, 'lossledger import crosswalk', (d) =>
      importCrosswalk(d.db, systemContext('cli'), positionals[0]!),
    );
    console.log(
      `Imported ${result.names} event names (created ${result.created}, updated ${result.updated})`,
    );
    if (result.missingHazards.length > 0) {
      console.log(
        `Not in the hazard catalogue (names kept without a hazard; import the hazards, then this file again): ${result.missingHazards.join(', ')}`,
      );
    }
    return 0;
  },
};
