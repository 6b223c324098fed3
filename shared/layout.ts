/**
 * The hall floor plan, computed from the expo's data so the server (clamping, presence cells) and the client (the
 * 3D scene, the minimap, the 2D view) agree on where everything is. Pure and deterministic: the same zones and
 * booths give the same plan, whatever order the booths arrive in.
 *
 * Units are metres; +Y is up; the entrance is in the front wall at z = 0 and the hall extends towards -z.
 *
 * ```
 *            z = 0   ┌──────────── entrance ────────────┐
 *     foyer          │ lounge      info desk      lounge │
 *                    │ zone A  │ boulevard │  zone B     │   exhibit zones in pairs, islands of
 *                    │ zone C  │           │  zone D     │   back-to-back booth rows inside each
 *                    │            stage(s)               │
 *            z = -D  └───────────────────────────────────┘
 * ```
 */
import type { BoothSize, ZoneKind } from './domain';
import { boothWalls } from './layout-geometry';

/** An axis-aligned rectangle on the floor. */
export interface Rect {
  minX: number;
  maxX: number;
  minZ: number;
  maxZ: number;
}

export interface LayoutZoneInput {
  id: string;
  kind: ZoneKind;
}

export interface LayoutBoothInput {
  id: string;
  zoneId: string;
  size: BoothSize;
  /** Order within the zone; ties are broken by id so the result never depends on input order. */
  position: number;
}

export interface LayoutInput {
  zones: readonly LayoutZoneInput[];
  booths: readonly LayoutBoothInput[];
}

/** Which way a booth's open front looks: towards the entrance (+z) or towards the back of the hall (-z). */
export type Facing = 'entrance' | 'back';

export interface BoothPlot {
  boothId: string;
  zoneId: string;
  size: BoothSize;
  /** Centre of the plot. */
  x: number;
  z: number;
  /** Rotation about +Y; 0 means the open front faces +z. */
  rotation: number;
  /** Along the aisle (local x). */
  width: number;
  /** Away from the aisle (local z). */
  depth: number;
  facing: Facing;
  /** The plot's footprint on the floor. */
  rect: Rect;
  /** Id of the aisle the front opens onto. */
  aisleId: string;
}

export interface ZoneArea {
  zoneId: string;
  kind: ZoneKind;
  rect: Rect;
  /** Where the zone's hanging sign is centred (it faces the entrance). */
  sign: { x: number; z: number; y: number };
}

export type AisleKind = 'boulevard' | 'perimeter' | 'cross' | 'row';

export interface Aisle {
  id: string;
  kind: AisleKind;
  rect: Rect;
}

export interface StageArea {
  zoneId: string;
  /** The raised platform (solid). */
  platform: Rect;
  /** The audience floor in front of it, where seat rows stand. */
  audience: Rect;
  /** Seat rows (solid). */
  seats: Rect[];
}

export interface LoungeArea {
  zoneId: string;
  rect: Rect;
  /** Round tables (solid), as centre and radius. */
  tables: { x: number; z: number; radius: number }[];
}

export interface HallLayout {
  /** Outer walls, outside edge. */
  bounds: Rect;
  /** Where a visitor's centre may be: the bounds shrunk by wall thickness and body radius. */
  walkable: Rect;
  entrance: { x: number; z: number; width: number };
  infoDesk: { x: number; z: number; rect: Rect };
  /** Where a new visitor stands, looking into the hall (yaw 0 looks towards -z). */
  spawn: { x: number; z: number; yaw: number };
  zones: ZoneArea[];
  plots: BoothPlot[];
  /** Booths whose zone is unknown or not an exhibit zone: listed, not placed. */
  unplaced: string[];
  aisles: Aisle[];
  stages: StageArea[];
  lounges: LoungeArea[];
  /** Everything a visitor cannot walk through: booth walls, desks, stage, seats, tables, outer walls. */
  solids: Rect[];
}

/** Plot footprints by booth size, in metres (width along the aisle × depth). Large booths are islands. */
export const BOOTH_FOOTPRINT: Readonly<Record<BoothSize, { width: number; depth: number }>> = {
  small: { width: 3, depth: 3 },
  medium: { width: 6, depth: 3 },
  large: { width: 6, depth: 6 },
};

/** Height of booth walls; the scene and the collision agree that one cannot see or walk through them. */
export const BOOTH_WALL_HEIGHT = 2.5;
/** A visitor's body radius for collision. */
export const VISITOR_RADIUS = 0.3;

const WALL_THICKNESS = 0.3;
const PERIMETER = 3;
const BOULEVARD = 8;
const ROW_LENGTH = 24;
const ZONE_PAD = 3;
const ISLAND_AISLE = 4;
const CROSS_AISLE = 4;
const FOYER_DEPTH = 16;
const STAGE_DEPTH = 18;
const ROW_DEPTH = 3;
const ISLAND_DEPTH = ROW_DEPTH * 2;
const ENTRANCE_WIDTH = 8;
const COLUMN_WIDTH = ROW_LENGTH + 2 * ZONE_PAD;

/** The layout of the whole hall. Pure; see the module comment for the plan. */
export function layoutHall(input: LayoutInput): HallLayout {
  const exhibitZones = input.zones.filter((z) => z.kind === 'exhibit');
  const stageZones = input.zones.filter((z) => z.kind === 'stage');
  const loungeZones = input.zones.filter((z) => z.kind === 'lounge');
  const exhibitIds = new Set(exhibitZones.map((z) => z.id));

  const boothsByZone = new Map<string, LayoutBoothInput[]>();
  const unplaced: string[] = [];
  for (const booth of [...input.booths].sort(byPositionThenId)) {
    if (!exhibitIds.has(booth.zoneId)) {
      unplaced.push(booth.id);
      continue;
    }
    const list = boothsByZone.get(booth.zoneId) ?? [];
    list.push(booth);
    boothsByZone.set(booth.zoneId, list);
  }

  const halfWidth = PERIMETER + COLUMN_WIDTH + BOULEVARD / 2;
  const aisles: Aisle[] = [];
  const zones: ZoneArea[] = [];
  const plots: BoothPlot[] = [];
  const solids: Rect[] = [];

  // Exhibit zones in pairs, left and right of the boulevard, from the foyer backwards.
  let rowTop = -FOYER_DEPTH;
  for (let pair = 0; pair * 2 < exhibitZones.length; pair++) {
    const members = exhibitZones.slice(pair * 2, pair * 2 + 2);
    const packed = members.map((zone) => packZone(boothsByZone.get(zone.id) ?? []));
    const islands = Math.max(1, ...packed.map((p) => p.islands));
    const depth = 2 * ZONE_PAD + islands * ISLAND_DEPTH + (islands - 1) * ISLAND_AISLE;
    members.forEach((zone, column) => {
      const minX = column === 0 ? -BOULEVARD / 2 - COLUMN_WIDTH : BOULEVARD / 2;
      const rect: Rect = { minX, maxX: minX + COLUMN_WIDTH, minZ: rowTop - depth, maxZ: rowTop };
      zones.push({ zoneId: zone.id, kind: zone.kind, rect, sign: { x: centreX(rect), z: rect.maxZ - 1, y: 5 } });
      placeZone(zone.id, rect, islands, packed[column]!, plots, aisles, solids);
    });
    rowTop -= depth;
    aisles.push({
      id: `cross-${pair}`,
      kind: 'cross',
      rect: { minX: -halfWidth + PERIMETER, maxX: halfWidth - PERIMETER, minZ: rowTop - CROSS_AISLE, maxZ: rowTop },
    });
    rowTop -= CROSS_AISLE;
  }
  const exhibitBottom = rowTop;

  // Stages share the back band, side by side.
  const stages: StageArea[] = [];
  const stageBottom = stageZones.length > 0 ? exhibitBottom - STAGE_DEPTH : exhibitBottom;
  stageZones.forEach((zone, i) => {
    const span = (2 * halfWidth - 2 * PERIMETER) / stageZones.length;
    const rect: Rect = {
      minX: -halfWidth + PERIMETER + i * span,
      maxX: -halfWidth + PERIMETER + (i + 1) * span,
      minZ: stageBottom,
      maxZ: exhibitBottom,
    };
    zones.push({ zoneId: zone.id, kind: zone.kind, rect, sign: { x: centreX(rect), z: rect.minZ + 6.5, y: 6 } });
    const cx = centreX(rect);
    const platformWidth = Math.min(16, span - 4);
    const platform: Rect = {
      minX: cx - platformWidth / 2,
      maxX: cx + platformWidth / 2,
      minZ: rect.minZ,
      maxZ: rect.minZ + 6,
    };
    const audience: Rect = { minX: platform.minX, maxX: platform.maxX, minZ: platform.maxZ + 2, maxZ: rect.maxZ - 2 };
    const seats: Rect[] = [];
    // Two blocks of seat rows with a centre aisle, every 1.5 m.
    for (let z = audience.minZ + 0.5; z + 0.5 <= audience.maxZ - 1; z += 1.5) {
      seats.push({ minX: platform.minX + 1, maxX: cx - 1, minZ: z, maxZ: z + 0.5 });
      seats.push({ minX: cx + 1, maxX: platform.maxX - 1, minZ: z, maxZ: z + 0.5 });
    }
    stages.push({ zoneId: zone.id, platform, audience, seats });
    solids.push(platform, ...seats);
  });

  const depthTotal = -stageBottom + PERIMETER;
  const bounds: Rect = { minX: -halfWidth, maxX: halfWidth, minZ: -depthTotal, maxZ: 0 };

  // Lounges fill the foyer on either side of the entrance and information desk.
  const lounges: LoungeArea[] = [];
  loungeZones.forEach((zone, i) => {
    const side = i % 2 === 0 ? -1 : 1;
    const slot = Math.floor(i / 2);
    const slots = side === -1 ? Math.ceil(loungeZones.length / 2) : Math.floor(loungeZones.length / 2);
    const outer = halfWidth - PERIMETER;
    const inner = BOULEVARD / 2 + 6;
    const span = (outer - inner) / Math.max(1, slots);
    const a = side * (inner + slot * span);
    const b = side * (inner + (slot + 1) * span);
    const rect: Rect = { minX: Math.min(a, b), maxX: Math.max(a, b), minZ: -FOYER_DEPTH + 2, maxZ: -PERIMETER };
    zones.push({ zoneId: zone.id, kind: zone.kind, rect, sign: { x: centreX(rect), z: rect.minZ + 1, y: 4.5 } });
    const tables: LoungeArea['tables'] = [];
    for (let x = rect.minX + 3; x <= rect.maxX - 3; x += 5) {
      for (let z = rect.minZ + 3; z <= rect.maxZ - 2.5; z += 4.5) tables.push({ x, z, radius: 0.6 });
    }
    lounges.push({ zoneId: zone.id, rect, tables });
    for (const t of tables) solids.push(squareAround(t.x, t.z, t.radius));
  });

  const infoDeskRect: Rect = { minX: -2.5, maxX: 2.5, minZ: -9.5, maxZ: -8.5 };
  solids.push(infoDeskRect);

  aisles.push(
    {
      id: 'boulevard',
      kind: 'boulevard',
      rect: { minX: -BOULEVARD / 2, maxX: BOULEVARD / 2, minZ: exhibitBottom, maxZ: -FOYER_DEPTH },
    },
    {
      id: 'foyer',
      kind: 'perimeter',
      rect: { minX: -halfWidth + PERIMETER, maxX: halfWidth - PERIMETER, minZ: -FOYER_DEPTH, maxZ: -FOYER_DEPTH + 2 },
    },
    {
      id: 'perimeter-left',
      kind: 'perimeter',
      rect: { minX: -halfWidth, maxX: -halfWidth + PERIMETER, minZ: bounds.minZ, maxZ: 0 },
    },
    {
      id: 'perimeter-right',
      kind: 'perimeter',
      rect: { minX: halfWidth - PERIMETER, maxX: halfWidth, minZ: bounds.minZ, maxZ: 0 },
    },
    {
      id: 'perimeter-back',
      kind: 'perimeter',
      rect: { minX: -halfWidth, maxX: halfWidth, minZ: bounds.minZ, maxZ: bounds.minZ + PERIMETER },
    },
  );

  // Outer walls, with the entrance gap in the front wall.
  const t = WALL_THICKNESS;
  solids.push(
    { minX: bounds.minX, maxX: bounds.minX + t, minZ: bounds.minZ, maxZ: bounds.maxZ },
    { minX: bounds.maxX - t, maxX: bounds.maxX, minZ: bounds.minZ, maxZ: bounds.maxZ },
    { minX: bounds.minX, maxX: bounds.maxX, minZ: bounds.minZ, maxZ: bounds.minZ + t },
    { minX: bounds.minX, maxX: -ENTRANCE_WIDTH / 2, minZ: -t, maxZ: 0 },
    { minX: ENTRANCE_WIDTH / 2, maxX: bounds.maxX, minZ: -t, maxZ: 0 },
  );

  const inset = t + VISITOR_RADIUS;
  return {
    bounds,
    walkable: { minX: bounds.minX + inset, maxX: bounds.maxX - inset, minZ: bounds.minZ + inset, maxZ: -inset },
    entrance: { x: 0, z: 0, width: ENTRANCE_WIDTH },
    infoDesk: { x: 0, z: -9, rect: infoDeskRect },
    spawn: { x: 0, z: -3, yaw: 0 },
    zones,
    plots,
    unplaced,
    aisles,
    stages,
    lounges,
    solids,
  };
}

interface PackedBooth {
  booth: LayoutBoothInput;
  island: number;
  /** Row A faces the entrance, row B the back; islands (large) take both. */
  row: 'A' | 'B' | 'AB';
  offset: number;
}

interface PackedZone {
  islands: number;
  booths: PackedBooth[];
}

/** Fills islands of two back-to-back rows, first fit in booth order. */
function packZone(booths: readonly LayoutBoothInput[]): PackedZone {
  const cursors: { A: number; B: number }[] = [];
  const packed: PackedBooth[] = [];
  for (const booth of booths) {
    const { width } = BOOTH_FOOTPRINT[booth.size];
    let placed = false;
    for (let island = 0; !placed; island++) {
      if (island === cursors.length) cursors.push({ A: 0, B: 0 });
      const c = cursors[island]!;
      if (booth.size === 'large') {
        const offset = Math.max(c.A, c.B);
        if (offset + width <= ROW_LENGTH) {
          packed.push({ booth, island, row: 'AB', offset });
          c.A = c.B = offset + width;
          placed = true;
        }
        continue;
      }
      const order: ('A' | 'B')[] = c.B < c.A ? ['B', 'A'] : ['A', 'B'];
      for (const row of order) {
        if (c[row] + width <= ROW_LENGTH) {
          packed.push({ booth, island, row, offset: c[row] });
          c[row] += width;
          placed = true;
          break;
        }
      }
    }
  }
  return { islands: cursors.length, booths: packed };
}

function placeZone(
  zoneId: string,
  zone: Rect,
  islands: number,
  packed: PackedZone,
  plots: BoothPlot[],
  aisles: Aisle[],
  solids: Rect[],
): void {
  const rowMinX = zone.minX + ZONE_PAD;
  const rowMaxX = zone.maxX - ZONE_PAD;
  const islandTop = (i: number) => zone.maxZ - ZONE_PAD - i * (ISLAND_DEPTH + ISLAND_AISLE);
  // Aisles in front of each island (the first is the zone's front strip) and behind the last.
  for (let i = 0; i <= islands; i++) {
    const maxZ = i === 0 ? zone.maxZ : islandTop(i - 1) - ISLAND_DEPTH;
    const minZ = i === islands ? zone.minZ : islandTop(i);
    aisles.push({ id: `${zoneId}/row-${i}`, kind: 'row', rect: { minX: zone.minX, maxX: zone.maxX, minZ, maxZ } });
  }
  // Ends of the islands open onto the zone's side strips.
  aisles.push(
    { id: `${zoneId}/side-l`, kind: 'row', rect: { minX: zone.minX, maxX: rowMinX, minZ: zone.minZ, maxZ: zone.maxZ } },
    { id: `${zoneId}/side-r`, kind: 'row', rect: { minX: rowMaxX, maxX: zone.maxX, minZ: zone.minZ, maxZ: zone.maxZ } },
  );

  for (const { booth, island, row, offset } of packed.booths) {
    const { width, depth } = BOOTH_FOOTPRINT[booth.size];
    const top = islandTop(island);
    const minX = rowMinX + offset;
    const facing: Facing = row === 'B' ? 'back' : 'entrance';
    const maxZ = row === 'B' ? top - ROW_DEPTH : top;
    const rect: Rect = { minX, maxX: minX + width, minZ: maxZ - depth, maxZ };
    const plot: BoothPlot = {
      boothId: booth.id,
      zoneId,
      size: booth.size,
      x: minX + width / 2,
      z: maxZ - depth / 2,
      rotation: facing === 'entrance' ? 0 : Math.PI,
      width,
      depth,
      facing,
      rect,
      aisleId: `${zoneId}/row-${facing === 'entrance' ? island : island + 1}`,
    };
    plots.push(plot);
    solids.push(...boothWalls(plot));
  }
}

function byPositionThenId(a: LayoutBoothInput, b: LayoutBoothInput): number {
  return a.position - b.position || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

function centreX(rect: Rect): number {
  return (rect.minX + rect.maxX) / 2;
}

function squareAround(x: number, z: number, r: number): Rect {
  return { minX: x - r, maxX: x + r, minZ: z - r, maxZ: z + r };
}
