/**
 * Chat: channel names, message and event schemas, and the pure merge logic both the client and the tests use to
 * keep a channel's log exactly once and in the server's commit order.
 */
import { z } from 'zod';

export const CHAT_MAX_LENGTH = 2000;
export const CHAT_PAGE_SIZE = 50;

const uuid = z.uuid();

/**
 * A channel id: `hall`, `booth:<boothId>`, `dm:<accountId>:<accountId>` (sorted) or `meeting:<meetingId>`.
 */
export const ChannelId = z
  .string()
  .max(120)
  .regex(
    /^(hall|booth:[0-9a-f-]{36}|dm:[0-9a-f-]{36}:[0-9a-f-]{36}|meeting:[0-9a-f-]{36})$/,
    'a channel such as hall or booth:<id>',
  );
export type ChannelId = z.infer<typeof ChannelId>;

/** The direct-message channel of two accounts (the same whoever opens it). */
export function dmChannel(a: string, b: string): ChannelId {
  return a < b ? `dm:${a}:${b}` : `dm:${b}:${a}`;
}

export type ParsedChannel =
  | { kind: 'hall' }
  | { kind: 'booth'; boothId: string }
  | { kind: 'dm'; accounts: [string, string] }
  | { kind: 'meeting'; meetingId: string };

export function parseChannel(channel: ChannelId): ParsedChannel {
  const [kind, a, b] = channel.split(':');
  switch (kind) {
    case 'booth':
      return { kind: 'booth', boothId: a! };
    case 'dm':
      return { kind: 'dm', accounts: [a!, b!] };
    case 'meeting':
      return { kind: 'meeting', meetingId: a! };
    default:
      return { kind: 'hall' };
  }
}

export const ChatMessage = z.object({
  id: uuid,
  /** The server's commit order; a channel's messages sort by it. */
  seq: z.number().int(),
  channel: ChannelId,
  authorId: uuid,
  authorName: z.string(),
  authorCountry: z.string().nullable(),
  /** Whether the author is staff of the booth whose channel this is (shown as a badge). */
  authorIsStaff: z.boolean(),
  body: z.string(),
  lang: z.string(),
  createdAt: z.string(),
});
export type ChatMessage = z.infer<typeof ChatMessage>;

export const ChatSend = z.object({
  id: uuid,
  channel: ChannelId,
  body: z
    .string()
    .transform((s) => s.trim())
    .pipe(z.string().min(1, 'a message cannot be empty').max(CHAT_MAX_LENGTH, `at most ${CHAT_MAX_LENGTH} characters`)),
  lang: z
    .string()
    .regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/)
    .max(20),
});

export const ChatPage = z.object({
  /** Oldest first within the page. */
  messages: z.array(ChatMessage),
  /** Whether older messages exist before the first one. */
  hasMore: z.boolean(),
});
export type ChatPage = z.infer<typeof ChatPage>;

export const BoothChannelState = z.object({
  staffOnline: z.number().int(),
  /** For staff: messages posted since a staff member last read the channel. */
  waiting: z.number().int(),
});

export const chatClientEvents = {
  /** Opens a channel: the newest page, and from now on its live messages. */
  'chat:join': {
    payload: z.object({ channel: ChannelId }),
    ack: ChatPage.extend({ booth: BoothChannelState.nullable() }),
  },
  'chat:leave': { payload: z.object({ channel: ChannelId }), ack: z.object({}) },
  /** Older messages (before: seq), or those missed while away (after: seq). */
  'chat:history': {
    payload: z.object({
      channel: ChannelId,
      before: z.number().int().optional(),
      after: z.number().int().optional(),
      limit: z.number().int().min(1).max(200).default(CHAT_PAGE_SIZE),
    }),
    ack: ChatPage,
  },
  /** Stores the message, then acknowledges it; a repeated id returns the stored message and is not sent again. */
  'chat:send': { payload: ChatSend, ack: z.object({ message: ChatMessage, duplicate: z.boolean() }) },
  'chat:read': { payload: z.object({ channel: ChannelId, seq: z.number().int() }), ack: z.object({}) },
  'chat:unread': { payload: z.object({}), ack: z.object({ channels: z.record(z.string(), z.number().int()) }) },
  'chat:delete': { payload: z.object({ id: uuid }), ack: z.object({}) },
  'chat:report': {
    payload: z.object({ id: uuid, reason: z.string().trim().min(1).max(500) }),
    ack: z.object({ reportId: z.string() }),
  },
  /** Organisers: mute (for a while) or ban a person, with the reason kept. */
  'chat:moderate': {
    payload: z.object({
      accountId: uuid,
      action: z.enum(['mute', 'ban', 'lift']),
      reason: z.string().trim().min(1).max(500),
      minutes: z
        .number()
        .int()
        .min(1)
        .max(60 * 24 * 30)
        .optional(),
    }),
    ack: z.object({}),
  },
} as const;

export const chatServerEvents = {
  'chat:message': ChatMessage,
  'chat:deleted': z.object({ channel: ChannelId, id: uuid }),
  /** A direct message arrived for you (in any channel you have not opened). */
  'chat:notify': z.object({ channel: ChannelId, from: z.string(), preview: z.string() }),
  'chat:booth-state': z.object({ channel: ChannelId }).merge(BoothChannelState),
  /** You were muted or banned: the reason, and until when. */
  'chat:moderated': z.object({
    action: z.enum(['mute', 'ban', 'lift']),
    reason: z.string(),
    until: z.string().nullable(),
  }),
} as const;

/**
 * A channel's log as a client holds it: each message once (by id), in commit order (by seq), whatever order and
 * however often messages arrive (live events, acks, history pages, replays after a reconnect).
 */
export class ChannelLog {
  private readonly byId = new Map<string, ChatMessage>();
  private sorted: ChatMessage[] = [];
  private dirty = false;

  /** Adds messages; returns how many were new. */
  add(messages: Iterable<ChatMessage>): number {
    let added = 0;
    for (const m of messages) {
      if (this.byId.has(m.id)) continue;
      this.byId.set(m.id, m);
      added++;
    }
    if (added) this.dirty = true;
    return added;
  }

  remove(id: string): boolean {
    const had = this.byId.delete(id);
    if (had) this.dirty = true;
    return had;
  }

  messages(): readonly ChatMessage[] {
    if (this.dirty) {
      this.sorted = [...this.byId.values()].sort((a, b) => a.seq - b.seq);
      this.dirty = false;
    }
    return this.sorted;
  }

  /** The highest seq held, to ask for what was missed after a reconnect. */
  lastSeq(): number {
    const all = this.messages();
    return all.length ? all[all.length - 1]!.seq : 0;
  }

  firstSeq(): number | undefined {
    return this.messages()[0]?.seq;
  }
}
