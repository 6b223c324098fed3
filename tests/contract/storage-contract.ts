/**
 * The storage contract: what every driver of our schema must do the same way. Run against PGlite and PostgreSQL
 * (storage-pglite.test.ts, storage-postgres.test.ts); SQL that only one of them accepts fails here.
 */
import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login } from '../../server/accounts/login';
import { accountForSession } from '../../server/accounts/sessions';
import type { Database } from '../../server/db/database';
import { accounts, booths, chatMessages, expos, meetings } from '../../server/db/schema';
import { getExpo, getPublishedBooth, listPublishedBooths } from '../../server/expo/expo-queries';
import { seedDemoExpoIfEmpty } from '../../server/seed/seed-demo-expo';
import { smallExpo } from '../support/small-expo';

export function describeStorageContract(driver: string, open: () => Promise<Database | undefined>): void {
  describe(`storage contract on ${driver}`, () => {
    let database: Database | undefined;
    beforeAll(async () => {
      database = await open();
    });
    afterAll(async () => {
      await database?.close();
    });
    const db = () => {
      if (!database) throw new Error('database not opened');
      return database.db;
    };
    /** A contract test; skipped (locally only, see services.ts) when the driver's service is absent. */
    const check = (name: string, fn: () => Promise<void>) =>
      it(name, async (ctx) => {
        if (!database) return ctx.skip();
        await fn();
      });

    check('seeds an empty database once, and leaves a seeded one alone', async () => {
      expect(await seedDemoExpoIfEmpty(db(), smallExpo())).toBe(true);
      expect(await seedDemoExpoIfEmpty(db(), smallExpo())).toBe(false);
      const [{ n }] = (await db().select({ n: sql<number>`count(*)::int` }).from(expos)) as [{ n: number }];
      expect(n).toBe(1);
    });

    check('reads the expo with its zones and counts only published booths', async () => {
      const expo = await getExpo(db());
      expect(expo?.name).toEqual({ en: 'Test Expo', ja: 'テスト博覧会' });
      expect(expo?.zones.map((z) => z.slug)).toEqual(['energy', 'stage']);
      expect(expo?.stats).toEqual({ booths: 2, organisations: 2, countries: 2 });
      expect(new Date(expo!.startsAt).toISOString()).toBe('2026-12-08T00:00:00.000Z');

      await db().update(booths).set({ status: 'draft' }).where(eq(booths.slug, 'port-co-booth'));
      const after = await getExpo(db());
      expect(after?.stats.booths).toBe(1);
      expect((await listPublishedBooths(db(), expo!.id)).map((b) => b.slug)).toEqual(['wind-co-booth']);
      expect(await getPublishedBooth(db(), 'port-co-booth')).toBeNull();
      await db().update(booths).set({ status: 'published' }).where(eq(booths.slug, 'port-co-booth'));
    });

    check('returns a booth with its texts, tags, needs, offers, content and staff', async () => {
      const booth = await getPublishedBooth(db(), 'wind-co-booth');
      expect(booth?.tags).toEqual(['green', 'offshore-wind']);
      expect(booth?.needs).toEqual([{ en: 'A pilot site', ja: '実証フィールド' }]);
      expect(booth?.content).toMatchObject([{ kind: 'link', url: 'https://wind.example.com' }]);
      expect(booth?.staff.map((s) => s.displayName)).toEqual(['Sven Staff']);
      expect(booth?.organisation).toMatchObject({ name: 'Wind Co', country: 'DK' });
    });

    check('refuses a second booth with the same slug or the same plot', async () => {
      const [existing] = await db().select().from(booths).where(eq(booths.slug, 'wind-co-booth'));
      const { id: _id, createdAt: _c, updatedAt: _u, ...copy } = existing!;
      await expect(
        db()
          .insert(booths)
          .values({ ...copy, position: 99 }),
      ).rejects.toThrow();
      await expect(
        db()
          .insert(booths)
          .values({ ...copy, slug: 'another-slug' }),
      ).rejects.toThrow();
    });

    check('refuses a meeting that ends before it starts', async () => {
      const [booth] = await db().select().from(booths).limit(1);
      const [a, b] = await db().select().from(accounts).limit(2);
      await expect(
        db()
          .insert(meetings)
          .values({
            boothId: booth!.id,
            hostId: a!.id,
            guestId: b!.id,
            startsAt: new Date('2026-12-08T10:00:00Z'),
            endsAt: new Date('2026-12-08T09:30:00Z'),
          }),
      ).rejects.toThrow();
    });

    check('stores a chat message once however often its id is sent, in commit order', async () => {
      const [author] = await db().select().from(accounts).limit(1);
      const ids = [randomUUID(), randomUUID()];
      for (const id of [ids[0]!, ids[0]!, ids[1]!]) {
        await db()
          .insert(chatMessages)
          .values({ id, channel: 'hall', authorId: author!.id, body: `message ${id}` })
          .onConflictDoNothing({ target: chatMessages.id });
      }
      const rows = await db().select().from(chatMessages).where(eq(chatMessages.channel, 'hall'));
      expect(rows.map((r) => r.id)).toEqual(ids);
      expect(rows[0]!.seq).toBeLessThan(rows[1]!.seq);
    });

    check('logs in with the right password only, and the session resolves to the account', async () => {
      await expect(login(db(), { email: 'organiser@test.example', password: 'wrong' })).rejects.toMatchObject({
        code: 'UNAUTHENTICATED',
      });
      await expect(login(db(), { email: 'nobody@test.example', password: 'x' })).rejects.toMatchObject({
        code: 'UNAUTHENTICATED',
      });
      const { token, account } = await login(db(), { email: 'Organiser@Test.example', password: 'organiser-password' });
      expect(account.role).toBe('organiser');
      expect((await accountForSession(db(), token))?.displayName).toBe('Olivia Organiser');
      expect(await accountForSession(db(), token, new Date(Date.now() + 30 * 24 * 3600 * 1000))).toBeNull();
    });

    check('keeps stored timestamps as instants whatever the session time zone', async () => {
      await db().execute(sql`set time zone 'America/New_York'`);
      const expo = await getExpo(db());
      expect(expo?.startsAt).toBe('2026-12-08T00:00:00.000Z');
      await db().execute(sql`set time zone 'UTC'`);
    });
  });
}
