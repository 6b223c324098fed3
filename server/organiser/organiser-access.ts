/** Who may run the expo: organisers only. Every organiser console write passes through here. */
import { ErrorCode } from '../../shared/errors';
import { type Actor, loadActor } from '../accounts/actor';
import type { Db } from '../db/database';
import { DomainError } from '../errors';

export function isOrganiser(actor: Actor): boolean {
  return actor.role === 'organiser';
}

export async function assertOrganiser(db: Db, accountId: string | null): Promise<Actor> {
  const actor = await loadActor(db, accountId);
  if (!isOrganiser(actor)) throw new DomainError(ErrorCode.FORBIDDEN, 'Only the organisers can do that.');
  return actor;
}
