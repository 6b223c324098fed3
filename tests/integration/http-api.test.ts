import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemoExpo } from '../../server/seed/seed-demo-expo';
import { BoothDetail, BoothSummary, ExpoView, SessionView } from '../../shared/api';
import { getJson, postJson } from '../support/http';
import { startTestServer, type TestServer } from '../support/server';

describe('the HTTP API on a real server with the seeded demo expo', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ serveClient: false, loginLimit: 5 });
  });
  afterAll(async () => {
    await server?.close();
  });

  it('answers health and readiness', async () => {
    expect((await getJson(server.url, '/api/health')).body).toMatchObject({ status: 'ok' });
    expect((await getJson(server.url, '/api/ready')).body).toEqual({ status: 'ready', database: 'pglite' });
  });

  it('serves the seeded expo with its zones and the demo booths', async () => {
    const demo = await loadDemoExpo();
    const expo = ExpoView.parse((await getJson(server.url, '/api/expo')).body);
    expect(expo.name).toEqual(demo.expo.name);
    expect(expo.zones.map((z) => z.slug)).toEqual(demo.zones.map((z) => z.slug));
    expect(expo.stats.booths).toBe(demo.booths.length);
    expect(expo.stats.booths).toBeGreaterThanOrEqual(40);

    const { body } = await getJson(server.url, '/api/booths');
    const booths = (body as { booths: unknown[] }).booths.map((b) => BoothSummary.parse(b));
    expect(booths.map((b) => b.slug).sort()).toEqual(demo.booths.map((b) => b.slug).sort());
    expect(booths.every((b) => b.name.en && b.name.ja)).toBe(true);
    expect(new Set(booths.map((b) => b.organisation.country)).size).toBeGreaterThanOrEqual(8);
  });

  it('serves one booth with its content, and 404s an unknown one in words', async () => {
    const demo = await loadDemoExpo();
    const withContent = demo.booths.find((b) => b.content.length > 0)!;
    const booth = BoothDetail.parse((await getJson(server.url, `/api/booths/${withContent.slug}`)).body);
    expect(booth.content.map((c) => c.url)).toEqual(withContent.content.map((c) => c.url));
    expect(booth.description).toEqual(withContent.description);

    const missing = await getJson(server.url, '/api/booths/no-such-booth');
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual({ error: { code: 'NOT_FOUND', message: 'No such booth.' } });
    expect((await getJson(server.url, '/api/booths/..%2F..%2Fetc')).status).toBe(404);
    expect((await getJson(server.url, '/api/nothing-here')).body).toMatchObject({ error: { code: 'NOT_FOUND' } });
  });

  it('serves demo media with the right type and nosniff, and no path traversal', async () => {
    const demo = await loadDemoExpo();
    const logo = demo.booths.find((b) => b.logoUrl)!.logoUrl!;
    const res = await fetch(server.url + logo);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^image\//);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    const traversal = await fetch(`${server.url}/media/..%2F..%2Fpackage.json`);
    expect([403, 404]).toContain(traversal.status);
    expect(await traversal.json()).toMatchObject({ error: { code: expect.stringMatching(/FORBIDDEN|NOT_FOUND/) } });
  });

  it('serves a flag for every country of the demo expo, and nothing for a country that does not exist', async () => {
    const demo = await loadDemoExpo();
    const countries = new Set(demo.organisations.map((o) => o.country));
    expect(countries.size).toBeGreaterThanOrEqual(20);
    for (const code of countries) {
      const res = await fetch(`${server.url}/flags/${code.toLowerCase()}.svg`);
      expect(res.status, code).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^image\/svg\+xml/);
      expect(await res.text()).toContain('<svg');
    }
    const none = await fetch(`${server.url}/flags/zz.svg`);
    expect(none.status).toBe(404);
    expect(none.headers.get('content-type')).not.toMatch(/html/);
  });

  it('rejects bad login bodies with field issues, and writes without the CSRF header', async () => {
    const bad = await postJson(server.url, '/api/auth/login', { email: 'not-an-email' });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({
      error: { code: 'INVALID_PAYLOAD', issues: [{ path: 'email' }, { path: 'password' }] },
    });
    const broken = await postJson(server.url, '/api/auth/login', '{"email":');
    expect(broken.status).toBe(400);
    expect(broken.body).toMatchObject({ error: { code: 'INVALID_PAYLOAD' } });
    const forged = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'organiser@minato-hall.example', password: 'x' }),
    });
    expect(forged.status).toBe(403);
  });

  it('lets the organiser log in and out with an httpOnly session cookie', async () => {
    const demo = await loadDemoExpo();
    const organiser = demo.accounts.find((a) => a.role === 'organiser')!;
    const wrong = await postJson(server.url, '/api/auth/login', { email: organiser.email, password: 'wrong-password' });
    expect(wrong.status).toBe(401);
    expect(wrong.body).toMatchObject({ error: { code: 'UNAUTHENTICATED' } });

    const ok = await postJson(server.url, '/api/auth/login', { email: organiser.email, password: organiser.password });
    expect(ok.status).toBe(200);
    expect(SessionView.parse(ok.body).account?.role).toBe('organiser');
    const setCookie = ok.headers.get('set-cookie')!;
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    const cookie = setCookie.split(';')[0]!;

    const session = await getJson(server.url, '/api/auth/session', { headers: { cookie } });
    expect(SessionView.parse(session.body).account?.email).toBe(organiser.email);
    const out = await postJson(server.url, '/api/auth/logout', {}, { cookie });
    expect(out.status).toBe(204);
    const after = await getJson(server.url, '/api/auth/session', { headers: { cookie } });
    expect(SessionView.parse(after.body).account).toBeNull();
  });

  it('rate-limits login attempts with a coded answer', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) {
      statuses.push((await postJson(server.url, '/api/auth/login', { email: 'x@example.com', password: 'y' })).status);
    }
    expect(statuses).toContain(429);
    const limited = await postJson(server.url, '/api/auth/login', { email: 'x@example.com', password: 'y' });
    expect(limited.body).toMatchObject({ error: { code: 'RATE_LIMITED' } });
  });

  it('exports Prometheus metrics with HTTP counts', async () => {
    const text = await (await fetch(`${server.url}/metrics`)).text();
    expect(text).toMatch(/minato_http_requests_total\{method="GET",route="\/api\/expo",status="200"\} \d+/);
    expect(text).toContain('minato_sockets_connected');
  });
});
