import { hash, verify } from '@node-rs/argon2';
import { COMMON_PASSWORDS } from './common-passwords.ts';

/**
 * argon2id with OWASP's recommended floor (19 MiB, 2 iterations, 1 lane). @node-rs/argon2 defaults to
 * argon2id.
 */
const OPTIONS = { memoryCost: 19_456, timeCost: 2, parallelism: 1 };

export const hashPassword = (plain: string): Promise<string> => hash(plain, OPTIONS);

export async function verifyPassword(stored: string, plain: string): Promise<boolean> {
  try {
    return await verify(stored, plain);
  } catch {
    return false;
  }
}

/** Verified against when the user does not exist, so sign-in takes the same time either way. */
let dummy: Promise<string> | undefined;
export const dummyHash = (): Promise<string> => {
  dummy ??= hashPassword('not-a-real-password-for-timing');
  return dummy;
};

/**
 * NIST SP 800-63B §5.1.1.2: at least 12 characters here (the floor; NIST allows 8), at most 128,
 * no composition rules, rejected when on a list of commonly used or compromised passwords or when it
 * contains the username. Returns the reasons it is refused (empty when acceptable).
 */
export function passwordProblems(password: string, username: string): string[] {
  const problems: string[] = [];
  if ([...password].length < 12) problems.push('Use at least 12 characters.');
  if (password.length > 128) problems.push('Use at most 128 characters.');
  if (COMMON_PASSWORDS.has(password.toLowerCase()))
    problems.push('This password is too common; choose another.');
  if (username && password.toLowerCase().includes(username.toLowerCase())) {
    problems.push('The password must not contain your username.');
  }
  return problems;
}
