/**
 * Configuration: every environment variable parsed once, here, with zod. A missing or bad value stops the start
 * with one line naming the variable. The defaults give the embedded single-process expo.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

const optionalUrl = (protocols: string[]) =>
  z
    .string()
    .trim()
    .optional()
    .transform((v) => (v === '' ? undefined : v))
    .refine((v) => v === undefined || isUrlWith(v, protocols), `a URL starting with ${protocols.join(' or ')}`);

function isUrlWith(value: string, protocols: string[]): boolean {
  try {
    const url = new URL(value);
    return protocols.includes(url.protocol) && url.hostname !== '';
  } catch {
    return false;
  }
}

/** ICE servers as browsers take them (RTCIceServer[]), given as JSON. */
const IceServers = z.array(
  z.object({
    urls: z.union([z.string(), z.array(z.string())]),
    username: z.string().optional(),
    credential: z.string().optional(),
  }),
);

const EnvSchema = z.object({
  PORT: z
    .string()
    .regex(/^\d+$/, 'a port number from 0 to 65535')
    .transform(Number)
    .refine((n) => n <= 65535, 'a port number from 0 to 65535')
    .default(3000),
  HOST: z.string().default('0.0.0.0'),
  PUBLIC_URL: optionalUrl(['http:', 'https:']),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: optionalUrl(['postgres:', 'postgresql:']),
  REDIS_URL: optionalUrl(['redis:', 'rediss:']),
  LIVEKIT_URL: optionalUrl(['ws:', 'wss:', 'http:', 'https:']),
  LIVEKIT_API_KEY: z.string().optional(),
  LIVEKIT_API_SECRET: z.string().optional(),
  SESSION_SECRET: z.string().min(32, 'at least 32 characters').optional(),
  ICE_SERVERS: z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (!v) return [] as z.infer<typeof IceServers>;
      try {
        return IceServers.parse(JSON.parse(v));
      } catch {
        ctx.addIssue({ code: 'custom', message: 'JSON such as [{"urls":"turn:turn.example.com:3478"}]' });
        return z.NEVER;
      }
    }),
  SMTP_URL: optionalUrl(['smtp:', 'smtps:']),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Seed the demo expo into an empty database (on by default; `false` for a real event). */
  SEED_DEMO: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
  /** New guests one address may create per minute (a company's visitors may share one address). */
  GUEST_RATE_LIMIT: z.string().regex(/^\d+$/, 'a whole number').transform(Number).default(120),
  /** Chat messages one person may send: a burst, then this many per second. */
  CHAT_RATE_PER_SECOND: z
    .string()
    .regex(/^\d+(\.\d+)?$/, 'a number')
    .transform(Number)
    .default(2),
  /** Hours an uploaded file may stay unused by any booth draft or published booth before it is deleted. */
  UPLOAD_ORPHAN_GRACE_HOURS: z
    .string()
    .regex(/^\d+(\.\d+)?$/, 'a number of hours, e.g. 24')
    .transform(Number)
    .refine((n) => n > 0, 'a number of hours above 0, e.g. 24')
    .default(24),
  /** Minutes between sweeps for unused uploads (one also runs at start). */
  UPLOAD_SWEEP_MINUTES: z
    .string()
    .regex(/^\d+$/, 'a whole number of minutes, e.g. 60')
    .transform(Number)
    .refine((n) => n >= 1, 'a whole number of minutes, at least 1')
    .default(60),
  NODE_ENV: z.string().default('development'),
});

export interface Config {
  port: number;
  host: string;
  publicUrl: string | undefined;
  dataDir: string;
  databaseUrl: string | undefined;
  redisUrl: string | undefined;
  livekit: { url: string; apiKey: string; apiSecret: string } | undefined;
  sessionSecret: string;
  iceServers: z.infer<typeof IceServers>;
  smtpUrl: string | undefined;
  logLevel: z.infer<typeof EnvSchema>['LOG_LEVEL'];
  seedDemo: boolean;
  guestRateLimit: number;
  chatRatePerSecond: number;
  /** Unused uploads older than this are deleted; sweeps run this often (ms). */
  uploadSweep: { graceMs: number; intervalMs: number };
  production: boolean;
  /** Where the built client lives; absent in tests that only need the API. */
  clientDir: string | undefined;
}

/** Thrown for a bad environment; its message is the one line the user sees. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Parses the environment. Throws ConfigError with one line naming the first bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const name = String(issue.path[0] ?? 'environment');
    throw new ConfigError(`Invalid ${name}=${JSON.stringify(env[name] ?? '')}: expected ${issue.message}`);
  }
  const e = parsed.data;
  const lk = [e.LIVEKIT_URL, e.LIVEKIT_API_KEY, e.LIVEKIT_API_SECRET];
  if (lk.some(Boolean) && !lk.every(Boolean)) {
    throw new ConfigError('Invalid LIVEKIT_URL/LIVEKIT_API_KEY/LIVEKIT_API_SECRET: set all three or none');
  }
  const dataDir = path.resolve(e.DATA_DIR);
  const clientDir = path.resolve('dist/client');
  return {
    port: e.PORT,
    host: e.HOST,
    publicUrl: e.PUBLIC_URL,
    dataDir,
    databaseUrl: e.DATABASE_URL,
    redisUrl: e.REDIS_URL,
    livekit: e.LIVEKIT_URL
      ? { url: e.LIVEKIT_URL, apiKey: e.LIVEKIT_API_KEY!, apiSecret: e.LIVEKIT_API_SECRET! }
      : undefined,
    sessionSecret: e.SESSION_SECRET ?? loadOrCreateSecret(dataDir),
    iceServers: e.ICE_SERVERS,
    smtpUrl: e.SMTP_URL,
    logLevel: e.LOG_LEVEL,
    seedDemo: e.SEED_DEMO,
    guestRateLimit: e.GUEST_RATE_LIMIT,
    chatRatePerSecond: e.CHAT_RATE_PER_SECOND,
    uploadSweep: { graceMs: e.UPLOAD_ORPHAN_GRACE_HOURS * 3_600_000, intervalMs: e.UPLOAD_SWEEP_MINUTES * 60_000 },
    production: e.NODE_ENV === 'production',
    clientDir: existsSync(path.join(clientDir, 'index.html')) ? clientDir : undefined,
  };
}

/** A session secret generated once and kept in DATA_DIR, so sessions survive restarts without configuration. */
function loadOrCreateSecret(dataDir: string): string {
  const file = path.join(dataDir, 'session-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}
