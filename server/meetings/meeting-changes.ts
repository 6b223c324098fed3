/**
 * What happens to a meeting once it is made: the invitee accepts or declines an invitation, either participant
 * cancels or moves it, the host declines it. Each is one transaction whose UPDATE is conditional on the status (and,
 * for a move, the SEQUENCE) read before, so of two changes made at once one wins and the other gets CONFLICT; the
 * holds follow in the same transaction, still under the EXCLUDE constraint booking relies on (meeting-booking.ts).
 */
import { and, eq } from 'drizzle-orm';
import { ErrorCode } from '../../shared/errors';
import type { MeetingView, RescheduleBody } from '../../shared/meetings';
import type { Db } from '../db/database';
import { meetingHolds, meetings } from '../db/schema';
import { DomainError } from '../errors';
import {
  assertMayDecline,
  assertMayRespond,
  assertStillBooked,
  participantRole,
  requireAccount,
} from './meeting-access';
import { isExclusionViolation, JUST_TAKEN, type MeetingBooking } from './meeting-booking';
import type { MeetingRules } from './meeting-rules';
import { type MeetingRow, meetingRow } from './meeting-views';

export interface MeetingChangesDeps {
  db: Db;
  rules: MeetingRules;
  /** Whether a new time is one the host offers, as for a booking. */
  booking: Pick<MeetingBooking, 'offeredSlot'>;
  /** Records and announces the change; returns the viewer's view of the meeting (MeetingService). */
  afterChange: (meetingId: string, viewerId: string) => Promise<MeetingView>;
}

const MINUTE = 60_000;

export class MeetingChanges {
  constructor(private readonly deps: MeetingChangesDeps) {}

  private get db() {
    return this.deps.db;
  }

  /** The invitee accepts (their time is held now; CONFLICT if they have another meeting then) or declines. */
  async respond(actorId: string | null, meetingId: string, accept: boolean, message?: string): Promise<MeetingView> {
    const accountId = requireAccount(actorId);
    const meeting = await meetingRow(this.db, meetingId);
    assertMayRespond(meeting, accountId);
    if (!accept) {
      await this.end(meeting, 'declined', message ?? null, 'invited');
      return this.deps.afterChange(meetingId, accountId);
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
    return this.deps.afterChange(meetingId, accountId);
  }

  async cancel(actorId: string | null, meetingId: string, message?: string): Promise<MeetingView> {
    const accountId = requireAccount(actorId);
    const meeting = await meetingRow(this.db, meetingId);
    participantRole(meeting, accountId);
    if (meeting.status !== 'invited') assertStillBooked(meeting);
    await this.end(meeting, 'cancelled', message ?? null, meeting.status === 'invited' ? 'invited' : 'booked');
    return this.deps.afterChange(meetingId, accountId);
  }

  /** The host declines, with a message the guest sees. */
  async decline(actorId: string | null, meetingId: string, message: string): Promise<MeetingView> {
    const accountId = requireAccount(actorId);
    const meeting = await meetingRow(this.db, meetingId);
    assertMayDecline(meeting, accountId);
    await this.end(meeting, 'declined', message);
    return this.deps.afterChange(meetingId, accountId);
  }

  /** Moves a meeting to another of the host's slots; SEQUENCE goes up so calendars update the invitation. */
  async reschedule(actorId: string | null, meetingId: string, body: RescheduleBody): Promise<MeetingView> {
    const accountId = requireAccount(actorId);
    const meeting = await meetingRow(this.db, meetingId);
    participantRole(meeting, accountId);
    assertStillBooked(meeting);
    const policy = await this.deps.rules.policy();
    const slot = await this.deps.booking.offeredSlot(
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
    return this.deps.afterChange(meetingId, accountId);
  }

  /** Ends the meeting as `status` and frees both people's time; CONFLICT if it left `from` meanwhile. */
  private async end(
    meeting: MeetingRow,
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
}
