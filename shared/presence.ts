/**
 * Live presence: the socket events (zod), the quantised pose and its compact batch encoding, and the pure cell
 * maths that both sides share. The server sends each visitor only the 3×3 cells around it; the client uses the same
 * maths to forget avatars that left its view.
 *
 * Wire pose: `[xCm, zCm, heading]`, integers; heading is a byte (256 steps per turn, 0 looks towards -z).
 * Batch: the bytes below, sent as base64 text, little-endian:
 *   float64 tickTimeMs, int8 cx, int8 cz (the cell whose room it is sent to), then one segment per cell of its 3×3
 *   view that has poses: uint8 `neighbour | headings << 4 | count << 5` (neighbour 0..8 = (dx+1)*3 + (dz+1);
 *   count 0..6, or 7 and a uint16 count after it: a cell has ~3 people, so one byte is the rule), then `count`
 *   entries: uint32 `id | xRel << 20 | (zRel & 3) << 30`, uint8 `zRel >> 2`, and if `headings` uint8 heading, where
 *   xRel/zRel are centimetres from the segment's cell origin (0..799). An entry without heading (5 bytes, not 6)
 *   keeps the avatar's last heading: someone walking straight does not turn, and every cell's keyframe (once a
 *   second) carries headings for whoever came into view since.
 * Why text and not a binary attachment: Socket.IO encodes and frames a text room broadcast once for the whole room,
 * but sends an attachment as a second WebSocket frame built again for every recipient; on the 2-core benchmark the
 * same batches as attachments cost ~25% more server CPU (0.556 against 0.441 ms per visitor-second at 1,000
 * visitors). 7 to 8 characters an avatar still keeps ~30 moving avatars in view under 32 kbps.
 *
 * Who comes into and leaves a cell room's view travels with the room's tick (ViewChanges), so a socket gets one
 * message a tick however many people cross cells around it; a socket that crosses a cell itself is told at once.
 * Profiles (name, country, colour, role, booth) are sent once per connection: the server remembers which profile
 * each connection has (bounded, least recently sent forgotten first) and then sends only ids and poses; the client
 * keeps a larger cache of the same profiles (see `ProfileCache`).
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
/** Bytes per avatar in a pose batch: 6 with its heading, 5 when the heading did not change. */
export const POSE_ENTRY_BYTES = 6;
export const POSE_ENTRY_BYTES_NO_HEADING = 5;
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

export const presenceServerEvents = {
  /**
   * Avatars that came into view, or whose profile or booth changed (upsert by id); `known` ones come back into view
   * with the profile this connection was sent before.
   */
  'presence:enter': z.object({ avatars: z.array(AvatarInfo), known: z.array(KnownAvatar).optional() }),
  /** Avatars that left the hall or the view. */
  'presence:exit': z.object({ ids: z.array(z.number().int()) }),
  /**
   * One tick for your cell room: the changed poses around you as a base64 batch (see the top of this file; read with
   * `readPoseBatch`; empty when only the view changed), with the view's changes when there are any (apply them first).
   */
  'presence:poses': z.union([z.string(), z.tuple([z.string(), ViewChanges])]),
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

/** A pose batch: base64 text as sent, or its bytes (an ArrayBuffer or a view of one). */
export type PoseBatchData = string | ArrayBuffer | ArrayBufferView;

/** Bytes before the first segment of a batch: tick time, target cell. */
export const POSE_BATCH_HEADER_BYTES = 10;
/** Entries per segment the header can count; a fuller cell is split into several segments. */
export const MAX_SEGMENT_ENTRIES = 0x7fff;
/** Bytes before a segment's entries: one up to 6 entries, three from 7. */
export function segmentHeaderBytes(count: number): number {
  return count < 7 ? 1 : 3;
}

/**
 * Writes one avatar's pose at `offset` of `view`; x and z are the absolute centimetres, stored relative to `cell`'s
 * origin (the avatar must stand in `cell`). A heading of -1 writes the 5-byte entry without it. Returns the bytes.
 */
export function writePoseEntry(
  view: DataView,
  offset: number,
  cell: number,
  id: number,
  xCm: number,
  zCm: number,
  h: number,
): number {
  const xr = xCm - cellOriginCm(Math.floor(cell / CELL_STRIDE));
  const zr = zCm - cellOriginCm(cell % CELL_STRIDE);
  view.setUint32(offset, (id | (xr << 20) | ((zr & 3) << 30)) >>> 0, true);
  view.setUint8(offset + 4, zr >> 2);
  if (h < 0) return POSE_ENTRY_BYTES_NO_HEADING;
  view.setUint8(offset + 5, h);
  return POSE_ENTRY_BYTES;
}

const cellOriginCm = (cellAxis: number) => (cellAxis - CELL_OFFSET) * CELL_CM;

/** Writes a batch's header (tick time and the target cell) at the start of `view`. */
export function writePoseBatchHeader(view: DataView, offset: number, tickTimeMs: number, targetCell: number): void {
  const { cx, cz } = cellCoords(targetCell);
  view.setFloat64(offset, tickTimeMs, true);
  view.setInt8(offset + 8, cx);
  view.setInt8(offset + 9, cz);
}

/**
 * Writes a segment header for `count` entries of `cell` (with headings or not), seen from `targetCell` (its
 * neighbour); returns its bytes.
 */
export function writeSegmentHeader(
  view: DataView,
  offset: number,
  targetCell: number,
  cell: number,
  count: number,
  headings = true,
): number {
  const d = cell - targetCell;
  // cell = target + dx * CELL_STRIDE + dz with dx, dz in -1..1
  const dx = Math.round(d / CELL_STRIDE);
  const dz = d - dx * CELL_STRIDE;
  const kind = (dx + 1) * 3 + (dz + 1) + (headings ? 16 : 0);
  if (count < 7) {
    view.setUint8(offset, kind | (count << 5));
    return 1;
  }
  view.setUint8(offset, kind | (7 << 5));
  view.setUint16(offset + 1, count, true);
  return 3;
}

/** A pose batch's tick time (server ms), or NaN for a batch too short to have a header. */
export function poseBatchTime(data: PoseBatchData): number {
  // Text: only the header's 16 characters are decoded.
  const view = typeof data === 'string' ? decodeBase64(data, 16) : batchView(data);
  return view.byteLength < POSE_BATCH_HEADER_BYTES ? Number.NaN : view.getFloat64(0, true);
}

/**
 * Reads a pose batch, calling `visit` for every avatar with absolute centimetres and its heading, or -1 for "as
 * before" (no allocation per entry); returns the batch's tick time, or NaN for a batch too short to have a header.
 * A truncated trailing segment is ignored.
 */
export function readPoseBatch(
  data: PoseBatchData,
  visit: (id: number, xCm: number, zCm: number, heading: number) => void,
): number {
  const view = batchView(data);
  const length = view.byteLength;
  if (length < POSE_BATCH_HEADER_BYTES) return Number.NaN;
  const tick = view.getFloat64(0, true);
  const cx = view.getInt8(8);
  const cz = view.getInt8(9);
  let o = POSE_BATCH_HEADER_BYTES;
  while (o < length) {
    const head = view.getUint8(o);
    let count = head >>> 5;
    if (count === 7) {
      if (o + 3 > length) break;
      count = view.getUint16(o + 1, true);
      o += 3;
    } else o += 1;
    const n = head & 15;
    if (n > 8) break;
    const x0 = (cx + Math.floor(n / 3) - 1) * CELL_CM;
    const z0 = (cz + (n % 3) - 1) * CELL_CM;
    const headings = (head & 16) !== 0;
    const size = headings ? POSE_ENTRY_BYTES : POSE_ENTRY_BYTES_NO_HEADING;
    const end = o + count * size;
    if (end > length) break;
    for (; o < end; o += size) {
      const a = view.getUint32(o, true);
      const z = z0 + ((a >>> 30) | (view.getUint8(o + 4) << 2));
      visit(a & 0xfffff, x0 + ((a >>> 20) & 0x3ff), z, headings ? view.getUint8(o + 5) : -1);
    }
  }
  return tick;
}

function batchView(data: PoseBatchData): DataView {
  if (typeof data === 'string') return decodeBase64(data);
  return data instanceof ArrayBuffer ? new DataView(data) : new DataView(data.buffer, data.byteOffset, data.byteLength);
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const BASE64_VALUE = new Int16Array(128).fill(-1);
for (let i = 0; i < BASE64.length; i++) BASE64_VALUE[BASE64.charCodeAt(i)] = i;
/** Decoded batches land in one reused buffer: a batch is read at once, and a client gets ten a second. */
let scratch = new Uint8Array(1024);

/**
 * Decodes base64 (padding optional; at most `maxChars` characters) into the shared scratch buffer; stops at the first
 * character that is not base64.
 */
function decodeBase64(text: string, maxChars = text.length): DataView {
  let end = Math.min(text.length, maxChars);
  while (end > 0 && text.charCodeAt(end - 1) === 61 /* = */) end--;
  const bytes = Math.floor((end * 3) / 4);
  if (scratch.byteLength < bytes) scratch = new Uint8Array(Math.max(bytes, scratch.byteLength * 2));
  const out = scratch;
  let o = 0;
  let acc = 0;
  let bits = 0;
  for (let i = 0; i < end; i++) {
    const c = text.charCodeAt(i);
    const v = c < 128 ? BASE64_VALUE[c]! : -1;
    if (v < 0) break;
    acc = ((acc << 6) | v) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (acc >> bits) & 0xff;
    }
  }
  return new DataView(out.buffer, 0, o);
}

// ---------------------------------------------------------------------------------------------------------------
// Profile cache

/**
 * The client's side of "profiles are sent once per connection": every full AvatarInfo the server sends (enter, join
 * and who acknowledgements) is remembered, and a `known` entry is completed from it. The server forgets the least
 * recently sent profile first and remembers PROFILES_REMEMBERED_PER_CONNECTION; this cache sees the same sends in the
 * same order and holds four times as many, so (least-recently-used caches nest) it has every profile the server
 * counts on. An id it does not have anyway is returned as missing and asked for with `presence:who`.
 */
export class ProfileCache {
  private readonly profiles = new Map<number, Omit<AvatarInfo, 'pose'>>();

  constructor(private readonly capacity = PROFILES_REMEMBERED_PER_CONNECTION * 4) {}

  /** Remembers full profiles as they arrive. */
  remember(avatars: readonly AvatarInfo[]): void {
    for (const a of avatars) {
      const { pose: _pose, ...profile } = a;
      this.touch(a.id, profile);
    }
  }

  /** The `known` entries as AvatarInfo; ids this cache lacks go to `missing`. */
  complete(known: readonly KnownAvatar[], missing: number[]): AvatarInfo[] {
    const out: AvatarInfo[] = [];
    for (const [id, x, z, h] of known) {
      const profile = this.profiles.get(id);
      if (!profile) {
        missing.push(id);
        continue;
      }
      this.touch(id, profile);
      out.push({ ...profile, pose: [x, z, h] });
    }
    return out;
  }

  /** One avatar at a pose from a batch, if its profile is here (an avatar that came back into view). */
  at(id: number, x: number, z: number, h: number): AvatarInfo | null {
    const profile = this.profiles.get(id);
    if (!profile) return null;
    this.touch(id, profile);
    return { ...profile, pose: [x, z, h] };
  }

  get size(): number {
    return this.profiles.size;
  }

  private touch(id: number, profile: Omit<AvatarInfo, 'pose'>): void {
    this.profiles.delete(id);
    this.profiles.set(id, profile);
    if (this.profiles.size > this.capacity) this.profiles.delete(this.profiles.keys().next().value!);
  }
}

/** How many profiles the server remembers having sent to one connection. */
export const PROFILES_REMEMBERED_PER_CONNECTION = 512;

// ---------------------------------------------------------------------------------------------------------------
// Hall bounds

/** Clamps a position in centimetres into a rectangle given in metres. */
export function clampToRect(xCm: number, zCm: number, rect: Rect): { x: number; z: number } {
  return {
    x: Math.min(Math.max(xCm, Math.ceil(rect.minX * 100)), Math.floor(rect.maxX * 100)),
    z: Math.min(Math.max(zCm, Math.ceil(rect.minZ * 100)), Math.floor(rect.maxZ * 100)),
  };
}
