import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../server/config';

describe('configuration from the environment', () => {
  let dataDir: string;
  beforeEach(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'minato-config-'));
  });
  afterEach(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('defaults to the embedded single-process expo on port 3000', () => {
    const config = loadConfig({ DATA_DIR: dataDir });
    expect(config).toMatchObject({
      port: 3000,
      databaseUrl: undefined,
      redisUrl: undefined,
      livekit: undefined,
      seedDemo: true,
      iceServers: [],
    });
  });

  it('generates a session secret once and keeps it in DATA_DIR', async () => {
    const first = loadConfig({ DATA_DIR: dataDir }).sessionSecret;
    expect(first.length).toBeGreaterThanOrEqual(32);
    expect(loadConfig({ DATA_DIR: dataDir }).sessionSecret).toBe(first);
    expect((await readFile(path.join(dataDir, 'session-secret'), 'utf8')).trim()).toBe(first);
  });

  it.each([
    [{ PORT: 'abc' }, /^Invalid PORT="abc": expected a port number/],
    [{ PORT: '70000' }, /^Invalid PORT="70000"/],
    [{ DATABASE_URL: 'mysql://x' }, /^Invalid DATABASE_URL="mysql:\/\/x": expected a URL starting with postgres:/],
    [{ DATABASE_URL: 'not a url' }, /^Invalid DATABASE_URL/],
    [{ REDIS_URL: 'http://localhost' }, /^Invalid REDIS_URL/],
    [{ ICE_SERVERS: '[{"nope":1}]' }, /^Invalid ICE_SERVERS/],
    [{ LOG_LEVEL: 'loud' }, /^Invalid LOG_LEVEL/],
    [{ LIVEKIT_URL: 'wss://lk.example.com' }, /set all three or none/],
  ])('stops with one line naming the variable for %o', (env, message) => {
    const run = () => loadConfig({ DATA_DIR: dataDir, ...env });
    expect(run).toThrow(ConfigError);
    expect(run).toThrow(message);
    try {
      run();
    } catch (err) {
      expect((err as Error).message).not.toContain('\n');
    }
  });

  it('parses ICE servers and LiveKit settings', () => {
    const config = loadConfig({
      DATA_DIR: dataDir,
      ICE_SERVERS: '[{"urls":"turn:turn.example.com:3478","username":"u","credential":"c"}]',
      LIVEKIT_URL: 'wss://lk.example.com',
      LIVEKIT_API_KEY: 'key',
      LIVEKIT_API_SECRET: 'secret',
    });
    expect(config.iceServers).toEqual([{ urls: 'turn:turn.example.com:3478', username: 'u', credential: 'c' }]);
    expect(config.livekit).toEqual({ url: 'wss://lk.example.com', apiKey: 'key', apiSecret: 'secret' });
  });
});
