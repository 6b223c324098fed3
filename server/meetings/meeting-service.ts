/**
 * Meetings as a plain module: availability, free slots, booking, cancel, reschedule, decline, invitations and
 * call access. No Express or Socket.IO here; the adapters (http/routes/meeting-routes.ts,
 * realtime/meeting-socket.ts) call it, and it tells listeners about changes.
 *
 * Booking is atomic in the database: a meeting's holds are inserted in one transaction and an EXCLUDE constraint
 * refuses a hold that overlaps another of the same person. There is no check-then-write; the loser of a race gets
 * CONFLICT "just taken".
 */
import { and, asc, eq, gt, inArray, or } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { ErrorCode } from '../../shared/errors';
import {
  type AvailabilityWindow,
  findFreeSlot,
  freeSlots,
  type Interval,
  type MeetingHours,
  overlaps,
} from '../../shared/meeting-slots';
import {
  type AvailabilityView,
  type BookBody,
  type BoothSlotsView,
  type CallAccessView,
  type InviteBody,
  type MeetingHoursBody,
  type MeetingHoursView,
  type MeetingView,
  type PublishAvailabilityBody,
  type RescheduleBody,
  SlotView,
} from '../../shared/meetings';
import { addDays, formatClock, parseClock, parseLocalDate, zonedToInstant } from '../../shared/time-zones';
import type { Db } from '../db/database';
import {
  accounts,
  availabilitySlots,
  boothStaff,
  booths,
  expos,
  meetingAttendance,
  meetingHolds,
  meetingPolicies,
  meetings,
} from '../db/schema';
import { DomainError } from '../errors';
import type { Logger } from '../log';
import type { LiveKitConfig } from '../video/livekit-tokens';
import { mintCallToken } from '../video/livekit-tokens';
import type { InvitationMailer } from './invitation-mailer';
import { InvitationRecords } from './invitation-records';
import {
  assertMayBook,
  assertMayDecline,
  assertMayInvite,
  assertMayJoinCall,
  assertMayPublishAvailability,
  assertMayRespond,
  assertOrganiser,
  assertStillBooked,
  type BookingPolicy,
  participantRole,
  requireAccount,
} from './meeting-access';
import { defaultMeetingPolicy } from './meeting-policy';

export interface MeetingServiceDeps {
  db: Db;
  log: Logger;
  now: () => number;
  livekit: LiveKitConfig | undefined;
  iceServers: { urls: string | string[]; username?: string; credential?: string }[];
  /** Where the app is reached, for links in invitations. */
  publicUrl: string | undefined;
  mailer: InvitationMailer | undefined;
}

export interface MeetingChange {
  meetingId: string;
  status: MeetingView['status'];
  sequence: number;
  accountIds: string[];
}

export type Policy = MeetingHours & BookingPolicy & { expoId: string };

/** PostgreSQL's exclusion_violation: an overlapping hold exists. */
const EXCLUSION_VIOLATION = '23P01';

export const JUST_TAKEN = 'That slot was just taken. Please pick another time.';

function isExclusionViolation(err: unknown): boolean {
  for (let e: unknown = err; e; e = (e as { cause?: unknown }).cause) {
    if ((e as { code?: unknown }).code === EXCLUSION_VIOLATION) return true;
  }
  return false;
}

const MINUTE = 60_000;
const host = alias(accounts, 'host');
const guest = alias(accounts, 'guest');

export class MeetingService {
  private readonly listeners = new Set<(change: MeetingChange) => void>();
  private readonly invitations: InvitationRecords;

  constructor(private readonly deps: MeetingServiceDeps) {
    this.invitations = new InvitationRecords(deps);
  }

  private get db() {
    return this.deps.db;
  }

  /** Listens for booked, moved, cancelled and declined meetings; returns an unsubscribe function. */
  onChange(listener: (change: MeetingChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Waits for invitation mails still being sent (on shutdown). */
  async drain(): Promise<void> {
    await this.invitations.drain();
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

  /**
   * Replaces a staff member's windows at a booth. Windows are given as local dates and times in the staff
   * member's zone and stored as instants.
   */
  async publishAvailability(actorId: string | null, body: PublishAvailabilityBody): Promise<AvailabilityView> {
    const accountId = requireAccount(actorId);
    await assertMayPublishAvailability(this.db, accountId, body.boothId);
    const policy = await this.policy();
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
      timeZone: (await this.timeZoneOf(accountId)) ?? (await this.policy()).timeZone,
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

  /** A booth's staff with their free slots (the viewer's own meetings taken out when signed in). */
  async boothSlots(boothId: string, viewerId: string | null): Promise<BoothSlotsView> {
    const [booth] = await this.db
      .select({ id: booths.id })
      .from(booths)
      .where(and(eq(booths.id, boothId), eq(booths.status, 'published')));
    if (!booth) throw new DomainError(ErrorCode.NOT_FOUND, 'No such booth.');
    const policy = await this.policy();
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
    const result: BoothSlotsView = { boothId, hours: await this.hoursView(), staff: [] };
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
    const policy = await this.policy();
    const now = this.deps.now();
    const windows = await this.windowsOf(accountId, boothId, now);
    const slots = freeSlots({ windows, hours: policy, busy: await this.holdsOf([accountId], now), now });
    return slots.map((s) => SlotView.parse({ startsAt: iso(s.startsAt), endsAt: iso(s.endsAt) }));
  }

  /** The host's offered slot matching `wanted` exactly, or INVALID_PAYLOAD with `refusal`. Free-ness is not checked. */
  private async offeredSlot(
    hostId: string,
    boothId: string,
    wanted: { startsAt: string; endsAt: string },
    policy: Awaited<ReturnType<MeetingService['policy']>>,
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
    const policy = await this.policy();
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
    return this.afterChange(meetingId, guestId);
  }

  /** Refuses a meeting the organiser's rules do not allow between these two (as for booking). */
  async assertMayMeet(guestId: string, with_: { hostId: string; boothId: string }): Promise<void> {
    await assertMayBook(this.db, guestId, with_, await this.policy());
  }

  /**
   * An ad-hoc meeting that starts now ("Talk now" accepted by `hostId`): no availability window is needed, but
   * the booking rules and the no-double-booking constraint hold as for any booking.
   */
  async startNow(input: { hostId: string; guestId: string; boothId: string; minutes: number }): Promise<MeetingView> {
    const policy = await this.policy();
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
    return this.afterChange(meetingId, input.hostId);
  }

  /**
   * Staff invite someone to one of their own offered slots. Only the host's time is held (atomically, as for a
   * booking); the invitee's is held when they accept.
   */
  async invite(actorId: string | null, body: InviteBody): Promise<MeetingView> {
    const hostId = requireAccount(actorId);
    const inviteeId = await this.inviteeOf(body.invitee);
    const policy = await this.policy();
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
    return this.afterChange(meetingId, hostId);
  }

  /** The invitee accepts (their time is held now; CONFLICT if they have another meeting then) or declines. */
  async respond(actorId: string | null, meetingId: string, accept: boolean, message?: string): Promise<MeetingView> {
    const accountId = requireAccount(actorId);
    const meeting = await this.row(meetingId);
    assertMayRespond(meeting, accountId);
    if (!accept) {
      await this.end(meeting, 'declined', message ?? null, 'invited');
      return this.afterChange(meetingId, accountId);
    }
    try {
      await this.db.transaction(async (tx) => {
        const updated = await tx
          .update(meetings)
          .set({ status: 'booked', sequence: meeting.sequence + 1 })
          .where(and(eq(meetings.id, meetingId), eq(meetings.status, 'invited')))
          .returning({ id: meetings.id });
        if (updated.length === 0) throw new DomainError(ErrorCode.CONFLICT, 'This invitation changed meanwhile.');
        await tx.insert(meetingHolds).values({
          meetingId,
          accountId,
          startsAt: meeting.startsAt,
          endsAt: meeting.endsAt,
        });
      });
    } catch (err) {
      if (isExclusionViolation(err)) {
        throw new DomainError(ErrorCode.CONFLICT, 'You already have a meeting at that time.');
      }
      throw err;
    }
    return this.afterChange(meetingId, accountId);
  }

  async cancel(actorId: string | null, meetingId: string, message?: string): Promise<MeetingView> {
    const accountId = requireAccount(actorId);
    const meeting = await this.row(meetingId);
    participantRole(meeting, accountId);
    if (meeting.status !== 'invited') assertStillBooked(meeting);
    await this.end(meeting, 'cancelled', message ?? null, meeting.status === 'invited' ? 'invited' : 'booked');
    return this.afterChange(meetingId, accountId);
  }

  /** The host declines, with a message the guest sees. */
  async decline(actorId: string | null, meetingId: string, message: string): Promise<MeetingView> {
    const accountId = requireAccount(actorId);
    const meeting = await this.row(meetingId);
    assertMayDecline(meeting, accountId);
    await this.end(meeting, 'declined', message);
    return this.afterChange(meetingId, accountId);
  }

  /** Moves a meeting to another of the host's slots; SEQUENCE goes up so calendars update the invitation. */
  async reschedule(actorId: string | null, meetingId: string, body: RescheduleBody): Promise<MeetingView> {
    const accountId = requireAccount(actorId);
    const meeting = await this.row(meetingId);
    participantRole(meeting, accountId);
    assertStillBooked(meeting);
    const policy = await this.policy();
    const slot = await this.offeredSlot(
      meeting.hostId,
      meeting.boothId,
      body,
      policy,
      'That time is not one of the offered slots.',
    );
    try {
      await this.db.transaction(async (tx) => {
        const updated = await tx
          .update(meetings)
          .set({
            startsAt: new Date(slot.startsAt),
            endsAt: new Date(slot.endsAt),
            sequence: meeting.sequence + 1,
            lastReminder: null,
          })
          .where(
            and(eq(meetings.id, meetingId), eq(meetings.sequence, meeting.sequence), eq(meetings.status, 'booked')),
          )
          .returning({ id: meetings.id });
        if (updated.length === 0)
          throw new DomainError(ErrorCode.CONFLICT, 'This meeting changed meanwhile; reload it.');
        await tx
          .update(meetingHolds)
          .set({ startsAt: new Date(slot.startsAt), endsAt: new Date(slot.endsAt + slot.bufferMinutes * MINUTE) })
          .where(and(eq(meetingHolds.meetingId, meetingId), eq(meetingHolds.accountId, meeting.hostId)));
        await tx
          .update(meetingHolds)
          .set({ startsAt: new Date(slot.startsAt), endsAt: new Date(slot.endsAt) })
          .where(and(eq(meetingHolds.meetingId, meetingId), eq(meetingHolds.accountId, meeting.guestId)));
      });
    } catch (err) {
      if (isExclusionViolation(err)) throw new DomainError(ErrorCode.CONFLICT, JUST_TAKEN);
      throw err;
    }
    return this.afterChange(meetingId, accountId);
  }

  /** The caller's meetings, earliest first. */
  async myMeetings(actorId: string | null): Promise<MeetingView[]> {
    const accountId = requireAccount(actorId);
    return this.views(or(eq(meetings.hostId, accountId), eq(meetings.guestId, accountId))!, accountId);
  }

  async meeting(actorId: string | null, meetingId: string): Promise<MeetingView> {
    const accountId = requireAccount(actorId);
    participantRole(await this.row(meetingId), accountId);
    const [view] = await this.views(eq(meetings.id, meetingId), accountId);
    return view!;
  }

  /** The meeting's invitation as it stands now (REQUEST, or CANCEL once cancelled or declined). */
  async invitation(actorId: string | null, meetingId: string): Promise<string> {
    const view = await this.meeting(actorId, meetingId);
    return this.invitations.icsOf(view);
  }

  /** How the caller enters the call: a LiveKit token when LiveKit is configured, otherwise peer-to-peer. */
  async callAccess(actorId: string | null, meetingId: string): Promise<CallAccessView> {
    const accountId = requireAccount(actorId);
    const meeting = await this.row(meetingId);
    assertMayJoinCall(meeting, accountId, this.deps.now());
    await this.db
      .insert(meetingAttendance)
      .values({ meetingId, accountId, firstJoinedAt: new Date(this.deps.now()) })
      .onConflictDoNothing();
    if (!this.deps.livekit) return { mode: 'p2p', room: meetingId, iceServers: this.deps.iceServers };
    const [me] = await this.db.select({ name: accounts.displayName }).from(accounts).where(eq(accounts.id, accountId));
    const token = await mintCallToken(this.deps.livekit, {
      room: meetingId,
      identity: accountId,
      name: me?.name ?? '',
      endsAt: meeting.endsAt,
      now: this.deps.now(),
    });
    return { mode: 'livekit', url: this.deps.livekit.url, token, room: meetingId };
  }

  /** For the signalling adapter: refuses anyone who may not be in the call now; returns their display name. */
  async assertInCall(accountId: string | null, meetingId: string): Promise<string> {
    const meeting = await this.row(meetingId);
    assertMayJoinCall(meeting, accountId, this.deps.now());
    const [me] = await this.db.select({ name: accounts.displayName }).from(accounts).where(eq(accounts.id, accountId!));
    return me?.name ?? '';
  }

  // ——— internals ———

  /** After a change: store (and mail) both invitations, tell listeners, return the caller's view. */
  private async afterChange(meetingId: string, viewerId: string): Promise<MeetingView> {
    const [view] = await this.views(eq(meetings.id, meetingId), viewerId);
    const v = view!;
    await this.invitations.record(v);
    const change: MeetingChange = {
      meetingId,
      status: v.status,
      sequence: v.sequence,
      accountIds: [v.host.id, v.guest.id],
    };
    for (const listener of this.listeners) listener(change);
    return v;
  }

  private async row(meetingId: string) {
    const [meeting] = await this.db.select().from(meetings).where(eq(meetings.id, meetingId));
    if (!meeting) throw new DomainError(ErrorCode.NOT_FOUND, 'No such meeting among yours.');
    return meeting;
  }

  private async end(
    meeting: typeof meetings.$inferSelect,
    status: 'cancelled' | 'declined',
    message: string | null,
    from: 'booked' | 'invited' = 'booked',
  ) {
    await this.db.transaction(async (tx) => {
      const updated = await tx
        .update(meetings)
        .set({ status, message, sequence: meeting.sequence + 1 })
        .where(and(eq(meetings.id, meeting.id), eq(meetings.status, from)))
        .returning({ id: meetings.id });
      if (updated.length === 0) throw new DomainError(ErrorCode.CONFLICT, 'This meeting changed meanwhile; reload it.');
      await tx.update(meetingHolds).set({ active: false }).where(eq(meetingHolds.meetingId, meeting.id));
    });
  }

  /** The invited account, by id or by an account's email. */
  private async inviteeOf(invitee: InviteBody['invitee']): Promise<string> {
    const where =
      'accountId' in invitee ? eq(accounts.id, invitee.accountId) : eq(accounts.email, invitee.email.toLowerCase());
    const [row] = await this.db.select({ id: accounts.id }).from(accounts).where(where);
    if (!row) throw new DomainError(ErrorCode.NOT_FOUND, 'There is no account with that id or email.');
    return row.id;
  }

  private async timeZoneOf(accountId: string): Promise<string | null> {
    const [row] = await this.db.select({ tz: accounts.timeZone }).from(accounts).where(eq(accounts.id, accountId));
    return row?.tz ?? null;
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

  private async views(where: ReturnType<typeof eq>, viewerId: string): Promise<MeetingView[]> {
    const rows = await this.db
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
