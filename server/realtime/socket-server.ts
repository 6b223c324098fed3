/**
 * Socket.IO on the HTTP server: protocol version and session checked at the handshake, the Redis adapter when
 * REDIS_URL is set (so rooms span processes), and the feature modules (presence, chat…) attached per connection.
 */

import { randomUUID } from 'node:crypto';
import type { Server as HttpServer } from 'node:http';
import { createAdapter } from '@socket.io/redis-adapter';
import { createClient } from 'redis';
import { Server } from 'socket.io';
import { ErrorCode } from '../../shared/errors';
import {
  type ClientToServerEvents,
  HandshakeAuth,
  PROTOCOL_MISMATCH_MESSAGE,
  PROTOCOL_VERSION,
  type ServerToClientEvents,
} from '../../shared/protocol';
import { accountForSession } from '../accounts/sessions';
import type { Db } from '../db/database';
import { sessionTokenFromCookieHeader } from '../http/session-middleware';
import type { Logger } from '../log';
import type { Metrics } from '../metrics';
import { type AppSocket, onEvent, type SocketData } from './on-event';
import { type PeerChannel, redisPeerChannel } from './peer-channel';

export type AppServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

export interface SocketServerDeps {
  db: Db;
  log: Logger;
  metrics: Metrics;
  redisUrl: string | undefined;
  /** Prefix for Redis channels, so several expos (or test runs) can share one Redis. */
  redisPrefix?: string;
}

export interface SocketServer {
  io: AppServer;
  /** With Redis: the binary channel between processes that presence's per-tick messages take. */
  peerChannel: PeerChannel | null;
  /** Tells every client the server is going away, then closes all connections. */
  close(): Promise<void>;
}

export async function createSocketServer(http: HttpServer, deps: SocketServerDeps): Promise<SocketServer> {
  const { log, metrics } = deps;
  const io: AppServer = new Server(http, {
    serveClient: false,
    maxHttpBufferSize: 64 * 1024,
    pingInterval: 10_000,
    pingTimeout: 8_000,
    // Recover a dropped connection's rooms and missed packets for two minutes (hotel Wi-Fi).
    connectionStateRecovery: { maxDisconnectionDuration: 2 * 60_000, skipMiddlewares: false },
  });

  const redisClients: { quit(): Promise<unknown> }[] = [];
  let peerChannel: PeerChannel | null = null;
  if (deps.redisUrl) {
    // No per-command timeout: node-redis's default (5 s) arms an AbortSignal.timeout for every command, so every
    // presence tick's publish (40 a second and process) left a timer that later fired and built a DOMException; an
    // idle process sharing the hall spent about a fifth less CPU without it (51–61 → 40–53 ms a second). What may
    // wait on a reply has its own limit: the adapter's requests time out after 5 s, and a broken connection is
    // reconnected.
    const pub = createClient({ url: deps.redisUrl, commandOptions: { timeout: 0 } });
    const sub = pub.duplicate();
    // While Redis is away each reconnect attempt fails with an error: one line when the connection is lost, one when
    // it is back, rather than a few a second in between.
    for (const c of [pub, sub]) {
      let down = false;
      c.on('error', (err) => {
        if (!down) log.error({ err }, 'redis connection error; reconnecting');
        down = true;
      });
      c.on('ready', () => {
        if (down) log.warn({}, 'redis connection is back');
        down = false;
      });
    }
    await Promise.all([pub.connect(), sub.connect()]);
    const key = deps.redisPrefix ?? 'minato';
    io.adapter(createAdapter(pub, sub, { key }));
    // Outside the adapter's channels (`<key>#…`), on its connections: a subscriber connection can hold more channels.
    peerChannel = redisPeerChannel(pub, sub, `${key}:presence-peers`, (err) =>
      log.error({ err }, 'presence peer channel error'),
    );
    redisClients.push(pub, sub);
  }

  io.use(async (socket, next) => {
    const auth = HandshakeAuth.safeParse(socket.handshake.auth);
    if (!auth.success || auth.data.protocolVersion !== PROTOCOL_VERSION) {
      const err = new Error(PROTOCOL_MISMATCH_MESSAGE) as Error & { data: unknown };
      err.data = { code: ErrorCode.PROTOCOL_MISMATCH, serverVersion: PROTOCOL_VERSION };
      return next(err);
    }
    try {
      const account = await accountForSession(deps.db, sessionTokenFromCookieHeader(socket.handshake.headers.cookie));
      socket.data.accountId = account?.id ?? null;
      socket.data.account = account;
      socket.data.connectionId = randomUUID();
      next();
    } catch (err) {
      log.error({ err }, 'socket handshake failed');
      next(new Error(ErrorCode.UNAVAILABLE));
    }
  });

  io.on('connection', (socket: AppSocket) => {
    metrics.socketConnections.inc();
    metrics.socketsConnected.inc();
    socket.on('disconnect', () => metrics.socketsConnected.dec());
    onEvent(socket, 'clock:ping', ({ clientTime }) => ({ clientTime, serverTime: Date.now() }), log);
    socket.emit('welcome', {
      protocolVersion: PROTOCOL_VERSION,
      serverTime: Date.now(),
      connectionId: socket.data.connectionId,
    });
  });

  return {
    io,
    peerChannel,
    async close() {
      io.local.emit('server:shutdown', { reason: 'restart' });
      // close() disconnects every socket and closes the underlying HTTP server too; callers close HTTP after.
      await new Promise<void>((resolve) => {
        io.close(() => resolve());
      });
      await peerChannel?.close();
      await Promise.allSettled(redisClients.map((c) => c.quit()));
    },
  };
}
