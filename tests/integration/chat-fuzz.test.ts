import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chatClientEvents } from '../../shared/chat';
import { enterAsGuest, openSocket, type TestSocket } from '../support/clients';
import { startTestServer, type TestServer } from '../support/server';

const events = Object.keys(chatClientEvents) as (keyof typeof chatClientEvents)[];

/** Payloads near the real shapes (so parsing goes deep) as well as arbitrary values. */
const nearMiss = fc.record(
  {
    id: fc.oneof(fc.uuid(), fc.string(), fc.integer()),
    channel: fc.oneof(
      fc.constantFrom('hall', 'booth:', 'dm:x:y', 'meeting:../../etc'),
      fc.uuid().map((u) => `booth:${u}`),
      fc.tuple(fc.uuid(), fc.uuid()).map(([a, b]) => `dm:${a}:${b}`),
      fc.string(),
    ),
    body: fc.oneof(fc.string(), fc.string({ maxLength: 3000 }), fc.constant('<script>alert(1)</script>')),
    lang: fc.oneof(fc.constantFrom('en', 'ja', 'pt-BR'), fc.string()),
    seq: fc.oneof(fc.integer(), fc.double(), fc.string()),
    before: fc.oneof(fc.integer(), fc.constant(null)),
    after: fc.integer(),
    limit: fc.oneof(fc.integer({ min: -10, max: 500 }), fc.string()),
    accountId: fc.uuid(),
    action: fc.constantFrom('mute', 'ban', 'lift', 'nuke'),
    reason: fc.string(),
    minutes: fc.integer(),
  },
  { requiredKeys: [] },
);

describe('chat events under fuzzed input', () => {
  let server: TestServer;
  let socket: TestSocket;
  beforeAll(async () => {
    server = await startTestServer({ serveClient: false, chatRate: { burst: 100_000, perSecond: 100_000 } });
    socket = await openSocket(server.url, await enterAsGuest(server.url, 'Fuzzer'));
  });
  afterAll(async () => {
    socket?.disconnect();
    await server?.close();
  });

  it('answers thousands of malformed chat events with coded results and never crashes', async () => {
    const codes = new Map<string, number>();
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...events), fc.oneof(nearMiss, fc.anything()), async (event, payload) => {
        const result = (await socket.timeout(5000).emitWithAck(event as 'chat:send', payload as never)) as {
          ok: boolean;
          error?: { code: string; message: string };
        };
        expect(typeof result.ok).toBe('boolean');
        if (!result.ok) {
          expect(result.error?.code).toMatch(/^[A-Z_]+$/);
          expect(result.error?.code).not.toBe('INTERNAL');
          expect(result.error?.message.length).toBeGreaterThan(0);
          codes.set(result.error!.code, (codes.get(result.error!.code) ?? 0) + 1);
        }
      }),
      { numRuns: 2500 },
    );
    expect(codes.get('INVALID_PAYLOAD')).toBeGreaterThan(100);
    // Events without an acknowledgement callback must not crash either.
    for (const event of events) (socket.emit as (e: string, p: unknown) => void)(event, { junk: true });
    const alive = await socket.emitWithAck('clock:ping', { clientTime: 1 });
    expect(alive).toMatchObject({ ok: true });
    expect(socket.connected).toBe(true);
  });
});
