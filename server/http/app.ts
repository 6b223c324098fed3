/** The Express app: API routes, static client and media, security headers, metrics. A thin adapter over domains. */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import compression from 'compression';
import express, { type Express } from 'express';
import helmet from 'helmet';
import { pinoHttp } from 'pino-http';
import type { BoothEditor } from '../booths/booth-editor';
import type { Database } from '../db/database';
import { publishedBoothId } from '../expo/expo-queries';
import type { Logger } from '../log';
import type { Mailer } from '../mail/mailer';
import type { MeetingService } from '../meetings/meeting-service';
import type { Metrics } from '../metrics';
import type { ExpoAdmin } from '../organiser/expo-admin';
import type { LiveNotifier } from '../realtime/live-notifier';
import type { UploadService } from '../uploads/upload-service';
import type { UploadStorage } from '../uploads/upload-storage';
import { requireSameSiteWrite } from './csrf';
import { errorHandler, notFound } from './http-errors';
import { logoSheetRoutes } from './logo-sheet';
import { boothSlugOf, dataPreloadsFor, loadRoutePreloads } from './route-preloads';
import { accountRoutes } from './routes/account-routes';
import { authRoutes } from './routes/auth-routes';
import { boothEditorRoutes } from './routes/booth-editor-routes';
import { expoRoutes } from './routes/expo-routes';
import { meetingRoutes } from './routes/meeting-routes';
import { organiserRoutes } from './routes/organiser-routes';
import { uploadRoutes } from './routes/upload-routes';
import { loadSession } from './session-middleware';

const FLAGS_DIR = path.join(
  path.dirname(createRequire(import.meta.url).resolve('flag-icons/package.json')),
  'flags',
  '4x3',
);

export interface HttpAppDeps {
  database: Database;
  log: Logger;
  metrics: Metrics;
  /** Built client (dist/client); absent when only the API is needed. */
  clientDir: string | undefined;
  assetsDir: string;
  secureCookies: boolean;
  /** Extra origins the browser may connect to (LiveKit). */
  connectSrc: string[];
  startedAt: number;
  loginLimit?: number;
  guestLimit?: number;
  meetings: MeetingService;
  /** Accounts, booth editor, organiser console and uploads (issue 5). */
  mailer: Mailer;
  notifier: LiveNotifier;
  boothEditor: BoothEditor;
  expoAdmin: ExpoAdmin;
  uploads: UploadService;
  uploadStorage: UploadStorage;
  publicUrl: string | undefined;
  /** The server's clock (tests move it). */
  now: () => number;
}

export function createHttpApp(deps: HttpAppDeps): Express {
  const { database, log, metrics } = deps;
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');

  app.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: true,
        directives: {
          'script-src': ["'self'", "'wasm-unsafe-eval'"],
          // troika-three-text and three's loaders run work in blob: workers and read blob: images.
          'worker-src': ["'self'", 'blob:'],
          'img-src': ["'self'", 'data:', 'blob:'],
          'media-src': ["'self'", 'blob:', 'https:'],
          'connect-src': ["'self'", 'blob:', 'data:', ...deps.connectSrc],
          'style-src': ["'self'", "'unsafe-inline'"],
          'font-src': ["'self'", 'data:'],
          'upgrade-insecure-requests': deps.secureCookies ? [] : null,
        },
      },
      crossOriginEmbedderPolicy: false,
      strictTransportSecurity: deps.secureCookies,
    }),
  );
  app.use(compression());
  app.use(
    pinoHttp({
      logger: log,
      autoLogging: { ignore: (req) => !req.url?.startsWith('/api') },
      customLogLevel: (_req, res, err) => (err || res.statusCode >= 500 ? 'error' : 'debug'),
    }),
  );
  app.use((req, res, next) => {
    const end = metrics.httpDuration.startTimer();
    res.on('finish', () => {
      const route = routeLabel(req.baseUrl, req.route?.path, req.path);
      metrics.httpRequests.inc({ method: req.method, route, status: String(res.statusCode) });
      end({ method: req.method, route });
    });
    next();
  });

  app.get('/api/health', (_req, res) => {
    res.set('Cache-Control', 'no-store').json({ status: 'ok', uptimeS: (Date.now() - deps.startedAt) / 1000 });
  });
  app.get('/api/ready', async (_req, res) => {
    try {
      await database.ping();
      res.set('Cache-Control', 'no-store').json({ status: 'ready', database: database.kind });
    } catch (err) {
      log.warn({ err }, 'readiness check failed');
      res.status(503).json({ error: { code: 'UNAVAILABLE', message: 'The database is not reachable.' } });
    }
  });
  app.get('/metrics', async (_req, res) => {
    res.set('Content-Type', metrics.registry.contentType).send(await metrics.registry.metrics());
  });

  const api = express.Router();
  api.use(express.json({ limit: '100kb' }));
  api.use(requireSameSiteWrite);
  api.use(loadSession(database.db));
  // Before the expo routes: it starts building the hall's logo sheet when the booth list is read.
  api.use(logoSheetRoutes({ db: database.db, log, assetsDir: deps.assetsDir, uploadStorage: deps.uploadStorage }));
  api.use(expoRoutes(database.db));
  api.use(
    authRoutes(database.db, {
      secureCookies: deps.secureCookies,
      loginLimit: deps.loginLimit,
      guestLimit: deps.guestLimit,
    }),
  );
  api.use(meetingRoutes(deps.meetings));
  api.use(
    accountRoutes(database.db, { mailer: deps.mailer, secureCookies: deps.secureCookies, publicUrl: deps.publicUrl }),
  );
  api.use(boothEditorRoutes(deps.boothEditor));
  api.use(uploadRoutes(deps.uploads));
  api.use(
    organiserRoutes({
      db: database.db,
      admin: deps.expoAdmin,
      mailer: deps.mailer,
      notifier: deps.notifier,
      publicUrl: deps.publicUrl,
      now: deps.now,
    }),
  );
  api.use(notFound);
  app.use('/api', api);

  // Project media (demo logos, posters, models, videos, brochures). Range requests let videos seek.
  app.use(
    '/media',
    express.static(deps.assetsDir, { maxAge: '1d', fallthrough: false, dotfiles: 'deny', index: false }),
  );

  // Country flags as small SVGs (flag-icons); the client shows them instead of emoji, which many systems lack.
  app.use('/flags', express.static(FLAGS_DIR, { maxAge: '30d', fallthrough: false, dotfiles: 'deny', index: false }));

  // Uploaded booth media: random names, the type we checked, nosniff (server/uploads).
  app.use('/uploads', deps.uploadStorage.serve());

  if (deps.clientDir) {
    const clientDir = deps.clientDir;
    // Hashed build output never changes under its name: cache it for a year.
    app.use('/assets', express.static(path.join(clientDir, 'assets'), { immutable: true, maxAge: '1y' }));
    app.use(express.static(clientDir, { index: false, maxAge: '1h' }));
    // Client-side routes: every other GET that wants HTML gets the app shell, naming the chunks of the page asked for.
    const shell = readFileSync(path.join(clientDir, 'index.html'), 'utf8');
    const preloads = loadRoutePreloads(clientDir);
    app.get(/^\/(?!api\/|media\/|uploads\/|flags\/|socket\.io\/).*/, async (req, res, next) => {
      if (!req.accepts('html')) return next();
      const url = new URL(req.originalUrl, 'http://local');
      const slug = boothSlugOf(url.pathname);
      const booth = slug ? { slug, id: await publishedBoothId(database.db, slug) } : null;
      const links =
        dataPreloadsFor(booth) + (preloads?.linksFor(url.pathname, url.searchParams, req.headers.cookie) ?? '');
      res
        .set('Cache-Control', 'no-cache')
        .type('html')
        .send(shell.replace('</head>', `${links}</head>`));
    });
  }

  app.use(errorHandler(log));
  return app;
}

/** A low-cardinality route label for metrics: the matched route pattern, or the first path segment. */
function routeLabel(baseUrl: string, routePath: string | undefined, path: string): string {
  if (routePath) return `${baseUrl}${routePath}`;
  const first = path.split('/')[1] ?? '';
  return first === 'assets' || first === 'media' ? `/${first}` : 'other';
}
