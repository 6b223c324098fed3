/**
 * Booking: a booth's free slots, and the three ways a meeting row is made — a delegate books a slot, staff invite
 * someone to one of their own slots, or "Talk now" starts one at once. Each holds the people's time in
 * meeting_holds; what happens to a meeting afterwards is in meeting-changes.ts.
 *
 * Booking is atomic in the database: a meeting's holds are inserted in one transaction and an EXCLUDE constraint
 * refuses a hold that overlaps another of the same person. There is no check-then-write; the loser of a race gets
 * CONFLICT "just taken".
 */
import { and, asc, eq, gt, inArray } from 'drizzle-orm';
import { ErrorCode } from '../../shared/errors';
import { type AvailabilityWindow, findFreeSlot, freeSlots, type Interval } from '../../shared/meeting-slots';
import { type BookBody, type BoothSlotsView, type InviteBody, type MeetingView, SlotView } from '../../shared/meetings';
import type { Db } from '../db/database';
import { accounts, availabilitySlots, boothStaff, booths, meetingHolds, meetings } from '../db/schema';
import { DomainError } from '../errors';
import { assertMayBook, assertMayInvite, assertMayPublishAvailability, requireAccount } from './meeting-access';
import type { MeetingRules, Policy } from './meeting-rules';

export interface MeetingBookingDeps {
  db: Db;
  now: () => number;
  rules: MeetingRules;
  /** Records and announces the new meeting; returns the viewer's view of it (MeetingService). */
  afterChange: (meetingId: string, viewerId: string) => Promise<MeetingView>;
}

/** PostgreSQL's exclusion_violation: an overlapping hold exists. */
const EXCLUSION_VIOLATION = '23P01';

export const JUST_TAKEN = 'That slot was just taken. Please pick another time.';

/** Whether `err` (or one of its causes) is the holds' EXCLUDE constraint refusing an overlap. */
export function isExclusionViolation(err: unknown): boolean {
  for (let e: unknown = err; e; e = (e as { cause?: unknown }).cause) {
    if ((e as { code?: unknown }).code === EXCLUSION_VIOLATION) return true;
  }
  return false;
}

const MINUTE = 60_000;

export class MeetingBooking {
  constructor(private readonly deps: MeetingBookingDeps) {}

  private get db() {
    return this.deps.db;
  }

  /** A booth's staff with their free slots (the viewer's own meetings taken out when signed in). */
  async boothSlots(boothId: string, viewerId: string | null): Promise<BoothSlotsView> {
    const [booth] = await this.db
      .select({ id: booths.id })
      .from(booths)
      .where(and(eq(booths.id, boothId), eq(booths.status, 'published')));
    if (!booth) throw new DomainError(ErrorCode.NOT_FOUND, 'No such booth.');
    const policy = await this.deps.rules.policy();
    const now = this.deps.now();
    const staff = await this.db
      .select({
        id: accounts.id,
        displayName: accounts.displayName,
        jobTitle: accounts.jobTitle,
        timeZone: accounts.timeZone,
      })
      .from(boothStaff)
      .innerJoin(accounts, eq(boothStaff.accountId, accounts.id))
      .where(eq(boothStaff.boothId, boothId))
      .orderBy(asc(boothStaff.sort));
    const viewerBusy = viewerId ? await this.holdsOf([viewerId], now) : [];
    const result: BoothSlotsView = { boothId, hours: await this.deps.rules.hoursView(), staff: [] };
    for (const person of staff) {
      if (person.id === viewerId) continue;
      const windows = await this.windowsOf(person.id, boothId, now);
      const busy = [...(await this.holdsOf([person.id], now)), ...viewerBusy];
      const slots = freeSlots({ windows, hours: policy, busy, now });
      result.staff.push({
        hostId: person.id,
        displayName: person.displayName,
        jobTitle: person.jobTitle,
        timeZone: person.timeZone ?? policy.timeZone,
        slots: slots.map((s) => SlotView.parse({ startsAt: iso(s.startsAt), endsAt: iso(s.endsAt) })),
      });
    }
    return result;
  }

  /** A staff member's own free slots at a booth (to invite someone to). */
  async ownSlots(actorId: string | null, boothId: string): Promise<SlotView[]> {
    const accountId = requireAccount(actorId);
    await assertMayPublishAvailability(this.db, accountId, boothId);
    const policy = await this.deps.rules.policy();
    const now = this.deps.now();
    const windows = await this.windowsOf(accountId, boothId, now);
    const slots = freeSlots({ windows, hours: policy, busy: await this.holdsOf([accountId], now), now });
    return slots.map((s) => SlotView.parse({ startsAt: iso(s.startsAt), endsAt: iso(s.endsAt) }));
  }

  /** The host's offered slot matching `wanted` exactly, or INVALID_PAYLOAD with `refusal`. Free-ness is not checked. */
  async offeredSlot(
    hostId: string,
    boothId: string,
    wanted: { startsAt: string; endsAt: string },
    policy: Policy,
    refusal: string,
  ) {
    const now = this.deps.now();
    const windows = await this.windowsOf(hostId, boothId, now);
    const interval = { startsAt: Date.parse(wanted.startsAt), endsAt: Date.parse(wanted.endsAt) };
    const slot = findFreeSlot({ windows, hours: policy, busy: [], now }, interval);
    if (!slot) throw new DomainError(ErrorCode.INVALID_PAYLOAD, refusal);
    return slot;
  }

  /** Books a slot. Exactly one of many simultaneous bookings of one slot succeeds; the rest get CONFLICT. */
  async book(actorId: string | null, body: BookBody): Promise<MeetingView> {
    const guestId = requireAccount(actorId);
    const policy = await this.deps.rules.policy();
    await assertMayBook(this.db, guestId, body, policy);
    // Whether the time is one the host offers; whether it is still free is the database's decision below.
    const slot = await this.offeredSlot(
      body.hostId,
      body.boothId,
      body,
      policy,
      'That time is not one of the offered slots.',
    );

    let meetingId: string;
    try {
      meetingId = await this.db.transaction(async (tx) => {
        const id = await insertWithHostHold(tx, slot, {
          boothId: body.boothId,
          hostId: body.hostId,
          guestId,
          agenda: body.agenda,
        });
        try {
          await tx.insert(meetingHolds).values({
            meetingId: id,
            accountId: guestId,
            startsAt: new Date(slot.startsAt),
            endsAt: new Date(slot.endsAt),
          });
        } catch (err) {
          if (isExclusionViolation(err)) {
            throw new DomainError(ErrorCode.CONFLICT, 'You already have a meeting at that time.');
          }
          throw err;
        }
        return id;
      });
    } catch (err) {
      if (isExclusionViolation(err)) throw new DomainError(ErrorCode.CONFLICT, JUST_TAKEN);
      throw err;
    }
    return this.deps.afterChange(meetingId, guestId);
  }

  /** Refuses a meeting the organiser's rules do not allow between these two (as for booking). */
  async assertMayMeet(guestId: string, with_: { hostId: string; boothId: string }): Promise<void> {
    await assertMayBook(this.db, guestId, with_, await this.deps.rules.policy());
  }

  /**
   * An ad-hoc meeting that starts now ("Talk now" accepted by `hostId`): no availability window is needed, but
   * the booking rules and the no-double-booking constraint hold as for any booking.
   */
  async startNow(input: { hostId: string; guestId: string; boothId: string; minutes: number }): Promise<MeetingView> {
    const policy = await this.deps.rules.policy();
    await assertMayBook(this.db, input.guestId, input, policy);
    const startsAt = new Date(this.deps.now());
    const endsAt = new Date(startsAt.getTime() + input.minutes * MINUTE);
    let meetingId: string;
    try {
      meetingId = await this.db.transaction(async (tx) => {
        const [row] = await tx
          .insert(meetings)
          .values({
            boothId: input.boothId,
            hostId: input.hostId,
            guestId: input.guestId,
            startsAt,
            endsAt,
            agenda: '',
          })
          .returning({ id: meetings.id });
        const id = row!.id;
        await tx.insert(meetingHolds).values([
          { meetingId: id, accountId: input.hostId, startsAt, endsAt },
          { meetingId: id, accountId: input.guestId, startsAt, endsAt },
        ]);
        return id;
      });
    } catch (err) {
      if (isExclusionViolation(err)) {
        throw new DomainError(ErrorCode.CONFLICT, 'One of you has another meeting right now.');
      }
      throw err;
    }
    return this.deps.afterChange(meetingId, input.hostId);
  }

  /**
   * Staff invite someone to one of their own offered slots. Only the host's time is held (atomically, as for a
   * booking); the invitee's is held when they accept.
   */
  async invite(actorId: string | null, body: InviteBody): Promise<MeetingView> {
    const hostId = requireAccount(actorId);
    const inviteeId = await this.inviteeOf(body.invitee);
    const policy = await this.deps.rules.policy();
    await assertMayInvite(this.db, hostId, { boothId: body.boothId, inviteeId }, policy);
    const slot = await this.offeredSlot(
      hostId,
      body.boothId,
      body,
      policy,
      'That time is not one of your offered slots.',
    );
    let meetingId: string;
    try {
      meetingId = await this.db.transaction(async (tx) => {
        return insertWithHostHold(tx, slot, {
          boothId: body.boothId,
          hostId,
          guestId: inviteeId,
          agenda: body.agenda,
          status: 'invited',
        });
      });
    } catch (err) {
      if (isExclusionViolation(err)) throw new DomainError(ErrorCode.CONFLICT, JUST_TAKEN);
      throw err;
    }
    return this.deps.afterChange(meetingId, hostId);
  }

  /** The invited account, by id or by an account's email. */
  private async inviteeOf(invitee: InviteBody['invitee']): Promise<string> {
    const where =
      'accountId' in invitee ? eq(accounts.id, invitee.accountId) : eq(accounts.email, invitee.email.toLowerCase());
    const [row] = await this.db.select({ id: accounts.id }).from(accounts).where(where);
    if (!row) throw new DomainError(ErrorCode.NOT_FOUND, 'There is no account with that id or email.');
    return row.id;
  }

  private async windowsOf(accountId: string, boothId: string, now: number): Promise<AvailabilityWindow[]> {
    const rows = await this.db
      .select()
      .from(availabilitySlots)
      .where(
        and(
          eq(availabilitySlots.accountId, accountId),
          eq(availabilitySlots.boothId, boothId),
          gt(availabilitySlots.endsAt, new Date(now)),
        ),
      );
    return rows.map((r) => ({
      startsAt: r.startsAt.getTime(),
      endsAt: r.endsAt.getTime(),
      slotMinutes: r.slotMinutes,
      bufferMinutes: r.bufferMinutes,
    }));
  }

  private async holdsOf(accountIds: string[], now: number): Promise<Interval[]> {
    const rows = await this.db
      .select({ startsAt: meetingHolds.startsAt, endsAt: meetingHolds.endsAt })
      .from(meetingHolds)
      .where(
        and(
          inArray(meetingHolds.accountId, accountIds),
          eq(meetingHolds.active, true),
          gt(meetingHolds.endsAt, new Date(now)),
        ),
      );
    return rows.map((r) => ({ startsAt: r.startsAt.getTime(), endsAt: r.endsAt.getTime() }));
  }
}

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * Inserts a meeting at `slot` and holds the host's time (the slot plus its buffer). The holds' EXCLUDE constraint
 * makes this fail with an exclusion violation when the host's time is already taken.
 */
async function insertWithHostHold(
  tx: Pick<Db, 'insert'>,
  slot: { startsAt: number; endsAt: number; bufferMinutes: number },
  values: { boothId: string; hostId: string; guestId: string; agenda: string; status?: 'invited' },
): Promise<string> {
  const [row] = await tx
    .insert(meetings)
    .values({ ...values, startsAt: new Date(slot.startsAt), endsAt: new Date(slot.endsAt) })
    .returning({ id: meetings.id });
  await tx.insert(meetingHolds).values({
    meetingId: row!.id,
    accountId: values.hostId,
    startsAt: new Date(slot.startsAt),
    endsAt: new Date(slot.endsAt + slot.bufferMinutes * MINUTE),
  });
  return row!.id;
}
