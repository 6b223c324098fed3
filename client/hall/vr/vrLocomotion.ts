import {
  type BoothPlot,
  boothViewpoint,
  type HallLayout,
  resolveCollision,
  VISITOR_RADIUS,
} from '../../../shared/layout';

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
