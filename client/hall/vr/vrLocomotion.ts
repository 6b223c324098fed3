import { type BoothPlot, type HallLayout, type Rect, VISITOR_RADIUS } from '../../../shared/layout';
import { boothViewpoint, boothWalls, resolveCollision } from '../../../shared/layout-geometry';

/** Snap turn step: one flick of the thumbstick turns this far (no smooth rotation, which makes people queasy). */
export const SNAP_TURN = Math.PI / 6;
/** Thumbstick deflection that starts an action, and the rest zone that re-arms it. */
export const STICK_ON = 0.6;
export const STICK_OFF = 0.3;
/** A landing spot may be nudged this far out of a wall's padding; further means the aim was inside something solid. */
const MAX_NUDGE = 0.25;
/** Launch speed and gravity of the teleport arc (metres, seconds): reaches about 8 m on level aim. */
const ARC_SPEED = 8;
const GRAVITY = 9.8;
const ARC_STEP = 1 / 30;
const ARC_MAX_STEPS = 90;

const scratch = { x: 0, z: 0 };

/**
 * Where a visitor aiming at floor point (x, z) would land, or null if they may not stand there: outside the hall,
 * inside a booth wall, desk, stage or seat row. Uses the same collision as walking.
 */
export function landingSpot(layout: HallLayout, x: number, z: number): { x: number; z: number } | null {
  if (!Number.isFinite(x) || !Number.isFinite(z)) return null;
  resolveCollision(x, z, VISITOR_RADIUS, layout.solids, layout.walkable, scratch);
  if (Math.hypot(scratch.x - x, scratch.z - z) > MAX_NUDGE) return null;
  return { x: scratch.x, z: scratch.z };
}

const wallsByLayout = new WeakMap<HallLayout, readonly Rect[]>();

/**
 * The booth walls of a layout: full-height, so a teleport arc cannot go over them (desks, seats and tables are low,
 * and the arc passes above them). Computed once per layout, so the frame loop allocates nothing.
 */
export function teleportBlockers(layout: HallLayout): readonly Rect[] {
  let walls = wallsByLayout.get(layout);
  if (!walls) {
    walls = layout.plots.flatMap(boothWalls);
    wallsByLayout.set(layout, walls);
  }
  return walls;
}

/**
 * Whether the straight line on the floor from (x0, z0) to (x1, z1) stays clear of every wall in `walls` (touching an
 * edge is clear). A teleport may only land where the visitor could see the floor: never behind a booth's wall.
 */
export function lineOfSightClear(walls: readonly Rect[], x0: number, z0: number, x1: number, z1: number): boolean {
  const dx = x1 - x0;
  const dz = z1 - z0;
  for (let i = 0; i < walls.length; i++) {
    const w = walls[i]!;
    // A head leaning into a wall (room-scale) may still teleport out of it.
    if (x0 > w.minX && x0 < w.maxX && z0 > w.minZ && z0 < w.maxZ) continue;
    // Slab test: the part of the segment (t in 0..1) inside the rectangle's x range and z range.
    let tMin = 0;
    let tMax = 1;
    if (Math.abs(dx) < 1e-12) {
      if (x0 <= w.minX || x0 >= w.maxX) continue;
    } else {
      const a = (w.minX - x0) / dx;
      const b = (w.maxX - x0) / dx;
      tMin = Math.max(tMin, Math.min(a, b));
      tMax = Math.min(tMax, Math.max(a, b));
    }
    if (Math.abs(dz) < 1e-12) {
      if (z0 <= w.minZ || z0 >= w.maxZ) continue;
    } else {
      const a = (w.minZ - z0) / dz;
      const b = (w.maxZ - z0) / dz;
      tMin = Math.max(tMin, Math.min(a, b));
      tMax = Math.min(tMax, Math.max(a, b));
    }
    if (tMax - tMin > 1e-9) return false;
  }
  return true;
}

/**
 * Where a teleport aimed from a visitor standing at (fromX, fromZ) at floor point (x, z) lands, or null if refused:
 * the spot is not walkable (see landingSpot), or a booth wall stands between the visitor and it.
 */
export function teleportTarget(
  layout: HallLayout,
  fromX: number,
  fromZ: number,
  x: number,
  z: number,
): { x: number; z: number } | null {
  const spot = landingSpot(layout, x, z);
  if (!spot) return null;
  return lineOfSightClear(teleportBlockers(layout), fromX, fromZ, spot.x, spot.z) ? spot : null;
}

/**
 * Samples the teleport arc from a controller's ray (world origin and unit direction) into `points` (x, y, z triples)
 * and returns where it meets the floor (y = 0), or null if it never comes down within range.
 */
export function teleportArc(
  ox: number,
  oy: number,
  oz: number,
  dx: number,
  dy: number,
  dz: number,
  points: Float32Array,
): { x: number; z: number; count: number } | null {
  let px = ox;
  let py = oy;
  let pz = oz;
  const vx = dx * ARC_SPEED;
  let vy = dy * ARC_SPEED;
  const vz = dz * ARC_SPEED;
  const max = Math.min(ARC_MAX_STEPS, Math.floor(points.length / 3) - 1);
  points[0] = px;
  points[1] = py;
  points[2] = pz;
  for (let i = 1; i <= max; i++) {
    const nx = px + vx * ARC_STEP;
    const ny = py + vy * ARC_STEP;
    const nz = pz + vz * ARC_STEP;
    vy -= GRAVITY * ARC_STEP;
    if (ny <= 0) {
      const t = py / (py - ny);
      const hx = px + (nx - px) * t;
      const hz = pz + (nz - pz) * t;
      points[i * 3] = hx;
      points[i * 3 + 1] = 0;
      points[i * 3 + 2] = hz;
      return { x: hx, z: hz, count: i + 1 };
    }
    points[i * 3] = nx;
    points[i * 3 + 1] = ny;
    points[i * 3 + 2] = nz;
    px = nx;
    py = ny;
    pz = nz;
  }
  return null;
}

/** The booth a visitor standing at (x, z) is looking at: the one whose viewpoint is nearest, within `range` metres. */
export function boothNear(layout: HallLayout, x: number, z: number, range = 4.5): BoothPlot | null {
  let best: BoothPlot | null = null;
  let bestD = range;
  for (const plot of layout.plots) {
    const v = boothViewpoint(plot, 2);
    const d = Math.hypot(v.x - x, v.z - z);
    if (d < bestD) {
      bestD = d;
      best = plot;
    }
  }
  return best;
}

/** Thumbstick axes of an XR gamepad (xr-standard puts the stick on axes 2 and 3; some devices only have 0 and 1). */
export function stickOf(gamepad: Gamepad | undefined): { x: number; y: number } {
  if (!gamepad) return { x: 0, y: 0 };
  const a = gamepad.axes;
  return a.length >= 4 ? { x: a[2] ?? 0, y: a[3] ?? 0 } : { x: a[0] ?? 0, y: a[1] ?? 0 };
}
