/**
 * Reading meetings: one row by id (NOT_FOUND in the same words as a meeting that is not the caller's, so ids do
 * not leak meetings), and meetings as a participant sees them, with the booth and both people joined in. The
 * agenda, changes, calls and every change notice read through here, so a meeting looks the same wherever it shows.
 */
import { asc, eq } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { ErrorCode } from '../../shared/errors';
import type { MeetingView } from '../../shared/meetings';
import type { Db } from '../db/database';
import { accounts, booths, meetings } from '../db/schema';
import { DomainError } from '../errors';

export type MeetingRow = typeof meetings.$inferSelect;

const host = alias(accounts, 'host');
const guest = alias(accounts, 'guest');

export async function meetingRow(db: Db, meetingId: string): Promise<MeetingRow> {
  const [meeting] = await db.select().from(meetings).where(eq(meetings.id, meetingId));
  if (!meeting) throw new DomainError(ErrorCode.NOT_FOUND, 'No such meeting among yours.');
  return meeting;
}

/** The meetings matching `where`, earliest first, each from `viewerId`'s side. */
export async function meetingViews(db: Db, where: ReturnType<typeof eq>, viewerId: string): Promise<MeetingView[]> {
  const rows = await db
    .select({ meeting: meetings, booth: { slug: booths.slug, name: booths.name }, host, guest })
    .from(meetings)
    .innerJoin(booths, eq(meetings.boothId, booths.id))
    .innerJoin(host, eq(meetings.hostId, host.id))
    .innerJoin(guest, eq(meetings.guestId, guest.id))
    .where(where)
    .orderBy(asc(meetings.startsAt));
  return rows.map(({ meeting: m, booth, host: h, guest: g }) => ({
    id: m.id,
    boothId: m.boothId,
    boothSlug: booth.slug,
    boothName: booth.name,
    host: { id: h.id, displayName: h.displayName, timeZone: h.timeZone },
    guest: { id: g.id, displayName: g.displayName, timeZone: g.timeZone },
    startsAt: m.startsAt.toISOString(),
    endsAt: m.endsAt.toISOString(),
    status: m.status,
    agenda: m.agenda,
    sequence: m.sequence,
    message: m.message,
    myRole: m.hostId === viewerId ? 'host' : 'guest',
  }));
}
