/**
 * Accounts over HTTP: registering (a guest keeps their row), password reset, the profile, and accepting an
 * exhibitor invitation. A thin adapter: rules live in server/accounts and server/organiser.
 */

import { type Request, Router } from 'express';
import {
  PasswordResetCompleteBody,
  PasswordResetRequestBody,
  ProfileUpdateBody,
  RegisterBody,
} from '../../../shared/accounts';
import type { SessionView } from '../../../shared/api';
import { ErrorCode } from '../../../shared/errors';
import { AcceptInvitationBody, InvitationToken } from '../../../shared/organiser';
import { completePasswordReset, requestPasswordReset } from '../../accounts/password-reset';
import { readProfile, updateProfile } from '../../accounts/profile';
import { register } from '../../accounts/registration';
import { createSession } from '../../accounts/sessions';
import type { Db } from '../../db/database';
import { DomainError } from '../../errors';
import type { Mailer } from '../../mail/mailer';
import { acceptInvitation, previewInvitation } from '../../organiser/invitations';
import { parseBody } from '../http-errors';
import { perMinuteLimit, sessionCookie } from '../session-cookie';

export interface AccountRouteOptions {
  mailer: Mailer;
  secureCookies: boolean;
  /** Base of links in mails; without PUBLIC_URL, the address the request came to. */
  publicUrl: string | undefined;
  /** Reset and registration requests a client may make per minute. */
  limit?: number;
}

/** The base URL for links in mails. PUBLIC_URL when set: a Host header must never decide where a reset link goes. */
export function linkBase(req: Request, publicUrl: string | undefined): string {
  return (publicUrl ?? `${req.protocol}://${req.get('host')}`).replace(/\/$/, '');
}

function requireAccountId(req: Request): string {
  if (!req.account) throw new DomainError(ErrorCode.UNAUTHENTICATED, 'Please log in first.');
  return req.account.id;
}

export function accountRoutes(db: Db, options: AccountRouteOptions): Router {
  const router = Router();
  const cookie = (value: string, expires: Date) => sessionCookie(value, expires, options.secureCookies);
  const writes = perMinuteLimit(options.limit ?? 20, 'Too many attempts from this address. Please wait a minute.');

  router.post('/account/register', writes, async (req, res) => {
    const body = parseBody(RegisterBody, req.body);
    const { account, session } = await register(db, body, req.account?.id ?? null);
    if (session) res.set('Set-Cookie', cookie(session.token, session.expiresAt));
    const view: SessionView = { account };
    res.status(201).json(view);
  });

  router.post('/account/password-reset', writes, async (req, res) => {
    const body = parseBody(PasswordResetRequestBody, req.body);
    await requestPasswordReset(db, options.mailer, { email: body.email, baseUrl: linkBase(req, options.publicUrl) });
    // The same answer whether or not the email has an account.
    res.status(202).json({ message: 'If this email has an account, a reset link is on its way.' });
  });

  router.post('/account/password-reset/complete', writes, async (req, res) => {
    const body = parseBody(PasswordResetCompleteBody, req.body);
    const { accountId } = await completePasswordReset(db, body);
    const session = await createSession(db, accountId);
    res.set('Set-Cookie', cookie(session.token, session.expiresAt)).status(204).end();
  });

  router.get('/account/profile', async (req, res) => {
    res.set('Cache-Control', 'no-store').json(await readProfile(db, requireAccountId(req)));
  });

  router.put('/account/profile', async (req, res) => {
    const body = parseBody(ProfileUpdateBody, req.body);
    res.json(await updateProfile(db, requireAccountId(req), body));
  });

  router.post('/invitations/preview', writes, async (req, res) => {
    const { token } = parseBody(InvitationToken, req.body);
    res.set('Cache-Control', 'no-store').json(await previewInvitation(db, token));
  });

  router.post('/invitations/accept', writes, async (req, res) => {
    const body = parseBody(AcceptInvitationBody, req.body);
    const { account, token, expiresAt } = await acceptInvitation(db, body);
    const view: SessionView = { account };
    res.set('Set-Cookie', cookie(token, expiresAt)).status(201).json(view);
  });

  return router;
}
