/**
 * "Talk now" in a scaled-out expo: two servers share one PostgreSQL database and one Redis. A visitor asks on one
 * process; staff connected to the other are prompted, answer there, and the visitor learns the outcome. The
 * request is a row, so the answer is found whichever process holds the staff member's connection.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../server/db/database';
import { ErrorCode } from '../../shared/errors';
import type { TalkEnded, TalkPrompt } from '../../shared/meetings';
import type { AckResult } from '../../shared/protocol';
import { enterAsGuest, logIn, openSocket, type TestSocket } from '../support/clients';
import { openFreshPostgres } from '../support/database';
import { boothId, DEMO_PASSWORD, postAs } from '../support/meetings';
import { startTestServer, type TestServer } from '../support/server';
import { postgresUrl, redisUrl, serviceOrSkip } from '../support/services';

const now = Date.parse('2026-12-01T03:00:00Z');

const next = <E extends 'talk:prompt' | 'talk:ended'>(socket: TestSocket, event: E) =>
  new Promise<E extends 'talk:prompt' ? TalkPrompt : TalkEnded>((resolve) => {
    (socket.once as (e: string, fn: (p: never) => void) => void)(event, resolve);
  });

function data<T>(result: AckResult<T>): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.data;
}

describe('talk now across two servers over PostgreSQL and Redis', () => {
  let database: (Database & { url: string }) | undefined;
  const servers: TestServer[] = [];
  const sockets: TestSocket[] = [];

  beforeAll(async () => {
    const pg = await serviceOrSkip('PostgreSQL', postgresUrl());
    const redis = await serviceOrSkip('Redis', redisUrl());
    if (!pg || !redis) return;
    database = await openFreshPostgres(pg);
    const redisPrefix = `minato-test-${randomBytes(4).toString('hex')}`;
    for (let i = 0; i < 2; i++) {
      servers.push(
        await startTestServer({
          databaseUrl: database.url,
          redisUrl: redis,
          redisPrefix,
          serveClient: false,
          clock: () => now,
        }),
      );
    }
  });
  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    for (const s of servers) await s.close();
    await database?.close();
  });

  it('a visitor on one process is answered by staff on the other; a colleague there finds it taken', async (ctx) => {
    if (servers.length < 2) return ctx.skip();
    const [a, b] = servers as [TestServer, TestServer];
    const booth = await boothId(a.url, 'sawasdee-ev');
    const staff = await logIn(b.url, 'nattaya.srisuk@sawasdee-ev.example', DEMO_PASSWORD);
    const colleague = await logIn(a.url, 'pong.chaiyaporn@sawasdee-ev.example', DEMO_PASSWORD);
    const visitor = await enterAsGuest(a.url, 'Lisbon Investor', 'PT');
    const staffOnB = await openSocket(b.url, staff);
    const colleagueOnA = await openSocket(a.url, colleague);
    const visitorOnA = await openSocket(a.url, visitor);
    sockets.push(staffOnB, colleagueOnA, visitorOnA);

    const prompted = next(staffOnB, 'talk:prompt');
    const asked = data(await visitorOnA.emitWithAck('talk:request', { boothId: booth }));
    expect((await prompted).requestId).toBe(asked.requestId);

    const visitorTold = next(visitorOnA, 'talk:ended');
    const { meetingId } = data(await staffOnB.emitWithAck('talk:answer', { requestId: asked.requestId, accept: true }));
    expect(meetingId).toBeTruthy();
    expect(await visitorTold).toEqual({ requestId: asked.requestId, reason: 'accepted', meetingId });

    const late = await colleagueOnA.emitWithAck('talk:answer', { requestId: asked.requestId, accept: true });
    expect(late).toMatchObject({ ok: false, error: { code: ErrorCode.NOT_FOUND } });

    // Asking again at once, through the other process, is still too soon.
    const visitorOnB = await openSocket(b.url, visitor);
    sockets.push(visitorOnB);
    const again = await visitorOnB.emitWithAck('talk:request', { boothId: booth });
    expect(again).toMatchObject({ ok: false, error: { code: ErrorCode.RATE_LIMITED } });

    expect((await postAs(a.url, `/api/meetings/${meetingId}/cancel`, {}, staff)).status).toBe(200);
  });
});
