import type { BoothPlot, HallLayout } from '../../shared/layout';

/** The booth plot under a floor point, with `margin` metres of slack around each plot. */
export function plotAt(layout: HallLayout, x: number, z: number, margin = 0): BoothPlot | null {
  for (const plot of layout.plots) {
    const r = plot.rect;
    if (x >= r.minX - margin && x <= r.maxX + margin && z >= r.minZ - margin && z <= r.maxZ + margin) return plot;
  }
  return null;
}

/**
 * The booth a visitor at (x, z) is visiting: inside its plot or in the 2.5 m of aisle in front of its open side.
 * Allocation-free for the frame loop.
 */
export function boothVisitedAt(layout: HallLayout, x: number, z: number): BoothPlot | null {
  let best: BoothPlot | null = null;
  let bestDist = Number.POSITIVE_INFINITY;
  for (const plot of layout.plots) {
    const r = plot.rect;
    if (x < r.minX || x > r.maxX) continue;
    const inFront = plot.facing === 'entrance' ? z >= r.minZ && z <= r.maxZ + 2.5 : z <= r.maxZ && z >= r.minZ - 2.5;
    if (!inFront) continue;
    const d = Math.abs(x - plot.x) + Math.abs(z - plot.z);
    if (d < bestDist) {
      bestDist = d;
      best = plot;
    }
  }
  return best;
}
