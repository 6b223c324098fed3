/**
 * Password reset by a single-use token: the person gets a link with the token, the database keeps its SHA-256.
 * Completing the reset claims the token atomically (one UPDATE … WHERE unused AND unexpired), so it works once.
 */
import { and, eq, gt, isNull } from 'drizzle-orm';
import { ErrorCode } from '../../shared/errors';
import type { Db } from '../db/database';
import { accounts, passwordResets, sessions } from '../db/schema';
import { DomainError } from '../errors';
import type { Mailer } from '../mail/mailer';
import { hashPassword } from './passwords';
import { hashToken, newToken } from './tokens';

export const RESET_TTL_MS = 60 * 60 * 1000;

/**
 * Mails a reset link when the email belongs to an account. Says nothing either way, so the form cannot be used to
 * find out who has an account.
 */
export async function requestPasswordReset(
  db: Db,
  mailer: Mailer,
  input: { email: string; baseUrl: string },
  now = new Date(),
): Promise<void> {
  const [account] = await db
    .select({ id: accounts.id, email: accounts.email, displayName: accounts.displayName })
    .from(accounts)
    .where(eq(accounts.email, input.email.toLowerCase()));
  if (!account?.email) return;
  const { token, hash } = newToken();
  const expiresAt = new Date(now.getTime() + RESET_TTL_MS);
  await db.insert(passwordResets).values({ tokenHash: hash, accountId: account.id, expiresAt });
  // The token rides in the fragment: browsers do not send it to servers or in Referer headers.
  const link = `${input.baseUrl}/account/reset#token=${token}`;
  await mailer.send({
    to: account.email,
    kind: 'password-reset',
    secret: token,
    subject: 'Reset your Minato Hall password',
    text: [
      `Hello ${account.displayName},`,
      '',
      'Someone (hopefully you) asked to reset the password of your Minato Hall account.',
      `Open this link within an hour to choose a new password: ${link}`,
      '',
      'If you did not ask for this, ignore this mail; your password stays as it is.',
    ].join('\n'),
  });
}

/** Sets a new password with a reset token; the token is spent, and every other session of the account ends. */
export async function completePasswordReset(
  db: Db,
  input: { token: string; password: string },
  now = new Date(),
): Promise<{ accountId: string }> {
  const passwordHash = await hashPassword(input.password);
  const [claimed] = await db
    .update(passwordResets)
    .set({ usedAt: now })
    .where(
      and(
        eq(passwordResets.tokenHash, hashToken(input.token)),
        isNull(passwordResets.usedAt),
        gt(passwordResets.expiresAt, now),
      ),
    )
    .returning({ accountId: passwordResets.accountId });
  if (!claimed) {
    throw new DomainError(
      ErrorCode.INVALID_PAYLOAD,
      'This reset link has expired or was already used. Ask for a new one.',
    );
  }
  await db.update(accounts).set({ passwordHash }).where(eq(accounts.id, claimed.accountId));
  await db.delete(sessions).where(eq(sessions.accountId, claimed.accountId));
  return claimed;
}
