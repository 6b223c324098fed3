/**
 * Authorisation (issue 5): every write endpoint of accounts, the booth editor, uploads and the organiser console,
 * and the chat moderation socket events, tried by every role. Only the allowed roles succeed; the others get
 * 401 (no session) or 403 (not allowed), never a success and never a crash.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EditorBoothList } from '../../shared/booth-editor';
import { call, upload } from '../support/api-client';
import { enterAsGuest, logIn, openSocket, type Person } from '../support/clients';
import { pngImage } from '../support/media-fixtures';
import { startTestServer, type TestServer } from '../support/server';

const ROLES = ['anonymous', 'guest', 'visitor', 'otherStaff', 'staff', 'organiser'] as const;
type RoleName = (typeof ROLES)[number];

interface Case {
  name: string;
  allowed: RoleName[];
  /** How refusals look (default: 401 without a session, 403 without the right). */
  refusedWith?: RegExp;
  /** Performs the action as `role` (call number `n`, for unique values); resolves to success or the refusal code. */
  run(role: RoleName, n: number): Promise<{ ok: boolean; status: number | string }>;
}

describe('who may do what, for every write and every role', () => {
  let server: TestServer;
  const people = {} as Record<RoleName, Person | null>;
  let boothId: string;
  let zoneId: string;
  let organisationId: string;
  let victimId: string;

  beforeAll(async () => {
    server = await startTestServer({ serveClient: false });
    people.anonymous = null;
    people.guest = await enterAsGuest(server.url, 'Guest Role');
    people.visitor = await logIn(server.url, 'visitor@minato-hall.example', 'minato-visitor-2026');
    people.otherStaff = await logIn(server.url, 'lena.vogel@hafenh2-logistik.example', 'minato-exhibitor-2026');
    // Plain staff (not owner or admin) of the booth's organisation.
    people.staff = await logIn(server.url, 'kenji.watanabe@minato-hydrogen-works.example', 'minato-exhibitor-2026');
    people.organiser = await logIn(server.url, 'organiser@minato-hall.example', 'minato-organiser-2026');
    const mine = EditorBoothList.parse(
      (await call(server.url, 'GET', '/api/editor/booths', { as: people.staff })).body,
    );
    boothId = mine.booths[0]!.id;
    const zones = await call<{ zones: { id: string }[] }>(server.url, 'GET', '/api/organiser/zones', {
      as: people.organiser,
    });
    zoneId = zones.body.zones[0]!.id;
    const org = await call<{ id: string }>(server.url, 'POST', '/api/organiser/organisations', {
      as: people.organiser,
      body: { slug: 'authz-org', name: 'Authz Org', country: 'JP', kind: 'startup' },
    });
    organisationId = org.body.id;
    victimId = (await enterAsGuest(server.url, 'Moderation Target')).accountId;
  });
  afterAll(async () => {
    await server?.close();
  });

  const http =
    (
      method: 'POST' | 'PUT' | 'GET',
      path: string | ((n: number) => string),
      body?: (n: number, role: RoleName) => unknown,
    ) =>
    async (role: RoleName, n: number) => {
      const res = await call(server.url, method, typeof path === 'string' ? path : path(n), {
        as: people[role],
        body: body?.(n, role),
      });
      return { ok: res.status >= 200 && res.status < 300, status: res.status };
    };

  const boothDraft = async () =>
    (await call<{ draft: unknown }>(server.url, 'GET', `/api/editor/booths/${boothId}`, { as: people.organiser })).body
      .draft;

  const CASES: Case[] = [
    {
      name: 'PUT /api/editor/booths/:id/draft',
      allowed: ['staff', 'organiser'],
      run: async (role, n) => http('PUT', `/api/editor/booths/${boothId}/draft`, () => draftWith(n))(role, n),
    },
    {
      name: 'POST /api/editor/booths/:id/publish',
      allowed: ['staff', 'organiser'],
      run: http('POST', () => `/api/editor/booths/${boothId}/publish`),
    },
    {
      name: 'GET /api/editor/booths/:id',
      allowed: ['staff', 'organiser'],
      run: http('GET', () => `/api/editor/booths/${boothId}`),
    },
    {
      name: 'POST /api/uploads/:kind',
      allowed: ['otherStaff', 'staff', 'organiser'],
      run: async (role) => {
        const res = await upload(server.url, people[role], 'image', 'a.png', await pngImage());
        return { ok: res.status === 201, status: res.status };
      },
    },
    {
      name: 'PUT /api/account/profile',
      allowed: ['guest', 'visitor', 'otherStaff', 'staff', 'organiser'],
      run: http('PUT', '/api/account/profile', () => ({ jobTitle: 'Tester' })),
    },
    {
      name: 'GET /api/organiser/expo',
      allowed: ['organiser'],
      run: http('GET', '/api/organiser/expo'),
    },
    {
      name: 'PUT /api/organiser/expo',
      allowed: ['organiser'],
      run: async (role, n) => {
        const current = await call(server.url, 'GET', '/api/organiser/expo', { as: people.organiser });
        return http('PUT', '/api/organiser/expo', () => current.body)(role, n);
      },
    },
    {
      name: 'POST /api/organiser/zones',
      allowed: ['organiser'],
      run: http('POST', '/api/organiser/zones', (n) => ({
        slug: `authz-zone-${n}`,
        kind: 'exhibit',
        name: { en: 'Z' },
        description: { en: '' },
        color: '#123456',
        sort: 50 + n,
      })),
    },
    {
      name: 'PUT /api/organiser/zones/:id',
      allowed: ['organiser'],
      run: async (role, n) => {
        const zones = await call<{ zones: Record<string, unknown>[] }>(server.url, 'GET', '/api/organiser/zones', {
          as: people.organiser,
        });
        const { id, hall, booths, ...zone } = zones.body.zones.find((z) => z.id === zoneId)!;
        return http('PUT', `/api/organiser/zones/${zoneId}`, () => zone)(role, n);
      },
    },
    {
      name: 'POST /api/organiser/organisations',
      allowed: ['organiser'],
      run: http('POST', '/api/organiser/organisations', (n) => ({
        slug: `authz-org-${n}`,
        name: 'Org',
        country: 'JP',
        kind: 'startup',
      })),
    },
    {
      name: 'POST /api/organiser/plots',
      allowed: ['organiser'],
      run: http('POST', '/api/organiser/plots', (n) => ({ organisationId, zoneId, size: 'small', position: 200 + n })),
    },
    {
      name: 'PUT /api/organiser/plots/:id',
      allowed: ['organiser'],
      run: async (role, n) => {
        const overview = await call<{
          organisations: { id: string; booths: { id: string; zoneId: string; size: string; position: number }[] }[];
        }>(server.url, 'GET', '/api/organiser/exhibitors', { as: people.organiser });
        const plot = overview.body.organisations.flatMap((o) => o.booths).find((b) => b.id === boothId)!;
        return http('PUT', `/api/organiser/plots/${boothId}`, () => ({
          zoneId: plot.zoneId,
          size: plot.size,
          position: plot.position,
        }))(role, n);
      },
    },
    {
      name: 'POST /api/organiser/invitations',
      allowed: ['organiser'],
      run: http('POST', '/api/organiser/invitations', (n) => ({ organisationId, email: `invitee${n}@example.org` })),
    },
    {
      name: 'POST /api/organiser/moderation',
      allowed: ['organiser'],
      run: http('POST', '/api/organiser/moderation', () => ({
        accountId: victimId,
        action: 'lift',
        reason: 'testing rights',
      })),
    },
    { name: 'GET /api/organiser/outbox', allowed: ['organiser'], run: http('GET', '/api/organiser/outbox') },
    { name: 'GET /api/organiser/people', allowed: ['organiser'], run: http('GET', '/api/organiser/people?q=a') },
    { name: 'GET /api/organiser/exhibitors', allowed: ['organiser'], run: http('GET', '/api/organiser/exhibitors') },
    {
      name: 'socket chat:moderate',
      allowed: ['organiser'],
      run: async (role) => {
        const socket = await openSocket(server.url, people[role] ?? undefined);
        try {
          const ack = await socket.emitWithAck('chat:moderate', {
            accountId: victimId,
            action: 'lift',
            reason: 'rights',
          });
          return { ok: ack.ok, status: ack.ok ? 'ok' : ack.error.code };
        } finally {
          socket.disconnect();
        }
      },
    },
    {
      name: 'socket chat:delete',
      allowed: ['organiser'],
      run: async (role) => {
        const author = await openSocket(server.url, await enterAsGuest(server.url, 'Author'));
        const sent = await author.emitWithAck('chat:send', {
          id: crypto.randomUUID(),
          channel: 'hall',
          body: 'delete me',
          lang: 'en',
        } as never);
        author.disconnect();
        if (!sent.ok) throw new Error(JSON.stringify(sent.error));
        const socket = await openSocket(server.url, people[role] ?? undefined);
        try {
          const ack = await socket.emitWithAck('chat:delete', { id: sent.data.message.id });
          return { ok: ack.ok, status: ack.ok ? 'ok' : ack.error.code };
        } finally {
          socket.disconnect();
        }
      },
    },
    // Last: the guest stops being a guest here.
    {
      name: 'POST /api/account/register (a guest upgrades; someone with an account may not register again)',
      allowed: ['anonymous', 'guest'],
      refusedWith: /^409$/,
      run: http('POST', '/api/account/register', (n, role) => ({
        email: `authz-${role}-${n}@example.org`,
        password: 'a long password',
        displayName: `Authz ${role}`,
      })),
    },
  ];

  let draftTemplate: Record<string, unknown>;
  const draftWith = (n: number) => ({ ...draftTemplate, tagline: { en: `Edit ${n}` } });

  it.each(CASES.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    draftTemplate ??= (await boothDraft()) as Record<string, unknown>;
    const outcome: Record<string, string> = {};
    let n = 0;
    for (const role of ROLES) {
      const result = await c.run(role, n++);
      outcome[role] = result.ok ? 'allowed' : String(result.status);
    }
    const expected = Object.fromEntries(
      ROLES.map((role) => [
        role,
        c.allowed.includes(role)
          ? 'allowed'
          : expect.stringMatching(c.refusedWith ?? /^(401|403|UNAUTHENTICATED|FORBIDDEN)$/),
      ]),
    );
    expect(outcome).toEqual(expected);
  });
});
