/**
 * The domains' one way to reach connected people (booth published, person moderated) without knowing Socket.IO.
 * The HTTP app is built before the socket server exists, so the notifier is bound to it afterwards; until then
 * (and in tests without sockets) it does nothing.
 */
import type { BoothSummary } from '../../shared/api';
import type { AppServer } from './socket-server';

export interface LiveNotifier {
  /** Tells everyone connected that a booth changed (published, or its plot moved). */
  boothUpdated(booth: BoothSummary): void;
  /** Tells a person they were muted, banned or lifted. */
  moderated(
    accountId: string,
    payload: { action: 'mute' | 'ban' | 'lift'; reason: string; until: string | null },
  ): void;
  /** Tells a person why, then closes every connection of theirs, on every process. */
  disconnect(accountId: string, reason: string): void;
}

export interface BindableNotifier extends LiveNotifier {
  bind(io: AppServer): void;
}

const accountRoom = (accountId: string) => `account:${accountId}`;

/** `moderated` runs on this process for every moderation decision (e.g. to drop a cached restriction). */
export function createLiveNotifier(hooks: { moderated?(accountId: string): void } = {}): BindableNotifier {
  let io: AppServer | undefined;
  return {
    bind(server) {
      io = server;
    },
    boothUpdated(booth) {
      io?.emit('booth:updated', booth);
    },
    moderated(accountId, payload) {
      hooks.moderated?.(accountId);
      io?.to(accountRoom(accountId)).emit('chat:moderated', payload);
    },
    disconnect(accountId, reason) {
      hooks.moderated?.(accountId);
      if (!io) return;
      io.to(accountRoom(accountId)).emit('moderation:kicked', { reason });
      // Queued packets are flushed before the transport closes, so the reason arrives first.
      io.in(accountRoom(accountId)).disconnectSockets(true);
    },
  };
}
