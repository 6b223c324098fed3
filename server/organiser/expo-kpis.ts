/**
 * The organiser's figures, computed from the tables as they are (no separate counters that could drift): a few
 * aggregate queries, cheap enough for a console that is opened, not polled.
 */
import { and, count, countDistinct, eq, gt, inArray, isNull, ne, sql } from 'drizzle-orm';
import type { KpiView } from '../../shared/organiser';
import type { Db } from '../db/database';
import {
  accounts,
  boothStaff,
  booths,
  chatMessages,
  meetingAttendance,
  meetings,
  organisations,
  talkRequests,
} from '../db/schema';

const AGREED = ['booked', 'held'] as const;

export async function readKpis(db: Db, now: number): Promise<KpiView> {
  const visitor = eq(accounts.role, 'visitor');
  const byCountry = await db
    .select({ country: accounts.country, count: count() })
    .from(accounts)
    .where(visitor)
    .groupBy(accounts.country);
  const [guests] = await db
    .select({ n: count() })
    .from(accounts)
    .where(and(visitor, isNull(accounts.email)));
  const total = byCountry.reduce((sum, c) => sum + c.count, 0);

  const [orgs] = await db.select({ n: count() }).from(organisations);
  const boothStates = await db.select({ status: booths.status, n: count() }).from(booths).groupBy(booths.status);
  const [staff] = await db.select({ n: countDistinct(boothStaff.accountId) }).from(boothStaff);

  const statuses = await db.select({ status: meetings.status, n: count() }).from(meetings).groupBy(meetings.status);
  const byStatus = (...wanted: string[]) =>
    statuses.filter((s) => wanted.includes(s.status)).reduce((sum, s) => sum + s.n, 0);
  const agreed = inArray(meetings.status, [...AGREED]);
  const [upcoming] = await db
    .select({ n: count() })
    .from(meetings)
    .where(and(agreed, gt(meetings.startsAt, new Date(now))));
  // Held: both people of an agreed meeting entered its call.
  const [held] = await db
    .select({ n: count() })
    .from(meetings)
    .where(
      and(
        agreed,
        sql`(select count(*) from ${meetingAttendance} where ${meetingAttendance.meetingId} = ${meetings.id}) >= 2`,
      ),
    );
  const [talkNow] = await db.select({ n: count() }).from(talkRequests).where(eq(talkRequests.status, 'accepted'));
  const [matches] = await db
    .select({ n: sql<number>`count(distinct (${meetings.guestId}, ${booths.organisationId}))`.mapWith(Number) })
    .from(meetings)
    .innerJoin(booths, eq(meetings.boothId, booths.id))
    .where(agreed);
  const [messages] = await db.select({ n: count() }).from(chatMessages).where(ne(chatMessages.deleted, true));

  return {
    generatedAt: new Date(now).toISOString(),
    participants: {
      total,
      registered: total - (guests?.n ?? 0),
      guests: guests?.n ?? 0,
      countries: byCountry.filter((c) => c.country).length,
      byCountry: byCountry
        .map((c) => ({ country: c.country ?? '', count: c.count }))
        .sort((a, b) => b.count - a.count || a.country.localeCompare(b.country)),
    },
    exhibitors: {
      organisations: orgs?.n ?? 0,
      publishedBooths: boothStates.find((b) => b.status === 'published')?.n ?? 0,
      draftBooths: boothStates.find((b) => b.status === 'draft')?.n ?? 0,
      staff: staff?.n ?? 0,
    },
    meetings: {
      agreed: byStatus(...AGREED),
      upcoming: upcoming?.n ?? 0,
      held: held?.n ?? 0,
      cancelled: byStatus('cancelled'),
      declined: byStatus('declined'),
      talkNow: talkNow?.n ?? 0,
    },
    matches: matches?.n ?? 0,
    chatMessages: messages?.n ?? 0,
  };
}
