/** Seeds the fictional demo country "Demoland" (tenant DEMO). Placeholder until the generator lands. */
import type { Db } from '../../db/engine.ts';

/** Options of the demo seed. */
export interface DemoOptions {
  tenantCode: string;
  cards: number;
  seed: number;
}

/** Create the demo tenant with geography, catalogues and datacards; returns the number of cards. */
export async function seedDemo(_db: Db, _options: DemoOptions): Promise<{ cards: number }> {
  throw new Error('the demo generator is not built yet');
}
