/**
 * Registration's country (issue 5): the form offers the guest entry's picker, and the server still checks what
 * arrives: an assigned ISO 3166 code in capitals, or none; a country's name, a lower-case code or a code no country has
 * is refused with the field.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SessionView } from '../../shared/api';
import { call, cookieOf } from '../support/api-client';
import type { Person } from '../support/clients';
import { startTestServer, type TestServer } from '../support/server';

describe('the country given when registering', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ serveClient: false, seed: false });
  });
  afterAll(async () => {
    await server?.close();
  });

  const register = (email: string, country?: string) =>
    call(server.url, 'POST', '/api/account/register', {
      body: { email, password: 'a long password', displayName: 'Kenji', ...(country ? { country } : {}) },
    });

  it('refuses a name, a lower-case code or an unassigned one, naming the field', async () => {
    for (const [i, country] of ['Japan', 'jp', 'JPN', '日本', 'ZZ', 'XX'].entries()) {
      const res = await register(`kenji-${i}@example.org`, country);
      expect(res.status, country).toBe(400);
      expect(res.body).toMatchObject({
        error: { code: 'INVALID_PAYLOAD', issues: [{ path: 'country', message: expect.stringMatching(/ISO 3166/) }] },
      });
    }
  });

  it('keeps the code picked, or none', async () => {
    const picked = await register('kenji@example.org', 'JP');
    expect(picked.status).toBe(201);
    const person = { cookie: cookieOf(picked.headers) } as Person;
    const profile = await call<{ country: string | null }>(server.url, 'GET', '/api/account/profile', { as: person });
    expect(profile.body.country).toBe('JP');
    const none = await register('mei@example.org');
    expect(none.status).toBe(201);
    expect(SessionView.parse(none.body).account?.email).toBe('mei@example.org');
  });
});
