/**
 * Datacard API benchmark: median latency of sign-in (argon2id), then create, get, update and list
 * through the HTTP app (in-process) as a signed-in admin — session lookup, CSRF check and, on
 * PostgreSQL, the row-level security wall included — on PGlite and, when BENCH_DATABASE_URL is
 * set, on PostgreSQL.
 *
 * Usage: node --import tsx bench/datacards.ts [cards=1000]
 */
import { type Database, openDatabase } from '../src/db/engine.ts';
import { migrate } from '../src/db/migrate.ts';
import { openScratchPostgres } from '../src/testing/db.ts';
import { seedTenant } from '../src/testing/factories.ts';
import { ensureSuperadmin, TEST_PASSWORD, testClient } from '../src/testing/http.ts';

const cards = Number(process.argv[2] ?? 1000);

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
};
const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.95)]!;

async function time<T>(samples: number[], fn: () => Promise<T> | T): Promise<T> {
  const t = performance.now();
  const result = await fn();
  samples.push(performance.now() - t);
  return result;
}

async function run(label: string, database: Database) {
  await migrate(database.db);
  const t = await seedTenant(database.db, 'BENCH');
  await ensureSuperadmin(database);
  const signIn: number[] = [];
  const anonymous = testClient(database, 'anonymous');
  for (let i = 0; i < 20; i++)
    await time(signIn, () =>
      anonymous.post('/api/auth/login', { email: 'root@lossledger.test', password: TEST_PASSWORD }),
    );
  const { app } = testClient(database);
  const json = (method: string, path: string, body?: unknown) =>
    app.request(path, {
      method,
      headers: { 'content-type': 'application/json' },
      body: body ? JSON.stringify(body) : undefined,
    });
  const base = `/api/tenants/${t.code}/datacards`;
  const create: number[] = [];
  const get: number[] = [];
  const patch: number[] = [];
  const list: number[] = [];
  const ids: string[] = [];
  for (let i = 0; i < cards; i++) {
    const res = await time(create, () =>
      json('POST', base, {
        eventTypeId: t.eventTypeId,
        geoUnitId: i % 2 ? t.districtId : t.provinceId,
        startYear: 1990 + (i % 35),
        startMonth: 1 + (i % 12),
        effects: {
          deaths: { value: i % 7, present: false },
          lossesLocal: { value: i * 1000.5, present: false },
        },
      }),
    );
    ids.push(((await res.json()) as { id: string }).id);
  }
  for (const id of ids.slice(0, 300)) await time(get, () => json('GET', `${base}/${id}`));
  for (const id of ids.slice(0, 300))
    await time(patch, () => json('PATCH', `${base}/${id}`, { version: 1, place: 'bench' }));
  for (let page = 1; page <= 20; page++)
    await time(list, () => json('GET', `${base}?sort=deaths&order=desc&pageSize=50&page=${page}`));
  const fmt = (xs: number[]) =>
    `median ${median(xs).toFixed(2)} ms, p95 ${p95(xs).toFixed(2)} ms (n=${xs.length})`;
  console.log(
    `\n${label} — ${cards} datacards${(await database.tenantWall()) ? ' (row-level security wall on)' : ''}`,
  );
  console.log(`  POST   sign-in: ${fmt(signIn)}`);
  console.log(`  POST   create : ${fmt(create)}`);
  console.log(`  GET    one    : ${fmt(get)}`);
  console.log(`  PATCH  update : ${fmt(patch)}`);
  console.log(`  GET    list   : ${fmt(list)}`);
  await database.close();
}

await run('PGlite (worker thread, in memory)', await openDatabase({ kind: 'pglite', dataDir: null }));
const url = process.env.BENCH_DATABASE_URL;
if (url) {
  await run('PostgreSQL', await openScratchPostgres(url, 'll_bench'));
} else {
  console.log('\nBENCH_DATABASE_URL not set: PostgreSQL skipped.');
}
