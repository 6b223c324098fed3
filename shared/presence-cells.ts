/**
 * Presence cells: the pure cell maths that both sides share. The server sends each visitor only the 3×3 cells around
 * it; the client uses the same maths to forget avatars that left its view.
 */
import type { Rect } from './layout';

/** Edge of a presence cell in metres; a visitor sees the 3×3 cells around its own (24 m × 24 m). */
export const CELL_SIZE_M = 8;

const CELL_OFFSET = 2048;
/** Cell keys are `cx * CELL_STRIDE + cz` (offset): the cell east of `c` is `c + CELL_STRIDE`, north `c + 1`. */
export const CELL_STRIDE = 4096;
/** Edge of a cell in centimetres, the unit positions travel in. */
export const CELL_CM = CELL_SIZE_M * 100;

/** The cell key of a position in centimetres (an integer; rooms are named after it). */
export function cellOf(xCm: number, zCm: number): number {
  const cx = Math.floor(xCm / CELL_CM) + CELL_OFFSET;
  const cz = Math.floor(zCm / CELL_CM) + CELL_OFFSET;
  return cx * CELL_STRIDE + cz;
}

export function cellCoords(cell: number): { cx: number; cz: number } {
  return { cx: Math.floor(cell / CELL_STRIDE) - CELL_OFFSET, cz: (cell % CELL_STRIDE) - CELL_OFFSET };
}

/** Where a cell key's column (`Math.floor(cell / CELL_STRIDE)`) or row (`cell % CELL_STRIDE`) starts, in cm. */
export const cellOriginCm = (cellAxis: number) => (cellAxis - CELL_OFFSET) * CELL_CM;

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
// Hall bounds

/** Clamps a position in centimetres into a rectangle given in metres. */
export function clampToRect(xCm: number, zCm: number, rect: Rect): { x: number; z: number } {
  return {
    x: Math.min(Math.max(xCm, Math.ceil(rect.minX * 100)), Math.floor(rect.maxX * 100)),
    z: Math.min(Math.max(zCm, Math.ceil(rect.minZ * 100)), Math.floor(rect.maxZ * 100)),
  };
}
