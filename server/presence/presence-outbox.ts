/**
 * How presence reaches connections and other processes, without knowing Socket.IO: the adapter in server/realtime
 * implements it. Its own module because both halves of presence write to it (PresenceService to one connection,
 * PresenceTicker to rooms, other processes and the summary).
 */
import type { AvatarInfo, KnownAvatar, PresenceErrorCode, PresenceSummary, ViewChanges } from '../../shared/presence';
import type { PeerTick } from './peer-sync';

export type EnterPayload = { avatars: AvatarInfo[]; known?: KnownAvatar[] };
export type ExitPayload = { ids: number[] };

/** How the service reaches connections and other processes. */
export interface PresenceOutbox {
  enter(connId: string, payload: EnterPayload): void;
  exit(connId: string, payload: ExitPayload): void;
  /**
   * A tick's pose batch (bytes, see shared/pose-batch.ts; the header alone when only the view changed) to this
   * process's connections in `cell`, with the changes of their view: volatile (a late batch is useless) unless it
   * carries changes.
   */
  poses(cell: number, batch: Uint8Array, changes: ViewChanges | null): void;
  /** Moves a connection's cell room (null: none). */
  moveConnection(connId: string, from: number | null, to: number | null): void;
  error(connId: string, code: PresenceErrorCode, message: string): void;
  disconnect(connId: string): void;
  /** To the other processes, once a tick (only when `multiProcess`). */
  peers(tick: PeerTick): void;
  summary(summary: PresenceSummary): void;
}
