/**
 * "Talk now" over real sockets: a visitor asks a booth's online staff for an instant call; staff are prompted
 * wherever they are; one accepts and both are told the id of a meeting that starts now (whose call they may enter
 * at once), or a staff member declines, or nobody answers and it expires. Only the booth's staff can answer.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ErrorCode } from '../../shared/errors';
import { TALK_REQUEST_SECONDS, type TalkEnded, type TalkPrompt } from '../../shared/meetings';
import type { AckResult } from '../../shared/protocol';
import { enterAsGuest, logIn, openSocket, type Person, type TestSocket } from '../support/clients';
import { boothId, DEMO_PASSWORD, postAs } from '../support/meetings';
import { startTestServer, type TestServer } from '../support/server';

let now = Date.parse('2026-12-01T03:00:00Z');
let server: TestServer;
let base: string;
let booth: string;
let staff: Person;
let colleague: Person;
let outsider: Person;
const sockets: TestSocket[] = [];

const next = <E extends 'talk:prompt' | 'talk:ended'>(socket: TestSocket, event: E) =>
  new Promise<E extends 'talk:prompt' ? TalkPrompt : TalkEnded>((resolve) => {
    (socket.once as (e: string, fn: (p: never) => void) => void)(event, resolve);
  });

async function open(person?: Person) {
  const socket = await openSocket(base, person);
  sockets.push(socket);
  return socket;
}

function data<T>(result: AckResult<T>): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.data;
}

beforeAll(async () => {
  server = await startTestServer({ serveClient: false, clock: () => now });
  base = server.url;
  booth = await boothId(base, 'sawasdee-ev');
  staff = await logIn(base, 'nattaya.srisuk@sawasdee-ev.example', DEMO_PASSWORD);
  colleague = await logIn(base, 'pong.chaiyaporn@sawasdee-ev.example', DEMO_PASSWORD);
  outsider = await logIn(base, 'lena.vogel@hafenh2-logistik.example', DEMO_PASSWORD);
});

afterEach(() => {
  for (const s of sockets.splice(0)) s.disconnect();
});

afterAll(async () => {
  await server?.close();
});

describe('Talk now', () => {
  it('is refused when nobody from the booth is online (before anyone has connected), when anonymous, and with a bad payload', async () => {
    const visitorSocket = await open(await enterAsGuest(base, 'Too Early', 'GB'));
    const none = await visitorSocket.emitWithAck('talk:request', { boothId: booth });
    expect(none).toMatchObject({ ok: false, error: { code: ErrorCode.UNAVAILABLE } });
    const anonymous = await open();
    const anon = await anonymous.emitWithAck('talk:request', { boothId: booth });
    expect(anon).toMatchObject({ ok: false, error: { code: ErrorCode.UNAUTHENTICATED } });
    const bad = await visitorSocket.emitWithAck('talk:request', { boothId: 'not-a-booth' } as never);
    expect(bad).toMatchObject({ ok: false, error: { code: ErrorCode.INVALID_PAYLOAD } });
  });

  it('staff are prompted, one accepts, and both learn the id of a meeting whose call opens now', async () => {
    const staffSocket = await open(staff);
    const colleagueSocket = await open(colleague);
    const visitor = await enterAsGuest(base, 'Frankfurt Founder', 'DE');
    const visitorSocket = await open(visitor);

    const prompted = next(staffSocket, 'talk:prompt');
    const colleaguePrompted = next(colleagueSocket, 'talk:prompt');
    const asked = data(await visitorSocket.emitWithAck('talk:request', { boothId: booth }));
    const prompt = await prompted;
    expect(prompt).toMatchObject({ requestId: asked.requestId, boothId: booth, fromName: 'Frankfurt Founder' });
    expect(Date.parse(prompt.expiresAt)).toBe(now + TALK_REQUEST_SECONDS * 1000);
    expect((await colleaguePrompted).requestId).toBe(asked.requestId);

    const visitorTold = next(visitorSocket, 'talk:ended');
    const colleagueTold = next(colleagueSocket, 'talk:ended');
    const { meetingId } = data(
      await staffSocket.emitWithAck('talk:answer', { requestId: asked.requestId, accept: true }),
    );
    expect(meetingId).toBeTruthy();
    expect(await visitorTold).toEqual({ requestId: asked.requestId, reason: 'accepted', meetingId });
    expect((await colleagueTold).reason).toBe('accepted');

    // A colleague answering a moment later finds it taken.
    const late = await colleagueSocket.emitWithAck('talk:answer', { requestId: asked.requestId, accept: true });
    expect(late).toMatchObject({ ok: false, error: { code: ErrorCode.NOT_FOUND } });

    // Both may enter the call at once: the existing call path accepts the ad-hoc meeting.
    for (const person of [visitor, staff]) {
      const access = await postAs(base, `/api/meetings/${meetingId}/call`, {}, person);
      expect(access.status).toBe(200);
      expect(access.body).toMatchObject({ mode: 'p2p', room: meetingId });
    }
    const joined = data(await visitorSocket.emitWithAck('call:join', { meetingId: meetingId! }));
    expect(joined.peers).toEqual([]);
    // Leave the staff free for the next tests: the meeting is cancelled.
    expect((await postAs(base, `/api/meetings/${meetingId}/cancel`, {}, staff)).status).toBe(200);
  });

  it('a staff member declines and the visitor is told', async () => {
    const staffSocket = await open(staff);
    const visitorSocket = await open(await enterAsGuest(base, 'Osaka Buyer', 'JP'));
    const prompted = next(staffSocket, 'talk:prompt');
    const asked = data(await visitorSocket.emitWithAck('talk:request', { boothId: booth }));
    await prompted;
    const told = next(visitorSocket, 'talk:ended');
    const answer = data(await staffSocket.emitWithAck('talk:answer', { requestId: asked.requestId, accept: false }));
    expect(answer).toEqual({ meetingId: null });
    expect(await told).toEqual({ requestId: asked.requestId, reason: 'declined', meetingId: null });
  });

  it('an unanswered request expires after its time; accepting it then is refused and both are told', async () => {
    const staffSocket = await open(staff);
    const visitorSocket = await open(await enterAsGuest(base, 'Patient Person', 'FR'));
    const prompted = next(staffSocket, 'talk:prompt');
    const asked = data(await visitorSocket.emitWithAck('talk:request', { boothId: booth }));
    await prompted;
    const visitorTold = next(visitorSocket, 'talk:ended');
    const staffTold = next(staffSocket, 'talk:ended');
    now += TALK_REQUEST_SECONDS * 1000 + 1;
    const late = await staffSocket.emitWithAck('talk:answer', { requestId: asked.requestId, accept: true });
    expect(late).toMatchObject({ ok: false, error: { code: ErrorCode.NOT_FOUND } });
    expect(await visitorTold).toEqual({ requestId: asked.requestId, reason: 'expired', meetingId: null });
    expect((await staffTold).reason).toBe('expired');
  });

  it('someone who is not on the booth’s staff cannot accept, and the request stays open', async () => {
    const staffSocket = await open(staff);
    const outsiderSocket = await open(outsider);
    const visitorSocket = await open(await enterAsGuest(base, 'Curious Visitor', 'US'));
    const prompted = next(staffSocket, 'talk:prompt');
    const asked = data(await visitorSocket.emitWithAck('talk:request', { boothId: booth }));
    await prompted;
    const refused = await outsiderSocket.emitWithAck('talk:answer', { requestId: asked.requestId, accept: true });
    expect(refused).toMatchObject({ ok: false, error: { code: ErrorCode.FORBIDDEN } });
    const told = next(visitorSocket, 'talk:ended');
    data(await visitorSocket.emitWithAck('talk:cancel', { requestId: asked.requestId }));
    expect((await told).reason).toBe('cancelled');
  });

  it('a visitor who asks again at once is told to wait, rather than prompting the staff again', async () => {
    const staffSocket = await open(staff);
    const visitorSocket = await open(await enterAsGuest(base, 'Eager Visitor', 'IT'));
    const prompted = next(staffSocket, 'talk:prompt');
    const asked = data(await visitorSocket.emitWithAck('talk:request', { boothId: booth }));
    await prompted;
    const again = await visitorSocket.emitWithAck('talk:request', { boothId: booth });
    expect(again).toMatchObject({ ok: false, error: { code: ErrorCode.RATE_LIMITED } });
    data(await visitorSocket.emitWithAck('talk:cancel', { requestId: asked.requestId }));
  });
});
