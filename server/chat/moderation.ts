/** Mutes and bans: recorded with a reason, the latest action per person in force until it expires. */
import { and, desc, eq, ne } from 'drizzle-orm';
import type { Db } from '../db/database';
import { moderationActions } from '../db/schema';

export interface Restriction {
  action: 'mute' | 'ban';
  reason: string;
  until: Date | null;
}

export async function currentRestriction(db: Db, accountId: string, now = new Date()): Promise<Restriction | null> {
  const [latest] = await db
    .select()
    .from(moderationActions)
    // A kick is kept for its reason but restricts nothing once the person is disconnected.
    .where(and(eq(moderationActions.accountId, accountId), ne(moderationActions.action, 'kick')))
    .orderBy(desc(moderationActions.createdAt))
    .limit(1);
  if (!latest || latest.action === 'lift' || latest.action === 'kick') return null;
  if (latest.until && latest.until <= now) return null;
  return { action: latest.action, reason: latest.reason, until: latest.until };
}

export async function recordModeration(
  db: Db,
  input: {
    accountId: string;
    action: 'mute' | 'ban' | 'lift' | 'kick';
    reason: string;
    minutes?: number | undefined;
    byId: string;
  },
  now = new Date(),
): Promise<{ until: Date | null }> {
  const until = input.action === 'mute' && input.minutes ? new Date(now.getTime() + input.minutes * 60_000) : null;
  await db.insert(moderationActions).values({
    accountId: input.accountId,
    action: input.action,
    reason: input.reason,
    until,
    byId: input.byId,
  });
  return { until };
}

/**
 * The restriction in force per person, remembered for a moment so sending a message costs no query. A decision
 * made on this process is seen at once (invalidate); one made on another process within `ttlMs`.
 */
export class RestrictionCache {
  private readonly entries = new Map<string, { value: Restriction | null; at: number }>();

  constructor(
    private readonly db: Db,
    private readonly ttlMs = 2000,
  ) {}

  async get(accountId: string, now = Date.now()): Promise<Restriction | null> {
    const hit = this.entries.get(accountId);
    if (hit && now - hit.at < this.ttlMs && (!hit.value?.until || hit.value.until.getTime() > now)) return hit.value;
    const value = await currentRestriction(this.db, accountId, new Date(now));
    this.entries.set(accountId, { value, at: now });
    if (this.entries.size > 50_000) this.entries.clear();
    return value;
  }

  invalidate(accountId: string): void {
    this.entries.delete(accountId);
  }
}
