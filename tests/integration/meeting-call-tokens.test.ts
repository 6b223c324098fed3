/**
 * LiveKit call tokens, decoded and verified with jose: only the meeting's participants get one, only from 10 minutes
 * before the start until 15 minutes after the end, for the meeting's room alone, with the identity of the session,
 * a short life and the least grants a call needs.
 */
import { decodeJwt, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallAccessView, MeetingView } from '../../shared/meetings';
import { enterAsGuest, logIn, type Person } from '../support/clients';
import { book, boothId, DEMO_PASSWORD, postAs, slotsOf } from '../support/meetings';
import { startTestServer, type TestServer } from '../support/server';

const MINUTE = 60_000;
const API_KEY = 'APIminatotest';
const API_SECRET = 'a-test-secret-that-is-long-enough-for-hs256-0123456789';
let now = Date.parse('2026-12-01T00:00:00Z');
let server: TestServer;
let base: string;
let guest: Person;
let staff: Person;
let stranger: Person;
let meeting: MeetingView;
let start: number;
let end: number;

const callAs = (person: Person) => postAs(base, `/api/meetings/${meeting.id}/call`, {}, person);

beforeAll(async () => {
  server = await startTestServer({
    serveClient: false,
    clock: () => now,
    env: { LIVEKIT_URL: 'wss://livekit.example.com', LIVEKIT_API_KEY: API_KEY, LIVEKIT_API_SECRET: API_SECRET },
  });
  base = server.url;
  staff = await logIn(base, 'nattaya.srisuk@sawasdee-ev.example', DEMO_PASSWORD);
  guest = await enterAsGuest(base, 'Frankfurt Founder', 'DE');
  stranger = await enterAsGuest(base, 'Not Invited', 'US');
  const booth = await boothId(base, 'sawasdee-ev');
  const slot = (await slotsOf(base, booth, guest)).staff.find((s) => s.hostId === staff.accountId)!.slots[2]!;
  meeting = (await book(base, guest, { hostId: staff.accountId, boothId: booth, ...slot })).body as MeetingView;
  start = Date.parse(meeting.startsAt);
  end = Date.parse(meeting.endsAt);
});

afterAll(async () => {
  await server?.close();
});

describe('LiveKit call tokens', () => {
  it('a participant 10 minutes before gets a token for this room only, with least grants and a short life', async () => {
    now = start - 10 * MINUTE;
    const res = await callAs(guest);
    expect(res.status).toBe(200);
    const access = res.body as CallAccessView;
    if (access.mode !== 'livekit') throw new Error('expected LiveKit access');
    expect(access).toMatchObject({ url: 'wss://livekit.example.com', room: meeting.id });

    const { payload, protectedHeader } = await jwtVerify(access.token, new TextEncoder().encode(API_SECRET), {
      issuer: API_KEY,
    });
    expect(protectedHeader.alg).toBe('HS256');
    expect(payload.sub).toBe(guest.accountId);
    expect(payload.name).toBe('Frankfurt Founder');
    expect(payload.video).toEqual({
      room: meeting.id,
      roomJoin: true,
      canSubscribe: true,
      canPublish: true,
      canPublishData: false,
      canPublishSources: ['camera', 'microphone', 'screen_share', 'screen_share_audio'],
      canUpdateOwnMetadata: false,
    });
    // No admin, create, list, record or ingress powers.
    const video = payload.video as Record<string, unknown>;
    for (const power of ['roomAdmin', 'roomCreate', 'roomList', 'roomRecord', 'ingressAdmin', 'hidden']) {
      expect(video[power]).toBeUndefined();
    }
    expect(payload.exp! - payload.nbf!).toBeLessThanOrEqual(10 * 60);
    expect(payload.exp! - payload.nbf!).toBeGreaterThan(0);
  });

  it('the host gets a token with their own identity, for the same room', async () => {
    now = start + 5 * MINUTE;
    const access = (await callAs(staff)).body as CallAccessView & { token: string };
    const payload = decodeJwt(access.token);
    expect(payload.sub).toBe(staff.accountId);
    expect((payload.video as { room: string }).room).toBe(meeting.id);
  });

  it('near the end, the token never outlives the call window (15 minutes after the end)', async () => {
    now = end + 14 * MINUTE;
    const access = (await callAs(guest)).body as CallAccessView & { token: string };
    const payload = decodeJwt(access.token);
    expect(payload.exp! - payload.nbf!).toBeLessThanOrEqual(60);
  });

  it('a participant a day early, or 11 minutes early, gets a clear refusal', async () => {
    for (const at of [start - 24 * 60 * MINUTE, start - 11 * MINUTE]) {
      now = at;
      const res = await callAs(guest);
      expect(res.status).toBe(403);
      expect(res.body).toEqual({
        error: { code: 'FORBIDDEN', message: 'The call opens 10 minutes before the meeting starts.' },
      });
    }
  });

  it('after the window closes, the call is refused', async () => {
    now = end + 16 * MINUTE;
    const res = await callAs(staff);
    expect(res.status).toBe(403);
    expect((res.body as { error: { message: string } }).error.message).toMatch(/closed 15 minutes after/);
  });

  it('a non-participant is refused at any time, and so is an anonymous visitor', async () => {
    now = start;
    const res = await callAs(stranger);
    expect(res.status).toBe(404);
    expect((res.body as { error: { code: string } }).error.code).toBe('NOT_FOUND');
    const anonymous = await postAs(base, `/api/meetings/${meeting.id}/call`, {});
    expect(anonymous.status).toBe(401);
  });

  it('a cancelled meeting has no call', async () => {
    now = Date.parse('2026-12-01T00:00:00Z');
    await postAs(base, `/api/meetings/${meeting.id}/cancel`, {}, guest);
    now = start;
    expect((await callAs(guest)).status).toBe(409);
  });
});
