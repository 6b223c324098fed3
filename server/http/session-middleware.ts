import { parse } from 'cookie';
import type { RequestHandler } from 'express';
import type { AccountView } from '../../shared/api';
import { accountForSession, SESSION_COOKIE } from '../accounts/sessions';
import type { Db } from '../db/database';

declare global {
  namespace Express {
    interface Request {
      account: AccountView | null;
      sessionToken: string | undefined;
    }
  }
}

export function sessionTokenFromCookieHeader(header: string | undefined): string | undefined {
  if (!header) return undefined;
  return parse(header)[SESSION_COOKIE];
}

/** Resolves the session cookie to an account on every API request (null for anonymous visitors). */
export function loadSession(db: Db): RequestHandler {
  return async (req, _res, next) => {
    try {
      req.sessionToken = sessionTokenFromCookieHeader(req.headers.cookie);
      req.account = await accountForSession(db, req.sessionToken);
      next();
    } catch (err) {
      next(err);
    }
  };
}
