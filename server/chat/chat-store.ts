/** Chat storage: messages in commit order per channel, history pages, deletions, reads and reports. */
import { and, asc, desc, eq, gt, inArray, lt, ne, sql } from 'drizzle-orm';
import type { ChatMessage, ChatPage } from '../../shared/chat';
import type { Db } from '../db/database';
import { accounts, boothStaff, chatMessages, chatReads, chatReports } from '../db/schema';

export interface NewMessage {
  id: string;
  channel: string;
  authorId: string;
  body: string;
  lang: string;
}

const messageColumns = {
  message: chatMessages,
  authorName: accounts.displayName,
  authorCountry: accounts.country,
} as const;

type MessageRow = { message: typeof chatMessages.$inferSelect; authorName: string; authorCountry: string | null };

async function toViews(db: Db, rows: MessageRow[]): Promise<ChatMessage[]> {
  // Staff badges in booth channels: one query for the page, not one per message.
  const boothIds = [...new Set(rows.map((r) => r.message.channel).filter((c) => c.startsWith('booth:')))].map((c) =>
    c.slice(6),
  );
  const staff = new Set<string>();
  if (boothIds.length > 0) {
    const staffRows = await db
      .select({ boothId: boothStaff.boothId, accountId: boothStaff.accountId })
      .from(boothStaff)
      .where(inArray(boothStaff.boothId, boothIds));
    for (const s of staffRows) staff.add(`booth:${s.boothId}/${s.accountId}`);
  }
  return rows.map(({ message: m, authorName, authorCountry }) => ({
    id: m.id,
    seq: m.seq,
    channel: m.channel as ChatMessage['channel'],
    authorId: m.authorId,
    authorName,
    authorCountry,
    authorIsStaff: staff.has(`${m.channel}/${m.authorId}`),
    body: m.body,
    lang: m.lang,
    createdAt: m.createdAt.toISOString(),
  }));
}

/** Who wrote a message, as the sender's connection already knows it (no lookup per message). */
export interface Author {
  name: string;
  country: string | null;
  /** Booths whose staff the author is, for the staff badge. */
  staffBooths: ReadonlySet<string>;
}

/**
 * Stores a message unless its id is already stored. `serialize` (for PostgreSQL, with its pool of connections)
 * locks the channel for the insert, so within a channel the order of `seq` is the order of commits: a client that
 * has seen seq N has seen everything before it. PGlite has one connection, so its inserts are already serial.
 */
export async function storeMessage(
  db: Db,
  msg: NewMessage,
  author: Author,
  serialize: boolean,
): Promise<{ message: ChatMessage; duplicate: boolean }> {
  const insert = (q: Db) =>
    q.insert(chatMessages).values(msg).onConflictDoNothing({ target: chatMessages.id }).returning();
  const inserted = serialize
    ? await db.transaction(async (tx) => {
        await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${msg.channel}))`);
        return insert(tx as unknown as Db);
      })
    : await insert(db);
  const row = inserted[0];
  if (row) {
    const boothId = msg.channel.startsWith('booth:') ? msg.channel.slice(6) : null;
    return {
      duplicate: false,
      message: {
        id: row.id,
        seq: row.seq,
        channel: row.channel as ChatMessage['channel'],
        authorId: row.authorId,
        authorName: author.name,
        authorCountry: author.country,
        authorIsStaff: boothId !== null && author.staffBooths.has(boothId),
        body: row.body,
        lang: row.lang,
        createdAt: row.createdAt.toISOString(),
      },
    };
  }
  // A repeat: answer with what was stored the first time.
  const [existing] = await db
    .select(messageColumns)
    .from(chatMessages)
    .innerJoin(accounts, eq(chatMessages.authorId, accounts.id))
    .where(eq(chatMessages.id, msg.id));
  // The same id from someone else, or for another channel, is not a repeat: refuse to reveal or reuse it.
  if (!existing || existing.message.authorId !== msg.authorId || existing.message.channel !== msg.channel) {
    throw new IdTaken();
  }
  const [message] = await toViews(db, [existing]);
  return { message: message!, duplicate: true };
}

export class IdTaken extends Error {
  override name = 'IdTaken';
}

/** A page of a channel, oldest first: the newest `limit`, or those before/after a seq. Deleted ones are left out. */
export async function readHistory(
  db: Db,
  channel: string,
  page: { before?: number | undefined; after?: number | undefined; limit: number },
): Promise<ChatPage> {
  const conditions = [eq(chatMessages.channel, channel), eq(chatMessages.deleted, false)];
  if (page.before !== undefined) conditions.push(lt(chatMessages.seq, page.before));
  if (page.after !== undefined) conditions.push(gt(chatMessages.seq, page.after));
  const forward = page.after !== undefined;
  const rows = await db
    .select(messageColumns)
    .from(chatMessages)
    .innerJoin(accounts, eq(chatMessages.authorId, accounts.id))
    .where(and(...conditions))
    .orderBy(forward ? asc(chatMessages.seq) : desc(chatMessages.seq))
    .limit(page.limit + 1);
  const hasMore = rows.length > page.limit;
  const kept = rows.slice(0, page.limit);
  if (!forward) kept.reverse();
  return { messages: await toViews(db, kept), hasMore };
}

export async function findMessage(db: Db, id: string) {
  const [row] = await db.select().from(chatMessages).where(eq(chatMessages.id, id));
  return row ?? null;
}

export async function markDeleted(db: Db, id: string): Promise<void> {
  await db.update(chatMessages).set({ deleted: true, body: '' }).where(eq(chatMessages.id, id));
}

export async function markRead(db: Db, accountId: string, channel: string, seq: number): Promise<void> {
  await db
    .insert(chatReads)
    .values({ accountId, channel, lastSeq: seq })
    .onConflictDoUpdate({
      target: [chatReads.accountId, chatReads.channel],
      set: { lastSeq: sql`greatest(${chatReads.lastSeq}, excluded.last_seq)` },
    });
}

/** Unread counts for the given channels (messages by others after what this person has read). */
export async function unreadCounts(db: Db, accountId: string, channels: string[]): Promise<Record<string, number>> {
  if (channels.length === 0) return {};
  const rows = await db
    .select({ channel: chatMessages.channel, n: sql<number>`count(*)::int` })
    .from(chatMessages)
    .leftJoin(chatReads, and(eq(chatReads.channel, chatMessages.channel), eq(chatReads.accountId, accountId)))
    .where(
      and(
        inArray(chatMessages.channel, channels),
        eq(chatMessages.deleted, false),
        ne(chatMessages.authorId, accountId),
        sql`${chatMessages.seq} > coalesce(${chatReads.lastSeq}, 0)`,
      ),
    )
    .groupBy(chatMessages.channel);
  return Object.fromEntries(rows.filter((r) => r.n > 0).map((r) => [r.channel, r.n]));
}

/** Direct-message channels this person takes part in. */
export async function dmChannelsOf(db: Db, accountId: string): Promise<string[]> {
  const rows = await db
    .selectDistinct({ channel: chatMessages.channel })
    .from(chatMessages)
    .where(and(sql`${chatMessages.channel} like 'dm:%'`, sql`position(${accountId} in ${chatMessages.channel}) > 0`));
  return rows.map((r) => r.channel);
}

/** Messages in a booth channel by visitors since any of its staff last read it. */
export async function waitingForStaff(db: Db, boothId: string): Promise<number> {
  const channel = `booth:${boothId}`;
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(chatMessages)
    .where(
      and(
        eq(chatMessages.channel, channel),
        eq(chatMessages.deleted, false),
        sql`${chatMessages.authorId} not in (select ${boothStaff.accountId} from ${boothStaff} where ${boothStaff.boothId} = ${boothId})`,
        sql`${chatMessages.seq} > coalesce((select max(${chatReads.lastSeq}) from ${chatReads} where ${chatReads.channel} = ${channel} and ${chatReads.accountId} in (select ${boothStaff.accountId} from ${boothStaff} where ${boothStaff.boothId} = ${boothId})), 0)`,
      ),
    );
  return row?.n ?? 0;
}

export async function fileReport(db: Db, messageId: string, reporterId: string, reason: string): Promise<string> {
  const [row] = await db
    .insert(chatReports)
    .values({ messageId, reporterId, reason })
    .returning({ id: chatReports.id });
  return row!.id;
}
