/**
 * Who may do what with meetings: the one place these rules live.
 * - Booking: someone signed in (guests included) books a slot of a booth's staff member; visitors and organisers
 *   when the organiser lets visitors book, exhibitors (of another organisation) when exhibitors may invite.
 *   Nobody books themselves or a colleague of their own organisation.
 * - Inviting: a booth's staff member invites anyone (not themselves, not a colleague) to one of their own slots,
 *   when the organiser lets exhibitors invite; only the invitee accepts or declines the invitation.
 * - A meeting is seen, joined, cancelled and rescheduled only by its two participants; only its host declines.
 * - Availability is published only by the booth's staff; meeting hours are set only by organisers.
 * - The call opens 10 minutes before the start and closes 15 minutes after the end (shared/meetings.ts).
 */
import { and, eq, inArray } from 'drizzle-orm';
import { ErrorCode } from '../../shared/errors';
import { CALL_CLOSES_MINUTES, CALL_OPENS_MINUTES, callIsOpen } from '../../shared/meetings';
import type { Db } from '../db/database';
import { accounts, boothStaff } from '../db/schema';
import { DomainError } from '../errors';

export interface MeetingParties {
  hostId: string;
  guestId: string;
  status: string;
  startsAt: Date;
  endsAt: Date;
}

export interface BookingPolicy {
  visitorsMayBook: boolean;
  exhibitorsMayInvite: boolean;
}

export function requireAccount(accountId: string | null | undefined): string {
  if (!accountId)
    throw new DomainError(ErrorCode.UNAUTHENTICATED, 'Enter the expo (as a guest or with an account) first.');
  return accountId;
}

export async function isBoothStaff(db: Db, accountId: string, boothId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: boothStaff.accountId })
    .from(boothStaff)
    .where(and(eq(boothStaff.boothId, boothId), eq(boothStaff.accountId, accountId)));
  return Boolean(row);
}

/** Refuses a booking the rules do not allow; returns nothing when it may go ahead. */
export async function assertMayBook(
  db: Db,
  actorId: string,
  booking: { hostId: string; boothId: string },
  policy: BookingPolicy,
): Promise<void> {
  if (actorId === booking.hostId)
    throw new DomainError(ErrorCode.FORBIDDEN, 'You cannot book a meeting with yourself.');
  if (!(await isBoothStaff(db, booking.hostId, booking.boothId))) {
    throw new DomainError(ErrorCode.NOT_FOUND, 'That person does not take meetings at this booth.');
  }
  const [actor] = await db
    .select({ role: accounts.role, organisationId: accounts.organisationId })
    .from(accounts)
    .where(eq(accounts.id, actorId));
  const [host] = await db
    .select({ organisationId: accounts.organisationId })
    .from(accounts)
    .where(eq(accounts.id, booking.hostId));
  if (!actor || !host) throw new DomainError(ErrorCode.UNAUTHENTICATED, 'Enter the expo first.');
  if (actor.organisationId && actor.organisationId === host.organisationId) {
    throw new DomainError(ErrorCode.FORBIDDEN, 'Meetings are booked with other organisations, not colleagues.');
  }
  const allowed = actor.role === 'exhibitor' ? policy.exhibitorsMayInvite : policy.visitorsMayBook;
  if (!allowed) throw new DomainError(ErrorCode.FORBIDDEN, 'The organiser has not opened meeting booking for you.');
}

/** The caller's side of the meeting; refuses anyone else (as "not found", so ids do not leak meetings). */
export function participantRole(meeting: MeetingParties, accountId: string | null | undefined): 'host' | 'guest' {
  if (accountId && accountId === meeting.hostId) return 'host';
  if (accountId && accountId === meeting.guestId) return 'guest';
  throw new DomainError(ErrorCode.NOT_FOUND, 'No such meeting among yours.');
}

export function assertMayDecline(meeting: MeetingParties, accountId: string | null): void {
  if (participantRole(meeting, accountId) !== 'host') {
    throw new DomainError(ErrorCode.FORBIDDEN, 'Only the exhibitor you asked can decline; you can cancel instead.');
  }
  assertStillBooked(meeting);
}

export function assertStillBooked(meeting: MeetingParties): void {
  if (meeting.status !== 'booked') {
    throw new DomainError(ErrorCode.CONFLICT, `This meeting is already ${meeting.status}.`);
  }
}

export async function assertMayPublishAvailability(db: Db, accountId: string, boothId: string): Promise<void> {
  if (!(await isBoothStaff(db, accountId, boothId))) {
    throw new DomainError(ErrorCode.FORBIDDEN, "Only this booth's staff can publish its meeting times.");
  }
}

/** A participant may enter the call only around the meeting's time. */
export function assertMayJoinCall(meeting: MeetingParties, accountId: string | null, now: number): 'host' | 'guest' {
  const role = participantRole(meeting, accountId);
  assertStillBooked(meeting);
  if (!callIsOpen({ startsAt: meeting.startsAt.getTime(), endsAt: meeting.endsAt.getTime() }, now)) {
    const early = now < meeting.startsAt.getTime();
    throw new DomainError(
      ErrorCode.FORBIDDEN,
      early
        ? `The call opens ${CALL_OPENS_MINUTES} minutes before the meeting starts.`
        : `The call closed ${CALL_CLOSES_MINUTES} minutes after the meeting ended.`,
    );
  }
  return role;
}

/** Only organisers set the meeting hours and who may meet whom. */
export async function assertOrganiser(db: Db, accountId: string): Promise<void> {
  const [row] = await db.select({ role: accounts.role }).from(accounts).where(eq(accounts.id, accountId));
  if (row?.role !== 'organiser') throw new DomainError(ErrorCode.FORBIDDEN, 'Only organisers can set meeting hours.');
}

/** Refuses an invitation the rules do not allow. */
export async function assertMayInvite(
  db: Db,
  hostId: string,
  invite: { boothId: string; inviteeId: string },
  policy: BookingPolicy,
): Promise<void> {
  if (!(await isBoothStaff(db, hostId, invite.boothId))) {
    throw new DomainError(ErrorCode.FORBIDDEN, "Only this booth's staff can invite to its meetings.");
  }
  if (!policy.exhibitorsMayInvite) {
    throw new DomainError(ErrorCode.FORBIDDEN, 'The organiser has not opened invitations by exhibitors.');
  }
  if (invite.inviteeId === hostId) throw new DomainError(ErrorCode.FORBIDDEN, 'You cannot invite yourself.');
  const people = await db
    .select({ id: accounts.id, organisationId: accounts.organisationId })
    .from(accounts)
    .where(inArray(accounts.id, [hostId, invite.inviteeId]));
  const host = people.find((p) => p.id === hostId);
  const invitee = people.find((p) => p.id === invite.inviteeId);
  if (!invitee) throw new DomainError(ErrorCode.NOT_FOUND, 'There is no such person to invite.');
  if (host?.organisationId && host.organisationId === invitee.organisationId) {
    throw new DomainError(ErrorCode.FORBIDDEN, 'Meetings are with other organisations, not colleagues.');
  }
}

/** Only the invitee answers an invitation, and only while it is open. */
export function assertMayRespond(meeting: MeetingParties, accountId: string): void {
  if (participantRole(meeting, accountId) !== 'guest') {
    throw new DomainError(ErrorCode.FORBIDDEN, 'Only the person invited can answer the invitation.');
  }
  if (meeting.status !== 'invited') {
    throw new DomainError(ErrorCode.CONFLICT, `This meeting is already ${meeting.status}.`);
  }
}
