/**
 * What presence needs of the hall plan: where a visitor may stand (clamping) and which zone a point is in (head
 * counts). Built from shared/layout.ts when the expo is known, else from the default bounds.
 */
import { type HallLayout, layoutHall, type Rect } from '../../shared/layout';
import { zoneAt } from '../../shared/layout-geometry';
import { DEFAULT_HALL_BOUNDS, MAX_COORD_CM } from '../../shared/presence';
import type { Db } from '../db/database';
import { getExpo, listPublishedBooths } from '../expo/expo-queries';

export interface PresenceLayout {
  walkable: Rect;
  zoneAt(xM: number, zM: number): string | null;
}

/** Presence's view of a hall layout. Throws when the hall does not fit the int16-centimetre wire format. */
export function presenceLayoutOf(layout: HallLayout): PresenceLayout {
  return {
    walkable: checkFits(layout.walkable),
    zoneAt: (x, z) => zoneAt(layout, x, z)?.zoneId ?? null,
  };
}

/** A plain rectangle without zones (tests, benchmarks, or before the expo is seeded). */
export function rectLayout(walkable: Rect = DEFAULT_HALL_BOUNDS): PresenceLayout {
  return { walkable: checkFits(walkable), zoneAt: () => null };
}

function checkFits(rect: Rect): Rect {
  const limit = MAX_COORD_CM / 100;
  if ([rect.minX, rect.maxX, rect.minZ, rect.maxZ].some((v) => Math.abs(v) > limit)) {
    throw new Error(`presence: the hall must lie within ±${limit} m of the origin`);
  }
  return rect;
}

/** The layout of the expo in the database (its zones and published booths), or the default bounds without one. */
export async function loadPresenceLayout(db: Db): Promise<PresenceLayout> {
  const expo = await getExpo(db);
  if (!expo) return rectLayout();
  const booths = await listPublishedBooths(db, expo.id);
  return presenceLayoutOf(
    layoutHall({
      zones: expo.zones.map((z) => ({ id: z.id, kind: z.kind })),
      booths: booths.map((b) => ({ id: b.id, zoneId: b.zoneId, size: b.size, position: b.position })),
    }),
  );
}
