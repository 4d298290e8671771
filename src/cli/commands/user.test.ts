/**
 * `lossledger user create` and `user add`: the password comes from standard input (piped here),
 * never from an argument or a default; a weak or missing one is refused with the reason.
 */
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { after, before, describe, test } from 'node:test';
import { eq, inArray } from 'drizzle-orm';
import { memberships, users } from '../../db/schema/index.ts';
import { createUser } from '../../services/auth/users.ts';
import { systemContext } from '../../services/context.ts';
import { type CliResult, type CliTarget, cliTarget } from '../../testing/cli.ts';
import { seedTenant } from '../../testing/factories.ts';

const PASSWORD = 'piped in, never typed';
const EXISTING = 'existing@example.org';

let cli: CliTarget;
before(async () => {
  cli = await cliTarget();
  await cli.inspect(async (db) => {
    await seedTenant(db, 'KZ');
    await createUser(db, systemContext('test'), { email: EXISTING, password: PASSWORD });
  });
});
after(() => cli.close());

/** Run the CLI with `input` as its (piped, not a terminal) standard input; null = nothing piped. */
async function runWithStdin(args: string[], input: string | null): Promise<CliResult> {
  const saved = Object.getOwnPropertyDescriptor(process, 'stdin')!;
  Object.defineProperty(process, 'stdin', {
    value: Readable.from(input === null ? [] : [input]),
    configurable: true,
  });
  try {
    return await cli.run(args);
  } finally {
    Object.defineProperty(process, 'stdin', saved);
  }
}

const usersNamed = (emails: string[]) =>
  cli.inspect((db) => db.select().from(users).where(inArray(users.email, emails)));

describe('lossledger user create', () => {
  test('creates a superadmin with the password piped on stdin, stored only as an argon2id hash', async () => {
    const run = await runWithStdin(['user', 'create', 'Root@Example.org', '--superadmin'], `${PASSWORD}\n`);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /Created superadmin root@example\.org \([0-9a-f-]{36}\)/);
    assert.equal((run.stdout + run.stderr).includes(PASSWORD), false);
    const [row] = await usersNamed(['root@example.org']);
    assert.equal(row?.superadmin, true);
    assert.equal(row?.mustChangePassword, false);
    assert.match(row!.passwordHash, /^\$argon2id\$/);
  });

  test('no password piped or a short one: no account, no default password, the reason and exit code', async () => {
    const none = await runWithStdin(['user', 'create', 'nopass@example.org', '--superadmin'], null);
    assert.equal(none.code, 2);
    assert.match(none.stderr, /no password on standard input for nopass@example\.org/);
    const short = await runWithStdin(['user', 'create', 'short@example.org'], 'short\n');
    assert.equal(short.code, 1);
    assert.match(short.stderr, /password: use at least 10 characters/);
    const member = await runWithStdin(
      ['user', 'add', 'ghost@example.org', '--tenant', 'KZ', '--role', 'viewer'],
      null,
    );
    assert.equal(member.code, 2);
    assert.match(member.stderr, /no password on standard input for ghost@example\.org/);
    assert.deepEqual(await usersNamed(['nopass@example.org', 'short@example.org', 'ghost@example.org']), []);
  });
});

describe('lossledger user add', () => {
  test('adds a new account with a role and a scope; its password from stdin', async () => {
    const args = [
      'user',
      'add',
      'field@example.org',
      '--tenant',
      'KZ',
      '--role',
      'contributor',
      '--scope',
      'KZ-P1',
    ];
    const run = await runWithStdin(args, `${PASSWORD}\n`);
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stdout.trim(), 'field@example.org is now contributor of KZ in KZ-P1 KZ-P1 and below.');
    const [row] = await cli.inspect((db) =>
      db
        .select({ user: users, role: memberships.role, scope: memberships.geoUnitId })
        .from(memberships)
        .innerJoin(users, eq(users.id, memberships.userId))
        .where(eq(users.email, 'field@example.org')),
    );
    assert.equal(row?.user.mustChangePassword, false, 'the password was chosen, not generated');
    assert.equal(row?.role, 'contributor');
    assert.ok(row?.scope);
  });

  test('an existing account is added without asking for a password', async () => {
    const run = await runWithStdin(['user', 'add', EXISTING, '--tenant', 'KZ', '--role', 'admin'], null);
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stdout.trim(), `${EXISTING} is now admin of KZ.`);
  });

  test('bad options are usage errors (exit 2); an unknown scope exits 1', async () => {
    const role = await runWithStdin(
      ['user', 'add', 'a@example.org', '--tenant', 'KZ', '--role', 'owner'],
      null,
    );
    assert.equal(role.code, 2);
    assert.match(role.stderr, /--role must be one of viewer, contributor, validator, admin/);
    const tenant = await runWithStdin(['user', 'add', 'a@example.org', '--role', 'viewer'], null);
    assert.equal(tenant.code, 2);
    assert.match(tenant.stderr, /--tenant is required/);
    const scope = await runWithStdin(
      ['user', 'add', EXISTING, '--tenant', 'KZ', '--role', 'viewer', '--scope', 'NOPE'],
      null,
    );
    assert.equal(scope.code, 1);
    assert.match(scope.stderr, /no geographic unit NOPE/);
  });
});

describe('lossledger user password', () => {
  test('sets a new password, lifts a lockout and ends the sessions; an unknown account exits 1', async () => {
    const email = 'locked@example.org';
    await cli.inspect(async (db) => {
      await createUser(db, systemContext('test'), { email, password: PASSWORD });
      await db
        .update(users)
        .set({ failedLogins: 5, lockedUntil: new Date(Date.now() + 3_600_000).toISOString() })
        .where(eq(users.email, email));
    });
    const [before] = await usersNamed([email]);
    const run = await runWithStdin(['user', 'password', email], 'a brand new pass phrase\n');
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stdout.trim(), `New password set for ${email}; its sessions were ended.`);
    const [after] = await usersNamed([email]);
    assert.notEqual(after!.passwordHash, before!.passwordHash);
    assert.equal(after!.lockedUntil, null);
    assert.equal(after!.failedLogins, 0);
    const unknown = await runWithStdin(
      ['user', 'password', 'nobody@example.org'],
      'a brand new pass phrase\n',
    );
    assert.equal(unknown.code, 1);
    assert.match(unknown.stderr, /No account with id nobody@example\.org/);
  });
});
