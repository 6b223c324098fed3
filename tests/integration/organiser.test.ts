/**
 * The organiser console (issue 5): expo settings and meeting hours, zones, organisations and plots, single-use
 * invitations that create exhibitor accounts, moderation with reasons (mute, kick, ban), and the overview.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SessionView } from '../../shared/api';
import { EditorBoothList } from '../../shared/booth-editor';
import { ExhibitorOverview, ExpoSettings, InvitationCreated, PersonAdminView } from '../../shared/organiser';
import { call, cookieOf } from '../support/api-client';
import { enterAsGuest, logIn, openSocket, type Person } from '../support/clients';
import { startTestServer, type TestServer } from '../support/server';

describe('the organiser console on a real server', () => {
  let server: TestServer;
  let organiser: Person;
  beforeAll(async () => {
    server = await startTestServer({ serveClient: false });
    organiser = await logIn(server.url, 'organiser@minato-hall.example', 'minato-organiser-2026');
  });
  afterAll(async () => {
    await server?.close();
  });

  it('changes the expo settings and the meeting hours the meetings use', async () => {
    const current = ExpoSettings.parse((await call(server.url, 'GET', '/api/organiser/expo', { as: organiser })).body);
    const next = {
      ...current,
      name: { en: 'Minato Expo 2027', ja: 'みなとエキスポ2027' },
      meetingHours: { start: '09:30', end: '18:00' },
    };
    const res = await call(server.url, 'PUT', '/api/organiser/expo', { as: organiser, body: next });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect((await call(server.url, 'GET', '/api/expo')).body).toMatchObject({ name: next.name });
    expect((await call(server.url, 'GET', '/api/meetings/hours')).body).toMatchObject({
      dayStart: '09:30',
      dayEnd: '18:00',
    });
    const backwards = await call(server.url, 'PUT', '/api/organiser/expo', {
      as: organiser,
      body: { ...next, meetingHours: { start: '18:00', end: '09:00' } },
    });
    expect(backwards.body).toMatchObject({ error: { issues: [{ path: 'meetingHours.end' }] } });
  });

  it('invites an exhibitor to a new organisation and plot; the link works once', async () => {
    const zone = await call<{ id: string }>(server.url, 'POST', '/api/organiser/zones', {
      as: organiser,
      body: {
        slug: 'robotics',
        kind: 'exhibit',
        name: { en: 'Robotics', ja: 'ロボティクス' },
        description: { en: '' },
        color: '#3366CC',
        sort: 9,
      },
    });
    expect(zone.status).toBe(201);
    const org = await call<{ id: string }>(server.url, 'POST', '/api/organiser/organisations', {
      as: organiser,
      body: { slug: 'harbour-bots', name: 'Harbour Bots', country: 'NL', city: 'Rotterdam', kind: 'startup' },
    });
    expect(org.status).toBe(201);
    const plot = await call<{ id: string }>(server.url, 'POST', '/api/organiser/plots', {
      as: organiser,
      body: { organisationId: org.body.id, zoneId: zone.body.id, size: 'medium', position: 0 },
    });
    expect(plot.status).toBe(201);
    const clash = await call(server.url, 'POST', '/api/organiser/plots', {
      as: organiser,
      body: { organisationId: org.body.id, zoneId: zone.body.id, size: 'small', position: 0 },
    });
    expect(clash.body).toMatchObject({ error: { code: 'CONFLICT', message: expect.stringMatching(/already taken/) } });

    const invited = await call(server.url, 'POST', '/api/organiser/invitations', {
      as: organiser,
      body: { organisationId: org.body.id, email: 'Eva@harbour-bots.example', orgRole: 'owner' },
    });
    expect(invited.status).toBe(201);
    const { url } = InvitationCreated.parse(invited.body);
    const token = url.split('#token=')[1]!;
    const outbox = await call<{ mails: { to: string; body: string }[] }>(server.url, 'GET', '/api/organiser/outbox', {
      as: organiser,
    });
    expect(outbox.body.mails.find((m) => m.to === 'Eva@harbour-bots.example')?.body).toContain(url);

    const preview = await call(server.url, 'POST', '/api/invitations/preview', { body: { token } });
    expect(preview.body).toMatchObject({ email: 'eva@harbour-bots.example', organisation: 'Harbour Bots' });
    const accepted = await call(server.url, 'POST', '/api/invitations/accept', {
      body: { token, displayName: 'Eva de Vries', password: 'harbour bots 1' },
    });
    expect(accepted.status).toBe(201);
    expect(SessionView.parse(accepted.body).account).toMatchObject({ role: 'exhibitor', organisationId: org.body.id });
    const again = await call(server.url, 'POST', '/api/invitations/accept', {
      body: { token, displayName: 'Mallory', password: 'harbour bots 2' },
    });
    expect(again.status).toBe(404);
    expect(again.body).toMatchObject({ error: { message: expect.stringMatching(/expired or was already used/) } });

    const eva = { accountId: '', cookie: cookieOf(accepted.headers), name: 'Eva' };
    const mine = EditorBoothList.parse((await call(server.url, 'GET', '/api/editor/booths', { as: eva })).body);
    expect(mine.booths.map((b) => b.id)).toEqual([plot.body.id]);
    await call(server.url, 'POST', `/api/editor/booths/${plot.body.id}/publish`, { as: eva });
    const overview = ExhibitorOverview.parse(
      (await call(server.url, 'GET', '/api/organiser/exhibitors', { as: organiser })).body,
    );
    const bots = overview.organisations.find((o) => o.id === org.body.id)!;
    expect(bots).toMatchObject({ members: 1, pendingInvitations: 0, booths: [{ status: 'published' }] });
  });

  it('mutes, kicks and bans with the reason kept, and each takes effect', async () => {
    const guest = await enterAsGuest(server.url, 'Spammy Guest');
    const socket = await openSocket(server.url, guest);
    const moderate = (action: string, reason: string, minutes?: number) =>
      call(server.url, 'POST', '/api/organiser/moderation', {
        as: organiser,
        body: { accountId: guest.accountId, action, reason, ...(minutes ? { minutes } : {}) },
      });

    const muted = new Promise((resolve) => socket.once('chat:moderated', resolve));
    expect((await moderate('mute', 'Posting adverts', 30)).status).toBe(200);
    expect(await muted).toMatchObject({ action: 'mute', reason: 'Posting adverts' });

    const kicked = new Promise((resolve) => socket.once('moderation:kicked', resolve));
    const closed = new Promise((resolve) => socket.once('disconnect', resolve));
    const afterKick = PersonAdminView.parse((await moderate('kick', 'Cool down for a moment')).body);
    expect(await kicked).toEqual({ reason: 'Cool down for a moment' });
    expect(await closed).toBe('io server disconnect');
    expect(afterKick.restriction).toMatchObject({ action: 'mute' }); // a kick does not lift the mute
    expect(afterKick.history.map((h) => [h.action, h.reason])).toEqual([
      ['kick', 'Cool down for a moment'],
      ['mute', 'Posting adverts'],
    ]);

    const visitor = await logIn(server.url, 'visitor.berlin@minato-hall.example', 'minato-visitor-2026');
    const banned = await call(server.url, 'POST', '/api/organiser/moderation', {
      as: organiser,
      body: { accountId: visitor.accountId, action: 'ban', reason: 'Harassing exhibitors' },
    });
    expect(PersonAdminView.parse(banned.body).restriction).toMatchObject({
      action: 'ban',
      reason: 'Harassing exhibitors',
    });
    expect((await call(server.url, 'GET', '/api/auth/session', { as: visitor })).body).toEqual({ account: null });
    const login = await call(server.url, 'POST', '/api/auth/login', {
      body: { email: 'visitor.berlin@minato-hall.example', password: 'minato-visitor-2026' },
    });
    expect(login.body).toMatchObject({
      error: { code: 'FORBIDDEN', message: expect.stringMatching(/Harassing exhibitors/) },
    });

    const found = await call<{ people: PersonAdminView[] }>(server.url, 'GET', '/api/organiser/people?q=spammy', {
      as: organiser,
    });
    expect(found.body.people.map((p) => p.id)).toEqual([guest.accountId]);
  });
});
