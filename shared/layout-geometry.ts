/**
 * Queries on a finished hall layout (shared/layout.ts): a booth's walls and viewpoint, pushing a walker out of the
 * solids, rectangle tests and the zone under a point. Kept apart from layoutHall's packing because these are what
 * walking asks of the plan, many times a second: the client's Player, VR locomotion and minimap, the server's
 * presence (the zone a clamped pose lands in), and the tests. layout.ts itself uses only boothWalls.
 */
import type { BoothPlot, HallLayout, Rect, ZoneArea } from './layout';

/** Thickness of booth walls as solids; their height is BOOTH_WALL_HEIGHT in layout.ts. */
export const BOOTH_WALL_THICKNESS = 0.1;

/** Solid walls of a booth: a back wall, and side walls for shell booths (islands are open on three sides). */
export function boothWalls(plot: BoothPlot): Rect[] {
  const t = BOOTH_WALL_THICKNESS;
  const { rect } = plot;
  const back: Rect =
    plot.facing === 'entrance'
      ? { minX: rect.minX, maxX: rect.maxX, minZ: rect.minZ, maxZ: rect.minZ + t }
      : { minX: rect.minX, maxX: rect.maxX, minZ: rect.maxZ - t, maxZ: rect.maxZ };
  if (plot.size === 'large') return [back];
  return [
    back,
    { minX: rect.minX, maxX: rect.minX + t, minZ: rect.minZ, maxZ: rect.maxZ },
    { minX: rect.maxX - t, maxX: rect.maxX, minZ: rect.minZ, maxZ: rect.maxZ },
  ];
}

/** The point in the aisle in front of a booth where a visitor stands to look at it, and the yaw to look in. */
export function boothViewpoint(plot: BoothPlot, distance = 3): { x: number; z: number; yaw: number } {
  const sign = plot.facing === 'entrance' ? 1 : -1;
  const frontZ = plot.facing === 'entrance' ? plot.rect.maxZ : plot.rect.minZ;
  // yaw 0 looks towards -z; looking at an entrance-facing booth means looking towards -z.
  return { x: plot.x, z: frontZ + sign * distance, yaw: plot.facing === 'entrance' ? 0 : Math.PI };
}

/**
 * Moves a circle of `radius` at (x, z) out of every solid it overlaps and inside `walkable`, writing the result
 * into `out` (no allocation, so the scene can call it every frame).
 */
export function resolveCollision(
  x: number,
  z: number,
  radius: number,
  solids: readonly Rect[],
  walkable: Rect,
  out: { x: number; z: number },
): void {
  let px = x;
  let pz = z;
  // A few passes settle corners where two solids meet.
  for (let pass = 0; pass < 3; pass++) {
    let moved = false;
    for (let i = 0; i < solids.length; i++) {
      const s = solids[i]!;
      if (px + radius <= s.minX || px - radius >= s.maxX || pz + radius <= s.minZ || pz - radius >= s.maxZ) continue;
      const cx = Math.max(s.minX, Math.min(px, s.maxX));
      const cz = Math.max(s.minZ, Math.min(pz, s.maxZ));
      const dx = px - cx;
      const dz = pz - cz;
      const d2 = dx * dx + dz * dz;
      if (d2 >= radius * radius) continue;
      if (d2 > 1e-12) {
        const d = Math.sqrt(d2);
        px = cx + (dx / d) * radius;
        pz = cz + (dz / d) * radius;
      } else {
        // Centre inside the rectangle: leave by the nearest side.
        const left = px - s.minX + radius;
        const right = s.maxX - px + radius;
        const front = s.maxZ - pz + radius;
        const back = pz - s.minZ + radius;
        const m = Math.min(left, right, front, back);
        if (m === left) px -= left;
        else if (m === right) px += right;
        else if (m === front) pz += front;
        else pz -= back;
      }
      moved = true;
    }
    if (!moved) break;
  }
  out.x = Math.max(walkable.minX, Math.min(px, walkable.maxX));
  out.z = Math.max(walkable.minZ, Math.min(pz, walkable.maxZ));
}

/** Whether two rectangles share interior area (touching edges do not count). */
export function rectsOverlap(a: Rect, b: Rect): boolean {
  return a.minX < b.maxX && b.minX < a.maxX && a.minZ < b.maxZ && b.minZ < a.maxZ;
}

/** Whether `inner` lies within `outer`. */
export function rectContains(outer: Rect, inner: Rect): boolean {
  return inner.minX >= outer.minX && inner.maxX <= outer.maxX && inner.minZ >= outer.minZ && inner.maxZ <= outer.maxZ;
}

/** The zone area containing a floor point, if any. */
export function zoneAt(layout: HallLayout, x: number, z: number): ZoneArea | undefined {
  return layout.zones.find(
    (zone) => x >= zone.rect.minX && x <= zone.rect.maxX && z >= zone.rect.minZ && z <= zone.rect.maxZ,
  );
}
