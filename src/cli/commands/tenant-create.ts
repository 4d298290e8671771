/** `lossledger tenant create CODE --name NAME --currency XXX [--country ISO3]`: create a country/region database. */
import { systemContext } from '../../services/context.ts';
import { createTenant } from '../../services/tenants/tenants.ts';
import { TenantCreateSchema } from '../../shared/schemas/tenant.ts';
import { type Command, requireOption, UsageError, withDatabase } from '../command.ts';

export const tenantCreateCommand: Command = {
  name: 'tenant create',
  summary: 'Create a tenant (one country or region database)',
  usage:
    'lossledger tenant create CODE --name NAME --currency XXX [--country ISO3] [--languages en,ru,kk] [--public]',
  options: {
    name: { type: 'string' },
    currency: { type: 'string' },
    country: { type: 'string' },
    languages: { type: 'string' },
    public: { type: 'boolean' },
  },
  async run({ values, positionals }) {
    if (positionals.length !== 1) throw new UsageError('give exactly one tenant CODE');
    const languages =
      typeof values.languages === 'string' ? values.languages.split(',').map((l) => l.trim()) : undefined;
    const parsed = TenantCreateSchema.safeParse({
      code: positionals[0],
      names: { en: requireOption(values, 'name') },
      currency: requireOption(values, 'currency'),
      country: typeof values.country === 'string' ? values.country.toUpperCase() : undefined,
      languages,
      defaultLanguage: languages?.[0],
      isPublic: values.public === true ? true : undefined,
    });
    if (!parsed.success)
      throw new UsageError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
    const tenant = await withDatabase(values, 'lossledger tenant create', (d) =>
      createTenant(d.db, systemContext('cli'), parsed.data),
    );
    console.log(`Created tenant ${tenant.code} (${tenant.names.en}, ${tenant.currency}).`);
    return 0;
  },
};
