/** The whole database schema, one module per entity group. */
export * from './analytics.ts';
export * from './audit.ts';
export * from './auth.ts';
export * from './baselines.ts';
export * from './catalogues.ts';
export * from './datacards.ts';
export * from './disaster-events.ts';
export * from './effects.ts';
export * from './extra-fields.ts';
export * from './geography.ts';
export * from './hazards.ts';
export * from './imports.ts';
export * from './legacy.ts';
export * from './reference-data.ts';
export * from './summary.ts';
export * from './tenants.ts';
