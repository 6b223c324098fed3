import { serialize } from 'cookie';
import { rateLimit } from 'express-rate-limit';
import { ErrorCode } from '../../shared/errors';
import { SESSION_COOKIE } from '../accounts/sessions';

/** The session cookie: httpOnly, SameSite=Lax, Secure behind HTTPS. An empty value with a past date clears it. */
export function sessionCookie(value: string, expires: Date, secure: boolean): string {
  return serialize(SESSION_COOKIE, value, { httpOnly: true, sameSite: 'lax', secure, path: '/', expires });
}

/** A per-address limit of `limit` requests a minute, answered with a coded 429 and `message`. */
export function perMinuteLimit(limit: number, message: string) {
  return rateLimit({
    windowMs: 60_000,
    limit,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    handler: (_req, res) => {
      res.status(429).json({ error: { code: ErrorCode.RATE_LIMITED, message } });
    },
  });
}
