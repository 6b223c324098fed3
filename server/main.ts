/**
 * The composition root: config → database → HTTP → realtime. `startServer` returns a handle whose `close()` stops
 * accepting, tells connected clients, drains requests and closes the database; tests start as many as they need.
 */
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { BoothEditor } from './booths/booth-editor';
import { RestrictionCache } from './chat/moderation';
import { SendLimiter } from './chat/send-limiter';
import type { Config } from './config';
import { type Database, openDatabase } from './db/database';
import { createHttpApp } from './http/app';
import { createLogger, type Logger } from './log';
import { createMailer, type Mailer } from './mail/mailer';
import { invitationMailer } from './meetings/invitation-mailer';
import { MeetingService } from './meetings/meeting-service';
import { createMetrics, type Metrics } from './metrics';
import { ExpoAdmin } from './organiser/expo-admin';
import { databaseIdentityResolver } from './presence/presence-identity';
import { loadPresenceLayout } from './presence/presence-layout';
import { attachChat } from './realtime/chat-socket';
import { createLiveNotifier } from './realtime/live-notifier';
import { attachMeetings } from './realtime/meeting-socket';
import { attachPresence, type PresenceOptions } from './realtime/presence-socket';
import { type AppServer, createSocketServer } from './realtime/socket-server';
import { ASSETS_DIR, seedDemoExpoIfEmpty } from './seed/seed-demo-expo';
import { type SweepResult, startOrphanSweeper } from './uploads/orphan-sweeper';
import { UploadService } from './uploads/upload-service';
import { localDiskStorage, type UploadStorage } from './uploads/upload-storage';

export interface ServerHandle {
  url: string;
  port: number;
  database: Database;
  io: AppServer;
  log: Logger;
  metrics: Metrics;
  meetings: MeetingService;
  /** Reset links and invitations: SMTP when SMTP_URL is set, else the outbox table and the log. */
  mailer: Mailer;
  uploadStorage: UploadStorage;
  /** Sends due meeting reminders now (tests; otherwise a timer does). */
  remindNow(): Promise<number>;
  /** Deletes uploads no booth uses now (tests; otherwise a timer does, and once at start). */
  sweepUploadsNow(): Promise<SweepResult>;
  close(): Promise<void>;
}

export interface StartOptions {
  /** PGlite directory; defaults to DATA_DIR/pglite. 'memory://' for throwaway tests. */
  pgliteDir?: string;
  /** An already open database to use instead of opening one (tests share one PGlite per worker). */
  database?: Database;
  /** Redis channel prefix (tests isolate runs sharing one Redis). */
  redisPrefix?: string;
  loginLimit?: number;
  guestLimit?: number;
  /** Chat sending allowance per person (burst, then per second). */
  chatRate?: { burst: number; perSecond: number };
  logger?: Logger;
  /** Presence overrides (tests and benchmarks: a fixed hall, a tick probe). */
  presence?: PresenceOptions;
  /** The server's clock (ms since the epoch) for meetings and upload ages: tests move it. Default Date.now. */
  clock?: () => number;
  reminderIntervalMs?: number;
}

export async function startServer(config: Config, options: StartOptions = {}): Promise<ServerHandle> {
  const log = options.logger ?? createLogger(config.logLevel);
  const metrics = createMetrics();
  const startedAt = Date.now();
  const ownsDatabase = !options.database;
  const database =
    options.database ??
    (await openDatabase({
      databaseUrl: config.databaseUrl,
      pgliteDir: options.pgliteDir ?? path.join(config.dataDir, 'pglite'),
    }));

  let http: HttpServer | undefined;
  let sweeper: ReturnType<typeof startOrphanSweeper> | undefined;
  try {
    if (config.seedDemo && (await seedDemoExpoIfEmpty(database.db))) log.info('seeded the demo expo');

    const accountMailer = createMailer({ db: database.db, log, smtpUrl: config.smtpUrl });
    const mailer = config.smtpUrl ? invitationMailer(accountMailer) : undefined;
    const now = options.clock ?? Date.now;
    const meetings = new MeetingService({
      db: database.db,
      log,
      now,
      livekit: config.livekit,
      iceServers: config.iceServers,
      publicUrl: config.publicUrl,
      mailer,
    });
    // Chat keeps people's mutes and bans for a moment; a decision made through the console drops the cached one.
    const restrictions = new RestrictionCache(database.db);
    const notifier = createLiveNotifier({ moderated: (accountId) => restrictions.invalidate(accountId) });
    const uploadStorage = localDiskStorage(path.join(config.dataDir, 'uploads'));
    sweeper = startOrphanSweeper({
      db: database.db,
      storage: uploadStorage,
      log,
      now,
      graceMs: config.uploadSweep.graceMs,
      intervalMs: config.uploadSweep.intervalMs,
    });
    // Once at start (what piled up while the server was down); a failure here must not keep the expo closed.
    await sweeper.sweepNow().catch((err: unknown) => log.error({ err }, 'sweeping unused uploads failed'));
    const app = createHttpApp({
      meetings,
      mailer: accountMailer,
      notifier,
      boothEditor: new BoothEditor({ db: database.db, notifier }),
      expoAdmin: new ExpoAdmin({ db: database.db, notifier }),
      uploads: new UploadService({ db: database.db, storage: uploadStorage, log, now }),
      uploadStorage,
      publicUrl: config.publicUrl,
      now,
      database,
      log,
      metrics,
      clientDir: config.clientDir,
      assetsDir: ASSETS_DIR,
      secureCookies: config.publicUrl?.startsWith('https:') ?? false,
      connectSrc: config.livekit ? [config.livekit.url.replace(/^http/, 'ws')] : [],
      startedAt,
      loginLimit: options.loginLimit,
      guestLimit: options.guestLimit ?? config.guestRateLimit,
    });
    http = createServer(app);
    // Keep-alive sockets would hold close() open; drop idle ones quickly.
    http.keepAliveTimeout = 5_000;
    const sockets = await createSocketServer(http, {
      db: database.db,
      log,
      metrics,
      redisUrl: config.redisUrl,
      redisPrefix: options.redisPrefix,
    });
    notifier.bind(sockets.io);
    // Realtime features, each attaching its own connection handlers.
    const chat = attachChat(sockets.io, {
      db: database.db,
      log,
      serializeInserts: database.kind === 'postgres',
      restrictions,
      notifier,
      limiter: options.chatRate
        ? new SendLimiter(options.chatRate.burst, options.chatRate.perSecond)
        : new SendLimiter(10, config.chatRatePerSecond),
    });
    const presence = await attachPresence(sockets.io, {
      log,
      metrics,
      peerChannel: sockets.peerChannel,
      resolveIdentity: databaseIdentityResolver(database.db),
      loadLayout: () => loadPresenceLayout(database.db),
      ...options.presence,
    });

    const meetingSockets = attachMeetings(sockets.io, {
      db: database.db,
      log,
      meetings,
      now,
      iceServers: config.iceServers,
      reminderIntervalMs: options.reminderIntervalMs,
    });

    const server = http;
    const uploadSweeper = sweeper;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(config.port, config.host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    const port = (server.address() as AddressInfo).port;
    const url = `http://127.0.0.1:${port}`;
    log.info({ port, database: database.kind, redis: Boolean(config.redisUrl) }, 'Minato Hall is listening');

    let closing: Promise<void> | undefined;
    return {
      url,
      port,
      database,
      io: sockets.io,
      log,
      metrics,
      meetings,
      mailer: accountMailer,
      uploadStorage,
      remindNow: () => meetingSockets.remindNow(),
      sweepUploadsNow: () => uploadSweeper.sweepNow(),
      close: () => {
        closing ??= (async () => {
          // Stop accepting, tell the clients (they reconnect elsewhere), let requests in flight finish. What still
          // holds a connection 5 s from now is cut then, whichever step is waiting: Socket.IO's own close waits for
          // the HTTP server to drain too, so a cut-off armed only after it would never fire.
          const drained = new Promise<void>((resolve) => server.close(() => resolve()));
          let waitingOn = 'uploads';
          const cutOff = setTimeout(() => {
            log.warn({ waitingOn }, 'shutdown still waiting after 5 s: closing the remaining connections');
            server.closeAllConnections();
          }, 5_000);
          chat.stop();
          await uploadSweeper.stop();
          waitingOn = 'meetings';
          await meetingSockets.stop();
          await meetings.drain();
          mailer?.close();
          accountMailer.close();
          waitingOn = 'realtime';
          await presence.close();
          await sockets.close();
          waitingOn = 'http';
          server.closeIdleConnections();
          await drained;
          clearTimeout(cutOff);
          if (ownsDatabase) await database.close();
          log.info('Minato Hall stopped');
        })();
        return closing;
      },
    };
  } catch (err) {
    await sweeper?.stop();
    http?.close();
    if (ownsDatabase) await database.close();
    throw err;
  }
}
