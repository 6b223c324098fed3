/**
 * Registering with email and password. A guest who registers keeps the same account row, so their chats,
 * meetings and profile stay theirs; anyone else gets a new visitor account.
 */
import { and, eq, isNull } from 'drizzle-orm';
import type { RegisterBody } from '../../shared/accounts';
import type { AccountView } from '../../shared/api';
import { ErrorCode } from '../../shared/errors';
import type { Db } from '../db/database';
import { accounts } from '../db/schema';
import { DomainError } from '../errors';
import { hashPassword } from './passwords';
import { createSession, toAccountView } from './sessions';

const EMAIL_TAKEN = 'An account with this email already exists. Log in, or reset its password.';

export async function register(
  db: Db,
  body: RegisterBody,
  currentAccountId: string | null,
): Promise<{ account: AccountView; session: { token: string; expiresAt: Date } | null; upgraded: boolean }> {
  const email = body.email.toLowerCase();
  const passwordHash = await hashPassword(body.password);
  const [taken] = await db.select({ id: accounts.id }).from(accounts).where(eq(accounts.email, email));
  if (taken) throw new DomainError(ErrorCode.CONFLICT, EMAIL_TAKEN);

  if (currentAccountId) {
    const [current] = await db.select().from(accounts).where(eq(accounts.id, currentAccountId));
    if (current && current.email !== null) {
      throw new DomainError(ErrorCode.CONFLICT, 'You already have an account. Log out to register another.');
    }
    if (current) {
      try {
        const [upgraded] = await db
          .update(accounts)
          .set({
            email,
            passwordHash,
            displayName: body.displayName,
            ...(body.country ? { country: body.country } : {}),
            ...(body.timeZone ? { timeZone: body.timeZone } : {}),
          })
          // Only a guest row turns into an account, once.
          .where(and(eq(accounts.id, current.id), isNull(accounts.email)))
          .returning();
        if (upgraded) return { account: toAccountView(upgraded), session: null, upgraded: true };
      } catch (err) {
        throw uniqueViolation(err) ? new DomainError(ErrorCode.CONFLICT, EMAIL_TAKEN) : err;
      }
    }
  }

  try {
    const [created] = await db
      .insert(accounts)
      .values({
        email,
        passwordHash,
        displayName: body.displayName,
        role: 'visitor',
        country: body.country ?? null,
        timeZone: body.timeZone ?? null,
        languages: body.language ? [body.language] : [],
      })
      .returning();
    return { account: toAccountView(created!), session: await createSession(db, created!.id), upgraded: false };
  } catch (err) {
    throw uniqueViolation(err) ? new DomainError(ErrorCode.CONFLICT, EMAIL_TAKEN) : err;
  }
}

/** A unique constraint refused the write (two registrations of one email at once). */
export function uniqueViolation(err: unknown): boolean {
  for (let e: unknown = err; e; e = (e as { cause?: unknown }).cause) {
    if ((e as { code?: unknown }).code === '23505') return true;
  }
  return false;
}
