/** `lossledger demo`: seed the synthetic demo country. Placeholder until the generator lands. */
import type { Command } from '../command.ts';

export const demoCommand: Command = {
  name: 'demo',
  summary: 'Create the synthetic demo country Demoland',
  usage: 'lossledger demo [--tenant DEMO] [--cards 20000] [--seed 1]',
  options: { tenant: { type: 'string' }, cards: { type: 'string' }, seed: { type: 'string' } },
  async run() {
    throw new Error('not built yet');
  },
};
