/** Tenant roles, lowest first: each role can do everything the ones before it can (see DESIGN.md, Security). */
export const ROLE_VALUES = ['viewer', 'contributor', 'validator', 'admin'] as const;
/** A tenant role. */
export type Role = (typeof ROLE_VALUES)[number];

/** Whether `role` is at least `needed`. */
export const roleAtLeast = (role: Role, needed: Role): boolean =>
  ROLE_VALUES.indexOf(role) >= ROLE_VALUES.indexOf(needed);

/** API token scopes. */
export const TOKEN_SCOPES = ['read', 'write'] as const;
/** An API token scope. */
export type TokenScope = (typeof TOKEN_SCOPES)[number];
