/** `lossledger import hazards`. Placeholder until the generator lands. */
import type { Command } from '../command.ts';

export const importHazardsCommand: Command = {
  name: 'import hazards',
  summary: 'Import the hazard classification',
  usage: 'lossledger import hazards FILE',
  options: { tenant: { type: 'string' }, cards: { type: 'string' }, seed: { type: 'string' } },
  async run() {
    throw new Error('not built yet');
  },
};
