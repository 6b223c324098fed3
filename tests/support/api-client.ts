/** JSON requests as a given person (their session cookie), with the CSRF header our client sends on writes. */
import type { Person } from './clients';

export interface ApiResult<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
}

export async function call<T = unknown>(
  base: string,
  method: 'GET' | 'POST' | 'PUT' | 'DELETE',
  path: string,
  options: { as?: Person | null; body?: unknown } = {},
): Promise<ApiResult<T>> {
  const headers: Record<string, string> = {};
  if (options.as) headers.cookie = options.as.cookie;
  if (method !== 'GET') headers['x-requested-with'] = 'minato';
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(base + path, {
    method,
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const text = await res.text();
  let body: unknown = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = text;
  }
  return { status: res.status, headers: res.headers, body: body as T };
}

/** Uploads bytes as `kind` with the given original name. */
export async function upload(
  base: string,
  as: Person | null,
  kind: string,
  name: string,
  data: Uint8Array,
): Promise<ApiResult<{ url: string; error?: { code: string; message: string } } & Record<string, unknown>>> {
  const headers: Record<string, string> = {
    'x-requested-with': 'minato',
    'content-type': 'application/octet-stream',
  };
  if (as) headers.cookie = as.cookie;
  const res = await fetch(`${base}/api/uploads/${kind}?name=${encodeURIComponent(name)}`, {
    method: 'POST',
    headers,
    body: data as unknown as BodyInit,
  });
  return { status: res.status, headers: res.headers, body: (await res.json()) as never };
}

/** The session cookie from a response that set one. */
export function cookieOf(headers: Headers): string {
  const set = headers.get('set-cookie');
  if (!set) throw new Error('no cookie was set');
  return set.split(';')[0]!;
}
