/**
 * The pose batch: a tick's changed poses around a cell room, as the server writes them and the client reads them.
 *
 * Batch: the bytes below, sent as a binary attachment, little-endian:
 *   float64 tickTimeMs, int8 cx, int8 cz (the cell whose room it is sent to), then one segment per cell of its 3×3
 *   view that has poses: uint8 `neighbour | headings << 4 | count << 5` (neighbour 0..8 = (dx+1)*3 + (dz+1);
 *   count 0..6, or 7 and a uint16 count after it: a cell has ~3 people, so one byte is the rule), then `count`
 *   entries: uint32 `id | xRel << 20 | (zRel & 3) << 30`, uint8 `zRel >> 2`, and if `headings` uint8 heading, where
 *   xRel/zRel are centimetres from the segment's cell origin (0..799). An entry without heading (5 bytes, not 6)
 *   keeps the avatar's last heading: someone walking straight does not turn, and every cell's keyframe (once a
 *   second) carries headings for whoever came into view since. A batch of the header alone is a tick with nothing
 *   moving in view (it goes out when only the view changed).
 * Why binary: base64 text costs a third more bytes. Socket.IO's header for an attachment (`451-[…placeholder…]`,
 * ~50 bytes) takes much of that back, but the bytes down per visitor still fell by about a tenth (bench:presence at
 * 1,000 visitors: 30.5–31.0 → 27.4–27.8 kbps) at the same CPU. Text used to win on CPU, because Socket.IO frames a
 * text room broadcast once for the room but an attachment again for every socket (~25% more server CPU);
 * server/realtime/room-frames.ts builds a room's frames once, header and attachment, and writes them in one write.
 */
import { CELL_CM, CELL_STRIDE, cellCoords, cellOriginCm } from './presence-cells';

/** Bytes per avatar in a pose batch: 6 with its heading, 5 when the heading did not change. */
export const POSE_ENTRY_BYTES = 6;
export const POSE_ENTRY_BYTES_NO_HEADING = 5;

/** A pose batch's bytes: an ArrayBuffer in a browser, a Buffer (a view of a larger one, often) in Node. */
export type PoseBatchData = ArrayBuffer | ArrayBufferView;

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
  const view = batchView(data);
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
  return data instanceof ArrayBuffer ? new DataView(data) : new DataView(data.buffer, data.byteOffset, data.byteLength);
}
