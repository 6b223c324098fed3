/**
 * The organiser's moderation of people: mute, kick, ban and lift, each kept with its reason (the records are the
 * chat's, server/chat/moderation.ts, so chat enforces mutes and bans). A kick closes the person's connections; a
 * ban also ends their sessions, and login refuses them while it lasts.
 */
import { desc, eq, ilike, or } from 'drizzle-orm';
import { ErrorCode } from '../../shared/errors';
import type { ModerationBody, PersonAdminView } from '../../shared/organiser';
import { currentRestriction, recordModeration } from '../chat/moderation';
import type { Db } from '../db/database';
import { accounts, moderationActions, organisations, sessions } from '../db/schema';
import { DomainError } from '../errors';
import type { LiveNotifier } from '../realtime/live-notifier';

export async function moderate(
  db: Db,
  notifier: LiveNotifier,
  input: ModerationBody & { byId: string },
): Promise<PersonAdminView> {
  if (input.accountId === input.byId) throw new DomainError(ErrorCode.CONFLICT, 'You cannot moderate yourself.');
  const [target] = await db.select({ role: accounts.role }).from(accounts).where(eq(accounts.id, input.accountId));
  if (!target) throw new DomainError(ErrorCode.NOT_FOUND, 'No such person.');
  if (target.role === 'organiser') throw new DomainError(ErrorCode.FORBIDDEN, 'Organisers cannot moderate each other.');
  const { until } = await recordModeration(db, {
    accountId: input.accountId,
    action: input.action,
    reason: input.reason,
    minutes: input.minutes,
    byId: input.byId,
  });
  switch (input.action) {
    case 'mute':
    case 'lift':
      notifier.moderated(input.accountId, {
        action: input.action,
        reason: input.reason,
        until: until ? until.toISOString() : null,
      });
      break;
    case 'ban':
      notifier.moderated(input.accountId, { action: 'ban', reason: input.reason, until: null });
      await db.delete(sessions).where(eq(sessions.accountId, input.accountId));
      notifier.disconnect(input.accountId, input.reason);
      break;
    case 'kick':
      notifier.disconnect(input.accountId, input.reason);
      break;
  }
  return personView(db, input.accountId);
}

export async function personView(db: Db, accountId: string): Promise<PersonAdminView> {
  const [row] = await db
    .select({ account: accounts, org: organisations.name })
    .from(accounts)
    .leftJoin(organisations, eq(accounts.organisationId, organisations.id))
    .where(eq(accounts.id, accountId));
  if (!row) throw new DomainError(ErrorCode.NOT_FOUND, 'No such person.');
  const by = accounts;
  const history = await db
    .select({
      action: moderationActions.action,
      reason: moderationActions.reason,
      at: moderationActions.createdAt,
      by: by.displayName,
    })
    .from(moderationActions)
    .innerJoin(by, eq(moderationActions.byId, by.id))
    .where(eq(moderationActions.accountId, accountId))
    .orderBy(desc(moderationActions.createdAt))
    .limit(20);
  const restriction = await currentRestriction(db, accountId);
  return {
    id: row.account.id,
    displayName: row.account.displayName,
    email: row.account.email,
    role: row.account.role,
    organisation: row.org,
    restriction: restriction
      ? { action: restriction.action, reason: restriction.reason, until: restriction.until?.toISOString() ?? null }
      : null,
    history: history.map((h) => ({ action: h.action, reason: h.reason, at: h.at.toISOString(), by: h.by })),
  };
}

/** People matching a name or email fragment, for the moderation page. */
export async function findPeople(db: Db, query: string): Promise<PersonAdminView[]> {
  const pattern = `%${query.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
  const rows = await db
    .select({ id: accounts.id })
    .from(accounts)
    .where(query ? or(ilike(accounts.displayName, pattern), ilike(accounts.email, pattern)) : undefined)
    .orderBy(accounts.displayName)
    .limit(25);
  return Promise.all(rows.map((r) => personView(db, r.id)));
}
