/**
 * Live presence: the socket events (zod) and the quantised pose that both sides share. The cells a visitor sees are
 * in presence-cells.ts, the binary pose batch the server sends every tick in pose-batch.ts.
 *
 * Wire pose: `[xCm, zCm, heading]`, integers; heading is a byte (256 steps per turn, 0 looks towards -z).
 *
 * Who comes into and leaves a cell room's view travels with the room's tick (ViewChanges), so a socket gets one
 * message a tick however many people cross cells around it; a socket that crosses a cell itself is told at once.
 * Profiles (name, country, colour, role, booth) are sent once per connection: the server remembers which profile
 * each connection has (bounded, least recently sent forgotten first) and then sends only ids and poses; the client
 * keeps a larger cache of the same profiles (see `ProfileCache` in profile-cache.ts).
 */
import { z } from 'zod';
import { CountryCode, HexColor, Role } from './domain';
import type { Rect } from './layout';

/** The server's batching tick. */
export const PRESENCE_TICK_MS = 100;
/** Clients send their pose at most this often. */
export const MAX_POSE_HZ = 10;
/** Faster than a brisk walk (or VR thumbstick run) is clamped. */
export const MAX_SPEED_MPS = 3;
/** A dropped connection keeps its avatar this long, so a quick reconnect does not blink it out and in. */
export const RECONNECT_GRACE_MS = 3000;
/** Positions are int16 centimetres on the wire: the hall must fit in ±327 m. */
export const MAX_COORD_CM = 32767;
/** Avatar ids are 20 bits on the wire. */
export const MAX_AVATAR_ID = 0xfffff;

/** The hall the server clamps to until the expo's layout is known (shared/layout.ts gives the real one). */
export const DEFAULT_HALL_BOUNDS: Rect = { minX: -37, maxX: 37, minZ: -120, maxZ: 0 };

/** Reasons a presence connection was refused or cut, as `error` event codes (beside the shared ErrorCode). */
export const PresenceErrorCode = {
  INVALID_PAYLOAD: 'INVALID_PAYLOAD',
  RATE_LIMITED: 'RATE_LIMITED',
  NOT_JOINED: 'NOT_JOINED',
  REPLACED: 'REPLACED',
} as const;
export type PresenceErrorCode = (typeof PresenceErrorCode)[keyof typeof PresenceErrorCode];

// ---------------------------------------------------------------------------------------------------------------
// Schemas

/** What the presence part of the handshake carries: a per-tab id kept in sessionStorage so reconnects restore. */
export const PresenceAuth = z.object({ visitorId: z.uuid() });

export const AvatarProfile = z.object({
  displayName: z.string().trim().min(1).max(40),
  country: CountryCode,
  avatarColor: HexColor,
  role: Role,
});
export type AvatarProfile = z.infer<typeof AvatarProfile>;

const cm = z.number().int().min(-MAX_COORD_CM).max(MAX_COORD_CM);
/** A quantised pose `[xCm, zCm, heading]`. */
export const WirePose = z.tuple([cm, cm, z.number().int().min(0).max(255)]);
export type WirePose = z.infer<typeof WirePose>;

export const BoothId = z.string().min(1).max(64);

const avatarId = z.number().int().min(1).max(MAX_AVATAR_ID);
/** An avatar whose profile the connection already has, as it is now: `[id, xCm, zCm, heading]`. */
export const KnownAvatar = z.tuple([avatarId, cm, cm, z.number().int().min(0).max(255)]);
export type KnownAvatar = z.infer<typeof KnownAvatar>;

/** An avatar as others see it. `pose` is its last known pose (the pose stream corrects it within a tick). */
export const AvatarInfo = AvatarProfile.extend({
  id: avatarId,
  boothId: BoothId.nullable(),
  /** Booths this person is staff of (online staff are shown on their booth). */
  staffOf: z.array(BoothId).max(20),
  pose: WirePose,
});
export type AvatarInfo = z.infer<typeof AvatarInfo>;

export const PresenceSummary = z.object({
  total: z.number().int(),
  /** Head count per zone id (zones with nobody are omitted). */
  zones: z.record(z.string(), z.number().int()),
  /** Per booth with anyone: `[visitors at the booth, its staff online]`. */
  booths: z.record(z.string(), z.tuple([z.number().int(), z.number().int()])),
});
export type PresenceSummary = z.infer<typeof PresenceSummary>;

const empty = z.object({});

/** Acknowledged presence events (reliable). */
export const presenceClientEvents = {
  /** Enter the hall (again after a reconnect: the same visitorId keeps the same avatar). */
  'presence:join': {
    payload: z.object({ profile: AvatarProfile, pose: WirePose }),
    ack: z.object({
      selfId: z.number().int(),
      cellSize: z.number(),
      avatars: z.array(AvatarInfo),
      /** Avatars in view whose unchanged profile this connection was sent before. */
      known: z.array(KnownAvatar).optional(),
    }),
  },
  'presence:profile': { payload: AvatarProfile, ack: empty },
  /** The visitor is now at this booth (or at none). */
  'presence:booth': { payload: z.object({ boothId: BoothId.nullable() }), ack: empty },
  /** Who is at a booth now, and which of its staff are online. */
  'presence:booth-people': {
    payload: z.object({ boothId: BoothId }),
    ack: z.object({ visitors: z.array(AvatarInfo), staff: z.array(AvatarInfo) }),
  },
  /** Profiles of avatars whose poses arrived before their profile (heals a missed enter). */
  'presence:who': {
    payload: z.object({ ids: z.array(z.number().int()).max(64) }),
    ack: z.object({ avatars: z.array(AvatarInfo) }),
  },
  'presence:leave': { payload: empty, ack: empty },
} as const;

/** Unacknowledged, volatile client events: parsed by hand on the hot path (see `parseWirePose`). */
export const presenceVolatileEvents = {
  'presence:pose': WirePose,
} as const;

/**
 * What changed in a cell room's view since the last tick, sent with its pose batch: avatars that came into view (or
 * changed) whose profile not every socket in the room has, and avatars that left. One that came into view whose
 * profile every socket has is not listed: its pose is in the same batch and the client completes it from its
 * ProfileCache.
 */
export const ViewChanges = z.object({ avatars: z.array(AvatarInfo).optional(), exit: z.array(avatarId).optional() });
export type ViewChanges = z.infer<typeof ViewChanges>;

/** A pose batch as it arrives: an ArrayBuffer in a browser, a Buffer in Node (sent as a Uint8Array). */
const PoseBatchBytes = z.custom<ArrayBuffer | Uint8Array>(
  (v) => v instanceof ArrayBuffer || v instanceof Uint8Array,
  'a pose batch is binary',
);

export const presenceServerEvents = {
  /**
   * Avatars that came into view, or whose profile or booth changed (upsert by id); `known` ones come back into view
   * with the profile this connection was sent before.
   */
  'presence:enter': z.object({ avatars: z.array(AvatarInfo), known: z.array(KnownAvatar).optional() }),
  /** Avatars that left the hall or the view. */
  'presence:exit': z.object({ ids: z.array(z.number().int()) }),
  /**
   * One tick for your cell room: the changed poses around you as a binary batch (see pose-batch.ts; read with
   * `readPoseBatch`; its header alone when only the view changed), with the view's changes when there are any (apply
   * them first).
   */
  'presence:poses': z.union([PoseBatchBytes, z.tuple([PoseBatchBytes, ViewChanges])]),
  /** Slow-rate head counts for everyone. */
  'presence:summary': PresenceSummary,
} as const;

// ---------------------------------------------------------------------------------------------------------------
// Quantisation

/** Metres and yaw (radians about +Y) → the wire pose. */
export function quantisePose(x: number, z: number, yaw: number): WirePose {
  return [Math.round(x * 100), Math.round(z * 100), headingByte(yaw)];
}

export function headingByte(yaw: number): number {
  const turn = yaw / (2 * Math.PI);
  return Math.round((turn - Math.floor(turn)) * 256) & 255;
}

export function headingToYaw(byte: number): number {
  return (byte / 256) * 2 * Math.PI;
}

/**
 * The hot-path check of a volatile pose: an array of three integers in range. Returns the tuple, or null.
 * Cheaper than a zod parse at tens of thousands of packets a second, and equivalent to `WirePose`.
 */
export function parseWirePose(raw: unknown): WirePose | null {
  if (!Array.isArray(raw) || raw.length !== 3) return null;
  const [x, z, h] = raw as unknown[];
  if (!Number.isInteger(x) || !Number.isInteger(z) || !Number.isInteger(h)) return null;
  const xi = x as number;
  const zi = z as number;
  const hi = h as number;
  if (xi < -MAX_COORD_CM || xi > MAX_COORD_CM || zi < -MAX_COORD_CM || zi > MAX_COORD_CM) return null;
  if (hi < 0 || hi > 255) return null;
  return [xi, zi, hi];
}
