/** `lossledger totals`: card count and sums of the core effects, as JSON. */

import { cardTotals } from '../../services/analytics/totals.ts';
import { systemContext, withTenant } from '../../services/context.ts';
import { resolveTenant } from '../../services/tenants/tenants.ts';
import { DATACARD_STATUS_VALUES, type DatacardStatus } from '../../shared/status.ts';
import { type Command, requireOption, UsageError, withDatabase } from '../command.ts';

export const totalsCommand: Command = {
  name: 'totals',
  summary: 'Print the card count and core-effect sums of a tenant as JSON',
  usage:
    'lossledger totals --tenant CODE [--status published|all|draft|submitted|rejected|support] --format json',
  options: { tenant: { type: 'string' }, status: { type: 'string' }, format: { type: 'string' } },
  async run({ values }) {
    const code = requireOption(values, 'tenant');
    const status = String(values.status ?? 'published');
    if (status !== 'all' && !DATACARD_STATUS_VALUES.includes(status as DatacardStatus)) {
      throw new UsageError(`unknown --status ${status}`);
    }
    const format = String(values.format ?? 'json');
    if (format !== 'json') throw new UsageError(`unknown --format ${format} (only json)`);
    const totals = await withDatabase(values, 'lossledger totals', async (d) => {
      const ctx = withTenant(systemContext('cli'), await resolveTenant(d.db, code));
      return cardTotals(d.db, ctx, status as DatacardStatus | 'all');
    });
    console.log(JSON.stringify(totals, null, 2));
    return 0;
  },
};
