/**
 * Meetings end to end over the real server: free slots in both zones, booking, double-booking refused, only
 * participants see and join, invitations (parsed with ical.js), reschedule and cancel, decline, reminders over the
 * socket, call access without LiveKit (peer-to-peer) and P2P signalling between participants only.
 */
import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AvailabilityView, BoothSlotsView, CallAccessView, MeetingView } from '../../shared/meetings';
import { localParts } from '../../shared/time-zones';
import { enterAsGuest, logIn, openSocket, type Person, type TestSocket } from '../support/clients';
import { book, boothId, DEMO_PASSWORD, getAs, postAs, slotsOf } from '../support/meetings';
import { startTestServer, type TestServer } from '../support/server';

const MINUTE = 60_000;
let now = Date.parse('2026-12-01T00:00:00Z');
let server: TestServer;
let base: string;
let clara: Person; // visitor in Berlin
let aiko: Person; // staff of Minato Hydrogen Works, Tokyo
let outsider: Person;
let hydrogen: string;

function errorOf(body: unknown) {
  return (body as { error: { code: string; message: string } }).error;
}

function parseIcs(text: string) {
  const cal = new ICAL.Component(ICAL.parse(text));
  const event = new ICAL.Event(cal.getFirstSubcomponent('vevent')!);
  return { cal, event, vevent: cal.getFirstSubcomponent('vevent')! };
}

beforeAll(async () => {
  server = await startTestServer({
    serveClient: false,
    clock: () => now,
    env: { ICE_SERVERS: '[{"urls":"turn:turn.example.com:3478","username":"u","credential":"p"}]' },
  });
  base = server.url;
  clara = await logIn(base, 'visitor.berlin@minato-hall.example', 'minato-visitor-2026');
  aiko = await logIn(base, 'aiko.tanaka@minato-hydrogen-works.example', DEMO_PASSWORD);
  outsider = await enterAsGuest(base, 'Somebody Else', 'FR');
  hydrogen = await boothId(base, 'minato-hydrogen-works');
});

afterAll(async () => {
  await server?.close();
});

describe('free slots and booking', () => {
  let slots: BoothSlotsView;
  let meeting: MeetingView;

  it("shows each staff member's free slots with their own zone, inside the organiser's hours", async () => {
    slots = await slotsOf(base, hydrogen, clara);
    const staff = slots.staff.find((s) => s.hostId === aiko.accountId)!;
    expect(staff.timeZone).toBe('Asia/Tokyo');
    expect(staff.slots.length).toBeGreaterThan(10);
    for (const s of staff.slots) {
      expect(Date.parse(s.endsAt) - Date.parse(s.startsAt)).toBe(30 * MINUTE);
      const local = localParts(Date.parse(s.startsAt), 'Asia/Tokyo');
      expect(local.hour).toBeGreaterThanOrEqual(8); // the demo staff take meetings from 08:00 their time
      expect(Date.parse(s.startsAt)).toBeGreaterThanOrEqual(Date.parse(slots.hours.opensAt));
    }
  });

  it('books a slot, and the slot disappears for everyone', async () => {
    const first = slots.staff.find((s) => s.hostId === aiko.accountId)!.slots[0]!;
    const res = await book(base, clara, {
      hostId: aiko.accountId,
      boothId: hydrogen,
      ...first,
      agenda: 'Hydrogen bunkering pilot',
    });
    expect(res.status).toBe(201);
    meeting = res.body as MeetingView;
    expect(meeting).toMatchObject({
      status: 'booked',
      sequence: 0,
      myRole: 'guest',
      agenda: 'Hydrogen bunkering pilot',
    });
    const after = await slotsOf(base, hydrogen, outsider);
    expect(after.staff.find((s) => s.hostId === aiko.accountId)!.slots.map((s) => s.startsAt)).not.toContain(
      first.startsAt,
    );
  });

  it('a delegate cannot book a slot that was just taken', async () => {
    const res = await book(base, outsider, {
      hostId: aiko.accountId,
      boothId: hydrogen,
      startsAt: meeting.startsAt,
      endsAt: meeting.endsAt,
    });
    expect(res.status).toBe(409);
    expect(errorOf(res.body)).toEqual({ code: 'CONFLICT', message: expect.stringMatching(/just taken/) });
  });

  it('nobody is double-booked on the guest side either: the same time with another exhibitor is refused', async () => {
    const kenji = (await slotsOf(base, hydrogen, clara)).staff.find((s) => s.hostId !== aiko.accountId)!;
    // Clara's own meeting is taken out of the slots she is shown …
    expect(kenji.slots.map((s) => s.startsAt)).not.toContain(meeting.startsAt);
    // … and booking it anyway is refused by the database.
    const res = await book(base, clara, {
      hostId: kenji.hostId,
      boothId: hydrogen,
      startsAt: meeting.startsAt,
      endsAt: meeting.endsAt,
    });
    expect(res.status).toBe(409);
    expect(errorOf(res.body).message).toMatch(/already have a meeting/);
  });

  it('a time that is not an offered slot is refused', async () => {
    const res = await book(base, outsider, {
      hostId: aiko.accountId,
      boothId: hydrogen,
      startsAt: '2026-12-08T03:07:00Z',
      endsAt: '2026-12-08T03:37:00Z',
    });
    expect(res.status).toBe(400);
  });

  it('only the two participants see the meeting', async () => {
    expect((await getAs(base, `/api/meetings/${meeting.id}`, clara)).status).toBe(200);
    expect(((await getAs(base, `/api/meetings/${meeting.id}`, aiko)).body as MeetingView).myRole).toBe('host');
    expect((await getAs(base, `/api/meetings/${meeting.id}`, outsider)).status).toBe(404);
    expect((await getAs(base, `/api/meetings/${meeting.id}/invitation.ics`, outsider)).status).toBe(404);
    expect((await postAs(base, `/api/meetings/${meeting.id}/cancel`, {}, outsider)).status).toBe(404);
    const mine = (await getAs(base, '/api/meetings', aiko)).body as { meetings: MeetingView[] };
    expect(mine.meetings.map((m) => m.id)).toContain(meeting.id);
  });

  it('the invitation parses with a real parser and opens at the right local time on both sides', async () => {
    const res = await getAs(base, `/api/meetings/${meeting.id}/invitation.ics`, clara);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/calendar/);
    const { cal, event, vevent } = parseIcs(res.body as string);
    expect(cal.getFirstPropertyValue('method')).toBe('REQUEST');
    expect(event.uid).toBe(`${meeting.id}@minato-hall`);
    expect(event.sequence).toBe(0);
    expect(event.startDate.toJSDate().toISOString()).toBe(new Date(meeting.startsAt).toISOString());
    expect(event.endDate.toJSDate().toISOString()).toBe(new Date(meeting.endsAt).toISOString());
    expect(event.startDate.zone?.tzid).toBe('UTC');
    // The same instant read in each participant's zone: Tokyo for Aiko, Berlin for Clara (8 hours apart in December).
    const start = event.startDate.toJSDate().getTime();
    const tokyo = localParts(start, 'Asia/Tokyo');
    const berlin = localParts(start, 'Europe/Berlin');
    expect((tokyo.hour - berlin.hour + 24) % 24).toBe(8);
    expect(String(vevent.getFirstPropertyValue('description'))).toContain('Asia/Tokyo');
    expect(vevent.getAllProperties('attendee')).toHaveLength(2);
  });

  it('reschedule moves it and raises SEQUENCE; cancel sends METHOD:CANCEL with the next SEQUENCE', async () => {
    const free = (await slotsOf(base, hydrogen, clara)).staff.find((s) => s.hostId === aiko.accountId)!.slots;
    const next = free[3]!;
    const moved = await postAs(base, `/api/meetings/${meeting.id}/reschedule`, next, clara);
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ startsAt: next.startsAt, sequence: 1 });
    let ics = parseIcs((await getAs(base, `/api/meetings/${meeting.id}/invitation.ics`, aiko)).body as string);
    expect(ics.event.sequence).toBe(1);
    expect(ics.event.startDate.toJSDate().toISOString()).toBe(new Date(next.startsAt).toISOString());
    // The old time is free again.
    const again = (await slotsOf(base, hydrogen, outsider)).staff.find((s) => s.hostId === aiko.accountId)!.slots;
    expect(again.map((s) => s.startsAt)).toContain(meeting.startsAt);

    const cancelled = await postAs(
      base,
      `/api/meetings/${meeting.id}/cancel`,
      { message: 'Sorry, flight moved' },
      clara,
    );
    expect(cancelled.body).toMatchObject({ status: 'cancelled', sequence: 2, message: 'Sorry, flight moved' });
    ics = parseIcs((await getAs(base, `/api/meetings/${meeting.id}/invitation.ics`, aiko)).body as string);
    expect(ics.cal.getFirstPropertyValue('method')).toBe('CANCEL');
    expect(ics.vevent.getFirstPropertyValue('status')).toBe('CANCELLED');
    expect(ics.event.sequence).toBe(2);
    expect(ics.event.uid).toBe(`${meeting.id}@minato-hall`);
    // Cancelling twice is refused.
    expect((await postAs(base, `/api/meetings/${meeting.id}/cancel`, {}, aiko)).status).toBe(409);
  });

  it('staff decline with a message; a guest cannot decline', async () => {
    const free = (await slotsOf(base, hydrogen, clara)).staff.find((s) => s.hostId === aiko.accountId)!.slots;
    const booked = (await book(base, clara, { hostId: aiko.accountId, boothId: hydrogen, ...free[5]! }))
      .body as MeetingView;
    expect((await postAs(base, `/api/meetings/${booked.id}/decline`, { message: 'no' }, clara)).status).toBe(403);
    const declined = await postAs(
      base,
      `/api/meetings/${booked.id}/decline`,
      { message: 'Away that day, sorry' },
      aiko,
    );
    expect(declined.body).toMatchObject({ status: 'declined', message: 'Away that day, sorry', myRole: 'host' });
    const seen = (await getAs(base, `/api/meetings/${booked.id}`, clara)).body as MeetingView;
    expect(seen).toMatchObject({ status: 'declined', message: 'Away that day, sorry' });
  });
});

describe('availability', () => {
  it('staff publish windows in their own zone and they are stored as instants (Berlin 09:00 is 08:00 UTC in December)', async () => {
    const lena = await logIn(base, 'lena.vogel@hafenh2-logistik.example', DEMO_PASSWORD);
    const hafen = await boothId(base, 'hafenh2-logistik');
    const res = await postAs(
      base,
      '/api/meetings/availability',
      {
        boothId: hafen,
        slotMinutes: 45,
        bufferMinutes: 15,
        windows: [{ date: '2026-12-08', from: '09:00', to: '11:00' }],
      },
      lena,
    );
    expect(res.status).toBe(200);
    const windows = (res.body as AvailabilityView).windows;
    expect(windows).toEqual([
      expect.objectContaining({
        startsAt: '2026-12-08T08:00:00.000Z',
        endsAt: '2026-12-08T10:00:00.000Z',
        slotMinutes: 45,
      }),
    ]);
    const lenaSlots = (await slotsOf(base, hafen, clara)).staff.find((s) => s.hostId === lena.accountId)!;
    // 45-minute meetings with 15 minutes' buffer in 09:00–11:00 Berlin: 09:00 and 10:00.
    expect(lenaSlots.slots.map((s) => s.startsAt)).toEqual(['2026-12-08T08:00:00.000Z', '2026-12-08T09:00:00.000Z']);
  });

  it("a visitor cannot publish a booth's times", async () => {
    const res = await postAs(
      base,
      '/api/meetings/availability',
      { boothId: hydrogen, slotMinutes: 30, windows: [{ date: '2026-12-08', from: '09:00', to: '11:00' }] },
      clara,
    );
    expect(res.status).toBe(403);
  });
});

describe("the organiser's meeting rules", () => {
  it('only organisers set the hours; narrower daily hours narrow the slots; closed booking refuses visitors', async () => {
    const organiser = await logIn(base, 'organiser@minato-hall.example', 'minato-organiser-2026');
    const hours = (await getAs(base, '/api/meetings/hours')).body as { opensAt: string; closesAt: string };
    const body = { ...hours, dayStart: '10:00', dayEnd: '12:00', visitorsMayBook: true, exhibitorsMayInvite: true };
    expect((await postAs(base, '/api/meetings/hours', body, clara)).status).toBe(403);
    expect((await postAs(base, '/api/meetings/hours', body, organiser)).status).toBe(200);
    const slots = (await slotsOf(base, hydrogen, outsider)).staff.flatMap((s) => s.slots);
    expect(slots.length).toBeGreaterThan(0);
    for (const slot of slots) {
      const start = localParts(Date.parse(slot.startsAt), 'Asia/Tokyo');
      const end = localParts(Date.parse(slot.endsAt), 'Asia/Tokyo');
      expect(start.hour).toBeGreaterThanOrEqual(10);
      expect(end.hour * 60 + end.minute).toBeLessThanOrEqual(12 * 60);
    }

    await postAs(base, '/api/meetings/hours', { ...body, visitorsMayBook: false }, organiser);
    const refused = await book(base, outsider, { hostId: aiko.accountId, boothId: hydrogen, ...slots[0]! });
    expect(refused.status).toBe(403);
    expect(errorOf(refused.body).message).toMatch(/not opened meeting booking/);

    // Back to the defaults for the tests below.
    await postAs(base, '/api/meetings/hours', { ...body, dayStart: '07:00', dayEnd: '23:00' }, organiser);
  });
});

describe('reminders, call access and signalling', () => {
  let meeting: MeetingView;
  let start: number;
  const sockets: TestSocket[] = [];

  beforeAll(async () => {
    now = Date.parse('2026-12-01T00:00:00Z');
    const free = (await slotsOf(base, hydrogen, outsider)).staff.find((s) => s.hostId === aiko.accountId)!.slots;
    meeting = (await book(base, outsider, { hostId: aiko.accountId, boothId: hydrogen, ...free.at(-1)! }))
      .body as MeetingView;
    start = Date.parse(meeting.startsAt);
  });

  afterAll(() => {
    for (const s of sockets) s.disconnect();
  });

  it('a participant a day early, or someone else at the right time, gets a clear refusal', async () => {
    now = start - 24 * 60 * MINUTE;
    const early = await postAs(base, `/api/meetings/${meeting.id}/call`, {}, outsider);
    expect(early.status).toBe(403);
    expect(errorOf(early.body).message).toMatch(/opens 10 minutes before/);
    now = start - 5 * MINUTE;
    expect((await postAs(base, `/api/meetings/${meeting.id}/call`, {}, clara)).status).toBe(404);
  });

  it('without LiveKit, participants get peer-to-peer access with the configured ICE servers', async () => {
    now = start - 5 * MINUTE;
    const res = await postAs(base, `/api/meetings/${meeting.id}/call`, {}, aiko);
    expect(res.status).toBe(200);
    expect(res.body as CallAccessView).toEqual({
      mode: 'p2p',
      room: meeting.id,
      iceServers: [{ urls: 'turn:turn.example.com:3478', username: 'u', credential: 'p' }],
    });
  });

  it('reminders reach both participants 10 and 1 minutes before, once each', async () => {
    const host = await openSocket(base, aiko);
    const guest = await openSocket(base, outsider);
    sockets.push(host, guest);
    const received: { who: string; minutes: number }[] = [];
    host.on(
      'meeting:reminder',
      (r) => r.meetingId === meeting.id && received.push({ who: 'host', minutes: r.minutesBefore }),
    );
    guest.on(
      'meeting:reminder',
      (r) => r.meetingId === meeting.id && received.push({ who: 'guest', minutes: r.minutesBefore }),
    );
    const arrived = (n: number) =>
      new Promise<void>((resolve) => {
        const check = () => received.length >= n && resolve();
        host.on('meeting:reminder', check);
        guest.on('meeting:reminder', check);
        check();
      });

    now = start - 9 * MINUTE - 30_000;
    await server.handle.remindNow();
    await arrived(2);
    expect(received).toEqual(
      expect.arrayContaining([
        { who: 'host', minutes: 10 },
        { who: 'guest', minutes: 10 },
      ]),
    );
    // Nothing more is due until the last minute.
    expect(await server.handle.remindNow()).toBe(0);
    now = start - 50_000;
    expect(await server.handle.remindNow()).toBe(1);
    await arrived(4);
    expect(received.slice(2)).toEqual(
      expect.arrayContaining([
        { who: 'host', minutes: 1 },
        { who: 'guest', minutes: 1 },
      ]),
    );
  });

  it('only participants may enter the P2P call and signal; they reach each other', async () => {
    now = start;
    const host = await openSocket(base, aiko);
    const guest = await openSocket(base, outsider);
    const stranger = await openSocket(base, clara);
    sockets.push(host, guest, stranger);

    const refused = await stranger.emitWithAck('call:join', { meetingId: meeting.id });
    expect(refused.ok).toBe(false);
    const joinedHost = await host.emitWithAck('call:join', { meetingId: meeting.id });
    if (!joinedHost.ok) throw new Error(joinedHost.error.message);
    expect(joinedHost.data.peers).toEqual([]);

    const peerJoined = new Promise<string>((resolve) => host.once('call:peer-joined', (e) => resolve(e.peer.peerId)));
    const joinedGuest = await guest.emitWithAck('call:join', { meetingId: meeting.id });
    if (!joinedGuest.ok) throw new Error(joinedGuest.error.message);
    expect(joinedGuest.data.peers).toEqual([
      { peerId: joinedHost.data.selfPeerId, accountId: aiko.accountId, displayName: aiko.name },
    ]);
    expect(await peerJoined).toBe(joinedGuest.data.selfPeerId);

    const offer = new Promise<{ from: string; type: string }>((resolve) =>
      host.once('call:signal', (e) => resolve({ from: e.from, type: e.data.type })),
    );
    const sent = await guest.emitWithAck('call:signal', {
      meetingId: meeting.id,
      to: joinedHost.data.selfPeerId,
      data: { type: 'offer', sdp: 'v=0' },
    });
    expect(sent.ok).toBe(true);
    expect(await offer).toEqual({ from: joinedGuest.data.selfPeerId, type: 'offer' });

    // The stranger cannot signal into the call.
    const sneaky = await stranger.emitWithAck('call:signal', {
      meetingId: meeting.id,
      to: joinedHost.data.selfPeerId,
      data: { type: 'offer', sdp: 'v=0' },
    });
    expect(sneaky.ok).toBe(false);

    const left = new Promise<string>((resolve) => host.once('call:peer-left', (e) => resolve(e.peerId)));
    guest.disconnect();
    expect(await left).toBe(joinedGuest.data.selfPeerId);
  });
});
