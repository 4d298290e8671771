/** `lossledger serve`: run the HTTP server (and seed the demo into a new embedded database). */
import { serve } from '@hono/node-server';
import { sql } from 'drizzle-orm';
import { openDatabase } from '../../db/engine.ts';
import { migrate } from '../../db/migrate.ts';
import { queryRows } from '../../db/query.ts';
import { createApp } from '../../server/app.ts';
import { seedDemo } from '../../services/demo/seed.ts';
import { type Command, databaseConfig, UsageError } from '../command.ts';

/** Default number of demo datacards. */
export const DEFAULT_DEMO_CARDS = 20_000;

export const serveCommand: Command = {
  name: 'serve',
  summary: 'Run the web server (HTTP API, status page, API docs)',
  usage: 'lossledger serve [--port 3000] [--host 127.0.0.1] [--demo] [--demo-cards N] [--data-dir DIR]',
  options: {
    port: { type: 'string' },
    host: { type: 'string' },
    demo: { type: 'boolean' },
    'demo-cards': { type: 'string' },
  },
  async run({ values }) {
    const port = Number(values.port ?? process.env.PORT ?? 3000);
    if (!Number.isInteger(port) || port < 0 || port > 65535)
      throw new UsageError(`invalid port: ${values.port ?? process.env.PORT}`);
    const hostname = String(values.host ?? process.env.HOST ?? '127.0.0.1');
    const demoCards = Number(values['demo-cards'] ?? DEFAULT_DEMO_CARDS);
    if (!Number.isInteger(demoCards) || demoCards < 1)
      throw new UsageError(`invalid --demo-cards: ${values['demo-cards']}`);
    const config = databaseConfig(values, `lossledger serve --port ${port}`);
    const database = await openDatabase(config);
    const applied = await migrate(database.db);
    if (applied.length) console.log(`Applied migrations: ${applied.join(', ')}`);
    if (values.demo) {
      const [{ n } = { n: 0 }] = await queryRows<{ n: number }>(
        database.db,
        sql`select count(*)::int as n from tenants`,
      );
      if (config.kind === 'postgres') {
        console.log('Demo data is only seeded into an embedded database (DATABASE_URL is set): skipped.');
      } else if (n === 0) {
        const started = Date.now();
        console.log(
          `New data directory: generating the synthetic demo country "Demoland" (${demoCards} datacards)…`,
        );
        const { cards } = await seedDemo(database.db, {
          tenantCode: 'DEMO',
          cards: demoCards,
          seed: 1,
        });
        console.log(`Demo ready: ${cards} datacards in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
      }
    }
    const [{ users } = { users: 0 }] = await queryRows<{ users: number }>(
      database.db,
      sql`select count(*)::int as users from users`,
    );
    if (users === 0)
      console.log(
        'No accounts yet: anyone may read public tenants; to sign in and edit, create the first superadmin with `lossledger user create EMAIL --superadmin`.',
      );
    if (config.kind === 'postgres')
      console.log(
        (await database.tenantWall())
          ? 'Row-level security: tenant requests run as lossledger_app, walled into their tenant.'
          : 'Row-level security is inactive: the database user could not create the role lossledger_app (see README, Accounts).',
      );
    // One line per request (method, path, status, time, actor): never a query string, header or body.
    const app = createApp(database, { log: (line) => console.log(line) });
    const server = serve({ fetch: app.fetch, port, hostname }, (info) => {
      console.log(
        `LossLedger (${database.engine}, ${database.location}) listening on http://${hostname === '0.0.0.0' ? 'localhost' : hostname}:${info.port}`,
      );
    });
    await new Promise<void>((resolve) => {
      const stop = () => {
        server.close();
        resolve();
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    await database.close();
    return 0;
  },
};
