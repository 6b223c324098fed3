/**
 * Typed HTTP helpers. Every response is parsed with its shared schema, so a server that answers something
 * unexpected fails here, with a code, rather than somewhere in a component.
 */
import { z } from 'zod';
import { BoothDetail, BoothSummary, ExpoView, type GuestBody, type LoginBody, SessionView } from '../../shared/api';
import { ErrorCode } from '../../shared/errors';
import { ApiError } from './ApiError';

const ErrorResponse = z.object({
  error: z.object({
    code: z.enum(Object.values(ErrorCode) as [ErrorCode, ...ErrorCode[]]),
    message: z.string(),
    issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  }),
});

const BoothList = z.object({ booths: z.array(BoothSummary) });

/** Header the server's CSRF guard requires on every request that changes something. */
const CSRF_HEADER = { 'X-Requested-With': 'minato' } as const;

interface RequestOptions {
  method?: 'GET' | 'POST';
  body?: unknown;
  signal?: AbortSignal;
}

async function request<T>(path: string, schema: z.ZodType<T> | null, options: RequestOptions = {}): Promise<T> {
  const method = options.method ?? 'GET';
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (method !== 'GET') Object.assign(headers, CSRF_HEADER, { 'Content-Type': 'application/json' });
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (cause) {
    if (options.signal?.aborted) throw cause;
    throw new ApiError(ErrorCode.UNAVAILABLE, `Network error on ${method} ${path}`, 0, [], { cause });
  }
  if (!response.ok) throw await errorFrom(response, method, path);
  if (schema === null) return undefined as T;
  let json: unknown;
  try {
    json = await response.json();
  } catch (cause) {
    throw new ApiError(ErrorCode.INTERNAL, `Response to ${method} ${path} is not JSON`, response.status, [], { cause });
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    throw new ApiError(ErrorCode.INTERNAL, `Unexpected response to ${method} ${path}`, response.status, [], {
      cause: parsed.error,
    });
  }
  return parsed.data;
}

async function errorFrom(response: Response, method: string, path: string): Promise<ApiError> {
  const body = ErrorResponse.safeParse(await response.json().catch(() => null));
  if (body.success) {
    const { code, message, issues } = body.data.error;
    return new ApiError(code, message, response.status, issues ?? []);
  }
  // A proxy or a crashed server answered without our error body: classify by status.
  const code =
    response.status === 404
      ? ErrorCode.NOT_FOUND
      : response.status === 429
        ? ErrorCode.RATE_LIMITED
        : response.status >= 502 && response.status <= 504
          ? ErrorCode.UNAVAILABLE
          : ErrorCode.INTERNAL;
  return new ApiError(code, `HTTP ${response.status} on ${method} ${path}`, response.status);
}

/** The expo with its zones and headline numbers. */
export function fetchExpo(signal?: AbortSignal): Promise<ExpoView> {
  return request('/api/expo', ExpoView, { signal });
}

/** All published booths. */
export async function fetchBooths(signal?: AbortSignal): Promise<BoothSummary[]> {
  return (await request('/api/booths', BoothList, { signal })).booths;
}

/** One booth with its description, materials and staff. */
export function fetchBooth(slug: string, signal?: AbortSignal): Promise<BoothDetail> {
  return request(`/api/booths/${encodeURIComponent(slug)}`, BoothDetail, { signal });
}

/** The current session; `account` is null for an anonymous visitor. */
export function fetchSession(signal?: AbortSignal): Promise<SessionView> {
  return request('/api/auth/session', SessionView, { signal });
}

/** Logs in; the server sets an httpOnly session cookie. Throws ApiError UNAUTHENTICATED on bad credentials. */
export function login(body: LoginBody): Promise<SessionView> {
  return request('/api/auth/login', SessionView, { method: 'POST', body });
}

/** Enters as a guest (name, country, language); the server sets a session cookie like a login does. */
export function enterAsGuest(body: GuestBody): Promise<SessionView> {
  return request('/api/auth/guest', SessionView, { method: 'POST', body });
}

/** Ends the session and clears its cookie. */
export function logout(): Promise<void> {
  return request('/api/auth/logout', null, { method: 'POST' });
}
