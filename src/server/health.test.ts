import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import { serve } from '@hono/node-server';
import { sql } from 'drizzle-orm';
import type { Database } from '../db/engine.ts';
import { openTestDatabase, testEngine } from '../testing/db.ts';
import { createApp } from './app.ts';

let database: Database;
let server: ReturnType<typeof serve>;
let base: string;

before(async () => {
  database = await openTestDatabase();
  server = serve({ fetch: createApp(database).fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise((resolve) => server.once('listening', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(async () => {
  server.close();
  await database.close();
});

test(`GET /api/health answers over HTTP while a long query runs (${testEngine()})`, async () => {
  const events: string[] = [];
  const long = database.db.execute(sql`select pg_sleep(2)`).then(() => events.push('query done'));
  await new Promise((resolve) => setTimeout(resolve, 200)); // let the query reach the engine
  const res = await fetch(`${base}/api/health`);
  events.push('health answered');
  assert.equal(res.status, 200);
  assert.equal(((await res.json()) as { engine: string }).engine, testEngine());
  await long;
  assert.deepEqual(events, ['health answered', 'query done']);
});
