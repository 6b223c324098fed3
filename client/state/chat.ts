import { create } from 'zustand';
import type { ChannelId, ChatMessage } from '../../shared/chat';

export interface ChannelView {
  messages: readonly ChatMessage[];
  /** Written here, not yet stored by the server (shown as "sending…"). */
  pending: readonly { id: string; body: string }[];
  /** For booth channels: staff online and messages waiting for them. */
  booth: { staffOnline: number; waiting: number } | null;
  hasMore: boolean;
  /** Why the channel could not be opened, as an error code. */
  error: string | null;
}

export interface ChatNotice {
  channel: ChannelId;
  from: string;
  preview: string;
}

interface ChatState {
  channels: Partial<Record<ChannelId, ChannelView>>;
  unread: Partial<Record<ChannelId, number>>;
  notice: ChatNotice | null;
  /** The viewer was muted or banned: the reason, and until when. */
  restriction: { action: 'mute' | 'ban'; reason: string; until: string | null } | null;
  /** The last message the server refused for good, with its code and message. */
  refused: { channel: ChannelId; body: string; code: string; message: string } | null;
  patchChannel(channel: ChannelId, patch: Partial<ChannelView>): void;
  set(patch: Partial<Omit<ChatState, 'patchChannel' | 'set'>>): void;
}

export const emptyChannel: ChannelView = { messages: [], pending: [], booth: null, hasMore: false, error: null };

/** Chat as the interface shows it; written only by client/net/chat.ts. */
export const useChatStore = create<ChatState>()((set) => ({
  channels: {},
  unread: {},
  notice: null,
  restriction: null,
  refused: null,
  patchChannel: (channel, patch) =>
    set((s) => ({ channels: { ...s.channels, [channel]: { ...(s.channels[channel] ?? emptyChannel), ...patch } } })),
  set: (patch) => set(patch),
}));
