import { randomUUID } from 'node:crypto';
import { inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chatMessages } from '../../server/db/schema';
import { loadDemoExpo } from '../../server/seed/seed-demo-expo';
import { type ChannelId, dmChannel } from '../../shared/chat';
import { expectExactlyOnceInOneOrder, runDropScenario } from '../support/chat-scenario';
import { enterAsGuest, logIn, openSocket, type TestSocket } from '../support/clients';
import { getJson } from '../support/http';
import { startTestServer, type TestServer } from '../support/server';

describe('chat on a real server', () => {
  let server: TestServer;
  const sockets: TestSocket[] = [];
  const track = (s: TestSocket) => {
    sockets.push(s);
    return s;
  };
  beforeAll(async () => {
    server = await startTestServer({ serveClient: false, chatRate: { burst: 1000, perSecond: 1000 } });
  });
  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    await server?.close();
  });

  it('delivers a hall message to everyone in the hall and keeps it in history', async () => {
    const [ana, ben] = await Promise.all([
      enterAsGuest(server.url, 'Ana', 'BR'),
      enterAsGuest(server.url, 'Ben', 'GB'),
    ]);
    const a = track(await openSocket(server.url, ana));
    const b = track(await openSocket(server.url, ben));
    await a.emitWithAck('chat:join', { channel: 'hall' });
    await b.emitWithAck('chat:join', { channel: 'hall' });
    const received = new Promise((resolve) => b.once('chat:message', resolve));
    const id = randomUUID();
    const sent = await a.emitWithAck('chat:send', { id, channel: 'hall', body: '  Hello from Rio  ', lang: 'pt' });
    expect(sent).toMatchObject({
      ok: true,
      data: { duplicate: false, message: { id, body: 'Hello from Rio', lang: 'pt' } },
    });
    expect(await received).toMatchObject({ id, authorName: 'Ana', authorCountry: 'BR' });

    const again = await a.emitWithAck('chat:send', { id, channel: 'hall', body: 'Hello from Rio', lang: 'pt' });
    expect(again).toMatchObject({ ok: true, data: { duplicate: true } });
    const history = await b.emitWithAck('chat:history', { channel: 'hall', limit: 50 });
    expect(history.ok && history.data.messages.filter((m) => m.id === id)).toHaveLength(1);
  });

  it('refuses anonymous senders, empty and overlong messages, and other people’s direct messages, in words', async () => {
    const anonymous = track(await openSocket(server.url));
    const anon = await anonymous.emitWithAck('chat:send', {
      id: randomUUID(),
      channel: 'hall',
      body: 'hi',
      lang: 'en',
    });
    expect(anon).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });

    const [cy, di, ed] = await Promise.all(['Cy', 'Di', 'Ed'].map((n) => enterAsGuest(server.url, n)));
    const c = track(await openSocket(server.url, cy));
    const empty = await c.emitWithAck('chat:send', { id: randomUUID(), channel: 'hall', body: '   ', lang: 'en' });
    expect(empty).toMatchObject({ ok: false, error: { code: 'INVALID_PAYLOAD', issues: [{ path: 'body' }] } });
    const long = await c.emitWithAck('chat:send', {
      id: randomUUID(),
      channel: 'hall',
      body: 'x'.repeat(2001),
      lang: 'en',
    });
    expect(long).toMatchObject({ ok: false, error: { code: 'INVALID_PAYLOAD' } });

    const channel = dmChannel(di!.accountId, ed!.accountId);
    const peek = await c.emitWithAck('chat:join', { channel });
    expect(peek).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const intrude = await c.emitWithAck('chat:send', { id: randomUUID(), channel, body: 'psst', lang: 'en' });
    expect(intrude).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('keeps HTML as text: the stored body is exactly what was typed', async () => {
    const eve = await enterAsGuest(server.url, '<b>Eve</b>');
    const e = track(await openSocket(server.url, eve));
    const body = '<img src=x onerror=alert(1)> & <script>alert(2)</script>';
    const sent = await e.emitWithAck('chat:send', { id: randomUUID(), channel: 'hall', body, lang: 'en' });
    expect(sent).toMatchObject({ ok: true, data: { message: { body, authorName: '<b>Eve</b>' } } });
  });

  it('notifies the recipient of a direct message and counts it unread until read', async () => {
    const [fay, gus] = await Promise.all([enterAsGuest(server.url, 'Fay'), enterAsGuest(server.url, 'Gus')]);
    const f = track(await openSocket(server.url, fay));
    const g = track(await openSocket(server.url, gus));
    const channel = dmChannel(fay.accountId, gus.accountId);
    const notified = new Promise((resolve) => g.once('chat:notify', resolve));
    const sent = await f.emitWithAck('chat:send', {
      id: randomUUID(),
      channel,
      body: 'Coffee at the lounge?',
      lang: 'en',
    });
    expect(sent.ok).toBe(true);
    expect(await notified).toEqual({ channel, from: 'Fay', preview: 'Coffee at the lounge?' });
    expect(await g.emitWithAck('chat:unread', {})).toEqual({ ok: true, data: { channels: { [channel]: 1 } } });
    const seq = sent.ok ? sent.data.message.seq : 0;
    await g.emitWithAck('chat:read', { channel, seq });
    expect(await g.emitWithAck('chat:unread', {})).toEqual({ ok: true, data: { channels: {} } });
  });

  it('tells a visitor when a booth is unstaffed, and staff who log in later see and answer the waiting message', async () => {
    const demo = await loadDemoExpo();
    const staffAccount = demo.accounts.find((a) => a.role === 'exhibitor')!;
    const boothSlug = demo.booths.find((b) => b.organisation === staffAccount.organisation)!.slug;
    const booth = (await getJson(server.url, `/api/booths/${boothSlug}`)).body as { id: string };
    const channel = `booth:${booth.id}` as ChannelId;

    const visitor = await enterAsGuest(server.url, 'Hana', 'FR');
    const v = track(await openSocket(server.url, visitor));
    const joined = await v.emitWithAck('chat:join', { channel });
    expect(joined).toMatchObject({ ok: true, data: { booth: { staffOnline: 0 } } });
    const question = await v.emitWithAck('chat:send', {
      id: randomUUID(),
      channel,
      body: 'Do you have a pilot in Europe?',
      lang: 'en',
    });
    expect(question.ok).toBe(true);

    const staffOnline = new Promise((resolve) => {
      v.on('chat:booth-state', (state) => {
        if (state.channel === channel && state.staffOnline === 1) resolve(state);
      });
    });
    const staff = await logIn(server.url, staffAccount.email, staffAccount.password);
    const s = track(await openSocket(server.url, staff));
    await staffOnline;
    const unread = await s.emitWithAck('chat:unread', {});
    expect(unread.ok && unread.data.channels[channel]).toBeGreaterThanOrEqual(1);
    const page = await s.emitWithAck('chat:join', { channel });
    expect(page.ok && page.data.messages.map((m) => m.body)).toContain('Do you have a pilot in Europe?');

    const answer = new Promise<{ authorIsStaff: boolean; body: string }>((resolve) => v.once('chat:message', resolve));
    await s.emitWithAck('chat:send', { id: randomUUID(), channel, body: 'Yes, in Rotterdam!', lang: 'en' });
    expect(await answer).toMatchObject({ body: 'Yes, in Rotterdam!', authorIsStaff: true });
  });

  it('lets organisers delete a message for everyone and ban or mute a person, who is told why', async () => {
    const demo = await loadDemoExpo();
    const org = demo.accounts.find((a) => a.role === 'organiser')!;
    const organiser = await logIn(server.url, org.email, org.password);
    const o = track(await openSocket(server.url, organiser));
    const [troll, bystander] = await Promise.all([enterAsGuest(server.url, 'Troll'), enterAsGuest(server.url, 'Ivy')]);
    const t = track(await openSocket(server.url, troll));
    const i = track(await openSocket(server.url, bystander));
    await i.emitWithAck('chat:join', { channel: 'hall' });

    const id = randomUUID();
    await t.emitWithAck('chat:send', { id, channel: 'hall', body: 'spam spam spam', lang: 'en' });
    const notAllowed = await i.emitWithAck('chat:delete', { id });
    expect(notAllowed).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await i.emitWithAck('chat:report', { id, reason: 'spam' })).toMatchObject({ ok: true });

    const deleted = new Promise((resolve) => i.once('chat:deleted', resolve));
    expect(await o.emitWithAck('chat:delete', { id })).toEqual({ ok: true, data: {} });
    expect(await deleted).toEqual({ channel: 'hall', id });
    const history = await i.emitWithAck('chat:history', { channel: 'hall', limit: 200 });
    expect(history.ok && history.data.messages.some((m) => m.id === id)).toBe(false);

    const told = new Promise((resolve) => t.once('chat:moderated', resolve));
    await o.emitWithAck('chat:moderate', {
      accountId: troll.accountId,
      action: 'mute',
      reason: 'Repeated spam',
      minutes: 30,
    });
    expect(await told).toMatchObject({ action: 'mute', reason: 'Repeated spam' });
    const muted = await t.emitWithAck('chat:send', { id: randomUUID(), channel: 'hall', body: 'hello?', lang: 'en' });
    expect(muted).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(!muted.ok && muted.error.message).toMatch(/muted until .*: Repeated spam/);

    // A ban ends the person's sessions and closes their connections, after telling them why.
    const kicked = new Promise((resolve) => t.once('moderation:kicked', resolve));
    const closed = new Promise((resolve) => t.once('disconnect', resolve));
    expect(
      await o.emitWithAck('chat:moderate', { accountId: troll.accountId, action: 'ban', reason: 'Abuse' }),
    ).toEqual({ ok: true, data: {} });
    expect(await kicked).toEqual({ reason: 'Abuse' });
    await closed;
    const comeback = await getJson(server.url, '/api/auth/session', { headers: { cookie: troll.cookie } });
    expect(comeback.body).toEqual({ account: null });
    const notOrganiser = await i.emitWithAck('chat:moderate', {
      accountId: troll.accountId,
      action: 'lift',
      reason: 'I am not an organiser',
    });
    expect(notOrganiser).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('delivers 2,000 messages exactly once and in one order to every member while connections drop at random', async () => {
    const members = 20;
    const perMember = 100;
    const { sentIds, logs, drops } = await runDropScenario({
      urls: [server.url],
      members,
      perMember,
      channel: 'hall',
      track,
    });
    expectExactlyOnceInOneOrder(sentIds, logs, members, perMember);
    expect(drops).toBeGreaterThan(5);
    // And the database holds each exactly once.
    const rows = await server.handle.database.db
      .select({ id: chatMessages.id })
      .from(chatMessages)
      .where(inArray(chatMessages.id, sentIds));
    expect(rows).toHaveLength(sentIds.length);
  });
});
