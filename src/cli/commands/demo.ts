/** `lossledger demo`: create the synthetic demo country Demoland in a new tenant. */
import { DEMO_MAX_CARDS, seedDemo } from '../../services/demo/seed.ts';
import { TenantCreateSchema } from '../../shared/schemas/tenant.ts';
import { type Command, UsageError, withDatabase } from '../command.ts';
import { DEFAULT_DEMO_CARDS } from './serve.ts';

/** A whole-number option, its default when absent; UsageError when not a number. */
function integerOption(values: Record<string, unknown>, name: string, fallback: number): number {
  const raw = values[name];
  if (raw === undefined) return fallback;
  const text = String(raw).replaceAll('_', '');
  if (!/^-?\d+$/.test(text) || !Number.isSafeInteger(Number(text)))
    throw new UsageError(`--${name} must be a whole number, not '${raw}'`);
  return Number(text);
}

/** The `demo` command. */
export const demoCommand: Command = {
  name: 'demo',
  summary: 'Create the synthetic demo country Demoland',
  usage: `lossledger demo [--tenant DEMO] [--cards ${DEFAULT_DEMO_CARDS}] [--seed 1] [--data-dir DIR]`,
  options: { tenant: { type: 'string' }, cards: { type: 'string' }, seed: { type: 'string' } },
  async run({ values, positionals }) {
    if (positionals.length) throw new UsageError(`unexpected argument '${positionals[0]}'`);
    const tenantCode = String(values.tenant ?? 'DEMO');
    const code = TenantCreateSchema.shape.code.safeParse(tenantCode);
    if (!code.success) throw new UsageError(`--tenant ${code.error.issues[0]?.message ?? 'is invalid'}`);
    const cards = integerOption(values, 'cards', DEFAULT_DEMO_CARDS);
    if (cards < 1 || cards > DEMO_MAX_CARDS)
      throw new UsageError(`--cards must be between 1 and ${DEMO_MAX_CARDS.toLocaleString('en')}`);
    const seed = integerOption(values, 'seed', 1);
    const started = Date.now();
    const result = await withDatabase(values, 'lossledger demo', (d) =>
      seedDemo(d.db, { tenantCode, cards, seed }),
    );
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    console.log(
      `Created tenant ${tenantCode}: Demoland (synthetic demo), ${result.cards} datacards (seed ${seed}) in ${seconds} s.`,
    );
    return 0;
  },
};
