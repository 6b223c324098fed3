import { eq } from 'drizzle-orm';
import type { AccountView, GuestBody, LoginBody } from '../../shared/api';
import { ErrorCode } from '../../shared/errors';
import { currentRestriction } from '../chat/moderation';
import type { Db } from '../db/database';
import { accounts } from '../db/schema';
import { DomainError } from '../errors';
import { DUMMY_HASH_INPUT, hashPassword, verifyPassword } from './passwords';
import { createSession, toAccountView } from './sessions';

let dummyHash: Promise<string> | undefined;

/** Checks email and password and opens a session. Unknown email and wrong password get the same answer. */
export async function login(
  db: Db,
  body: LoginBody,
): Promise<{ account: AccountView; token: string; expiresAt: Date }> {
  const [account] = await db.select().from(accounts).where(eq(accounts.email, body.email.toLowerCase())).limit(1);
  dummyHash ??= hashPassword(DUMMY_HASH_INPUT);
  const ok = await verifyPassword(account?.passwordHash ?? (await dummyHash), body.password);
  if (!account?.passwordHash || !ok) {
    throw new DomainError(ErrorCode.UNAUTHENTICATED, 'That email and password do not match an account.');
  }
  const restriction = await currentRestriction(db, account.id);
  if (restriction?.action === 'ban') {
    throw new DomainError(ErrorCode.FORBIDDEN, `This account is banned from the expo: ${restriction.reason}`);
  }
  const session = await createSession(db, account.id);
  return { account: toAccountView(account), ...session };
}

/** Creates a guest account (no email, no password) and opens a session for it. */
export async function enterAsGuest(
  db: Db,
  body: GuestBody,
): Promise<{ account: AccountView; token: string; expiresAt: Date }> {
  const [account] = await db
    .insert(accounts)
    .values({
      displayName: body.displayName,
      role: 'visitor',
      country: body.country,
      timeZone: body.timeZone ?? null,
      languages: [body.language],
    })
    .returning();
  const session = await createSession(db, account!.id);
  return { account: toAccountView(account!), ...session };
}
