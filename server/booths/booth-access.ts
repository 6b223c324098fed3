/**
 * Who may change a booth, in one place: organisers, and the staff (owner, admin or staff) of the organisation the
 * booth belongs to. Visitors, guests and staff of other organisations may not. Uploading booth media needs the
 * same standing (staff of some organisation, or organiser).
 */
import { eq } from 'drizzle-orm';
import { ErrorCode } from '../../shared/errors';
import { type Actor, loadActor } from '../accounts/actor';
import type { Db } from '../db/database';
import { booths } from '../db/schema';
import { DomainError } from '../errors';

export type BoothRow = typeof booths.$inferSelect;

/** The rule itself, pure: may this person edit a booth of this organisation? */
export function mayEditBooth(actor: Actor, booth: { organisationId: string }): boolean {
  if (actor.role === 'organiser') return true;
  return (
    actor.role === 'exhibitor' &&
    actor.orgRole !== null &&
    actor.organisationId !== null &&
    actor.organisationId === booth.organisationId
  );
}

/** Loads the booth and checks the actor may edit it; NOT_FOUND and FORBIDDEN otherwise. */
export async function assertMayEditBooth(
  db: Db,
  accountId: string | null,
  boothId: string,
): Promise<{ actor: Actor; booth: BoothRow }> {
  const actor = await loadActor(db, accountId);
  const [booth] = /^[0-9a-f-]{36}$/.test(boothId) ? await db.select().from(booths).where(eq(booths.id, boothId)) : [];
  if (!booth) throw new DomainError(ErrorCode.NOT_FOUND, 'No such booth.');
  if (!mayEditBooth(actor, booth)) {
    throw new DomainError(ErrorCode.FORBIDDEN, "Only this booth's own staff and the organisers can change it.");
  }
  return { actor, booth };
}

/** Uploading booth media: exhibitor staff and organisers. */
export async function assertMayUpload(db: Db, accountId: string | null): Promise<Actor> {
  const actor = await loadActor(db, accountId);
  const staff = actor.role === 'exhibitor' && actor.organisationId !== null && actor.orgRole !== null;
  if (actor.role !== 'organiser' && !staff) {
    throw new DomainError(ErrorCode.FORBIDDEN, 'Only exhibitor staff and organisers can upload booth media.');
  }
  return actor;
}
