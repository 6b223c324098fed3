/** Reads of the expo, its zones and its published booths, shaped as the API's views (shared/api.ts). */
import { and, asc, count, countDistinct, eq } from 'drizzle-orm';
import type { BoothDetail, BoothSummary, ExpoView } from '../../shared/api';
import type { Db } from '../db/database';
import { accounts, boothContent, boothStaff, booths, expos, halls, organisations, zones } from '../db/schema';

/** The one expo this server runs (the first by creation); null before seeding or setup. */
export async function getExpo(db: Db): Promise<ExpoView | null> {
  const [expo] = await db.select().from(expos).orderBy(asc(expos.createdAt)).limit(1);
  if (!expo) return null;
  const zoneRows = await db
    .select({ zone: zones })
    .from(zones)
    .innerJoin(halls, eq(zones.hallId, halls.id))
    .where(eq(halls.expoId, expo.id))
    .orderBy(asc(halls.sort), asc(zones.sort));
  const [stats] = await db
    .select({
      booths: count(booths.id),
      organisations: countDistinct(booths.organisationId),
      countries: countDistinct(organisations.country),
    })
    .from(booths)
    .innerJoin(organisations, eq(booths.organisationId, organisations.id))
    .where(and(eq(booths.expoId, expo.id), eq(booths.status, 'published')));
  return {
    id: expo.id,
    slug: expo.slug,
    name: expo.name,
    tagline: expo.tagline,
    venue: expo.venue,
    startsAt: expo.startsAt.toISOString(),
    endsAt: expo.endsAt.toISOString(),
    timeZone: expo.timeZone,
    zones: zoneRows.map(({ zone }) => ({
      id: zone.id,
      slug: zone.slug,
      kind: zone.kind,
      name: zone.name,
      description: zone.description,
      color: zone.color,
      sort: zone.sort,
    })),
    stats: { booths: stats?.booths ?? 0, organisations: stats?.organisations ?? 0, countries: stats?.countries ?? 0 },
  };
}

export const summaryColumns = { booth: booths, org: organisations } as const;

export function toSummary(row: {
  booth: typeof booths.$inferSelect;
  org: typeof organisations.$inferSelect;
}): BoothSummary {
  const { booth, org } = row;
  return {
    id: booth.id,
    slug: booth.slug,
    zoneId: booth.zoneId,
    position: booth.position,
    size: booth.size,
    template: booth.template,
    brandColor: booth.brandColor,
    name: booth.name,
    tagline: booth.tagline,
    tags: booth.tags,
    logoUrl: booth.logoUrl,
    organisation: {
      id: org.id,
      name: org.name,
      country: org.country,
      city: org.city,
      kind: org.kind,
      website: org.website,
    },
  };
}

/** Published booths of the expo, in zone and plot order. */
export async function listPublishedBooths(db: Db, expoId: string): Promise<BoothSummary[]> {
  const rows = await db
    .select(summaryColumns)
    .from(booths)
    .innerJoin(organisations, eq(booths.organisationId, organisations.id))
    .where(and(eq(booths.expoId, expoId), eq(booths.status, 'published')))
    .orderBy(asc(booths.zoneId), asc(booths.position));
  return rows.map(toSummary);
}

const publishedWithSlug = (slug: string) => and(eq(booths.slug, slug), eq(booths.status, 'published'));

/** The id of the published booth with this slug; null when absent or unpublished. */
export async function publishedBoothId(db: Db, slug: string): Promise<string | null> {
  const [row] = await db.select({ id: booths.id }).from(booths).where(publishedWithSlug(slug)).limit(1);
  return row?.id ?? null;
}

/** One published booth by slug, with its content and staff; null when absent or unpublished. */
export async function getPublishedBooth(db: Db, slug: string): Promise<BoothDetail | null> {
  const [row] = await db
    .select(summaryColumns)
    .from(booths)
    .innerJoin(organisations, eq(booths.organisationId, organisations.id))
    .where(publishedWithSlug(slug))
    .limit(1);
  if (!row) return null;
  const [content, staff] = await Promise.all([
    db.select().from(boothContent).where(eq(boothContent.boothId, row.booth.id)).orderBy(asc(boothContent.sort)),
    db
      .select({ account: accounts })
      .from(boothStaff)
      .innerJoin(accounts, eq(boothStaff.accountId, accounts.id))
      .where(eq(boothStaff.boothId, row.booth.id))
      .orderBy(asc(boothStaff.sort)),
  ]);
  return {
    ...toSummary(row),
    description: row.booth.description,
    needs: row.booth.needs,
    offers: row.booth.offers,
    content: content.map((c) => ({ id: c.id, kind: c.kind, title: c.title, url: c.url, previewUrl: c.previewUrl })),
    staff: staff.map(({ account }) => ({
      id: account.id,
      displayName: account.displayName,
      jobTitle: account.jobTitle,
      languages: account.languages,
    })),
  };
}
