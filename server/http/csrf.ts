import type { RequestHandler } from 'express';
import { ErrorCode } from '../../shared/errors';

/** The header every write from our client carries. A cross-site form cannot set it, and a cross-site fetch
 * that sets it needs a CORS preflight we never grant, so cookie-authenticated writes come from our own pages. */
export const CSRF_HEADER = 'x-requested-with';
export const CSRF_VALUE = 'minato';

export const requireSameSiteWrite: RequestHandler = (req, res, next) => {
  if (req.method === 'GET' || req.method === 'HEAD' || req.method === 'OPTIONS') return next();
  if (req.get(CSRF_HEADER) !== CSRF_VALUE) {
    res.status(403).json({
      error: { code: ErrorCode.FORBIDDEN, message: `Writes need the header ${CSRF_HEADER}: ${CSRF_VALUE}.` },
    });
    return;
  }
  next();
};
