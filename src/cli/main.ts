/** Entry point of the `lossledger` command: finds the command, runs it, maps errors to exit codes. */
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { mapDbError } from '../db/errors.ts';
import { DataDirLockedError } from '../db/lock.ts';
import { AppError } from '../shared/errors.ts';
import { type Command, parseCommandArgs, UsageError } from './command.ts';
import { demoCommand } from './commands/demo.ts';
import {
  exportCsvCommand,
  exportDesInventarCommand,
  exportGeojsonCommand,
  exportXlsxCommand,
} from './commands/export.ts';
import { importAssetParamsCommand } from './commands/import-asset-params.ts';
import { importAssetPricesCommand } from './commands/import-asset-prices.ts';
import { importBaselinesCommand } from './commands/import-baselines.ts';
import { importCpiCommand } from './commands/import-cpi.ts';
import { importCrosswalkCommand } from './commands/import-crosswalk.ts';
import { importDesInventarCommand } from './commands/import-desinventar.ts';
import { importDi8Command } from './commands/import-di8.ts';
import { importGeographyCommand } from './commands/import-geography.ts';
import { importHazardsCommand } from './commands/import-hazards.ts';
import { importRatesCommand } from './commands/import-rates.ts';
import { importTableCommand } from './commands/import-table.ts';
import { indicatorsCommand } from './commands/indicators.ts';
import { migrateCommand } from './commands/migrate.ts';
import { serveCommand } from './commands/serve.ts';
import { statsCommand } from './commands/stats.ts';
import { tenantCreateCommand } from './commands/tenant-create.ts';
import { totalsCommand } from './commands/totals.ts';
import { userAddCommand, userCreateCommand, userPasswordCommand } from './commands/user.ts';

const commands: Command[] = [
  serveCommand,
  migrateCommand,
  demoCommand,
  tenantCreateCommand,
  userCreateCommand,
  userAddCommand,
  userPasswordCommand,
  importHazardsCommand,
  importGeographyCommand,
  importDesInventarCommand,
  importCrosswalkCommand,
  importDi8Command,
  importTableCommand,
  importBaselinesCommand,
  importRatesCommand,
  importCpiCommand,
  importAssetParamsCommand,
  importAssetPricesCommand,
  totalsCommand,
  statsCommand,
  indicatorsCommand,
  exportDesInventarCommand,
  exportCsvCommand,
  exportXlsxCommand,
  exportGeojsonCommand,
];

function help(): string {
  const lines = commands.map((c) => `  ${c.name.padEnd(20)} ${c.summary}`);
  return `Usage: lossledger <command> [options]\n\nCommands:\n${lines.join('\n')}\n
Every command takes --data-dir DIR (embedded database folder, default $DATA_DIR or ./data);
DATABASE_URL selects PostgreSQL instead. Run 'lossledger <command> --help' for its options.`;
}

function findCommand(argv: string[]): { command: Command; rest: string[] } | null {
  const sorted = [...commands].sort((a, b) => b.name.split(' ').length - a.name.split(' ').length);
  for (const command of sorted) {
    const words = command.name.split(' ');
    if (words.every((w, i) => argv[i] === w)) return { command, rest: argv.slice(words.length) };
  }
  return null;
}

/** Run the command line `argv` (without node and script); resolves to the exit code. */
export async function main(argv: string[]): Promise<number> {
  if (argv.length === 0 || argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help') {
    console.log(help());
    return argv.length === 0 ? 2 : 0;
  }
  const found = findCommand(argv);
  if (!found) {
    console.error(`lossledger: unknown command '${argv.join(' ')}'\n\n${help()}`);
    return 2;
  }
  const { command, rest } = found;
  try {
    const args = parseCommandArgs(command, rest);
    if (args.values.help) {
      console.log(`Usage: ${command.usage}\n\n${command.summary}`);
      return 0;
    }
    return await command.run(args);
  } catch (thrown) {
    const error = mapDbError(thrown) ?? thrown;
    if (error instanceof UsageError) {
      console.error(`lossledger ${command.name}: ${error.message}\nUsage: ${command.usage}`);
      return 2;
    }
    if (error instanceof DataDirLockedError || error instanceof AppError) {
      console.error(`lossledger ${command.name}: ${error.message}`);
      if (error instanceof AppError && error.details) console.error(JSON.stringify(error.details, null, 2));
      return 1;
    }
    console.error(`lossledger ${command.name}: ${(error as Error).message ?? error}`);
    return 1;
  }
}

/** Whether this process was started as the `lossledger` command; tests import main() instead. */
function startedAsCommand(): boolean {
  const bin = fileURLToPath(new URL('../../bin/lossledger.js', import.meta.url));
  try {
    return process.argv[1] !== undefined && realpathSync(process.argv[1]) === bin;
  } catch {
    return false;
  }
}

if (startedAsCommand()) process.exitCode = await main(process.argv.slice(2));
