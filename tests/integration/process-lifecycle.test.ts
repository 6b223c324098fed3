import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { io as connect } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../server/db/database';
import { sessions } from '../../server/db/schema';
import { loadDemoExpo } from '../../server/seed/seed-demo-expo';
import { PROTOCOL_VERSION } from '../../shared/protocol';
import { postJson } from '../support/http';
import { spawnServer, waitForOutput } from '../support/process';

describe('the server process', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'minato-process-'));
  });
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it.each([
    [{ PORT: 'abc' }, 'PORT'],
    [{ DATABASE_URL: 'postgres//missing-colon' }, 'DATABASE_URL'],
  ])('stops with one clear line and a non-zero exit for %o', async (env, variable) => {
    const proc = spawnServer({ DATA_DIR: dataDir, ...env });
    const { code } = await proc.exit;
    expect(code).toBe(1);
    const lines = proc.output().trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(new RegExp(`^minato-hall: Invalid ${variable}=`));
  });

  it('shuts down on SIGTERM with exit 0, telling clients, and keeps committed rows', async () => {
    const proc = spawnServer({ DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn' });
    const [, port] = (await waitForOutput(proc, /open at http:\/\/localhost:(\d+)/)) as RegExpMatchArray;
    const url = `http://127.0.0.1:${port}`;

    const socket = connect(url, {
      auth: { protocolVersion: PROTOCOL_VERSION },
      transports: ['websocket'],
      reconnection: false,
    });
    await new Promise((resolve) => socket.once('welcome', resolve));
    const organiser = (await loadDemoExpo()).accounts.find((a) => a.role === 'organiser')!;
    const login = await postJson(url, '/api/auth/login', { email: organiser.email, password: organiser.password });
    expect(login.status).toBe(200);

    const notice = new Promise((resolve) => socket.once('server:shutdown', resolve));
    proc.child.kill('SIGTERM');
    expect(await notice).toEqual({ reason: 'restart' });
    expect(await proc.exit).toEqual({ code: 0, signal: null });
    socket.disconnect();

    // The session written before the signal is on disk.
    const database = await openDatabase({ pgliteDir: path.join(dataDir, 'pglite') });
    const rows = await database.db.select().from(sessions);
    await database.close();
    expect(rows).toHaveLength(1);
  });
});
