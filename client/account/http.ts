/**
 * JSON requests for the account, editor and organiser pages, parsed with their shared schemas; failures become
 * ApiError with the server's code, message and field issues. (Kept beside these pages; client/net/api.ts keeps
 * its helper private.)
 */
import type { z } from 'zod';
import { ErrorCode } from '../../shared/errors';
import { ApiError } from '../net/ApiError';

type Method = 'GET' | 'POST' | 'PUT';

export async function requestJson<T>(
  method: Method,
  path: string,
  schema: z.ZodType<T> | null,
  body?: unknown,
): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (method !== 'GET') headers['X-Requested-With'] = 'minato';
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  return handle(method, path, schema, () =>
    fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body),
    }),
  );
}

/** Sends a file as the raw body (the server judges it by its bytes). */
export function uploadFile<T>(path: string, file: File, schema: z.ZodType<T>): Promise<T> {
  return handle('POST', path, schema, () =>
    fetch(path, {
      method: 'POST',
      headers: { 'X-Requested-With': 'minato', 'Content-Type': 'application/octet-stream', Accept: 'application/json' },
      credentials: 'same-origin',
      body: file,
    }),
  );
}

async function handle<T>(
  method: string,
  path: string,
  schema: z.ZodType<T> | null,
  send: () => Promise<Response>,
): Promise<T> {
  let response: Response;
  try {
    response = await send();
  } catch (cause) {
    throw new ApiError(ErrorCode.UNAVAILABLE, `Network error on ${method} ${path}`, 0, [], { cause });
  }
  const text = await response.text();
  let json: unknown = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = null;
  }
  if (!response.ok) {
    const error = (json as { error?: { code?: ErrorCode; message?: string; issues?: [] } } | null)?.error;
    throw new ApiError(
      error?.code ?? ErrorCode.INTERNAL,
      error?.message ?? `HTTP ${response.status}`,
      response.status,
      error?.issues ?? [],
    );
  }
  if (!schema) return undefined as T;
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    throw new ApiError(ErrorCode.INTERNAL, `Unexpected response to ${method} ${path}`, response.status, [], {
      cause: parsed.error,
    });
  }
  return parsed.data;
}

/** The sentence to show for a failed request: the server's own words for expected refusals. */
export function messageOf(error: unknown, fallback: string): string {
  if (error instanceof ApiError && error.status >= 400 && error.status < 500) {
    const issues = error.issues.map((i) => `${i.path}: ${i.message}`).join('; ');
    return issues ? `${error.message} (${issues})` : error.message;
  }
  return fallback;
}
