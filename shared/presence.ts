/**
 * Live presence: the socket events (zod), the quantised pose and its compact batch encoding, and the pure cell
 * maths that both sides share. The server sends each visitor only the 3×3 cells around it; the client uses the same
 * maths to forget avatars that left its view.
 *
 * Wire pose: `[xCm, zCm, heading]`, integers; heading is a byte (256 steps per turn, 0 looks towards -z).
 * Batch: one binary attachment (an ArrayBuffer in browsers, a Buffer in Node; no base64), little-endian:
 *   float64 tickTimeMs, int8 cx, int8 cz (the cell whose room it is sent to), then one segment per cell of its 3×3
 *   view that has poses: uint16 `neighbour | count << 4` (neighbour 0..8 = (dx+1)*3 + (dz+1)), then `count` entries
 *   of 6 bytes: uint32 `id | xRel << 20 | (zRel & 3) << 30`, uint16 `zRel >> 2 | heading << 8`, where xRel/zRel are
 *   centimetres from the segment's cell origin (0..799). ~6 bytes an avatar plus ~70 per batch keeps 30 moving
 *   avatars under 32 kbps with the profiles that come into view. The cost: Socket.IO sends an attachment as a
 * second WebSocket frame and frames it again for every recipient (a text broadcast is framed once per room).
 */
import { z } from 'zod';
import { CountryCode, HexColor, Role } from './domain';
import type { Rect } from './layout';

/** Edge of a presence cell in metres; a visitor sees the 3×3 cells around its own (24 m × 24 m). */
export const CELL_SIZE_M = 8;
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
/** Bytes per avatar in a pose batch. */
export const POSE_ENTRY_BYTES = 6;
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

/** An avatar as others see it. `pose` is its last known pose (the pose stream corrects it within a tick). */
export const AvatarInfo = AvatarProfile.extend({
  id: z.number().int().min(1).max(MAX_AVATAR_ID),
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
    ack: z.object({ selfId: z.number().int(), cellSize: z.number(), avatars: z.array(AvatarInfo) }),
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

export const presenceServerEvents = {
  /** Avatars that came into view, or whose profile or booth changed (upsert by id). */
  'presence:enter': z.object({ avatars: z.array(AvatarInfo) }),
  /** Avatars that left the hall or the view. */
  'presence:exit': z.object({ ids: z.array(z.number().int()) }),
  /** One tick's changed poses around you: a binary batch (see the top of this file); read with `readPoseBatch`. */
  'presence:poses': z.custom<PoseBatchData>((v) => v instanceof ArrayBuffer || ArrayBuffer.isView(v)),
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

// ---------------------------------------------------------------------------------------------------------------
// Cells

const CELL_OFFSET = 2048;
/** Cell keys are `cx * CELL_STRIDE + cz` (offset): the cell east of `c` is `c + CELL_STRIDE`, north `c + 1`. */
export const CELL_STRIDE = 4096;
const CELL_CM = CELL_SIZE_M * 100;

/** The cell key of a position in centimetres (an integer; rooms are named after it). */
export function cellOf(xCm: number, zCm: number): number {
  const cx = Math.floor(xCm / CELL_CM) + CELL_OFFSET;
  const cz = Math.floor(zCm / CELL_CM) + CELL_OFFSET;
  return cx * CELL_STRIDE + cz;
}

export function cellCoords(cell: number): { cx: number; cz: number } {
  return { cx: Math.floor(cell / CELL_STRIDE) - CELL_OFFSET, cz: (cell % CELL_STRIDE) - CELL_OFFSET };
}

/** The 3×3 cells around `cell`, itself included. */
export function neighbourCells(cell: number): number[] {
  const out: number[] = [];
  for (let dx = -1; dx <= 1; dx++) {
    for (let dz = -1; dz <= 1; dz++) out.push(cell + dx * CELL_STRIDE + dz);
  }
  return out;
}

/** Whether `other` is within the 3×3 view of `cell`. */
export function cellsAdjacent(cell: number, other: number): boolean {
  const a = cellCoords(cell);
  const b = cellCoords(other);
  return Math.abs(a.cx - b.cx) <= 1 && Math.abs(a.cz - b.cz) <= 1;
}

/** When a viewer moves from `from` to `to`: the cells that come into view and those that leave it. */
export function viewDelta(from: number, to: number): { entered: number[]; left: number[] } {
  const before = neighbourCells(from);
  const after = neighbourCells(to);
  return {
    entered: after.filter((c) => !cellsAdjacent(from, c)),
    left: before.filter((c) => !cellsAdjacent(to, c)),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Pose batches

/** A pose batch's bytes: an ArrayBuffer or a view of one (a Buffer in Node). */
export type PoseBatchData = ArrayBuffer | ArrayBufferView;

/** Bytes before the first segment of a batch: tick time, target cell. */
export const POSE_BATCH_HEADER_BYTES = 10;
/** Bytes before a segment's entries. */
export const POSE_SEGMENT_HEADER_BYTES = 2;
/** Entries per segment the header can count; a fuller cell is split into several segments. */
export const MAX_SEGMENT_ENTRIES = 0xfff;

/**
 * Writes one avatar's pose at `offset` of `view`; x and z are the absolute centimetres, stored relative to `cell`'s
 * origin (the avatar must stand in `cell`).
 */
export function writePoseEntry(
  view: DataView,
  offset: number,
  cell: number,
  id: number,
  xCm: number,
  zCm: number,
  h: number,
): void {
  const xr = xCm - cellOriginCm(Math.floor(cell / CELL_STRIDE));
  const zr = zCm - cellOriginCm(cell % CELL_STRIDE);
  view.setUint32(offset, (id | (xr << 20) | ((zr & 3) << 30)) >>> 0, true);
  view.setUint16(offset + 4, (zr >> 2) | (h << 8), true);
}

const cellOriginCm = (cellAxis: number) => (cellAxis - CELL_OFFSET) * CELL_CM;

/** Writes a batch's header (tick time and the target cell) at the start of `view`. */
export function writePoseBatchHeader(view: DataView, offset: number, tickTimeMs: number, targetCell: number): void {
  const { cx, cz } = cellCoords(targetCell);
  view.setFloat64(offset, tickTimeMs, true);
  view.setInt8(offset + 8, cx);
  view.setInt8(offset + 9, cz);
}

/** Writes a segment header for `count` entries of `cell`, seen from `targetCell` (its neighbour). */
export function writeSegmentHeader(
  view: DataView,
  offset: number,
  targetCell: number,
  cell: number,
  count: number,
): void {
  const d = cell - targetCell;
  // cell = target + dx * CELL_STRIDE + dz with dx, dz in -1..1
  const dx = Math.round(d / CELL_STRIDE);
  const dz = d - dx * CELL_STRIDE;
  view.setUint16(offset, (dx + 1) * 3 + (dz + 1) + (count << 4), true);
}

/** A pose batch's tick time (server ms), or NaN for a batch too short to have a header. */
export function poseBatchTime(data: PoseBatchData): number {
  if (data.byteLength < POSE_BATCH_HEADER_BYTES) return Number.NaN;
  const view = data instanceof ArrayBuffer ? new DataView(data, 0, 8) : new DataView(data.buffer, data.byteOffset, 8);
  return view.getFloat64(0, true);
}

/**
 * Reads a pose batch, calling `visit` for every avatar with absolute centimetres (no allocation per entry); returns
 * the batch's tick time, or NaN for a batch too short to have a header. A truncated trailing segment is ignored.
 */
export function readPoseBatch(
  data: PoseBatchData,
  visit: (id: number, xCm: number, zCm: number, heading: number) => void,
): number {
  const view =
    data instanceof ArrayBuffer ? new DataView(data) : new DataView(data.buffer, data.byteOffset, data.byteLength);
  const length = view.byteLength;
  if (length < POSE_BATCH_HEADER_BYTES) return Number.NaN;
  const tick = view.getFloat64(0, true);
  const cx = view.getInt8(8);
  const cz = view.getInt8(9);
  let o = POSE_BATCH_HEADER_BYTES;
  while (o + POSE_SEGMENT_HEADER_BYTES <= length) {
    const head = view.getUint16(o, true);
    o += POSE_SEGMENT_HEADER_BYTES;
    const n = head & 15;
    const x0 = (cx + Math.floor(n / 3) - 1) * CELL_CM;
    const z0 = (cz + (n % 3) - 1) * CELL_CM;
    const end = o + (head >>> 4) * POSE_ENTRY_BYTES;
    if (end > length) break;
    for (; o < end; o += POSE_ENTRY_BYTES) {
      const a = view.getUint32(o, true);
      const b = view.getUint16(o + 4, true);
      visit(a & 0xfffff, x0 + ((a >>> 20) & 0x3ff), z0 + ((a >>> 30) | ((b & 0xff) << 2)), b >>> 8);
    }
  }
  return tick;
}

// ---------------------------------------------------------------------------------------------------------------
// Hall bounds

/** Clamps a position in centimetres into a rectangle given in metres. */
export function clampToRect(xCm: number, zCm: number, rect: Rect): { x: number; z: number } {
  return {
    x: Math.min(Math.max(xCm, Math.ceil(rect.minX * 100)), Math.floor(rect.maxX * 100)),
    z: Math.min(Math.max(zCm, Math.ceil(rect.minZ * 100)), Math.floor(rect.maxZ * 100)),
  };
}
