/**
 * Exhibitors may invite anyone: a booth's staff member invites a person (by an account's email, or by account id
 * as a chat message's author gives it) to one of their own free slots; the invitee accepts or declines. The host's
 * time is held from the invitation; the invitee's once they accept. The organiser's flag governs it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MeetingView, SlotView } from '../../shared/meetings';
import { enterAsGuest, logIn, openSocket, type Person } from '../support/clients';
import { boothId, DEMO_PASSWORD, getAs, postAs, slotsOf } from '../support/meetings';
import { startTestServer, type TestServer } from '../support/server';

const now = Date.parse('2026-12-01T00:00:00Z');
let server: TestServer;
let base: string;
let lena: Person; // staff of HafenH2 Logistik, Berlin
let jonas: Person; // her colleague
let clara: Person; // a visitor with an account
let hafen: string;
let ownSlots: SlotView[];

const errorOf = (body: unknown) => (body as { error: { code: string; message: string } }).error;
const invite = (as: Person, slot: SlotView, invitee: { email: string } | { accountId: string }, agenda = '') =>
  postAs(base, '/api/meetings/invitations', { boothId: hafen, ...slot, invitee, agenda }, as);
const respond = (as: Person, id: string, accept: boolean) =>
  postAs(base, `/api/meetings/${id}/respond`, { accept }, as);

beforeAll(async () => {
  server = await startTestServer({ serveClient: false, clock: () => now });
  base = server.url;
  lena = await logIn(base, 'lena.vogel@hafenh2-logistik.example', DEMO_PASSWORD);
  jonas = await logIn(base, 'jonas.krause@hafenh2-logistik.example', DEMO_PASSWORD);
  clara = await logIn(base, 'visitor.berlin@minato-hall.example', 'minato-visitor-2026');
  hafen = await boothId(base, 'hafenh2-logistik');
  const res = await getAs(base, `/api/meetings/booths/${hafen}/own-slots`, lena);
  expect(res.status).toBe(200);
  ownSlots = (res.body as { slots: SlotView[] }).slots;
  expect(ownSlots.length).toBeGreaterThan(3);
});

afterAll(async () => {
  await server?.close();
});

describe('staff invitations', () => {
  it('staff invite a visitor by email; the slot is held; the visitor is told, accepts, and it is booked', async () => {
    const slot = ownSlots[0]!;
    const socket = await openSocket(base, clara);
    const told = new Promise<{ status: string }>((resolve) => socket.once('meeting:changed', resolve));
    const res = await invite(lena, slot, { email: 'Visitor.Berlin@minato-hall.example' }, 'Hydrogen trucking');
    expect(res.status).toBe(201);
    const invited = res.body as MeetingView;
    expect(invited).toMatchObject({ status: 'invited', myRole: 'host', guest: { id: clara.accountId } });
    expect((await told).status).toBe('invited');
    socket.disconnect();

    // Nobody else can book the host's time meanwhile.
    const visible = (await slotsOf(base, hafen)).staff.find((s) => s.hostId === lena.accountId)!.slots;
    expect(visible.map((s) => s.startsAt)).not.toContain(slot.startsAt);

    // Only the invitee answers; not yet bookable as a call.
    expect((await respond(lena, invited.id, true)).status).toBe(403);
    const mine = (await getAs(base, '/api/meetings', clara)).body as { meetings: MeetingView[] };
    expect(mine.meetings.find((m) => m.id === invited.id)).toMatchObject({ status: 'invited', myRole: 'guest' });

    const accepted = await respond(clara, invited.id, true);
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({ status: 'booked', sequence: 1, agenda: 'Hydrogen trucking' });
    // Answering twice is refused.
    expect(errorOf((await respond(clara, invited.id, false)).body).code).toBe('CONFLICT');
  });

  it('a guest invited by account id (as chat gives it) declines, and the host’s time is free again', async () => {
    const slot = ownSlots[1]!;
    const guest = await enterAsGuest(base, 'Chat Author', 'NL');
    const res = await invite(lena, slot, { accountId: guest.accountId });
    expect(res.status).toBe(201);
    const declined = await respond(guest, (res.body as MeetingView).id, false);
    expect(declined.body).toMatchObject({ status: 'declined', myRole: 'guest' });
    const visible = (await slotsOf(base, hafen)).staff.find((s) => s.hostId === lena.accountId)!.slots;
    expect(visible.map((s) => s.startsAt)).toContain(slot.startsAt);
  });

  it('refuses what the rules do not allow, each with its code', async () => {
    const slot = ownSlots[2]!;
    // A visitor is not staff of the booth.
    expect(errorOf((await invite(clara, slot, { accountId: lena.accountId })).body).code).toBe('FORBIDDEN');
    // Not a colleague, not oneself.
    expect(errorOf((await invite(lena, slot, { accountId: jonas.accountId })).body).code).toBe('FORBIDDEN');
    expect(errorOf((await invite(lena, slot, { accountId: lena.accountId })).body).code).toBe('FORBIDDEN');
    // Nobody with that email.
    expect(errorOf((await invite(lena, slot, { email: 'nobody@example.com' })).body).code).toBe('NOT_FOUND');
    // A time she does not offer.
    const odd = { startsAt: '2026-12-08T03:07:00.000Z', endsAt: '2026-12-08T03:37:00.000Z' };
    expect(errorOf((await invite(lena, odd, { email: 'visitor.berlin@minato-hall.example' })).body).code).toBe(
      'INVALID_PAYLOAD',
    );
    // Her time already held by the first (accepted) invitation: just taken.
    const other = await enterAsGuest(base, 'Second Guest', 'DE');
    expect(errorOf((await invite(lena, ownSlots[0]!, { accountId: other.accountId })).body).code).toBe('CONFLICT');
    // A malformed invitee.
    const bad = await postAs(
      base,
      '/api/meetings/invitations',
      { boothId: hafen, ...slot, invitee: { name: 'x' } },
      lena,
    );
    expect(errorOf(bad.body).code).toBe('INVALID_PAYLOAD');
  });

  it('is refused when the organiser does not let exhibitors invite', async () => {
    const organiser = await logIn(base, 'organiser@minato-hall.example', 'minato-organiser-2026');
    const hours = (await getAs(base, '/api/meetings/hours')).body as Record<string, unknown>;
    const { timeZone: _zone, ...body } = hours;
    expect((await postAs(base, '/api/meetings/hours', { ...body, exhibitorsMayInvite: false }, organiser)).status).toBe(
      200,
    );
    const res = await invite(lena, ownSlots[3]!, { email: 'visitor.berlin@minato-hall.example' });
    expect(res.status).toBe(403);
    expect(errorOf(res.body).message).toMatch(/not opened invitations/);
  });
});
