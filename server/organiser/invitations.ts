/**
 * Single-use invitations for exhibitor staff. The organiser gets a link (also mailed); accepting it creates the
 * person's exhibitor account in the organisation, once: the claim is one UPDATE … WHERE not yet accepted.
 */
import { and, eq, gt, isNull } from 'drizzle-orm';
import type { AccountView } from '../../shared/api';
import { ErrorCode } from '../../shared/errors';
import type {
  AcceptInvitationBody,
  InvitationBody,
  InvitationCreated,
  InvitationPreview,
} from '../../shared/organiser';
import { hashPassword } from '../accounts/passwords';
import { uniqueViolation } from '../accounts/registration';
import { createSession, toAccountView } from '../accounts/sessions';
import { hashToken, newToken } from '../accounts/tokens';
import type { Db } from '../db/database';
import { accounts, invitations, organisations } from '../db/schema';
import { DomainError } from '../errors';
import type { Mailer } from '../mail/mailer';

export const INVITATION_TTL_MS = 14 * 24 * 3600 * 1000;
const GONE = 'This invitation has expired or was already used. Ask the organisers for a new one.';

export async function createInvitation(
  db: Db,
  mailer: Mailer,
  input: InvitationBody & { createdById: string; baseUrl: string },
  now = new Date(),
): Promise<InvitationCreated> {
  const [org] = await db.select().from(organisations).where(eq(organisations.id, input.organisationId));
  if (!org) throw new DomainError(ErrorCode.NOT_FOUND, 'No such organisation.');
  const { token, hash } = newToken();
  const expiresAt = new Date(now.getTime() + INVITATION_TTL_MS);
  const [row] = await db
    .insert(invitations)
    .values({
      tokenHash: hash,
      organisationId: org.id,
      email: input.email.toLowerCase(),
      orgRole: input.orgRole,
      createdById: input.createdById,
      expiresAt,
    })
    .returning({ id: invitations.id });
  const url = `${input.baseUrl}/invite#token=${token}`;
  await mailer.send({
    to: input.email,
    kind: 'invitation',
    subject: `You are invited to set up the ${org.name} booth at Minato Hall`,
    text: [
      'Hello,',
      '',
      `The organisers invite you to join ${org.name} as exhibitor staff at Minato Hall.`,
      `Open this link to create your account and set up your booth: ${url}`,
      '',
      `The link works once and until ${expiresAt.toUTCString()}.`,
    ].join('\n'),
  });
  return { id: row!.id, url, expiresAt: expiresAt.toISOString() };
}

async function openInvitation(db: Db, token: string, now: Date) {
  const [row] = await db
    .select({ invitation: invitations, orgName: organisations.name })
    .from(invitations)
    .innerJoin(organisations, eq(invitations.organisationId, organisations.id))
    .where(
      and(eq(invitations.tokenHash, hashToken(token)), isNull(invitations.acceptedAt), gt(invitations.expiresAt, now)),
    );
  if (!row) throw new DomainError(ErrorCode.NOT_FOUND, GONE);
  return row;
}

/** What the invitation is for, shown before the person accepts. */
export async function previewInvitation(db: Db, token: string, now = new Date()): Promise<InvitationPreview> {
  const { invitation, orgName } = await openInvitation(db, token, now);
  return {
    email: invitation.email,
    organisation: orgName,
    orgRole: invitation.orgRole,
    expiresAt: invitation.expiresAt.toISOString(),
  };
}

/** Accepts: creates the exhibitor account in the organisation and opens a session for it. */
export async function acceptInvitation(
  db: Db,
  body: AcceptInvitationBody,
  now = new Date(),
): Promise<{ account: AccountView; token: string; expiresAt: Date }> {
  const { invitation } = await openInvitation(db, body.token, now);
  const [existing] = await db.select({ id: accounts.id }).from(accounts).where(eq(accounts.email, invitation.email));
  if (existing) {
    throw new DomainError(
      ErrorCode.CONFLICT,
      'An account with the invited email already exists. Ask the organisers to add it to your organisation.',
    );
  }
  const passwordHash = await hashPassword(body.password);
  const account = await db
    .transaction(async (tx) => {
      const [claimed] = await tx
        .update(invitations)
        .set({ acceptedAt: now })
        .where(and(eq(invitations.id, invitation.id), isNull(invitations.acceptedAt), gt(invitations.expiresAt, now)))
        .returning({ id: invitations.id });
      if (!claimed) throw new DomainError(ErrorCode.NOT_FOUND, GONE);
      const [created] = await tx
        .insert(accounts)
        .values({
          email: invitation.email,
          passwordHash,
          displayName: body.displayName,
          role: 'exhibitor',
          organisationId: invitation.organisationId,
          orgRole: invitation.orgRole,
        })
        .returning();
      await tx.update(invitations).set({ acceptedById: created!.id }).where(eq(invitations.id, invitation.id));
      return created!;
    })
    .catch((err) => {
      throw uniqueViolation(err) ? new DomainError(ErrorCode.CONFLICT, 'That email already has an account.') : err;
    });
  const session = await createSession(db, account.id);
  return { account: toAccountView(account), ...session };
}
