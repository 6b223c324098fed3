/**
 * What a process keeps of its own visitors and their connections (the roster has everyone's replicated record; only
 * the owning process has these). Its own module because PresenceService, which keeps them, and PresenceTicker, which
 * sends their poses, both read them.
 */
import type { Role } from '../../shared/domain';
import type { WirePose } from '../../shared/presence';
import type { FloodGuard } from './flood-guard';
import type { MovementClamp } from './movement-clamp';
import type { AvatarRecord } from './presence-roster';
import type { ProfileMemory } from './profile-memory';

export interface LocalVisitor {
  record: AvatarRecord;
  connId: string | null;
  x: number;
  z: number;
  h: number;
  /** The phases (a bit each) whose rooms have not been sent this visitor's latest pose. */
  due: number;
  /** The phases whose rooms have not been sent its latest heading (entries of the others leave it out). */
  turnDue: number;
  clamp: MovementClamp;
  /** When the connection dropped (the avatar stays for the reconnect grace). */
  goneAt: number | null;
  /** The strongest role the server allows this visitor to show. */
  allowedRole: Role;
}

export interface Connection {
  poseGuard: FloodGuard;
  eventGuard: FloodGuard;
  visitor: LocalVisitor | null;
  lastErrorAt: number;
  /** The cell room the connection is in (null: none). */
  roomCell: number | null;
  /** Profiles this connection was sent (the client's ProfileCache mirrors it). */
  profiles: ProfileMemory;
}

/** A local visitor's live pose (its record holds the last replicated one). */
export function livePose(v: LocalVisitor): WirePose {
  return [v.x, v.z, v.h];
}

/** A new local visitor's record until its join commits the real one. */
export function placeholder(id: number, keyHash: string, owner: string): AvatarRecord {
  return {
    id,
    keyHash,
    profile: { displayName: '?', country: 'JP', avatarColor: '#000000', role: 'visitor' },
    boothId: null,
    staffOf: [],
    pose: [0, 0, 0],
    cell: Number.NaN,
    zoneId: null,
    owner,
  };
}
