/**
 * A tick's poses as bytes: each moved visitor's entry encoded once into one buffer (segments are views of it, by
 * cell), then one batch per cell room that sees any of them, all the rooms' batches in one buffer (see
 * shared/pose-batch.ts for the wire format).
 */
import {
  MAX_SEGMENT_ENTRIES,
  POSE_BATCH_HEADER_BYTES,
  POSE_ENTRY_BYTES,
  segmentHeaderBytes,
  writePoseBatchHeader,
  writePoseEntry,
  writeSegmentHeader,
} from '../../shared/pose-batch';
import { PRESENCE_TICK_MS } from '../../shared/presence';
import { CELL_STRIDE, cellCoords } from '../../shared/presence-cells';

/** One cell's encoded pose entries for a tick, all with headings or all without. */
export interface Segment {
  cell: number;
  count: number;
  headings: boolean;
  bytes: Uint8Array;
}

/** What a segment needs of a visitor: its id and live pose. */
export interface PoseSource {
  readonly record: { readonly id: number };
  readonly x: number;
  readonly z: number;
  readonly h: number;
}

/**
 * The tick is cut into phases: every PRESENCE_TICK_MS each room still gets one batch, but the rooms take turns by
 * phase, PRESENCE_TICK_MS / TICK_PHASES apart. A tick then writes to about a quarter of the sockets, so the event
 * loop is never held for one write per socket of the whole hall (about 20 µs each here), and poses, chat and calls
 * arriving meanwhile wait for a quarter of that.
 */
export const TICK_PHASES = 4;
/** A bit per phase: a visitor's change is due in every phase until that phase's rooms have been sent it. */
export const ALL_PHASES = (1 << TICK_PHASES) - 1;
/** How long a tick (one phase) lasts: ticks fall on multiples of it of the wall clock. */
export const PHASE_MS = PRESENCE_TICK_MS / TICK_PHASES;

/**
 * The ticks to run when the tick timer fires at `now` (ms, wall clock), the last one run being `lastTickNo` (-1: none
 * yet). None if the timer fired before the next boundary (libuv reads its clock at the start of a loop turn, so a
 * timer can fire a little early by the wall clock). Every tick since the last, if the loop was held past boundaries:
 * a skipped tick would leave its phase's rooms waiting a whole round. At most a round of them (older ones' poses are
 * in the newer ticks).
 */
export function ticksDue(lastTickNo: number, now: number): number[] {
  const due = Math.floor(now / PHASE_MS);
  if (due <= lastTickNo) return [];
  const from = lastTickNo < 0 ? due : Math.max(lastTickNo + 1, due - TICK_PHASES + 1);
  return Array.from({ length: due - from + 1 }, (_, i) => from + i);
}

/** The phase in which `cell`'s room is sent its batch: each 2×2 block of cells holds one room of every phase. */
export function phaseOf(cell: number): number {
  const { cx, cz } = cellCoords(cell);
  return (cx & 1) | ((cz & 1) << 1);
}

/** Every cell's full state is resent once a second (keyframe): heals lost volatile batches and shows idle avatars. */
export const KEYFRAME_ROUNDS = 10;

/**
 * Whether `cell` resends all its visitors, headings included, in round `round` (one round: a tick of every phase;
 * cells take turns).
 */
export function isKeyframe(cell: number, round: number): boolean {
  return (cell + round) % KEYFRAME_ROUNDS === 0;
}

/**
 * Encodes the tick's visitors, grouped by cell, into segments: `avatars` entries in one buffer. Entries for which
 * `withHeading` is false (the heading did not change since these rooms' last batch) leave it out: 5 bytes, not 6.
 */
export function encodeTickSegments<S extends PoseSource>(
  byCell: ReadonlyMap<number, readonly S[]>,
  avatars: number,
  withHeading: (visitor: S, cell: number) => boolean,
): Segment[] {
  const entries = new Uint8Array(avatars * POSE_ENTRY_BYTES);
  const view = new DataView(entries.buffer);
  const segments: Segment[] = [];
  let o = 0;
  for (const [cell, list] of byCell) {
    for (const headings of [true, false]) {
      let start = o;
      let count = 0;
      for (const v of list) {
        if (withHeading(v, cell) !== headings) continue;
        o += writePoseEntry(view, o, cell, v.record.id, v.x, v.z, headings ? v.h : -1);
        if (++count === MAX_SEGMENT_ENTRIES) {
          segments.push({ cell, count, headings, bytes: entries.subarray(start, o) });
          start = o;
          count = 0;
        }
      }
      if (count > 0) segments.push({ cell, count, headings, bytes: entries.subarray(start, o) });
    }
  }
  return segments;
}

/**
 * One batch per cell room (`sendsTo`: rooms with viewers, of the tick's phase) that has `segments` in its 3×3 view:
 * the header, then each segment with a header relative to that cell, handed to `send` (a view of one buffer for the
 * tick's batches, never reused) in order of first appearance. Returns the rooms sent to.
 */
export function buildRoomBatches(
  now: number,
  segments: readonly Segment[],
  sendsTo: (cell: number) => boolean,
  send: (target: number, batch: Buffer) => void,
): ReadonlyMap<number, readonly Segment[]> {
  const targets = new Map<number, Segment[]>();
  let total = 0;
  for (const seg of segments) {
    for (let dx = -1; dx <= 1; dx++) {
      for (let dz = -1; dz <= 1; dz++) {
        const target = seg.cell + dx * CELL_STRIDE + dz;
        if (!sendsTo(target)) continue;
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
    send(target, out.subarray(start, o));
  }
  return targets;
}

/** A batch of the header alone, for a room whose view changed while nothing in it moved. */
export function headerOnlyBatch(now: number, target: number): Buffer {
  const out = Buffer.allocUnsafe(POSE_BATCH_HEADER_BYTES);
  writePoseBatchHeader(new DataView(out.buffer, out.byteOffset, out.byteLength), 0, now, target);
  return out;
}
