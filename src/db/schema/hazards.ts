import { boolean, jsonb, pgTable, text } from './columns.ts';

/** UNDRR-ISC Hazard Information Profiles (global, shared by all tenants). */
export const hazards = pgTable('hazards', {
  code: text('code').primaryKey(),
  names: jsonb('names').$type<Record<string, string>>().notNull(),
  typeName: text('type_name'),
  clusterName: text('cluster_name'),
  clusterCode: text('cluster_code'),
  code2020: text('code_2020'),
  umbrella: boolean('umbrella').notNull().default(false),
  definition: text('definition'),
});
