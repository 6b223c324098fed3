import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../server/db/database';
import { expectExactlyOnceInOneOrder, runDropScenario } from '../support/chat-scenario';
import { enterAsGuest, openSocket, type TestSocket } from '../support/clients';
import { openFreshPostgres } from '../support/database';
import { startTestServer, type TestServer } from '../support/server';
import { postgresUrl, redisUrl, serviceOrSkip } from '../support/services';

/** Two server processes' worth of servers sharing one PostgreSQL database and one Redis, as in a scaled-out expo. */
describe('chat across two servers over PostgreSQL and Redis', () => {
  let database: (Database & { url: string }) | undefined;
  const servers: TestServer[] = [];
  const sockets: TestSocket[] = [];
  const track = (s: TestSocket) => void sockets.push(s);

  beforeAll(async () => {
    const pg = await serviceOrSkip('PostgreSQL', postgresUrl());
    const redis = await serviceOrSkip('Redis', redisUrl());
    if (!pg || !redis) return;
    database = await openFreshPostgres(pg);
    const prefix = `minato-test-${randomBytes(4).toString('hex')}`;
    const chatRate = { burst: 1000, perSecond: 1000 };
    // The first seeds the demo; the second finds it seeded.
    servers.push(
      await startTestServer({
        databaseUrl: database.url,
        redisUrl: redis,
        redisPrefix: prefix,
        serveClient: false,
        chatRate,
      }),
    );
    servers.push(
      await startTestServer({
        databaseUrl: database.url,
        redisUrl: redis,
        redisPrefix: prefix,
        serveClient: false,
        chatRate,
      }),
    );
  });
  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    for (const s of servers) await s.close();
    await database?.close();
  });

  it('delivers a message sent on one server to a member connected to the other', async (ctx) => {
    if (servers.length < 2) return ctx.skip();
    const [a, b] = servers as [TestServer, TestServer];
    const ana = await enterAsGuest(a.url, 'Ana');
    const ben = await enterAsGuest(b.url, 'Ben');
    const sa = await openSocket(a.url, ana);
    const sb = await openSocket(b.url, ben);
    track(sa);
    track(sb);
    await sa.emitWithAck('chat:join', { channel: 'hall' });
    await sb.emitWithAck('chat:join', { channel: 'hall' });
    const received = new Promise((resolve) => sb.once('chat:message', resolve));
    const id = randomUUID();
    await sa.emitWithAck('chat:send', { id, channel: 'hall', body: 'across processes', lang: 'en' });
    expect(await received).toMatchObject({ id, body: 'across processes', authorName: 'Ana' });
  });

  it('keeps exactly-once, one-order delivery with members on both servers and dropping connections', async (ctx) => {
    if (servers.length < 2) return ctx.skip();
    const members = 10;
    const perMember = 100;
    const { sentIds, logs } = await runDropScenario({
      urls: servers.map((s) => s.url),
      members,
      perMember,
      channel: 'hall',
      track,
    });
    expectExactlyOnceInOneOrder(sentIds, logs, members, perMember);
    // The scenario's own waits (90 s for the outboxes, 60 s for delivery) say what is stuck if anything is; the
    // test's limit sits above them so a slow, busy machine reports that rather than a bare timeout.
  }, 180_000);
});
