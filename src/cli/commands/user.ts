/**
 * `lossledger user create EMAIL [--superadmin] [--name NAME]`,
 * `lossledger user add EMAIL --tenant CODE --role ROLE [--scope UNITCODE]` and
 * `lossledger user password EMAIL`: accounts from the command line (the first superadmin comes
 * from here; there is no default password anywhere).
 */
import { addMember } from '../../services/auth/members.ts';
import { createUser, findUserByEmail, setPassword } from '../../services/auth/users.ts';
import { systemContext, withTenant } from '../../services/context.ts';
import { resolveTenant } from '../../services/tenants/tenants.ts';
import { ROLE_VALUES, type Role } from '../../shared/roles.ts';
import { type Command, requireOption, UsageError, withDatabase } from '../command.ts';
import { readNewPassword } from '../password-input.ts';

function oneEmail(positionals: string[]): string {
  if (positionals.length !== 1) throw new UsageError('give exactly one EMAIL');
  return positionals[0]!;
}

export const userCreateCommand: Command = {
  name: 'user create',
  summary: 'Create an account (--superadmin for the first administrator); password prompted or from stdin',
  usage:
    'lossledger user create EMAIL [--superadmin] [--name NAME]   (password: prompted, or piped on stdin)',
  options: { superadmin: { type: 'boolean' }, name: { type: 'string' } },
  async run({ values, positionals }) {
    const email = oneEmail(positionals);
    const password = await readNewPassword(email);
    const user = await withDatabase(values, 'lossledger user create', (d) =>
      createUser(d.db, systemContext('cli'), {
        email,
        password,
        name: typeof values.name === 'string' ? values.name : undefined,
        superadmin: values.superadmin === true,
      }),
    );
    console.log(`Created ${user.superadmin ? 'superadmin' : 'account'} ${user.email} (${user.id}).`);
    return 0;
  },
};

export const userAddCommand: Command = {
  name: 'user add',
  summary: 'Make an account a member of a tenant with a role and optional geographic scope',
  usage: `lossledger user add EMAIL --tenant CODE --role ${ROLE_VALUES.join('|')} [--scope UNITCODE]   (a new account's password: prompted or stdin)`,
  options: { tenant: { type: 'string' }, role: { type: 'string' }, scope: { type: 'string' } },
  async run({ values, positionals }) {
    const email = oneEmail(positionals);
    const code = requireOption(values, 'tenant');
    const role = requireOption(values, 'role') as Role;
    if (!ROLE_VALUES.includes(role)) throw new UsageError(`--role must be one of ${ROLE_VALUES.join(', ')}`);
    const scope = typeof values.scope === 'string' ? { code: values.scope } : undefined;
    const { member } = await withDatabase(values, 'lossledger user add', async (d) => {
      const ctx = withTenant(systemContext('cli'), await resolveTenant(d.db, code));
      const password = (await findUserByEmail(d.db, email)) ? undefined : await readNewPassword(email);
      return addMember(d.db, ctx, { email, role, scope, password });
    });
    const where = member.scope ? ` in ${member.scope.code} ${member.scope.name} and below` : '';
    console.log(`${member.user.email} is now ${member.role} of ${code}${where}.`);
    return 0;
  },
};

export const userPasswordCommand: Command = {
  name: 'user password',
  summary: "Set an account's password on the server machine (unlocks it, ends its sessions)",
  usage: 'lossledger user password EMAIL   (password: prompted, or piped on stdin)',
  options: {},
  async run({ values, positionals }) {
    const email = oneEmail(positionals);
    const password = await readNewPassword(email);
    const user = await withDatabase(values, 'lossledger user password', (d) =>
      setPassword(d.db, systemContext('cli'), { email, password }),
    );
    console.log(`New password set for ${user.email}; its sessions were ended.`);
    return 0;
  },
};
