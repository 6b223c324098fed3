/**
 * Demo meeting times: every exhibitor staff member takes 30-minute meetings (10 minutes' buffer) on each expo day,
 * between 08:00 and 20:00 of their own zone where that falls inside the organiser's meeting hours. So a delegate in
 * Berlin sees Tokyo staff in the Berlin morning and Berlin staff in the Berlin day, each in their own zone.
 */
import { asc, eq, isNotNull } from 'drizzle-orm';
import { meetingDayOf } from '../../shared/meeting-slots';
import { addDays, localParts, zonedToInstant } from '../../shared/time-zones';
import type { Db } from '../db/database';
import { accounts, availabilitySlots, boothStaff, expos, meetingPolicies } from '../db/schema';
import { defaultMeetingPolicy } from '../meetings/meeting-policy';

const LOCAL_FROM = 8 * 60;
const LOCAL_TO = 20 * 60;

export async function seedDemoAvailability(db: Db): Promise<number> {
  const [expo] = await db.select().from(expos).orderBy(asc(expos.createdAt)).limit(1);
  if (!expo) return 0;
  const policy = defaultMeetingPolicy(expo);
  await db.insert(meetingPolicies).values(policy).onConflictDoNothing();
  const hours = {
    timeZone: expo.timeZone,
    dayStartMinute: policy.dayStartMinute,
    dayEndMinute: policy.dayEndMinute,
    opensAt: policy.opensAt.getTime(),
    closesAt: policy.closesAt.getTime(),
  };
  // The organiser's meeting hours on each expo day, as instants.
  const days: { startsAt: number; endsAt: number }[] = [];
  for (let t = hours.opensAt; t < hours.closesAt; t += 86_400_000) days.push(meetingDayOf(t + 3_600_000, hours));

  const staff = await db
    .select({ accountId: boothStaff.accountId, boothId: boothStaff.boothId, timeZone: accounts.timeZone })
    .from(boothStaff)
    .innerJoin(accounts, eq(boothStaff.accountId, accounts.id))
    .where(isNotNull(accounts.timeZone));
  const rows: (typeof availabilitySlots.$inferInsert)[] = [];
  for (const s of staff) {
    const tz = s.timeZone!;
    for (const day of days) {
      // The staff member's local days that touch this meeting day.
      const first = localParts(day.startsAt, tz);
      for (const offset of [-1, 0, 1]) {
        const d = addDays(first, offset);
        const from = zonedToInstant({ ...d, hour: LOCAL_FROM / 60, minute: 0 }, tz);
        const to = zonedToInstant({ ...d, hour: LOCAL_TO / 60, minute: 0 }, tz);
        const startsAt = Math.max(from, day.startsAt);
        const endsAt = Math.min(to, day.endsAt);
        if (endsAt - startsAt >= 60 * 60_000) {
          rows.push({
            accountId: s.accountId,
            boothId: s.boothId,
            startsAt: new Date(startsAt),
            endsAt: new Date(endsAt),
            slotMinutes: 30,
            bufferMinutes: 10,
          });
        }
      }
    }
  }
  if (rows.length > 0) await db.insert(availabilitySlots).values(rows);
  return rows.length;
}
