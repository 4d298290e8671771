/** `lossledger migrate`: apply pending database migrations. */
import { openDatabase } from '../../db/engine.ts';
import { migrate } from '../../db/migrate.ts';
import { type Command, databaseConfig } from '../command.ts';

export const migrateCommand: Command = {
  name: 'migrate',
  summary: 'Apply pending database migrations',
  usage: 'lossledger migrate [--data-dir DIR]',
  options: {},
  async run({ values }) {
    const database = await openDatabase(databaseConfig(values, 'lossledger migrate'));
    try {
      const applied = await migrate(database.db);
      console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'The database is up to date.');
      return 0;
    } finally {
      await database.close();
    }
  },
};
