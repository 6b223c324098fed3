/** Login sessions: a random token in an httpOnly cookie; the database keeps only its SHA-256. */
import { createHash, randomBytes } from 'node:crypto';
import { and, eq, gt } from 'drizzle-orm';
import type { AccountView } from '../../shared/api';
import type { Db } from '../db/database';
import { accounts, sessions } from '../db/schema';

export const SESSION_COOKIE = 'minato_session';
export const SESSION_TTL_MS = 14 * 24 * 3600 * 1000;

const tokenHash = (token: string) => createHash('sha256').update(token).digest('base64url');

export async function createSession(
  db: Db,
  accountId: string,
  now = new Date(),
): Promise<{ token: string; expiresAt: Date }> {
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + SESSION_TTL_MS);
  await db.insert(sessions).values({ tokenHash: tokenHash(token), accountId, expiresAt });
  return { token, expiresAt };
}

/** The account behind a session token, or null when the token is unknown or expired. */
export async function accountForSession(
  db: Db,
  token: string | undefined,
  now = new Date(),
): Promise<AccountView | null> {
  if (!token || token.length > 200) return null;
  const [row] = await db
    .select({ account: accounts })
    .from(sessions)
    .innerJoin(accounts, eq(sessions.accountId, accounts.id))
    .where(and(eq(sessions.tokenHash, tokenHash(token)), gt(sessions.expiresAt, now)))
    .limit(1);
  return row ? toAccountView(row.account) : null;
}

export async function deleteSession(db: Db, token: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.tokenHash, tokenHash(token)));
}

export function toAccountView(a: typeof accounts.$inferSelect): AccountView {
  return {
    id: a.id,
    email: a.email,
    displayName: a.displayName,
    role: a.role,
    organisationId: a.organisationId,
    country: a.country,
    timeZone: a.timeZone,
  };
}
