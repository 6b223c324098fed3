/**
 * The organiser's meeting rules: the meeting period, the daily hours and who may book whom. Free slots, bookings,
 * invitations and reschedules are all checked against them, so they are read here once for every one of those.
 * The row is created from the expo's dates on first use (meeting-policy.ts), so an expo always has rules.
 */
import { asc, eq } from 'drizzle-orm';
import { ErrorCode } from '../../shared/errors';
import type { MeetingHours } from '../../shared/meeting-slots';
import type { MeetingHoursBody, MeetingHoursView } from '../../shared/meetings';
import { formatClock, parseClock } from '../../shared/time-zones';
import type { Db } from '../db/database';
import { expos, meetingPolicies } from '../db/schema';
import { DomainError } from '../errors';
import { assertOrganiser, type BookingPolicy, requireAccount } from './meeting-access';
import { defaultMeetingPolicy } from './meeting-policy';

export type Policy = MeetingHours & BookingPolicy & { expoId: string };

export class MeetingRules {
  constructor(private readonly deps: { db: Db }) {}

  private get db() {
    return this.deps.db;
  }

  /** The organiser's meeting rules; created from the expo's dates on first use. */
  async policy(): Promise<Policy> {
    const [expo] = await this.db.select().from(expos).orderBy(asc(expos.createdAt)).limit(1);
    if (!expo) throw new DomainError(ErrorCode.NOT_FOUND, 'There is no expo yet.');
    let [row] = await this.db.select().from(meetingPolicies).where(eq(meetingPolicies.expoId, expo.id));
    if (!row) {
      await this.db.insert(meetingPolicies).values(defaultMeetingPolicy(expo)).onConflictDoNothing();
      [row] = await this.db.select().from(meetingPolicies).where(eq(meetingPolicies.expoId, expo.id));
    }
    return {
      expoId: expo.id,
      timeZone: expo.timeZone,
      dayStartMinute: row!.dayStartMinute,
      dayEndMinute: row!.dayEndMinute,
      opensAt: row!.opensAt.getTime(),
      closesAt: row!.closesAt.getTime(),
      visitorsMayBook: row!.visitorsMayBook,
      exhibitorsMayInvite: row!.exhibitorsMayInvite,
    };
  }

  async hoursView(): Promise<MeetingHoursView> {
    const p = await this.policy();
    return {
      timeZone: p.timeZone,
      dayStart: formatClock(p.dayStartMinute),
      dayEnd: formatClock(p.dayEndMinute),
      opensAt: new Date(p.opensAt).toISOString(),
      closesAt: new Date(p.closesAt).toISOString(),
      visitorsMayBook: p.visitorsMayBook,
      exhibitorsMayInvite: p.exhibitorsMayInvite,
    };
  }

  /** Organisers set the meeting period, daily hours and who may book whom. */
  async setHours(actorId: string | null, body: MeetingHoursBody): Promise<MeetingHoursView> {
    await assertOrganiser(this.db, requireAccount(actorId));
    const policy = await this.policy();
    await this.db
      .update(meetingPolicies)
      .set({
        opensAt: new Date(body.opensAt),
        closesAt: new Date(body.closesAt),
        dayStartMinute: parseClock(body.dayStart),
        dayEndMinute: parseClock(body.dayEnd),
        visitorsMayBook: body.visitorsMayBook,
        exhibitorsMayInvite: body.exhibitorsMayInvite,
      })
      .where(eq(meetingPolicies.expoId, policy.expoId));
    return this.hoursView();
  }
}
