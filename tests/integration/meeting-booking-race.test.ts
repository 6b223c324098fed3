/**
 * 200 delegates book the same slot at the same moment, on PGlite and on PostgreSQL: exactly one gets the meeting,
 * every other one is told the slot was just taken (CONFLICT), and the host holds exactly one meeting then.
 * The database's EXCLUDE constraint decides; nothing in the application serialises the bookings.
 */
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../server/db/database';
import { meetingHolds, meetings } from '../../server/db/schema';
import { enterAsGuest, logIn, type Person } from '../support/clients';
import { openFreshPostgres } from '../support/database';
import { book, boothId, DEMO_PASSWORD, slotsOf } from '../support/meetings';
import { startTestServer, type TestServer } from '../support/server';
import { postgresUrl, serviceOrSkip } from '../support/services';

const BOOKERS = 200;

function describeRace(driver: string, open: () => Promise<Database | undefined | 'embedded'>) {
  describe(`200 simultaneous bookings of one slot on ${driver}`, () => {
    let server: TestServer | undefined;
    let database: Database | undefined;

    beforeAll(async () => {
      const opened = await open();
      if (opened === undefined) return;
      if (opened !== 'embedded') database = opened;
      server = await startTestServer({
        serveClient: false,
        clock: () => Date.parse('2026-12-01T00:00:00Z'),
        ...(database ? { database } : {}),
      });
    });

    afterAll(async () => {
      await server?.close();
      await database?.close();
    });

    it('exactly one succeeds; the rest get a clear "just taken" CONFLICT', async (ctx) => {
      if (!server) return ctx.skip();
      const base = server.url;
      const host = await logIn(base, 'lena.vogel@hafenh2-logistik.example', DEMO_PASSWORD);
      const booth = await boothId(base, 'hafenh2-logistik');
      const slot = (await slotsOf(base, booth)).staff.find((s) => s.hostId === host.accountId)!.slots[0]!;
      const bookers: Person[] = [];
      for (let i = 0; i < BOOKERS; i += 50) {
        bookers.push(
          ...(await Promise.all(
            Array.from({ length: Math.min(50, BOOKERS - i) }, (_, j) => enterAsGuest(base, `Delegate ${i + j}`)),
          )),
        );
      }

      const results = await Promise.all(
        bookers.map((p) => book(base, p, { hostId: host.accountId, boothId: booth, ...slot, agenda: 'race' })),
      );

      const won = results.filter((r) => r.status === 201);
      const lost = results.filter((r) => r.status !== 201);
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(BOOKERS - 1);
      for (const r of lost) {
        expect(r.status).toBe(409);
        expect(r.body).toEqual({ error: { code: 'CONFLICT', message: expect.stringMatching(/just taken/) } });
      }
      const db = server.handle.database.db;
      const held = await db
        .select()
        .from(meetingHolds)
        .where(and(eq(meetingHolds.accountId, host.accountId), eq(meetingHolds.active, true)));
      expect(held).toHaveLength(1);
      // Losers left nothing behind: their transactions rolled back.
      expect(await db.select().from(meetings).where(eq(meetings.agenda, 'race'))).toHaveLength(1);
    });
  });
}

describeRace('PGlite', async () => 'embedded');
describeRace('PostgreSQL', async () => {
  const url = await serviceOrSkip('PostgreSQL', postgresUrl());
  return url ? openFreshPostgres(url) : undefined;
});
