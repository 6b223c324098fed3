/**
 * A booth's staff publish when they take meetings: windows given in their own zone's dates and clock times,
 * stored as instants so delegates in other zones see the same moments. Publishing replaces the person's windows at
 * that booth in one transaction. Free slots are cut from these windows by booking (meeting-booking.ts).
 */
import { and, asc, eq } from 'drizzle-orm';
import { ErrorCode } from '../../shared/errors';
import { overlaps } from '../../shared/meeting-slots';
import type { AvailabilityView, PublishAvailabilityBody } from '../../shared/meetings';
import { addDays, parseClock, parseLocalDate, zonedToInstant } from '../../shared/time-zones';
import type { Db } from '../db/database';
import { accounts, availabilitySlots, boothStaff, booths } from '../db/schema';
import { DomainError } from '../errors';
import { assertMayPublishAvailability, requireAccount } from './meeting-access';
import type { MeetingRules } from './meeting-rules';

export interface StaffAvailabilityDeps {
  db: Db;
  rules: MeetingRules;
}

export class StaffAvailability {
  constructor(private readonly deps: StaffAvailabilityDeps) {}

  private get db() {
    return this.deps.db;
  }

  /**
   * Replaces a staff member's windows at a booth. Windows are given as local dates and times in the staff
   * member's zone and stored as instants.
   */
  async publishAvailability(actorId: string | null, body: PublishAvailabilityBody): Promise<AvailabilityView> {
    const accountId = requireAccount(actorId);
    await assertMayPublishAvailability(this.db, accountId, body.boothId);
    const policy = await this.deps.rules.policy();
    const timeZone = body.timeZone ?? (await this.timeZoneOf(accountId)) ?? policy.timeZone;
    const windows = body.windows.map((w) => {
      const date = parseLocalDate(w.date);
      const at = (clock: string) => {
        const minutes = parseClock(clock);
        const day = minutes >= 1440 ? addDays(date, 1) : date;
        const m = minutes % 1440;
        return zonedToInstant({ ...day, hour: Math.floor(m / 60), minute: m % 60 }, timeZone);
      };
      return { startsAt: at(w.from), endsAt: at(w.to) };
    });
    for (const [i, w] of windows.entries()) {
      if (w.startsAt < policy.opensAt || w.endsAt > policy.closesAt) {
        throw new DomainError(ErrorCode.INVALID_PAYLOAD, `Window ${i + 1} is outside the expo's meeting days.`);
      }
      if (windows.some((o, j) => j !== i && overlaps(o, w))) {
        throw new DomainError(ErrorCode.INVALID_PAYLOAD, `Window ${i + 1} overlaps another window.`);
      }
    }
    await this.db.transaction(async (tx) => {
      await tx
        .delete(availabilitySlots)
        .where(and(eq(availabilitySlots.accountId, accountId), eq(availabilitySlots.boothId, body.boothId)));
      if (windows.length > 0) {
        await tx.insert(availabilitySlots).values(
          windows.map((w) => ({
            accountId,
            boothId: body.boothId,
            startsAt: new Date(w.startsAt),
            endsAt: new Date(w.endsAt),
            slotMinutes: body.slotMinutes,
            bufferMinutes: body.bufferMinutes,
          })),
        );
      }
    });
    return this.availabilityOf(accountId);
  }

  async availabilityOf(actorId: string | null): Promise<AvailabilityView> {
    const accountId = requireAccount(actorId);
    const rows = await this.db
      .select()
      .from(availabilitySlots)
      .where(eq(availabilitySlots.accountId, accountId))
      .orderBy(asc(availabilitySlots.startsAt));
    const staffOf = await this.db
      .select({ id: booths.id, slug: booths.slug, name: booths.name })
      .from(boothStaff)
      .innerJoin(booths, eq(boothStaff.boothId, booths.id))
      .where(eq(boothStaff.accountId, accountId))
      .orderBy(asc(booths.slug));
    return {
      timeZone: (await this.timeZoneOf(accountId)) ?? (await this.deps.rules.policy()).timeZone,
      booths: staffOf,
      windows: rows.map((r) => ({
        id: r.id,
        boothId: r.boothId,
        startsAt: r.startsAt.toISOString(),
        endsAt: r.endsAt.toISOString(),
        slotMinutes: r.slotMinutes,
        bufferMinutes: r.bufferMinutes,
      })),
    };
  }

  private async timeZoneOf(accountId: string): Promise<string | null> {
    const [row] = await this.db.select({ tz: accounts.timeZone }).from(accounts).where(eq(accounts.id, accountId));
    return row?.tz ?? null;
  }
}
