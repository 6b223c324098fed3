/**
 * Keeps chat channels in sync over a Socket.IO connection that may drop at any time: every message the person
 * writes waits in an outbox until the server has stored it (sent in order, retried after reconnects; the server
 * ignores a repeated id), and each open channel's log is refilled with what was missed while away.
 * No React here: the chat store subscribes, and the integration tests drive it with real sockets.
 */
import type { Socket } from 'socket.io-client';
import { type ChannelId, ChannelLog, type ChatMessage } from '../../shared/chat';
import type { ErrorBody } from '../../shared/errors';
import type { AckResult, ClientToServerEvents, ServerToClientEvents } from '../../shared/protocol';

export type ChatSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export interface OutboxItem {
  id: string;
  channel: ChannelId;
  body: string;
  lang: string;
}

/** Where the outbox survives a reload (localStorage in the browser, memory in tests). */
export interface OutboxStorage {
  load(): OutboxItem[];
  save(items: OutboxItem[]): void;
}

export const memoryOutbox = (): OutboxStorage => {
  let items: OutboxItem[] = [];
  return {
    load: () => items,
    save: (next) => {
      items = [...next];
    },
  };
};

export interface ChatSyncEvents {
  /** A channel's log or outbox changed. */
  change(channel: ChannelId): void;
  /** A channel was (re)joined: its booth state, for booth channels. */
  joined(channel: ChannelId, booth: { staffOnline: number; waiting: number } | null): void;
  /** The server refused a message for good (muted, not allowed…); it left the outbox. */
  rejected(item: OutboxItem, error: ErrorBody): void;
}

const ACK_TIMEOUT_MS = 10_000;
const RETRY_AFTER_RATE_LIMIT_MS = 1_000;

export class ChatSync {
  private readonly logs = new Map<ChannelId, ChannelLog>();
  private readonly joined = new Set<ChannelId>();
  private outbox: OutboxItem[];
  private flushing = false;
  private disposed = false;
  private readonly retryTimers = new Set<ReturnType<typeof setTimeout>>();

  constructor(
    private readonly socket: ChatSocket,
    private readonly events: Partial<ChatSyncEvents> = {},
    private readonly storage: OutboxStorage = memoryOutbox(),
    private readonly newId: () => string = () => crypto.randomUUID(),
  ) {
    this.outbox = storage.load();
    socket.on('connect', this.onConnect);
    socket.on('chat:message', this.onMessage);
    socket.on('chat:deleted', this.onDeleted);
    if (socket.connected) void this.onConnect();
  }

  log(channel: ChannelId): ChannelLog {
    let log = this.logs.get(channel);
    if (!log) {
      log = new ChannelLog();
      this.logs.set(channel, log);
    }
    return log;
  }

  /** Messages written here and not yet stored by the server. */
  pending(channel?: ChannelId): readonly OutboxItem[] {
    return channel ? this.outbox.filter((m) => m.channel === channel) : this.outbox;
  }

  /** Opens a channel (and keeps it open across reconnects). Resolves with the booth state for booth channels. */
  async join(channel: ChannelId) {
    this.joined.add(channel);
    return this.socket.connected ? this.rejoin(channel) : null;
  }

  async leave(channel: ChannelId): Promise<void> {
    this.joined.delete(channel);
    if (this.socket.connected) await this.socket.emitWithAck('chat:leave', { channel });
  }

  /** Queues a message; it is delivered once the connection allows. Returns its id. */
  send(channel: ChannelId, body: string, lang: string): string {
    const item: OutboxItem = { id: this.newId(), channel, body, lang };
    this.outbox.push(item);
    this.storage.save(this.outbox);
    this.events.change?.(channel);
    void this.flush();
    return item.id;
  }

  /** Older messages for scrolling back. */
  async loadOlder(channel: ChannelId): Promise<boolean> {
    const before = this.log(channel).firstSeq();
    const result = await this.socket.emitWithAck('chat:history', { channel, before, limit: 50 });
    if (!result.ok) throw Object.assign(new Error(result.error.message), { code: result.error.code });
    this.add(channel, result.data.messages);
    return result.data.hasMore;
  }

  dispose(): void {
    this.disposed = true;
    this.socket.off('connect', this.onConnect);
    this.socket.off('chat:message', this.onMessage);
    this.socket.off('chat:deleted', this.onDeleted);
    for (const t of this.retryTimers) clearTimeout(t);
  }

  private add(channel: ChannelId, messages: ChatMessage[]) {
    const added = this.log(channel).add(messages);
    const before = this.outbox.length;
    const ids = new Set(messages.map((m) => m.id));
    this.outbox = this.outbox.filter((m) => !ids.has(m.id));
    if (this.outbox.length !== before) this.storage.save(this.outbox);
    if (added || this.outbox.length !== before) this.events.change?.(channel);
  }

  private readonly onMessage = (message: ChatMessage) => {
    this.add(message.channel, [message]);
  };

  private readonly onDeleted = ({ channel, id }: { channel: ChannelId; id: string }) => {
    if (this.log(channel).remove(id)) this.events.change?.(channel);
  };

  private readonly onConnect = async () => {
    await Promise.allSettled([...this.joined].map((c) => this.rejoin(c)));
    await this.flush();
  };

  /** Joins the room first, then fetches everything after the last message held, so nothing falls in between. */
  private async rejoin(channel: ChannelId) {
    const lastSeq = this.log(channel).lastSeq();
    const joined = await this.socket.timeout(ACK_TIMEOUT_MS).emitWithAck('chat:join', { channel });
    if (!joined.ok) throw Object.assign(new Error(joined.error.message), { code: joined.error.code });
    this.add(channel, joined.data.messages);
    this.events.joined?.(channel, joined.data.booth);
    if (lastSeq > 0) {
      let after = lastSeq;
      for (;;) {
        const page: AckResult<{ messages: ChatMessage[]; hasMore: boolean }> = await this.socket
          .timeout(ACK_TIMEOUT_MS)
          .emitWithAck('chat:history', { channel, after, limit: 200 });
        if (!page.ok) break;
        this.add(channel, page.data.messages);
        const last = page.data.messages.at(-1);
        if (!page.data.hasMore || !last) break;
        after = last.seq;
      }
    }
    return joined.data.booth;
  }

  /** Sends the outbox in order, one at a time, until it is empty or the connection drops. */
  private async flush(): Promise<void> {
    if (this.flushing || this.disposed) return;
    this.flushing = true;
    try {
      while (this.outbox.length > 0 && this.socket.connected && !this.disposed) {
        const item = this.outbox[0]!;
        let result: AckResult<{ message: ChatMessage; duplicate: boolean }>;
        try {
          result = await this.socket.timeout(ACK_TIMEOUT_MS).emitWithAck('chat:send', item);
        } catch {
          // No ack in time. Dropped connection: the next connect flushes again. Still connected: send it again
          // (the server stores an id once, so a repeat is harmless).
          if (this.socket.connected) continue;
          return;
        }
        if (result.ok) {
          this.add(item.channel, [result.data.message]);
        } else if (result.error.code === 'RATE_LIMITED') {
          const timer = setTimeout(() => {
            this.retryTimers.delete(timer);
            void this.flush();
          }, RETRY_AFTER_RATE_LIMIT_MS);
          this.retryTimers.add(timer);
          return;
        } else {
          this.outbox = this.outbox.filter((m) => m.id !== item.id);
          this.storage.save(this.outbox);
          this.events.rejected?.(item, result.error);
          this.events.change?.(item.channel);
        }
      }
    } finally {
      this.flushing = false;
    }
  }
}
