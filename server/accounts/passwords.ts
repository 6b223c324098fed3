import { hash, verify } from '@node-rs/argon2';

// argon2id with the library's defaults (~15 ms a hash here): slow enough to hurt guessing, fast enough for logins.
export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** A hash of a random password, verified against when the email is unknown, so timing does not reveal accounts. */
export const DUMMY_HASH_INPUT = 'minato-hall-no-such-account';
