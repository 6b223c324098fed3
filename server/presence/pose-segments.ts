/**
 * A tick's poses as bytes: each moved visitor's entry encoded once into one buffer (segments are views of it, by
 * cell), then one batch per cell room that sees any of them, base64-encoded once for the room (see
 * shared/presence.ts for the wire format).
 */
import {
  CELL_STRIDE,
  MAX_SEGMENT_ENTRIES,
  POSE_BATCH_HEADER_BYTES,
  POSE_ENTRY_BYTES,
  segmentHeaderBytes,
  writePoseBatchHeader,
  writePoseEntry,
  writeSegmentHeader,
} from '../../shared/presence';

/** One cell's encoded pose entries for a tick, all with headings or all without. */
export interface Segment {
  cell: number;
  count: number;
  headings: boolean;
  bytes: Uint8Array;
}

/** What a segment needs of a visitor: its id, live pose and the heading last sent (-1: send it next time). */
export interface PoseSource {
  readonly record: { readonly id: number };
  readonly x: number;
  readonly z: number;
  readonly h: number;
  hSent: number;
}

/** Every cell's full state is resent once a second (keyframe): heals lost volatile batches and shows idle avatars. */
export const KEYFRAME_TICKS = 10;

/** Whether `cell` resends all its visitors, headings included, on tick `tickNo` (cells take turns). */
export function isKeyframe(cell: number, tickNo: number): boolean {
  return (cell + tickNo) % KEYFRAME_TICKS === 0;
}

/**
 * Encodes the tick's visitors, grouped by cell, into segments: `avatars` entries in one buffer. Entries whose heading
 * did not change since the last batch leave it out (5 bytes, not 6), except in the cell's keyframe; each visitor's
 * `hSent` is updated.
 */
export function encodeTickSegments(
  byCell: ReadonlyMap<number, readonly PoseSource[]>,
  avatars: number,
  tickNo: number,
): Segment[] {
  const entries = new Uint8Array(avatars * POSE_ENTRY_BYTES);
  const view = new DataView(entries.buffer);
  const segments: Segment[] = [];
  let o = 0;
  for (const [cell, list] of byCell) {
    const keyframe = isKeyframe(cell, tickNo);
    for (const headings of [true, false]) {
      let start = o;
      let count = 0;
      for (const v of list) {
        if ((keyframe || v.h !== v.hSent) !== headings) continue;
        o += writePoseEntry(view, o, cell, v.record.id, v.x, v.z, headings ? v.h : -1);
        if (++count === MAX_SEGMENT_ENTRIES) {
          segments.push({ cell, count, headings, bytes: entries.subarray(start, o) });
          start = o;
          count = 0;
        }
      }
      if (count > 0) segments.push({ cell, count, headings, bytes: entries.subarray(start, o) });
    }
    for (const v of list) v.hSent = v.h;
  }
  return segments;
}

/**
 * One batch per cell room (`hasViewers`) that has `segments` in its 3×3 view: the header, then each segment with a
 * header relative to that cell, base64-encoded once for the room and handed to `send` in order of first appearance.
 * Returns the rooms sent to.
 */
export function buildRoomBatches(
  now: number,
  segments: readonly Segment[],
  hasViewers: (cell: number) => boolean,
  send: (target: number, batch: string) => void,
): ReadonlyMap<number, readonly Segment[]> {
  const targets = new Map<number, Segment[]>();
  let total = 0;
  for (const seg of segments) {
    for (let dx = -1; dx <= 1; dx++) {
      for (let dz = -1; dz <= 1; dz++) {
        const target = seg.cell + dx * CELL_STRIDE + dz;
        if (!hasViewers(target)) continue;
        const list = targets.get(target);
        if (list) list.push(seg);
        else {
          targets.set(target, [seg]);
          total += POSE_BATCH_HEADER_BYTES;
        }
        total += segmentHeaderBytes(seg.count) + seg.bytes.byteLength;
      }
    }
  }
  // One buffer for every room's batch: one allocation a tick, whatever the number of rooms.
  const out = Buffer.allocUnsafe(total);
  const view = new DataView(out.buffer, out.byteOffset, out.byteLength);
  let o = 0;
  for (const [target, list] of targets) {
    const start = o;
    writePoseBatchHeader(view, o, now, target);
    o += POSE_BATCH_HEADER_BYTES;
    for (const seg of list) {
      o += writeSegmentHeader(view, o, target, seg.cell, seg.count, seg.headings);
      out.set(seg.bytes, o);
      o += seg.bytes.byteLength;
    }
    // Encoded once per room: Socket.IO then frames the text once for all its sockets (see shared/presence.ts).
    send(target, out.toString('base64', start, o));
  }
  return targets;
}
