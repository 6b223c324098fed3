import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { ZodType } from 'zod';
import { type ErrorBody, ErrorCode } from '../../shared/errors';
import { DomainError } from '../errors';
import type { Logger } from '../log';

const STATUS: Record<ErrorCode, number> = {
  INVALID_PAYLOAD: 400,
  NOT_FOUND: 404,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  RATE_LIMITED: 429,
  CONFLICT: 409,
  PROTOCOL_MISMATCH: 426,
  UNAVAILABLE: 503,
  INTERNAL: 500,
};

export function statusFor(code: ErrorCode): number {
  return STATUS[code];
}

/** Parses a request body with its schema; a failure becomes a 400 with the field-level issues. */
export function parseBody<T>(schema: ZodType<T>, body: unknown): T {
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    throw new InvalidPayload(parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })));
  }
  return parsed.data;
}

class InvalidPayload extends DomainError {
  constructor(readonly issues: { path: string; message: string }[]) {
    super(ErrorCode.INVALID_PAYLOAD, 'The request is not valid.');
  }
}

export const notFound: RequestHandler = (_req, res) => {
  res.status(404).json({ error: { code: ErrorCode.NOT_FOUND, message: 'No such API route.' } });
};

/** The last handler: expected errors in words, unexpected ones logged once and answered generically. */
export function errorHandler(log: Logger): ErrorRequestHandler {
  return (err, req, res, _next) => {
    let status: number;
    let body: ErrorBody;
    if (err instanceof DomainError) {
      status = statusFor(err.code);
      body = { code: err.code, message: err.message };
      if (err instanceof InvalidPayload) body.issues = err.issues;
    } else if (err?.type === 'entity.parse.failed' || err?.type === 'entity.too.large') {
      status = err.type === 'entity.too.large' ? 413 : 400;
      body = { code: ErrorCode.INVALID_PAYLOAD, message: 'The request body is not valid JSON or is too large.' };
    } else if (isClientError(err)) {
      // Errors from middleware (static files, body parsing) that carry a 4xx status.
      status = err.status;
      body =
        status === 404
          ? { code: ErrorCode.NOT_FOUND, message: 'Not found.' }
          : status === 403
            ? { code: ErrorCode.FORBIDDEN, message: 'Not allowed.' }
            : { code: ErrorCode.INVALID_PAYLOAD, message: 'The request is not valid.' };
    } else {
      status = 500;
      body = { code: ErrorCode.INTERNAL, message: 'Something went wrong on our side.' };
      log.error({ err, method: req.method, url: req.originalUrl }, 'request failed');
    }
    if (res.headersSent) return;
    res.status(status).json({ error: body });
  };
}

function isClientError(err: unknown): err is { status: number } {
  const status = (err as { status?: unknown } | null)?.status;
  return typeof status === 'number' && status >= 400 && status < 500;
}
