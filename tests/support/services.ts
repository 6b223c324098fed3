/**
 * External services for the suites that need them. Locally a missing service skips those suites with a message;
 * in CI (CI=true) it fails them, so a green CI always means PostgreSQL and Redis were really exercised.
 */
import net from 'node:net';

export const inCI = process.env.CI === 'true';

export function postgresUrl(): string | undefined {
  return process.env.TEST_DATABASE_URL || process.env.DATABASE_URL || undefined;
}

export function redisUrl(): string | undefined {
  return process.env.TEST_REDIS_URL || process.env.REDIS_URL || undefined;
}

/** Whether a TCP port answers, within a second. */
export function reachable(url: string): Promise<boolean> {
  const { hostname, port, protocol } = new URL(url);
  const defaultPort = protocol.startsWith('redis') ? 6379 : 5432;
  return new Promise((resolve) => {
    const socket = net.connect({ host: hostname, port: Number(port || defaultPort) });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1000, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/**
 * Decides whether a service suite runs: returns the URL, or undefined to skip (locally only).
 * Throws in CI when the service is not configured or not reachable.
 */
export async function serviceOrSkip(
  name: 'PostgreSQL' | 'Redis',
  url: string | undefined,
): Promise<string | undefined> {
  const variable = name === 'PostgreSQL' ? 'DATABASE_URL' : 'REDIS_URL';
  if (!url) {
    if (inCI) throw new Error(`${name} suite: ${variable} is not set, and CI=true requires it`);
    console.warn(`[skip] ${name} suite: set ${variable} (or TEST_${variable}) to run it`);
    return undefined;
  }
  if (!(await reachable(url))) {
    if (inCI) throw new Error(`${name} suite: ${url} is not reachable`);
    console.warn(`[skip] ${name} suite: ${url} is not reachable`);
    return undefined;
  }
  return url;
}
