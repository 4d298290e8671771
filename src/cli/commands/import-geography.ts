/** `lossledger import geography`. Placeholder until the generator lands. */
import type { Command } from '../command.ts';

export const importGeographyCommand: Command = {
  name: 'import geography',
  summary: 'Import administrative units from GeoJSON',
  usage: 'lossledger import geography FILE --tenant CODE --level N',
  options: { tenant: { type: 'string' }, cards: { type: 'string' }, seed: { type: 'string' } },
  async run() {
    throw new Error('not built yet');
  },
};
