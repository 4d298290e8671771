/**
 * Passwords: argon2id (19 MiB, 2 passes, 1 lane — OWASP's minimum) through @node-rs/argon2, which
 * ships prebuilt binaries. Never logged, never returned; only the encoded hash is stored.
 */
import { hash, verify } from '@node-rs/argon2';
import { type FieldIssue, validationFailed } from '../../shared/errors.ts';

// algorithm 2 = Argon2id (the package's const enum cannot be imported under verbatimModuleSyntax).
const OPTIONS = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 };

/** Shortest and longest accepted password (long passphrases welcome; the cap bounds hashing work). */
export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 256;

/** Why a new password is refused, if it is. */
export function passwordIssues(password: string, email: string, path = 'password'): FieldIssue[] {
  if (password.length < PASSWORD_MIN)
    return [{ path, code: 'too_short', message: `use at least ${PASSWORD_MIN} characters` }];
  if (password.length > PASSWORD_MAX)
    return [{ path, code: 'too_long', message: `use at most ${PASSWORD_MAX} characters` }];
  if (password.trim().toLowerCase() === email.trim().toLowerCase())
    return [{ path, code: 'same_as_email', message: 'the password must not be the e-mail address' }];
  if (new Set(password).size < 4)
    return [{ path, code: 'too_simple', message: 'use at least 4 different characters' }];
  return [];
}

/** The argon2id hash of an acceptable password (400 otherwise). */
export async function hashPassword(password: string, email: string, path = 'password'): Promise<string> {
  const issues = passwordIssues(password, email, path);
  if (issues.length) throw validationFailed(issues);
  return hash(password, OPTIONS);
}

// A real hash to verify against when the account does not exist, so both answers take as long.
let decoy: Promise<string> | null = null;

/** Whether the password matches the stored hash; with no hash, spends the same time and says no. */
export async function checkPassword(stored: string | null, password: string): Promise<boolean> {
  if (password.length > PASSWORD_MAX) return false;
  if (stored === null) {
    decoy ??= hash('not-a-real-password', OPTIONS);
    await verify(await decoy, password).catch(() => false);
    return false;
  }
  return verify(stored, password).catch(() => false);
}
