/**
 * The access matrix: every route of the OpenAPI document, called by each kind of caller, with the
 * status each must get — and no response may carry data of another tenant or outside the caller's
 * scope. A route missing from ROUTES fails the test, so a new route must declare who may use it.
 *
 * Callers work in the private tenant PRIV (regions A and B; A holds district A1), except the admin
 * of the other tenant OTHR (src/testing/access-fixture.ts). Each allowed call gets a fresh record
 * to act on (made by `make`, src/testing/access-routes.ts), so that one caller's delete does not
 * change what the next one sees.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type AccessFixture, CALLERS, FORBIDDEN, openAccessFixture } from '../testing/access-fixture.ts';
import { accessRoutes, expected } from '../testing/access-routes.ts';

let fx: AccessFixture;
const ROUTES = accessRoutes(() => fx);

before(async () => {
  fx = await openAccessFixture();
});
after(() => fx.database.close());

describe('access matrix', () => {
  test('every route of the OpenAPI document has an access rule', async () => {
    const doc = (await fx.root.get('/api/openapi.json')).body as {
      paths: Record<string, Record<string, unknown>>;
    };
    const documented = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`),
    );
    assert.ok(documented.length > 100, `only ${documented.length} routes documented`);
    assert.deepEqual(documented.filter((k) => !ROUTES[k]).sort(), [], 'routes without an access rule');
    assert.deepEqual(
      Object.keys(ROUTES)
        .filter((k) => !documented.includes(k))
        .sort(),
      [],
      'rules for no route',
    );
  });

  // Logout ends the caller's session: run it last.
  const order = Object.keys(ROUTES).sort(
    (a, b) => Number(a.includes('logout')) - Number(b.includes('logout')),
  );
  for (const key of order) {
    test(key, async () => {
      const c = ROUTES[key]!;
      const [method, template] = key.split(' ') as [string, string];
      const mismatches: string[] = [];
      for (const who of CALLERS) {
        const call = (await c.make?.(who)) ?? {};
        const path = call.path ?? template.replace('{code}', 'PRIV');
        const client = fx.clients[who];
        const res = await client.app.request(path, {
          method,
          ...(call.form
            ? { body: call.form }
            : call.body !== undefined
              ? { body: JSON.stringify(call.body), headers: { 'content-type': 'application/json' } }
              : {}),
        });
        const text = await res.text();
        const want = expected(key, c, who);
        if (res.status !== want)
          mismatches.push(`${who}: ${res.status} (want ${want}) ${text.slice(0, 160)}`);
        for (const marker of FORBIDDEN[who])
          if (text.includes(marker)) mismatches.push(`${who}: the response holds ${marker}`);
      }
      assert.deepEqual(mismatches, []);
    });
  }
});
