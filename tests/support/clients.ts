/** Real Socket.IO clients for integration tests: as a guest, as a seeded account, or anonymous. */
import { io as connect, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '../../shared/protocol';
import { PROTOCOL_VERSION } from '../../shared/protocol';
import { postJson } from './http';

export type TestSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export interface Person {
  accountId: string;
  cookie: string;
  name: string;
}

export async function enterAsGuest(base: string, displayName: string, country = 'DE'): Promise<Person> {
  const res = await postJson(base, '/api/auth/guest', { displayName, country, language: 'en' });
  if (res.status !== 200) throw new Error(`guest entry failed: ${JSON.stringify(res.body)}`);
  const account = (res.body as { account: { id: string } }).account;
  return { accountId: account.id, cookie: res.headers.get('set-cookie')!.split(';')[0]!, name: displayName };
}

export async function logIn(base: string, email: string, password: string): Promise<Person> {
  const res = await postJson(base, '/api/auth/login', { email, password });
  if (res.status !== 200) throw new Error(`login failed: ${JSON.stringify(res.body)}`);
  const account = (res.body as { account: { id: string; displayName: string } }).account;
  return { accountId: account.id, cookie: res.headers.get('set-cookie')!.split(';')[0]!, name: account.displayName };
}

/** Opens a socket (as `person`, or anonymous) and resolves once the server has welcomed it. */
export async function openSocket(
  base: string,
  person?: Person,
  options: { reconnection?: boolean } = {},
): Promise<TestSocket> {
  const socket: TestSocket = connect(base, {
    auth: { protocolVersion: PROTOCOL_VERSION },
    transports: ['websocket'],
    forceNew: true,
    reconnection: options.reconnection ?? false,
    reconnectionDelay: 50,
    reconnectionDelayMax: 200,
    ...(person ? { extraHeaders: { cookie: person.cookie } } : {}),
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('welcome', () => resolve());
    socket.once('connect_error', reject);
  });
  return socket;
}

/** Resolves when `check` holds, re-checking whenever `subscribe` reports a change; rejects after `ms`. */
export function until(
  check: () => boolean,
  subscribe: (notify: () => void) => () => void,
  ms = 30_000,
  what = 'condition',
) {
  return new Promise<void>((resolve, reject) => {
    if (check()) return resolve();
    const timer = setTimeout(() => {
      unsubscribe();
      reject(new Error(`timed out waiting for ${what}`));
    }, ms);
    const unsubscribe = subscribe(() => {
      if (!check()) return;
      clearTimeout(timer);
      unsubscribe();
      resolve();
    });
  });
}
