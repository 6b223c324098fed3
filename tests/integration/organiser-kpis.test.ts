/**
 * The organiser's figures over the real server: participants by country (visitors only), agreed, held and cancelled
 * meetings, and matches (visitor–exhibitor pairs, each once), moved by what visitors actually do. Only organisers
 * may read them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MeetingView } from '../../shared/meetings';
import { KpiView } from '../../shared/organiser';
import { enterAsGuest, logIn, type Person } from '../support/clients';
import { book, boothId, DEMO_PASSWORD, getAs, postAs, slotsOf } from '../support/meetings';
import { startTestServer, type TestServer } from '../support/server';

let now = Date.parse('2026-12-01T00:00:00Z');
let server: TestServer;
let organiser: Person;

async function kpis(): Promise<KpiView> {
  const res = await getAs(server.url, '/api/organiser/kpis', organiser);
  expect(res.status).toBe(200);
  return KpiView.parse(res.body);
}
const inCountry = (k: KpiView, code: string) => k.participants.byCountry.find((c) => c.country === code)?.count ?? 0;

beforeAll(async () => {
  server = await startTestServer({ serveClient: false, clock: () => now });
  organiser = await logIn(server.url, 'organiser@minato-hall.example', 'minato-organiser-2026');
});
afterAll(async () => {
  await server?.close();
});

describe('organiser KPIs', () => {
  it('are for organisers only', async () => {
    const visitor = await enterAsGuest(server.url, 'Curious', 'NL');
    expect((await getAs(server.url, '/api/organiser/kpis', visitor)).status).toBe(403);
    expect((await getAs(server.url, '/api/organiser/kpis')).status).toBe(401);
  });

  it('count visitors by country, not staff; and guests apart from registered visitors', async () => {
    const before = await kpis();
    // Exhibitor staff and organisers are in the seed but are not participants.
    expect(before.exhibitors.staff).toBeGreaterThan(0);
    expect(before.exhibitors.publishedBooths).toBeGreaterThanOrEqual(40);
    await enterAsGuest(server.url, 'Kenji', 'JP');
    await enterAsGuest(server.url, 'Yui', 'JP');
    await enterAsGuest(server.url, 'Bruna', 'BR');
    await logIn(server.url, 'aiko.tanaka@minato-hydrogen-works.example', DEMO_PASSWORD); // staff: not counted
    const after = await kpis();
    expect(after.participants.total - before.participants.total).toBe(3);
    expect(after.participants.guests - before.participants.guests).toBe(3);
    expect(after.participants.registered).toBe(before.participants.registered);
    expect(inCountry(after, 'JP') - inCountry(before, 'JP')).toBe(2);
    expect(inCountry(after, 'BR') - inCountry(before, 'BR')).toBe(1);
    const counts = after.participants.byCountry.map((c) => c.count);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
    expect(after.participants.byCountry.reduce((s, c) => s + c.count, 0)).toBe(after.participants.total);
  });

  it('count agreed, held and cancelled meetings, and each visitor–exhibitor pair once as a match', async () => {
    const aiko = await logIn(server.url, 'aiko.tanaka@minato-hydrogen-works.example', DEMO_PASSWORD);
    const hydrogen = await boothId(server.url, 'minato-hydrogen-works');
    const delegate = await enterAsGuest(server.url, 'Delegate', 'SE');
    const before = await kpis();

    const free = (await slotsOf(server.url, hydrogen, delegate)).staff.find((s) => s.hostId === aiko.accountId)!.slots;
    const first = (await book(server.url, delegate, { hostId: aiko.accountId, boothId: hydrogen, ...free[0]! }))
      .body as MeetingView;
    const second = (await book(server.url, delegate, { hostId: aiko.accountId, boothId: hydrogen, ...free.at(-1)! }))
      .body as MeetingView;
    expect(first.id).toBeTruthy();
    expect(second.id).toBeTruthy();
    const booked = await kpis();
    expect(booked.meetings.agreed - before.meetings.agreed).toBe(2);
    expect(booked.meetings.upcoming - before.meetings.upcoming).toBe(2);
    expect(booked.matches - before.matches).toBe(1); // the same visitor and organisation: one match

    // Held once both enter the call; one participant alone does not make it held.
    now = Date.parse(first.startsAt) + 60_000;
    expect((await postAs(server.url, `/api/meetings/${first.id}/call`, {}, delegate)).status).toBe(200);
    expect((await kpis()).meetings.held).toBe(before.meetings.held);
    expect((await postAs(server.url, `/api/meetings/${first.id}/call`, {}, aiko)).status).toBe(200);
    expect((await postAs(server.url, `/api/meetings/${first.id}/call`, {}, aiko)).status).toBe(200); // again: once
    const held = await kpis();
    expect(held.meetings.held - before.meetings.held).toBe(1);
    expect(held.meetings.upcoming - before.meetings.upcoming).toBe(1);

    expect((await postAs(server.url, `/api/meetings/${second.id}/cancel`, {}, delegate)).status).toBe(200);
    const cancelled = await kpis();
    expect(cancelled.meetings.cancelled - before.meetings.cancelled).toBe(1);
    expect(cancelled.meetings.agreed - before.meetings.agreed).toBe(1);
    expect(cancelled.matches - before.matches).toBe(1);
  });
});
