/**
 * Who may read and write which chat channel: the one place these rules live.
 * - hall and booth channels: anyone connected reads; people with an account (guests included) write.
 * - a direct message: only its two people. A meeting channel: only the meeting's host and guest.
 * - deleting messages and muting or banning people: organisers.
 */
import { and, eq, or } from 'drizzle-orm';
import { type ChannelId, parseChannel } from '../../shared/chat';
import { ErrorCode } from '../../shared/errors';
import type { Db } from '../db/database';
import { accounts, boothStaff, booths, meetings } from '../db/schema';
import { DomainError } from '../errors';

export interface Actor {
  accountId: string | null;
}

export async function roleOf(db: Db, accountId: string | null): Promise<'visitor' | 'exhibitor' | 'organiser' | null> {
  if (!accountId) return null;
  const [row] = await db.select({ role: accounts.role }).from(accounts).where(eq(accounts.id, accountId));
  return row?.role ?? null;
}

export async function assertCanRead(db: Db, actor: Actor, channel: ChannelId): Promise<void> {
  const parsed = parseChannel(channel);
  switch (parsed.kind) {
    case 'hall':
      return;
    case 'booth': {
      const [booth] = await db
        .select({ id: booths.id })
        .from(booths)
        .where(and(eq(booths.id, parsed.boothId), eq(booths.status, 'published')));
      if (!booth) throw new DomainError(ErrorCode.NOT_FOUND, 'No such booth.');
      return;
    }
    case 'dm':
      if (!actor.accountId || !parsed.accounts.includes(actor.accountId)) {
        throw new DomainError(ErrorCode.FORBIDDEN, 'This conversation is between two other people.');
      }
      return;
    case 'meeting': {
      const [meeting] = await db
        .select({ id: meetings.id })
        .from(meetings)
        .where(
          and(
            eq(meetings.id, parsed.meetingId),
            actor.accountId
              ? or(eq(meetings.hostId, actor.accountId), eq(meetings.guestId, actor.accountId))
              : undefined,
          ),
        );
      if (!actor.accountId || !meeting) {
        throw new DomainError(ErrorCode.FORBIDDEN, 'Only the people in this meeting can read its chat.');
      }
      return;
    }
  }
}

export async function assertCanWrite(db: Db, actor: Actor, channel: ChannelId): Promise<string> {
  if (!actor.accountId) {
    throw new DomainError(
      ErrorCode.UNAUTHENTICATED,
      'Enter the expo with a name (as a guest or with an account) to chat.',
    );
  }
  await assertCanRead(db, actor, channel);
  const parsed = parseChannel(channel);
  if (parsed.kind === 'dm') {
    const other = parsed.accounts.find((a) => a !== actor.accountId) ?? actor.accountId;
    const [exists] = await db.select({ id: accounts.id }).from(accounts).where(eq(accounts.id, other));
    if (!exists) throw new DomainError(ErrorCode.NOT_FOUND, 'That person is not in the expo.');
  }
  return actor.accountId;
}

export async function assertOrganiser(db: Db, actor: Actor): Promise<string> {
  if ((await roleOf(db, actor.accountId)) !== 'organiser') {
    throw new DomainError(ErrorCode.FORBIDDEN, 'Only organisers can do that.');
  }
  return actor.accountId!;
}

/** Booths whose staff this account is (staff get their booths' waiting messages). */
export async function staffedBooths(db: Db, accountId: string | null): Promise<string[]> {
  if (!accountId) return [];
  const rows = await db
    .select({ boothId: boothStaff.boothId })
    .from(boothStaff)
    .where(eq(boothStaff.accountId, accountId));
  return rows.map((r) => r.boothId);
}
