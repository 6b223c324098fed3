import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION } from '../../shared/protocol';
import { startTestServer, type TestServer } from '../support/server';

describe('the socket protocol on a real server', () => {
  let server: TestServer;
  const sockets: Socket[] = [];
  const open = (auth: object) => {
    const socket = connect(server.url, { auth, transports: ['websocket'], reconnection: false, forceNew: true });
    sockets.push(socket);
    return socket;
  };
  beforeAll(async () => {
    server = await startTestServer({ serveClient: false, seed: false });
  });
  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    await server?.close();
  });

  it('welcomes a client of the current protocol version', async () => {
    const socket = open({ protocolVersion: PROTOCOL_VERSION });
    const welcome = await new Promise<{ protocolVersion: number; connectionId: string }>((resolve) =>
      socket.once('welcome', resolve),
    );
    expect(welcome.protocolVersion).toBe(PROTOCOL_VERSION);
    expect(welcome.connectionId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('refuses an older client with PROTOCOL_MISMATCH so it can tell the user to reload', async () => {
    for (const auth of [{ protocolVersion: PROTOCOL_VERSION - 1 }, {}]) {
      const socket = open(auth);
      const err = await new Promise<Error & { data?: unknown }>((resolve) => socket.once('connect_error', resolve));
      expect(err.message).toBe('PROTOCOL_MISMATCH');
      expect(err.data).toEqual({ code: 'PROTOCOL_MISMATCH', serverVersion: PROTOCOL_VERSION });
    }
  });

  it('acknowledges a clock ping, and answers a malformed one with a coded error', async () => {
    const socket = open({ protocolVersion: PROTOCOL_VERSION });
    await new Promise((resolve) => socket.once('welcome', resolve));
    const good = await socket.emitWithAck('clock:ping', { clientTime: 42 });
    expect(good).toMatchObject({ ok: true, data: { clientTime: 42 } });
    const bad = await socket.emitWithAck('clock:ping', { clientTime: 'soon' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'INVALID_PAYLOAD', issues: [{ path: 'clientTime' }] } });
    const worse = await socket.emitWithAck('clock:ping', null);
    expect(worse).toMatchObject({ ok: false, error: { code: 'INVALID_PAYLOAD' } });
    // The connection survives bad input.
    expect(socket.connected).toBe(true);
  });

  it('tells connected clients when the server shuts down', async () => {
    const other = await startTestServer({ serveClient: false, seed: false });
    const socket = connect(other.url, {
      auth: { protocolVersion: PROTOCOL_VERSION },
      transports: ['websocket'],
      reconnection: false,
    });
    sockets.push(socket);
    await new Promise((resolve) => socket.once('welcome', resolve));
    const notice = new Promise((resolve) => socket.once('server:shutdown', resolve));
    await other.close();
    expect(await notice).toEqual({ reason: 'restart' });
  });
});
