/**
 * The one Socket.IO connection of this tab. It checks the protocol version in the handshake, follows Socket.IO's
 * reconnects and writes what the visitor should know into the connection store.
 */
import { io, type Socket } from 'socket.io-client';
import {
  type ClientToServerEvents,
  PROTOCOL_MISMATCH_MESSAGE,
  PROTOCOL_VERSION,
  type ServerToClientEvents,
} from '../../shared/protocol';
import { useConnectionStore } from '../state/connection';
import { presenceVisitorId } from './presence';

export type RealtimeSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

let current: RealtimeSocket | null = null;

const MIDDLEWARE_RETRY_MS = 5000;

const socketListeners = new Set<(socket: RealtimeSocket) => void>();

/**
 * Calls `listener` with the tab's socket now (if open) and whenever a new one is opened, so feature modules
 * (chat, presence) can attach to it whatever the order in which components mount. Returns an unsubscribe.
 */
export function onRealtimeSocket(listener: (socket: RealtimeSocket) => void): () => void {
  socketListeners.add(listener);
  if (current) listener(current);
  return () => socketListeners.delete(listener);
}

/** The tab's socket, or null before `startRealtime` (feature modules register their listeners on it). */
export function getRealtimeSocket(): RealtimeSocket | null {
  return current;
}

/** Opens the tab's connection; returns a function that closes it. Calling it twice reuses the open socket. */
export function startRealtime(): () => void {
  if (current) {
    const existing = current;
    return () => stop(existing);
  }
  const store = useConnectionStore.getState();
  const socket: RealtimeSocket = io({
    // The visitorId lets a reconnect (or a reload of this tab) restore the same avatar rather than add one.
    auth: { protocolVersion: PROTOCOL_VERSION, visitorId: presenceVisitorId() },
    reconnectionDelay: 1000,
    reconnectionDelayMax: 10_000,
    // The server checks cookies on the handshake; same origin sends them.
    withCredentials: true,
  });
  current = socket;
  for (const listener of socketListeners) listener(socket);
  let everConnected = false;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let restarting = false;

  socket.on('welcome', (welcome) => {
    everConnected = true;
    restarting = false;
    store.setConnected(welcome.connectionId, welcome.serverTime - Date.now());
  });
  socket.on('server:shutdown', () => {
    restarting = true;
    useConnectionStore.getState().setReconnecting(true);
  });
  socket.on('disconnect', (reason) => {
    if (socket !== current) return;
    if (reason === 'io client disconnect') {
      useConnectionStore.getState().setStatus('closed');
      return;
    }
    useConnectionStore.getState().setReconnecting(restarting);
    // A server-side disconnect is not retried by Socket.IO on its own; a restart announced it, so try again.
    if (reason === 'io server disconnect') socket.connect();
  });
  socket.on('connect_error', (error) => {
    if (error.message === PROTOCOL_MISMATCH_MESSAGE) {
      useConnectionStore.getState().setOutdated();
      return;
    }
    // Before the first welcome a failing handshake is still "connecting"; afterwards it is a reconnect.
    if (everConnected) useConnectionStore.getState().setReconnecting(restarting);
    // Socket.IO does not retry a refusal by the server's middleware (socket.active is false): retry it gently.
    if (!socket.active && retryTimer === undefined) {
      retryTimer = setTimeout(() => {
        retryTimer = undefined;
        if (current === socket) socket.connect();
      }, MIDDLEWARE_RETRY_MS);
    }
  });

  return () => {
    clearTimeout(retryTimer);
    stop(socket);
  };
}

function stop(socket: RealtimeSocket): void {
  if (current !== socket) return;
  current = null;
  socket.removeAllListeners();
  socket.disconnect();
  useConnectionStore.getState().setStatus('closed');
}

/** Makes the server see a new login or logout: the handshake carries the session cookie, so reconnect. */
export function renewRealtimeIdentity(): void {
  const socket = current;
  if (!socket) return;
  socket.disconnect();
  socket.connect();
}
