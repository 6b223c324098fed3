/**
 * Chat over Socket.IO: a thin adapter from events to the chat modules. Rooms: `chat:<channel>` for live messages,
 * `account:<id>` for a person's notifications, `staff:<boothId>` for a booth's staff. With the Redis adapter, all
 * of them span processes.
 */
import { type ChannelId, parseChannel } from '../../shared/chat';
import { ErrorCode } from '../../shared/errors';
import { type Actor, assertCanRead, assertCanWrite, assertOrganiser, staffedBooths } from '../chat/chat-access';
import {
  type Author,
  dmChannelsOf,
  fileReport,
  findMessage,
  IdTaken,
  markDeleted,
  markRead,
  readHistory,
  storeMessage,
  unreadCounts,
  waitingForStaff,
} from '../chat/chat-store';
import { RestrictionCache } from '../chat/moderation';
import { SendLimiter } from '../chat/send-limiter';
import type { Db } from '../db/database';
import { DomainError } from '../errors';
import type { Logger } from '../log';
import { moderate } from '../organiser/user-moderation';
import type { LiveNotifier } from './live-notifier';
import { type AppSocket, onEvent } from './on-event';
import type { AppServer } from './socket-server';

export interface ChatDeps {
  db: Db;
  log: Logger;
  limiter?: SendLimiter;
  /** Lock each channel for inserts (PostgreSQL's pool); PGlite's single connection is serial already. */
  serializeInserts: boolean;
  /** People's mutes and bans, cached briefly; shared with the organiser console, which invalidates it. */
  restrictions?: RestrictionCache;
  /** Tells people about moderation decisions (and drops their cached restriction). */
  notifier: LiveNotifier;
}

const room = (channel: string) => `chat:${channel}`;
export const accountRoom = (accountId: string) => `account:${accountId}`;
const staffRoom = (boothId: string) => `staff:${boothId}`;

/** Booth state (staff online, messages waiting) is announced at most this often per booth. */
const BOOTH_STATE_INTERVAL_MS = 1000;

export function attachChat(io: AppServer, deps: ChatDeps): { stop(): void } {
  const { db, log } = deps;
  const limiter = deps.limiter ?? new SendLimiter();
  const restrictions = deps.restrictions ?? new RestrictionCache(db);
  const lastAnnounced = new Map<string, number>();
  const trailing = new Map<string, NodeJS.Timeout>();
  let stopped = false;

  async function boothState(boothId: string) {
    const [online, waiting] = await Promise.all([
      io.in(staffRoom(boothId)).fetchSockets(),
      waitingForStaff(db, boothId),
    ]);
    return { staffOnline: new Set(online.map((s) => s.data.accountId)).size, waiting };
  }

  async function announceNow(boothId: string) {
    if (stopped) return;
    lastAnnounced.set(boothId, Date.now());
    const channel = `booth:${boothId}` as ChannelId;
    io.to(room(channel)).emit('chat:booth-state', { channel, ...(await boothState(boothId)) });
  }

  /** Announces now, or once at the end of the interval when a busy channel asks again sooner. */
  async function announceBoothState(boothIds: string[]) {
    for (const boothId of boothIds) {
      const since = Date.now() - (lastAnnounced.get(boothId) ?? 0);
      if (since >= BOOTH_STATE_INTERVAL_MS) {
        await announceNow(boothId);
      } else if (!trailing.has(boothId)) {
        const timer = setTimeout(() => {
          trailing.delete(boothId);
          announceNow(boothId).catch((err) => log.warn({ err }, 'booth state announcement failed'));
        }, BOOTH_STATE_INTERVAL_MS - since);
        trailing.set(boothId, timer);
      }
    }
  }

  io.on('connection', async (socket: AppSocket) => {
    const actor: Actor = { accountId: socket.data.accountId };
    const staffOf = staffedBooths(db, actor.accountId);
    // Handlers first, so no event is lost while the rooms below are being joined.
    registerHandlers(socket, actor, staffOf);
    if (!actor.accountId) return;
    try {
      socket.join(accountRoom(actor.accountId));
      const boothIds = await staffOf;
      if (boothIds.length > 0) {
        socket.join(boothIds.map(staffRoom));
        await announceBoothState(boothIds);
        socket.on('disconnect', () => {
          announceBoothState(boothIds).catch((err) => log.warn({ err }, 'booth state after disconnect failed'));
        });
      }
    } catch (err) {
      log.error({ err }, 'chat connection setup failed');
    }
  });

  function registerHandlers(socket: AppSocket, actor: Actor, staffOf: Promise<string[]>) {
    // Channels this connection was allowed to open: sending to them needs no second look-up.
    const readable = new Set<ChannelId>();
    let author: Author | undefined;
    const authorInfo = async (): Promise<Author> => {
      author ??= {
        name: socket.data.account?.displayName ?? '',
        country: socket.data.account?.country ?? null,
        staffBooths: new Set(await staffOf),
      };
      return author;
    };
    onEvent(
      socket,
      'chat:join',
      async ({ channel }) => {
        await assertCanRead(db, actor, channel);
        readable.add(channel);
        await socket.join(room(channel));
        const page = await readHistory(db, channel, { limit: 50 });
        const parsed = parseChannel(channel);
        return { ...page, booth: parsed.kind === 'booth' ? await boothState(parsed.boothId) : null };
      },
      log,
    );

    onEvent(
      socket,
      'chat:leave',
      async ({ channel }) => {
        readable.delete(channel);
        await socket.leave(room(channel));
        return {};
      },
      log,
    );

    onEvent(
      socket,
      'chat:history',
      async ({ channel, before, after, limit }) => {
        await assertCanRead(db, actor, channel);
        return readHistory(db, channel, { before, after, limit });
      },
      log,
    );

    onEvent(
      socket,
      'chat:send',
      async (msg) => {
        const authorId =
          actor.accountId && readable.has(msg.channel) && !msg.channel.startsWith('dm:')
            ? actor.accountId
            : await assertCanWrite(db, actor, msg.channel);
        const restriction = await restrictions.get(authorId);
        if (restriction) {
          const until = restriction.until ? ` until ${restriction.until.toISOString()}` : '';
          const what = restriction.action === 'ban' ? 'banned from this expo' : `muted${until}`;
          throw new DomainError(ErrorCode.FORBIDDEN, `You are ${what}: ${restriction.reason}`);
        }
        if (!limiter.take(authorId)) {
          throw new DomainError(ErrorCode.RATE_LIMITED, 'You are sending messages too fast. Wait a moment.');
        }
        let stored: Awaited<ReturnType<typeof storeMessage>>;
        try {
          stored = await storeMessage(db, { ...msg, authorId }, await authorInfo(), deps.serializeInserts);
        } catch (err) {
          if (err instanceof IdTaken) throw new DomainError(ErrorCode.CONFLICT, 'That message id is already used.');
          throw err;
        }
        if (!stored.duplicate) {
          io.to(room(msg.channel)).emit('chat:message', stored.message);
          await notifyOthers(stored.message.channel, authorId, stored.message.authorName, stored.message.body);
        }
        return stored;
      },
      log,
    );

    onEvent(
      socket,
      'chat:read',
      async ({ channel, seq }) => {
        if (!actor.accountId) return {};
        await assertCanRead(db, actor, channel);
        await markRead(db, actor.accountId, channel, seq);
        const parsed = parseChannel(channel);
        if (parsed.kind === 'booth' && (await staffOf).includes(parsed.boothId)) {
          await announceBoothState([parsed.boothId]);
        }
        return {};
      },
      log,
    );

    onEvent(
      socket,
      'chat:unread',
      async () => {
        if (!actor.accountId) return { channels: {} };
        const booths = await staffOf;
        const channels = [...(await dmChannelsOf(db, actor.accountId)), ...booths.map((b) => `booth:${b}`)];
        return { channels: await unreadCounts(db, actor.accountId, channels) };
      },
      log,
    );

    onEvent(
      socket,
      'chat:delete',
      async ({ id }) => {
        await assertOrganiser(db, actor);
        const message = await findMessage(db, id);
        if (!message) throw new DomainError(ErrorCode.NOT_FOUND, 'No such message.');
        await markDeleted(db, id);
        io.to(room(message.channel)).emit('chat:deleted', { channel: message.channel as ChannelId, id });
        return {};
      },
      log,
    );

    onEvent(
      socket,
      'chat:report',
      async ({ id, reason }) => {
        if (!actor.accountId) throw new DomainError(ErrorCode.UNAUTHENTICATED, 'Enter the expo to report a message.');
        const message = await findMessage(db, id);
        if (!message) throw new DomainError(ErrorCode.NOT_FOUND, 'No such message.');
        await assertCanRead(db, actor, message.channel as ChannelId);
        return { reportId: await fileReport(db, id, actor.accountId, reason) };
      },
      log,
    );

    onEvent(
      socket,
      'chat:moderate',
      async ({ accountId, action, reason, minutes }) => {
        // The same decision as in the organiser console (kept with its reason, bans end sessions and connections).
        const byId = await assertOrganiser(db, actor);
        await moderate(db, deps.notifier, { accountId, action, reason, minutes, byId });
        return {};
      },
      log,
    );
  }

  /** A direct message notifies its recipient; a visitor's booth message notifies the booth's staff. */
  async function notifyOthers(channel: ChannelId, authorId: string, from: string, body: string) {
    const parsed = parseChannel(channel);
    const preview = body.length > 120 ? `${body.slice(0, 117)}…` : body;
    if (parsed.kind === 'dm') {
      const other = parsed.accounts.find((a) => a !== authorId);
      if (other) io.to(accountRoom(other)).except(room(channel)).emit('chat:notify', { channel, from, preview });
    } else if (parsed.kind === 'booth') {
      io.to(staffRoom(parsed.boothId)).except(room(channel)).emit('chat:notify', { channel, from, preview });
      await announceBoothState([parsed.boothId]);
    }
  }

  return {
    stop() {
      stopped = true;
      for (const timer of trailing.values()) clearTimeout(timer);
      trailing.clear();
    },
  };
}
