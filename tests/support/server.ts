/** Starts the real server on a free port for a test: real HTTP, real Socket.IO, a real database. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../server/config';
import type { Database } from '../../server/db/database';
import { type ServerHandle, startServer } from '../../server/main';

export interface TestServerOptions {
  /** Use this database (kept open after close); default: a fresh in-memory PGlite owned by the server. */
  database?: Database;
  /** PostgreSQL URL to open instead of PGlite. */
  databaseUrl?: string;
  redisUrl?: string;
  redisPrefix?: string;
  /** Seed the demo expo (default true). */
  seed?: boolean;
  /** Serve the built client from dist/client (default true when it exists). */
  serveClient?: boolean;
  loginLimit?: number;
  chatRate?: { burst: number; perSecond: number };
  env?: Record<string, string>;
  /** The meetings' clock (tests move it to a meeting's time). */
  clock?: () => number;
}

export interface TestServer {
  url: string;
  port: number;
  handle: ServerHandle;
  dataDir: string;
  close(): Promise<void>;
}

export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'minato-test-'));
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'warn',
    SEED_DEMO: options.seed === false ? 'false' : 'true',
    ...(options.databaseUrl ? { DATABASE_URL: options.databaseUrl } : {}),
    ...(options.redisUrl ? { REDIS_URL: options.redisUrl } : {}),
    ...options.env,
  });
  if (options.serveClient === false) config.clientDir = undefined;
  const handle = await startServer(config, {
    pgliteDir: 'memory://',
    ...(options.database ? { database: options.database } : {}),
    ...(options.redisPrefix ? { redisPrefix: options.redisPrefix } : {}),
    loginLimit: options.loginLimit ?? 1000,
    guestLimit: 100_000,
    ...(options.chatRate ? { chatRate: options.chatRate } : {}),
    ...(options.clock ? { clock: options.clock } : {}),
  });
  return {
    url: handle.url,
    port: handle.port,
    handle,
    dataDir,
    close: async () => {
      await handle.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
