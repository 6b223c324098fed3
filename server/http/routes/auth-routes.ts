import { Router } from 'express';
import { GuestBody, LoginBody, type SessionView } from '../../../shared/api';
import { enterAsGuest, login } from '../../accounts/login';
import { deleteSession } from '../../accounts/sessions';
import type { Db } from '../../db/database';
import { parseBody } from '../http-errors';
import { perMinuteLimit, sessionCookie } from '../session-cookie';

export interface AuthRouteOptions {
  /** Send the cookie with `Secure` (behind HTTPS). */
  secureCookies: boolean;
  /** Login attempts a client may make per window. */
  loginLimit?: number;
  /** Guest entries a client may make per window. */
  guestLimit?: number;
}

export function authRoutes(db: Db, options: AuthRouteOptions): Router {
  const router = Router();
  const cookie = (value: string, expires: Date) => sessionCookie(value, expires, options.secureCookies);

  const loginLimiter = perMinuteLimit(
    options.loginLimit ?? 10,
    'Too many login attempts. Please wait a minute and try again.',
  );

  router.post('/auth/login', loginLimiter, async (req, res) => {
    const body = parseBody(LoginBody, req.body);
    const { account, token, expiresAt } = await login(db, body);
    const view: SessionView = { account };
    res.set('Set-Cookie', cookie(token, expiresAt)).json(view);
  });

  const guestLimiter = perMinuteLimit(
    options.guestLimit ?? 30,
    'Too many new guests from this address. Please wait a minute.',
  );

  router.post('/auth/guest', guestLimiter, async (req, res) => {
    const body = parseBody(GuestBody, req.body);
    const { account, token, expiresAt } = await enterAsGuest(db, body);
    const view: SessionView = { account };
    res.set('Set-Cookie', cookie(token, expiresAt)).json(view);
  });

  router.post('/auth/logout', async (req, res) => {
    if (req.sessionToken) await deleteSession(db, req.sessionToken);
    res
      .set('Set-Cookie', cookie('', new Date(0)))
      .status(204)
      .end();
  });

  router.get('/auth/session', (req, res) => {
    const view: SessionView = { account: req.account };
    res.set('Cache-Control', 'no-store').json(view);
  });
  return router;
}
