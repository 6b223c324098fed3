import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chatMessages, mailOutbox, passwordResets } from '../../server/db/schema';
import { HIDDEN_SECRET } from '../../server/mail/mailer';
import { ProfileView } from '../../shared/accounts';
import { SessionView } from '../../shared/api';
import { call, cookieOf } from '../support/api-client';
import { enterAsGuest, logIn, openSocket, type Person } from '../support/clients';
import { startTestServer, type TestServer } from '../support/server';
import { type SmtpSink, startSmtpSink } from '../support/smtp-sink';

const linkToken = (text: string) => /#token=([\w-]+)/.exec(text)?.[1];
/** A mail body in quoted-printable, as it came over SMTP: soft line breaks and =XX escapes undone. */
const decodeQuotedPrintable = (raw: string) =>
  raw
    .replace(/=\r?\n/g, '')
    .replace(/=([0-9A-F]{2})/g, (_m, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));

describe('accounts without SMTP: mail goes to the outbox', () => {
  let server: TestServer;
  let organiser: Person;
  beforeAll(async () => {
    server = await startTestServer({ serveClient: false, loginLimit: 10 });
    organiser = await logIn(server.url, 'organiser@minato-hall.example', 'minato-organiser-2026');
  });
  afterAll(async () => {
    await server?.close();
  });

  async function latestMailTo(to: string): Promise<{ subject: string; body: string | null }> {
    const res = await call<{ mails: { to: string; subject: string; body: string | null }[] }>(
      server.url,
      'GET',
      '/api/organiser/outbox',
      { as: organiser },
    );
    const mail = res.body.mails.find((m) => m.to === to);
    if (!mail) throw new Error(`no mail to ${to}`);
    return mail;
  }

  it('registers a new visitor with email and password, who can then log in', async () => {
    const res = await call(server.url, 'POST', '/api/account/register', {
      body: { email: 'Ana@Example.org', password: 'a long password', displayName: 'Ana', country: 'BR' },
    });
    expect(res.status).toBe(201);
    const { account } = SessionView.parse(res.body);
    expect(account).toMatchObject({ email: 'ana@example.org', role: 'visitor', displayName: 'Ana' });
    const me = await call(server.url, 'GET', '/api/auth/session', { as: { cookie: cookieOf(res.headers) } as Person });
    expect(SessionView.parse(me.body).account?.id).toBe(account!.id);
    const again = await call(server.url, 'POST', '/api/account/register', {
      body: { email: 'ana@example.org', password: 'another password', displayName: 'Ana 2' },
    });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ error: { code: 'CONFLICT', message: expect.stringMatching(/already exists/) } });
    const short = await call(server.url, 'POST', '/api/account/register', {
      body: { email: 'b@example.org', password: 'short', displayName: 'B' },
    });
    expect(short.body).toMatchObject({ error: { code: 'INVALID_PAYLOAD', issues: [{ path: 'password' }] } });
  });

  it('turns a guest into an account on the same row: profile, chat history and session are kept', async () => {
    const guest = await enterAsGuest(server.url, 'Guest Gabriel', 'FR');
    const profile = await call(server.url, 'PUT', '/api/account/profile', {
      as: guest,
      body: { jobTitle: 'Port engineer', interests: ['hydrogen'], avatarColor: '#FF6B5A', shareContact: true },
    });
    expect(profile.status).toBe(200);
    const socket = await openSocket(server.url, guest);
    const sent = await socket.emitWithAck('chat:send', {
      id: crypto.randomUUID(),
      channel: 'hall',
      body: 'Bonjour from a guest',
      lang: 'fr',
    } as never);
    expect(sent).toMatchObject({ ok: true });
    socket.disconnect();

    const res = await call(server.url, 'POST', '/api/account/register', {
      as: guest,
      body: { email: 'gabriel@example.fr', password: 'guest no more', displayName: 'Gabriel' },
    });
    expect(res.status).toBe(201);
    expect(res.headers.get('set-cookie')).toBeNull(); // the guest's session simply carries on
    expect(SessionView.parse(res.body).account).toMatchObject({ id: guest.accountId, email: 'gabriel@example.fr' });

    const kept = ProfileView.parse((await call(server.url, 'GET', '/api/account/profile', { as: guest })).body);
    expect(kept).toMatchObject({
      id: guest.accountId,
      guest: false,
      jobTitle: 'Port engineer',
      interests: ['hydrogen'],
      avatarColor: '#FF6B5A',
      shareContact: true,
      country: 'FR',
    });
    const messages = await server.handle.database.db
      .select()
      .from(chatMessages)
      .where(eq(chatMessages.authorId, guest.accountId));
    expect(messages.map((m) => m.body)).toEqual(['Bonjour from a guest']);
    const relogin = await logIn(server.url, 'gabriel@example.fr', 'guest no more');
    expect(relogin.accountId).toBe(guest.accountId);
  });

  it('asks for a reset without telling who has an account; the outbox records the mail, not its link', async () => {
    await call(server.url, 'POST', '/api/account/register', {
      body: { email: 'rita@example.org', password: 'original password', displayName: 'Rita' },
    });
    const unknown = await call(server.url, 'POST', '/api/account/password-reset', {
      body: { email: 'nobody@example.org' },
    });
    const asked = await call(server.url, 'POST', '/api/account/password-reset', {
      body: { email: 'rita@example.org' },
    });
    expect(asked.status).toBe(202);
    expect(unknown.status).toBe(202);
    expect(unknown.body).toEqual(asked.body); // no way to tell who has an account

    // An organiser sees that a reset mail went to Rita, but cannot use it to take her account over.
    const mail = await latestMailTo('rita@example.org');
    expect(mail.subject).toMatch(/Reset/);
    expect(mail.body).toContain(`/account/reset#token=${HIDDEN_SECRET}`);
    expect(linkToken(mail.body ?? '')).toBeUndefined();
    const stored = await server.handle.database.db.select().from(mailOutbox);
    expect(stored.every((m) => !/#token=[\w-]{16,}/.test(m.body ?? ''))).toBe(true);
  });

  it('refuses profile changes without a session and with bad values', async () => {
    expect((await call(server.url, 'GET', '/api/account/profile')).status).toBe(401);
    const guest = await enterAsGuest(server.url, 'Val');
    const bad = await call(server.url, 'PUT', '/api/account/profile', {
      as: guest,
      body: { avatarColor: 'red', timeZone: 'Mars/Olympus' },
    });
    expect(bad.body).toMatchObject({ error: { code: 'INVALID_PAYLOAD' } });
  });

  it('rate-limits login attempts', async () => {
    // The limit is 10 a minute per address (earlier tests used some): wrong passwords get 401 until it is reached.
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) {
      statuses.push(
        (await call(server.url, 'POST', '/api/auth/login', { body: { email: 'x@example.org', password: 'wrong' } }))
          .status,
      );
    }
    const first = statuses.indexOf(429);
    expect(first).toBeGreaterThan(0);
    expect(statuses.slice(0, first).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(first).every((s) => s === 429)).toBe(true);
    const limited = await call(server.url, 'POST', '/api/auth/login', {
      body: { email: 'organiser@minato-hall.example', password: 'minato-organiser-2026' },
    });
    expect(limited.status).toBe(429); // even the right password waits
  });
});

describe('accounts with SMTP_URL: mail goes through a real local SMTP server', () => {
  let smtp: SmtpSink;
  let server: TestServer;

  beforeAll(async () => {
    smtp = await startSmtpSink();
    server = await startTestServer({
      serveClient: false,
      env: { SMTP_URL: smtp.url, PUBLIC_URL: 'https://expo.example.org' },
    });
  });
  afterAll(async () => {
    await server?.close();
    await smtp?.close();
  });

  it('delivers the reset link by SMTP, with the public address, and keeps no body in the outbox', async () => {
    await call(server.url, 'POST', '/api/account/register', {
      body: { email: 'sam@example.org', password: 'sam password 1', displayName: 'Sam' },
    });
    const res = await call(server.url, 'POST', '/api/account/password-reset', { body: { email: 'sam@example.org' } });
    expect(res.status).toBe(202);
    await smtp.waitFor(1);
    const received = smtp.received;
    expect(received).toHaveLength(1);
    expect(received[0]!.to).toEqual(['sam@example.org']);
    const raw = decodeQuotedPrintable(received[0]!.raw);
    expect(raw).toMatch(/Subject: Reset your Minato Hall password/);
    expect(raw).toContain('https://expo.example.org/account/reset#token=');
    const token = linkToken(raw)!;
    const done = await call(server.url, 'POST', '/api/account/password-reset/complete', {
      body: { token, password: 'sam password 2' },
    });
    expect(done.status).toBe(204);
    const organiser = await logIn(server.url, 'organiser@minato-hall.example', 'minato-organiser-2026');
    const outbox = await call<{ mails: { to: string; transport: string; body: string | null }[] }>(
      server.url,
      'GET',
      '/api/organiser/outbox',
      { as: organiser },
    );
    expect(outbox.body.mails).toEqual([
      expect.objectContaining({ to: 'sam@example.org', transport: 'smtp', body: null }),
    ]);
  });

  it('resets a password with a token that works once, and refuses an expired one', async () => {
    await call(server.url, 'POST', '/api/account/register', {
      body: { email: 'rita@example.org', password: 'original password', displayName: 'Rita' },
    });
    const ask = async () => {
      const before = smtp.received.length;
      expect(
        (await call(server.url, 'POST', '/api/account/password-reset', { body: { email: 'rita@example.org' } })).status,
      ).toBe(202);
      await smtp.waitFor(before + 1);
      return linkToken(decodeQuotedPrintable(smtp.received[before]!.raw))!;
    };
    const token = await ask();
    const stored = await server.handle.database.db.select().from(passwordResets);
    expect(stored.some((r) => r.tokenHash === token)).toBe(false); // only the hash is kept

    const done = await call(server.url, 'POST', '/api/account/password-reset/complete', {
      body: { token, password: 'brand new password' },
    });
    expect(done.status).toBe(204);
    await logIn(server.url, 'rita@example.org', 'brand new password');
    const reused = await call(server.url, 'POST', '/api/account/password-reset/complete', {
      body: { token, password: 'attacker password' },
    });
    expect(reused.status).toBe(400);
    expect(reused.body).toMatchObject({ error: { message: expect.stringMatching(/expired or was already used/) } });

    const second = await ask();
    expect(second).not.toBe(token);
    // An hour passes: the token's expiry is moved into the past.
    await server.handle.database.db.update(passwordResets).set({ expiresAt: new Date(Date.now() - 1000) });
    const late = await call(server.url, 'POST', '/api/account/password-reset/complete', {
      body: { token: second, password: 'too late password' },
    });
    expect(late.status).toBe(400);
    await logIn(server.url, 'rita@example.org', 'brand new password');
  });
});
