/**
 * Seeds the demo expo (assets/demo-expo/expo.json) into an empty database, in one transaction: either the whole
 * demo is there or none of it is. A database that already has an expo is left alone.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { hashPassword } from '../accounts/passwords';
import type { Db } from '../db/database';
import { accounts, boothContent, boothStaff, booths, expos, halls, organisations, zones } from '../db/schema';
import { DemoExpo } from './demo-expo-schema';
import { seedDemoAvailability } from './seed-demo-availability';

export const ASSETS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../assets');
export const DEMO_EXPO_FILE = path.join(ASSETS_DIR, 'demo-expo/expo.json');

export async function loadDemoExpo(file = DEMO_EXPO_FILE): Promise<DemoExpo> {
  const raw = JSON.parse(await readFile(file, 'utf8'));
  const parsed = DemoExpo.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`Demo expo ${file} is invalid at ${issue.path.join('.')}: ${issue.message}`);
  }
  return parsed.data;
}

/** Seeds when the database has no expo yet. Returns whether it seeded. */
export async function seedDemoExpoIfEmpty(db: Db, demo?: DemoExpo): Promise<boolean> {
  const existing = await db.select({ id: expos.id }).from(expos).limit(1);
  if (existing.length > 0) return false;
  const data = demo ?? (await loadDemoExpo());
  // Hash before the transaction: argon2 is slow on purpose and must not hold the database. The demo's staff share
  // one published password, so each distinct password is hashed once (one salt for them all: demo accounts only).
  const passwords = [...new Set(data.accounts.map((a) => a.password))];
  const hashed = new Map(await Promise.all(passwords.map(async (p) => [p, await hashPassword(p)] as const)));
  const hashes = data.accounts.map((a) => hashed.get(a.password)!);

  await db.transaction(async (tx) => {
    const [expo] = await tx
      .insert(expos)
      .values({
        slug: data.expo.slug,
        name: data.expo.name,
        tagline: data.expo.tagline,
        venue: data.expo.venue,
        startsAt: new Date(data.expo.startsAt),
        endsAt: new Date(data.expo.endsAt),
        timeZone: data.expo.timeZone,
      })
      .returning();
    const [hall] = await tx
      .insert(halls)
      .values({ expoId: expo!.id, slug: 'main-hall', name: { en: 'Main Hall', ja: 'メインホール' } })
      .returning();
    const zoneRows = await tx
      .insert(zones)
      .values(data.zones.map((z, sort) => ({ hallId: hall!.id, sort, ...z })))
      .returning();
    const zoneId = new Map(zoneRows.map((z) => [z.slug, z.id]));
    const orgRows = await tx.insert(organisations).values(data.organisations).returning();
    const orgId = new Map(orgRows.map((o) => [o.slug, o.id]));

    const nextPosition = new Map<string, number>();
    const now = new Date();
    const boothRows = await tx
      .insert(booths)
      .values(
        data.booths.map((b) => {
          const zone = lookup(zoneId, b.zone, `booth ${b.slug} zone`);
          const position = nextPosition.get(zone) ?? 0;
          nextPosition.set(zone, position + 1);
          return {
            expoId: expo!.id,
            zoneId: zone,
            organisationId: lookup(orgId, b.organisation, `booth ${b.slug} organisation`),
            slug: b.slug,
            position,
            size: b.size,
            template: b.template,
            brandColor: b.brandColor,
            name: b.name,
            tagline: b.tagline,
            description: b.description,
            tags: b.tags,
            needs: b.needs,
            offers: b.offers,
            logoUrl: b.logoUrl ?? null,
            status: 'published' as const,
            publishedAt: now,
          };
        }),
      )
      .returning({ id: booths.id, slug: booths.slug, organisationId: booths.organisationId });
    const content = data.booths.flatMap((b, i) =>
      b.content.map((c, sort) => ({
        boothId: boothRows[i]!.id,
        sort,
        kind: c.kind,
        title: c.title,
        url: c.url,
        previewUrl: c.previewUrl ?? null,
      })),
    );
    if (content.length > 0) await tx.insert(boothContent).values(content);

    const accountRows = await tx
      .insert(accounts)
      .values(
        data.accounts.map((a, i) => ({
          email: a.email.toLowerCase(),
          passwordHash: hashes[i]!,
          displayName: a.displayName,
          role: a.role,
          organisationId: a.organisation ? lookup(orgId, a.organisation, `account ${a.email} organisation`) : null,
          orgRole: a.orgRole ?? null,
          jobTitle: a.jobTitle,
          country: a.country,
          timeZone: a.timeZone,
          languages: a.languages,
        })),
      )
      .returning();
    // Staff of an organisation staff its booths.
    const staff = boothRows.flatMap((booth) =>
      accountRows
        .filter((a) => a.organisationId === booth.organisationId)
        .map((a, sort) => ({ boothId: booth.id, accountId: a.id, sort })),
    );
    if (staff.length > 0) await tx.insert(boothStaff).values(staff);
  });
  await seedDemoAvailability(db);
  return true;
}

function lookup(map: Map<string, string>, key: string, what: string): string {
  const value = map.get(key);
  if (!value) throw new Error(`Demo expo: ${what} "${key}" is not defined`);
  return value;
}
