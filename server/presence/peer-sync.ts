/**
 * What processes sharing the hall tell each other: once a tick a PeerTick (its roster changes as SyncMessages,
 * validated on arrival like any input, and its visitors' pose segments in a compact binary form), framed in one
 * binary message for the peer channel (server/realtime/peer-channel.ts). Every process then builds its own rooms'
 * batches, so no cell broadcast crosses Redis.
 */
import { z } from 'zod';
import { MAX_SEGMENT_ENTRIES, POSE_ENTRY_BYTES, POSE_ENTRY_BYTES_NO_HEADING } from '../../shared/pose-batch';
import { AvatarProfile, BoothId, MAX_AVATAR_ID, WirePose } from '../../shared/presence';
import type { Segment } from './pose-segments';

/** Server-to-server messages that keep every process's roster in step. */
export const SyncMessage = z.discriminatedUnion('t', [
  z.object({
    t: z.literal('up'),
    r: z.object({
      id: z.number().int().min(1).max(MAX_AVATAR_ID),
      keyHash: z.string().max(64),
      profile: AvatarProfile,
      boothId: BoothId.nullable(),
      staffOf: z.array(BoothId),
      pose: WirePose,
      cell: z.number().int(),
      zoneId: z.string().nullable(),
      owner: z.string(),
    }),
  }),
  z.object({ t: z.literal('rm'), id: z.number().int(), owner: z.string() }),
  z.object({ t: z.literal('hb'), owner: z.string() }),
  /**
   * Every visitor `owner` carries (sent after its own `up`s when it (re)joins the others): a record of that owner
   * not listed is gone, its `rm` lost while Redis was out of reach.
   */
  z.object({ t: z.literal('owned'), owner: z.string(), ids: z.array(z.number().int()).max(1_000_000) }),
]);
export type SyncMessage = z.infer<typeof SyncMessage>;

/** What a process sends the others once a tick: roster changes, then its visitors' pose segments (peer format). */
export interface PeerTick {
  sync: SyncMessage[];
  /**
   * The tick's number (wall clock, the same on every process); its phase (`tick % TICK_PHASES`) says which rooms the
   * poses are for: they hold what the rooms of that phase have not been sent.
   */
  tick: number;
  /**
   * Repeated: uint32 cell, uint16 `count | headings << 15`, `count` pose entries (as in a batch); empty when none
   * moved.
   */
  poses: Uint8Array;
}

const PEER_SEGMENT_HEADER_BYTES = 6;
const PEER_TICK_VERSION = 1;
const MAX_OWNER_BYTES = 255;

/**
 * A PeerTick from `owner` as one message: uint8 version, uint8 owner length, the owner (UTF-8), float64 tick, uint32
 * length of the roster changes as JSON (0 when none, which is most ticks), that JSON, then the poses to the end.
 */
export function encodePeerTick(owner: string, tick: PeerTick): Uint8Array {
  const ownerBytes = Buffer.from(owner, 'utf8');
  if (ownerBytes.byteLength > MAX_OWNER_BYTES) throw new Error('peer tick: owner id too long');
  const syncBytes = tick.sync.length > 0 ? Buffer.from(JSON.stringify(tick.sync), 'utf8') : null;
  const syncLength = syncBytes?.byteLength ?? 0;
  const head = 2 + ownerBytes.byteLength + 8 + 4;
  const out = new Uint8Array(head + syncLength + tick.poses.byteLength);
  const view = new DataView(out.buffer);
  out[0] = PEER_TICK_VERSION;
  out[1] = ownerBytes.byteLength;
  out.set(ownerBytes, 2);
  view.setFloat64(2 + ownerBytes.byteLength, tick.tick, true);
  view.setUint32(head - 4, syncLength, true);
  if (syncBytes) out.set(syncBytes, head);
  out.set(tick.poses, head + syncLength);
  return out;
}

/** The sender of a peer-tick message (so a process drops its own echo before decoding the rest); null if malformed. */
export function peerTickOwner(bytes: Uint8Array): string | null {
  if (bytes.byteLength < 2 || bytes[0] !== PEER_TICK_VERSION || bytes.byteLength < 2 + bytes[1]!) return null;
  return Buffer.from(bytes.buffer, bytes.byteOffset + 2, bytes[1]).toString('utf8');
}

/**
 * A peer-tick message back into its parts: the roster changes still raw (each to be validated as a SyncMessage), the
 * poses a view into `bytes` (see decodePeerPoses). Null if malformed.
 */
export function decodePeerTick(
  bytes: Uint8Array,
): { owner: string; tick: number; sync: unknown[]; poses: Uint8Array } | null {
  const owner = peerTickOwner(bytes);
  if (owner === null) return null;
  const head = 2 + bytes[1]! + 8 + 4;
  if (bytes.byteLength < head) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const tick = view.getFloat64(head - 12, true);
  const syncLength = view.getUint32(head - 4, true);
  if (!Number.isSafeInteger(tick) || tick < 0 || head + syncLength > bytes.byteLength) return null;
  let sync: unknown = [];
  if (syncLength > 0) {
    try {
      sync = JSON.parse(Buffer.from(bytes.buffer, bytes.byteOffset + head, syncLength).toString('utf8'));
    } catch {
      return null;
    }
    if (!Array.isArray(sync)) return null;
  }
  return { owner, tick, sync: sync as unknown[], poses: bytes.subarray(head + syncLength) };
}

/** Local segments in the peer format (absolute cell keys, so the receiver can place them around any of its cells). */
export function encodePeerPoses(segments: readonly Segment[]): Uint8Array {
  let total = 0;
  for (const seg of segments) total += PEER_SEGMENT_HEADER_BYTES + seg.bytes.byteLength;
  const out = new Uint8Array(total);
  const view = new DataView(out.buffer);
  let o = 0;
  for (const seg of segments) {
    view.setUint32(o, seg.cell, true);
    view.setUint16(o + 4, seg.count | (seg.headings ? 0x8000 : 0), true);
    out.set(seg.bytes, o + PEER_SEGMENT_HEADER_BYTES);
    o += PEER_SEGMENT_HEADER_BYTES + seg.bytes.byteLength;
  }
  return out;
}

/** The peer format back into segments (views, no copy); null if malformed. */
export function decodePeerPoses(bytes: Uint8Array): Segment[] | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const segments: Segment[] = [];
  let o = 0;
  while (o < bytes.byteLength) {
    if (o + PEER_SEGMENT_HEADER_BYTES > bytes.byteLength) return null;
    const cell = view.getUint32(o, true);
    const head = view.getUint16(o + 4, true);
    const count = head & MAX_SEGMENT_ENTRIES;
    const headings = head >= 0x8000;
    const end = o + PEER_SEGMENT_HEADER_BYTES + count * (headings ? POSE_ENTRY_BYTES : POSE_ENTRY_BYTES_NO_HEADING);
    if (end > bytes.byteLength) return null;
    segments.push({ cell, count, headings, bytes: bytes.subarray(o + PEER_SEGMENT_HEADER_BYTES, end) });
    o = end;
  }
  return segments;
}

/** A process not heard from for this long is no longer waited for. */
const PEER_SILENCE_MS = 2000;

/**
 * The last tick each process sent, so a tick's batches go out as soon as every live process's poses of that tick are
 * in, rather than after a fixed wait that is either too long or, under load, too short (poses that miss their
 * phase's batches wait a whole round for the next). Ticks are numbered by the wall clock, the same on every process.
 */
export class TickArrivals {
  /** Per process: when it was last heard from, and the latest tick it sent. */
  private readonly last = new Map<string, { heardAt: number; tickNo: number }>();

  arrive(owner: string, tickNo: number, now: number): void {
    const last = this.last.get(owner);
    this.last.set(owner, { heardAt: now, tickNo: Math.max(tickNo, last?.tickNo ?? tickNo) });
  }

  /** Whether every process heard from lately has sent its tick `tickNo` (or a later one). */
  complete(tickNo: number, now: number): boolean {
    for (const [owner, last] of this.last) {
      if (now - last.heardAt > PEER_SILENCE_MS) this.last.delete(owner);
      else if (last.tickNo < tickNo) return false;
    }
    return true;
  }
}
