/**
 * Chat over the tab's socket: binds a ChatSync (outbox, exactly-once logs, catch-up after reconnects) to the
 * realtime connection and mirrors it into the chat store. The outbox lives in localStorage, so a message written
 * just before the tab closed or the Wi-Fi dropped is sent when the visitor comes back.
 */
import type { ChannelId } from '../../shared/chat';
import { useChatStore } from '../state/chat';
import { ChatSync, type OutboxItem, type OutboxStorage } from './chat-sync';
import { getRealtimeSocket, onRealtimeSocket, type RealtimeSocket } from './socket';

const OUTBOX_KEY = 'minato.chat.outbox';

const localOutbox: OutboxStorage = {
  load() {
    try {
      const parsed = JSON.parse(localStorage.getItem(OUTBOX_KEY) ?? '[]');
      return Array.isArray(parsed) ? (parsed as OutboxItem[]) : [];
    } catch {
      return [];
    }
  },
  save(items) {
    try {
      localStorage.setItem(OUTBOX_KEY, JSON.stringify(items));
    } catch {
      // Storage full or disabled: the outbox still works for this tab's life.
    }
  },
};

let bound: { socket: RealtimeSocket; sync: ChatSync } | null = null;
const open = new Set<ChannelId>();

// Channels opened before the socket existed (child components mount before the layout starts it) open now.
onRealtimeSocket(() => {
  if (open.size > 0) chat();
});

function mirror(sync: ChatSync, channel: ChannelId) {
  useChatStore.getState().patchChannel(channel, {
    messages: sync.log(channel).messages(),
    pending: sync.pending(channel).map(({ id, body }) => ({ id, body })),
  });
}

/** The ChatSync of the current socket, created (and its listeners attached) on first use. */
function chat(): ChatSync | null {
  const socket = getRealtimeSocket();
  if (!socket) return null;
  if (bound?.socket === socket) return bound.sync;
  bound?.sync.dispose();
  const store = useChatStore.getState();
  const sync = new ChatSync(
    socket,
    {
      change: (channel) => mirror(sync, channel),
      joined: (channel, booth) => useChatStore.getState().patchChannel(channel, { booth, error: null }),
      rejected: (item, error) =>
        store.set({ refused: { channel: item.channel, body: item.body, code: error.code, message: error.message } }),
    },
    localOutbox,
  );
  socket.on('chat:booth-state', ({ channel, staffOnline, waiting }) =>
    useChatStore.getState().patchChannel(channel, { booth: { staffOnline, waiting } }),
  );
  socket.on('chat:notify', (notice) => {
    const s = useChatStore.getState();
    s.set({ notice, unread: { ...s.unread, [notice.channel]: (s.unread[notice.channel] ?? 0) + 1 } });
  });
  socket.on('chat:moderated', ({ action, reason, until }) =>
    useChatStore.getState().set({ restriction: action === 'lift' ? null : { action, reason, until } }),
  );
  socket.on('connect', () => void refreshUnread());
  bound = { socket, sync };
  for (const channel of open) void openChannel(channel);
  return sync;
}

export async function openChannel(channel: ChannelId): Promise<void> {
  open.add(channel);
  const sync = chat();
  if (!sync) return;
  try {
    await sync.join(channel);
    mirror(sync, channel);
    await markRead(channel);
  } catch (err) {
    useChatStore.getState().patchChannel(channel, { error: (err as { code?: string }).code ?? 'UNAVAILABLE' });
  }
}

export function closeChannel(channel: ChannelId): void {
  open.delete(channel);
  void chat()?.leave(channel);
}

export function sendMessage(channel: ChannelId, body: string, lang: string): void {
  const sync = chat();
  if (!sync) return;
  useChatStore.getState().set({ refused: null });
  sync.send(channel, body, lang);
}

export async function loadOlder(channel: ChannelId): Promise<void> {
  const sync = chat();
  if (!sync) return;
  const hasMore = await sync.loadOlder(channel);
  useChatStore.getState().patchChannel(channel, { hasMore });
}

export async function markRead(channel: ChannelId): Promise<void> {
  const sync = chat();
  const socket = getRealtimeSocket();
  if (!sync || !socket?.connected) return;
  const seq = sync.log(channel).lastSeq();
  if (seq > 0) await socket.emitWithAck('chat:read', { channel, seq });
  const s = useChatStore.getState();
  if (s.unread[channel]) s.set({ unread: { ...s.unread, [channel]: 0 } });
}

export async function refreshUnread(): Promise<void> {
  const socket = getRealtimeSocket();
  if (!socket?.connected) return;
  const result = await socket.emitWithAck('chat:unread', {});
  if (result.ok) useChatStore.getState().set({ unread: result.data.channels as Record<ChannelId, number> });
}

/** Organisers: delete a message for everyone. Resolves with an error code, or null. */
export async function deleteMessage(id: string): Promise<string | null> {
  const socket = getRealtimeSocket();
  if (!socket) return 'UNAVAILABLE';
  const result = await socket.emitWithAck('chat:delete', { id });
  return result.ok ? null : result.error.code;
}

export async function reportMessage(id: string, reason: string): Promise<string | null> {
  const socket = getRealtimeSocket();
  if (!socket) return 'UNAVAILABLE';
  const result = await socket.emitWithAck('chat:report', { id, reason });
  return result.ok ? null : result.error.code;
}
