/**
 * The datacard workflow end to end over HTTP, with real accounts signed in through /api/auth/login:
 * who may submit, publish, reject, reopen and unpublish which card, in which geographic scope, what
 * each step leaves in the audit log and the review queue, and what viewers and analytics then see.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { and, asc, eq } from 'drizzle-orm';
import type { Database } from '../../db/engine.ts';
import { auditLog, tenants } from '../../db/schema/index.ts';
import { addMember } from '../../services/auth/members.ts';
import { systemContext, withTenant } from '../../services/context.ts';
import type { Role } from '../../shared/roles.ts';
import type { Datacard } from '../../shared/schemas/datacard.ts';
import type { ReviewQueue } from '../../shared/schemas/workflow.ts';
import type { TransitionAction } from '../../shared/workflow.ts';
import { openTestDatabase } from '../../testing/db.ts';
import { type SeededTenant, seedTenant } from '../../testing/factories.ts';
import { errorOf, issuePaths, TEST_PASSWORD, type TestResponse, testClient } from '../../testing/http.ts';

type Client = ReturnType<typeof testClient>;
interface Member {
  api: Client;
  /** The actor label the server stores in created_by and audit rows. */
  label: string;
}

let database: Database;
let t: SeededTenant;
let root: Client;
let anonymous: Client;
/** Contributor limited to the province (cards go to its district). */
let alice: Member;
/** Contributor of the whole tenant. */
let bob: Member;
/** Validator of the whole tenant. */
let vera: Member;
/** Validator limited to the other province. */
let otto: Member;
let admin: Member;
let viewer: Member;

async function member(email: string, role: Role, scope?: number): Promise<Member> {
  const ctx = withTenant(systemContext('test'), {
    id: t.tenantId,
    code: t.code,
    currency: 'USD',
    defaultLanguage: 'en',
  });
  const { member } = await addMember(database.db, ctx, {
    email,
    role,
    password: TEST_PASSWORD,
    ...(scope ? { scope: { id: scope } } : {}),
  });
  return { api: testClient(database, { email }), label: `user:${member.user.id}` };
}

before(async () => {
  database = await openTestDatabase();
  t = await seedTenant(database.db, 'WF');
  root = testClient(database);
  anonymous = testClient(database, 'anonymous');
  alice = await member('alice@wf.test', 'contributor', t.provinceId);
  bob = await member('bob@wf.test', 'contributor');
  vera = await member('vera@wf.test', 'validator');
  otto = await member('otto@wf.test', 'validator', t.otherProvinceId);
  admin = await member('admin@wf.test', 'admin');
  viewer = await member('viewer@wf.test', 'viewer');
});
after(() => database.close());

const cards = () => `/api/tenants/${t.code}/datacards`;
const queuePath = () => `/api/tenants/${t.code}/review-queue`;
const body = (extra: Record<string, unknown> = {}) => ({
  eventTypeId: t.eventTypeId,
  geoUnitId: t.districtId,
  startYear: 2021,
  startMonth: 3,
  effects: { deaths: { value: 2, present: true } },
  ...extra,
});

async function draft(who: Member = alice, extra: Record<string, unknown> = {}): Promise<Datacard> {
  const res = await who.api.post(cards(), body(extra));
  assert.equal(res.status, 201, JSON.stringify(res.body));
  return res.body as Datacard;
}

const act = (who: Member | Client, card: Datacard, action: TransitionAction, comment?: string) =>
  ('api' in who ? who.api : who).post(`${cards()}/${card.id}/transitions`, {
    action,
    version: card.version,
    ...(comment === undefined ? {} : { comment }),
  });

/** Take a transition that must succeed; returns the card in its new state. */
async function step(
  who: Member | Client,
  card: Datacard,
  action: TransitionAction,
  comment?: string,
): Promise<Datacard> {
  const res = await act(who, card, action, comment);
  assert.equal(res.status, 200, `${action}: ${JSON.stringify(res.body)}`);
  return res.body as Datacard;
}

/** A card of alice's, moved to `submitted`. */
const submitted = async (extra: Record<string, unknown> = {}) =>
  step(alice, await draft(alice, extra), 'submit');

const queueOf = async (who: Member | Client): Promise<ReviewQueue> => {
  const res = await ('api' in who ? who.api : who).get(queuePath());
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return res.body as ReviewQueue;
};

const expectError = (res: TestResponse, status: number, code: string, message?: RegExp) => {
  assert.equal(res.status, status, JSON.stringify(res.body));
  assert.equal(errorOf(res).code, code);
  if (message) assert.match(errorOf(res).message, message);
};

describe('contributors and their drafts', () => {
  test('POST datacards > a contributor creates a draft; asking for published is 403', async () => {
    expectError(await alice.api.post(cards(), body({ status: 'published' })), 403, 'forbidden', /draft/);
    expectError(
      await alice.api.post(cards(), body({ geoUnitId: t.otherProvinceId })),
      403,
      'forbidden',
      /scope/,
    );
    const card = await draft();
    assert.deepEqual([card.status, card.createdBy, card.version], ['draft', alice.label, 1]);
  });

  test('edit, then submit: version required (400), stale version 409; no edit or delete after submit', async () => {
    const card = await draft();
    const edited = await alice.api.patch(`${cards()}/${card.id}`, { version: 1, place: 'Upstream' });
    assert.equal(edited.status, 200, JSON.stringify(edited.body));
    const noVersion = await alice.api.post(`${cards()}/${card.id}/transitions`, { action: 'submit' });
    assert.deepEqual([noVersion.status, issuePaths(noVersion)], [400, ['version']]);
    expectError(await act(alice, card, 'submit'), 409, 'version_conflict');
    const sent = await step(alice, edited.body as Datacard, 'submit');
    assert.deepEqual([sent.status, sent.version], ['submitted', 3]);
    const patch = await alice.api.patch(`${cards()}/${card.id}`, { version: 3, place: 'Later' });
    expectError(patch, 403, 'forbidden', /submitted/);
    expectError(await alice.api.delete(`${cards()}/${card.id}?version=3`), 403, 'forbidden');
    expectError(
      await alice.api.patch(`${cards()}/${card.id}`, { version: 3, status: 'draft' }),
      403,
      'forbidden',
    );
  });

  test("another contributor sees a colleague's draft but can neither edit nor submit it (403)", async () => {
    const card = await draft();
    assert.equal((await bob.api.get(`${cards()}/${card.id}`)).status, 200);
    expectError(
      await bob.api.patch(`${cards()}/${card.id}`, { version: 1, place: 'x' }),
      403,
      'forbidden',
      /own/,
    );
    expectError(await act(bob, card, 'submit'), 403, 'forbidden', /author/);
    const stored = (await alice.api.get(`${cards()}/${card.id}`)).body as Datacard;
    assert.deepEqual([stored.status, stored.version], ['draft', 1]);
  });

  test('a contributor cannot publish or reject even their own submitted card (403)', async () => {
    const card = await submitted();
    expectError(await act(alice, card, 'publish'), 403, 'forbidden', /validator/);
    expectError(await act(alice, card, 'reject', 'no'), 403, 'forbidden', /validator/);
  });
});

describe('validators review', () => {
  test('a validator publishes a submitted card', async () => {
    const card = await step(vera, await submitted(), 'publish');
    assert.deepEqual([card.status, card.updatedBy], ['published', vera.label]);
  });

  test('reject without a comment (or a blank one) is 400 naming comment', async () => {
    const card = await submitted();
    for (const comment of [undefined, '   ']) {
      const res = await act(vera, card, 'reject', comment);
      assert.deepEqual([res.status, issuePaths(res)], [400, ['comment']]);
    }
    assert.equal(((await vera.api.get(`${cards()}/${card.id}`)).body as Datacard).status, 'submitted');
  });

  test('rejected: the author finds it returned with the comment and reviewer, reopens and resubmits', async () => {
    const rejected = await step(vera, await submitted(), 'reject', 'Deaths need a source.');
    assert.equal(rejected.status, 'rejected');
    const mine = await queueOf(alice);
    const item = mine.returnedToMe.items.find((i) => i.id === rejected.id);
    assert.deepEqual(item?.lastTransition && { ...item.lastTransition, at: undefined }, {
      action: 'reject',
      comment: 'Deaths need a source.',
      by: vera.label,
      at: undefined,
    });
    assert.deepEqual(item?.actions, ['submit', 'reopen']);
    const colleague = await queueOf(bob);
    assert.ok(!colleague.returnedToMe.items.some((i) => i.id === rejected.id));
    assert.equal(colleague.returnedToMe.total, 0);
    expectError(await act(bob, rejected, 'reopen'), 403, 'forbidden');
    const reopened = await step(alice, rejected, 'reopen');
    assert.equal(reopened.status, 'draft');
    assert.ok(!(await queueOf(alice)).returnedToMe.items.some((i) => i.id === rejected.id));
    const again = await step(alice, reopened, 'submit');
    assert.equal(again.status, 'submitted');
    const review = (await queueOf(vera)).toReview.items.find((i) => i.id === rejected.id);
    assert.deepEqual(review?.actions, ['publish', 'reject']);
    assert.equal(review?.lastTransition?.by, alice.label);
  });

  test('a superadmin may publish and reject, and is offered both in the queue', async () => {
    const card = await submitted();
    const offered = (await queueOf(root)).toReview.items.find((i) => i.id === card.id);
    assert.deepEqual(offered?.actions, ['publish', 'reject']);
    assert.equal((await step(root, card, 'publish')).status, 'published');
    assert.equal((await step(root, await submitted(), 'reject', 'dup')).status, 'rejected');
  });
});

describe('geographic scope', () => {
  test('a validator of another province gets 404 for the card and cannot publish it', async () => {
    const card = await submitted();
    expectError(await otto.api.get(`${cards()}/${card.id}`), 404, 'not_found');
    expectError(await act(otto, card, 'publish'), 404, 'not_found');
    assert.equal(((await vera.api.get(`${cards()}/${card.id}`)).body as Datacard).status, 'submitted');
  });

  test("the review queue lists only cards in the validator's scope", async () => {
    const inside = await submitted();
    const outside = await step(bob, await draft(bob, { geoUnitId: t.otherProvinceId }), 'submit');
    const scoped = await queueOf(otto);
    const ids = scoped.toReview.items.map((i) => i.id);
    assert.ok(ids.includes(outside.id) && !ids.includes(inside.id), JSON.stringify(ids));
    const list = await otto.api.get(`${cards()}?status=submitted&pageSize=100`);
    assert.equal(scoped.toReview.total, (list.body as { total: number }).total);
    assert.ok(scoped.toReview.total < (await queueOf(vera)).toReview.total);
    const whole = (await queueOf(vera)).toReview.items.map((i) => i.id);
    assert.ok(whole.includes(outside.id) && whole.includes(inside.id));
    expectError(await alice.api.get(`${cards()}/${outside.id}`), 404, 'not_found');
    assert.equal((await step(otto, outside, 'publish')).status, 'published');
  });
});

describe('invalid transitions', () => {
  test('publishing a draft and rejecting a published card are 409 invalid_transition', async () => {
    const card = await draft();
    const publish = await act(vera, card, 'publish');
    expectError(publish, 409, 'invalid_transition', /draft card cannot be published.*submitted/);
    assert.deepEqual(errorOf(publish).details, { status: 'draft', action: 'publish' });
    const published = await step(vera, await step(alice, card, 'submit'), 'publish');
    expectError(
      await act(vera, published, 'reject', 'late'),
      409,
      'invalid_transition',
      /published card cannot be rejected/,
    );
    expectError(await act(admin, published, 'reopen'), 409, 'invalid_transition', /rejected/);
    expectError(await act(vera, published, 'submit'), 409, 'invalid_transition', /draft or rejected/);
  });
});

describe('unpublish', () => {
  test('only an admin, only with a comment; the card goes back to draft for its author', async () => {
    const published = await step(vera, await submitted(), 'publish');
    expectError(await act(vera, published, 'unpublish', 'wrong'), 403, 'forbidden', /admin/);
    const silent = await act(admin, published, 'unpublish');
    assert.deepEqual([silent.status, issuePaths(silent)], [400, ['comment']]);
    const card = await step(admin, published, 'unpublish', 'Double count.');
    assert.deepEqual([card.status, card.updatedBy], ['draft', admin.label]);
    const edited = await alice.api.patch(`${cards()}/${card.id}`, { version: card.version, place: 'Fixed' });
    assert.equal(edited.status, 200, JSON.stringify(edited.body));
  });
});

describe('audit log', () => {
  test('every transition writes one row with before/after status, comment and actor; a refused one none', async () => {
    let card = await draft();
    card = await step(alice, card, 'submit');
    card = await step(vera, card, 'reject', 'why');
    card = await step(alice, card, 'reopen');
    card = await step(alice, card, 'submit');
    card = await step(vera, card, 'publish');
    await act(vera, card, 'publish');
    card = await step(admin, card, 'unpublish', 'undo');
    const rows = await database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, card.id), eq(auditLog.action, 'transition')))
      .orderBy(asc(auditLog.id));
    const seen = rows.map((r) => {
      const [b, a] = [r.before as { status: string }, r.after as { status: string; comment: string | null }];
      return [b.status, a.status, a.comment, r.actor, r.tenantId];
    });
    assert.deepEqual(seen, [
      ['draft', 'submitted', null, alice.label, t.tenantId],
      ['submitted', 'rejected', 'why', vera.label, t.tenantId],
      ['rejected', 'draft', null, alice.label, t.tenantId],
      ['draft', 'submitted', null, alice.label, t.tenantId],
      ['submitted', 'published', null, vera.label, t.tenantId],
      ['published', 'draft', 'undo', admin.label, t.tenantId],
    ]);
  });
});

describe('GET review-queue', () => {
  test('counts follow the card: myDrafts, myWaiting for the author, toReview for validators', async () => {
    const [a0, before] = [await queueOf(alice), await queueOf(vera)];
    await step(bob, await draft(bob), 'submit');
    await draft(bob);
    const [a, v0] = [await queueOf(alice), await queueOf(vera)];
    assert.deepEqual(
      [a.myDrafts, a.myWaiting, v0.toReview.total],
      [a0.myDrafts, a0.myWaiting, before.toReview.total + 1],
      "a colleague's cards are not mine, but wait for review",
    );
    const card = await draft();
    assert.equal((await queueOf(alice)).myDrafts, a0.myDrafts + 1);
    const sent = await step(alice, card, 'submit');
    const [a1, v1] = [await queueOf(alice), await queueOf(vera)];
    assert.deepEqual(
      [a1.myDrafts, a1.myWaiting, v1.toReview.total],
      [a0.myDrafts, a0.myWaiting + 1, v0.toReview.total + 1],
    );
    assert.deepEqual([a1.toReview.total, a1.toReview.items], [0, []]);
    await step(vera, sent, 'publish');
    const [a2, v2] = [await queueOf(alice), await queueOf(vera)];
    assert.deepEqual([a2.myWaiting, v2.toReview.total], [a0.myWaiting, v0.toReview.total]);
  });

  test('a viewer is 403; anonymous is 401 on a private tenant, and still 401 on a public one', async () => {
    expectError(await viewer.api.get(queuePath()), 403, 'forbidden');
    const [tenant] = await database.db.select().from(tenants).where(eq(tenants.id, t.tenantId));
    assert.equal(tenant?.isPublic, false);
    expectError(await anonymous.get(queuePath()), 401, 'unauthenticated');
    await database.db.update(tenants).set({ isPublic: true }).where(eq(tenants.id, t.tenantId));
    try {
      expectError(await anonymous.get(queuePath()), 401, 'unauthenticated');
      const page = (await anonymous.get(`${cards()}?pageSize=100`)).body as { items: Datacard[] };
      assert.ok(page.items.length > 0);
      assert.deepEqual([...new Set(page.items.map((c) => c.status))], ['published']);
    } finally {
      await database.db.update(tenants).set({ isPublic: false }).where(eq(tenants.id, t.tenantId));
    }
  });
});

describe('what viewers see', () => {
  const totals = async (who: Client, filter: Record<string, unknown> = {}) => {
    const res = await who.post(`/api/tenants/${t.code}/query/totals`, { filter });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    return res.body as { cards: number; sums: { deaths: number } };
  };

  test('published cards are listed for viewers, other states are not (and are 404 by id)', async () => {
    const published = await step(vera, await submitted(), 'publish');
    const pending = await submitted();
    const open = await draft();
    const list = await viewer.api.get(`${cards()}?pageSize=100`);
    const page = list.body as { items: Datacard[]; total: number };
    assert.ok(page.items.some((c) => c.id === published.id));
    assert.deepEqual([...new Set(page.items.map((c) => c.status))], ['published']);
    for (const hidden of [pending, open])
      expectError(await viewer.api.get(`${cards()}/${hidden.id}`), 404, 'not_found');
    expectError(await viewer.api.get(`${cards()}?status=draft`), 403, 'forbidden');
  });

  test('totals for a viewer count published cards only, following publish and unpublish', async () => {
    const before = await totals(viewer.api);
    const card = await submitted({ effects: { deaths: { value: 7, present: true } } });
    assert.deepEqual(await totals(viewer.api), before);
    const published = await step(vera, card, 'publish');
    const after = await totals(viewer.api);
    assert.deepEqual([after.cards, after.sums.deaths], [before.cards + 1, before.sums.deaths + 7]);
    const all = await totals(vera.api, { status: 'all' });
    assert.ok(all.cards > after.cards, 'staff see every state with status all');
    expectError(
      await viewer.api.post(`/api/tenants/${t.code}/query/totals`, { filter: { status: 'all' } }),
      403,
      'forbidden',
    );
    await step(admin, published, 'unpublish', 'recount');
    assert.deepEqual(await totals(viewer.api), before);
  });
});
