import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { BoothSize } from '../../shared/domain';
import {
  type BoothPlot,
  type HallLayout,
  type LayoutInput,
  layoutHall,
  type Rect,
  VISITOR_RADIUS,
} from '../../shared/layout';
import { rectContains, rectsOverlap, resolveCollision } from '../../shared/layout-geometry';

const SIZES: BoothSize[] = ['small', 'medium', 'large'];

/** The demo's shape: four exhibit zones, a stage and a lounge, booths spread over the exhibit zones. */
function expoWith(boothCount: number, exhibitZones = 4): LayoutInput {
  const zones = [
    ...Array.from({ length: exhibitZones }, (_, i) => ({ id: `z${i}`, kind: 'exhibit' as const })),
    { id: 'stage', kind: 'stage' as const },
    { id: 'lounge', kind: 'lounge' as const },
  ];
  const booths = Array.from({ length: boothCount }, (_, i) => ({
    id: `b${i}`,
    zoneId: `z${i % exhibitZones}`,
    // Mostly small, some medium, the odd large island, as organisers sell them.
    size: SIZES[i % 11 === 0 ? 2 : i % 3 === 0 ? 1 : 0]!,
    position: Math.floor(i / exhibitZones),
  }));
  return { zones, booths };
}

/** The strip of floor just in front of a booth's open side. */
function frontStrip(plot: BoothPlot): Rect {
  const { rect } = plot;
  return plot.facing === 'entrance'
    ? { minX: rect.minX, maxX: rect.maxX, minZ: rect.maxZ, maxZ: rect.maxZ + 1 }
    : { minX: rect.minX, maxX: rect.maxX, minZ: rect.minZ - 1, maxZ: rect.minZ };
}

function expectSoundLayout(layout: HallLayout): void {
  const { plots } = layout;
  for (let i = 0; i < plots.length; i++) {
    for (let j = i + 1; j < plots.length; j++) {
      expect(rectsOverlap(plots[i]!.rect, plots[j]!.rect), `${plots[i]!.boothId} overlaps ${plots[j]!.boothId}`).toBe(
        false,
      );
    }
  }
  for (const plot of plots) {
    expect(rectContains(layout.bounds, plot.rect)).toBe(true);
    const zone = layout.zones.find((z) => z.zoneId === plot.zoneId)!;
    expect(rectContains(zone.rect, plot.rect), `${plot.boothId} inside its zone`).toBe(true);
    const strip = frontStrip(plot);
    const aisle = layout.aisles.find((a) => a.id === plot.aisleId);
    expect(aisle, `${plot.boothId} names an aisle`).toBeDefined();
    expect(rectContains(aisle!.rect, strip), `${plot.boothId} opens onto ${plot.aisleId}`).toBe(true);
    for (const other of plots) expect(rectsOverlap(other.rect, strip)).toBe(false);
  }
}

describe('layoutHall', () => {
  it('places every exhibit booth on its own plot that opens onto an aisle (demo-sized expo)', () => {
    const input = expoWith(44);
    const layout = layoutHall(input);
    expect(layout.plots).toHaveLength(44);
    expect(layout.unplaced).toEqual([]);
    expectSoundLayout(layout);
  });

  it('handles 150 booths and keeps the hall walkable from the entrance', () => {
    const layout = layoutHall(expoWith(150));
    expect(layout.plots).toHaveLength(150);
    expectSoundLayout(layout);
    // The spawn point and the info desk's front are free of solids.
    const out = { x: 0, z: 0 };
    resolveCollision(layout.spawn.x, layout.spawn.z, VISITOR_RADIUS, layout.solids, layout.walkable, out);
    expect(out).toEqual({ x: layout.spawn.x, z: layout.spawn.z });
  });

  it('is deterministic and independent of the order booths arrive in', () => {
    const input = expoWith(60);
    const a = layoutHall(input);
    const b = layoutHall({ zones: input.zones, booths: [...input.booths].reverse() });
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
  });

  it('holds for any mix of sizes, zones and positions', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 7 }),
        fc.array(
          fc.record({ size: fc.constantFrom(...SIZES), zone: fc.nat(6), position: fc.integer({ min: -5, max: 50 }) }),
          {
            maxLength: 120,
          },
        ),
        (zoneCount, booths) => {
          const layout = layoutHall({
            zones: Array.from({ length: zoneCount }, (_, i) => ({ id: `z${i}`, kind: 'exhibit' as const })),
            booths: booths.map((b, i) => ({ id: `b${i}`, zoneId: `z${b.zone}`, size: b.size, position: b.position })),
          });
          expect(layout.plots.length + layout.unplaced.length).toBe(booths.length);
          expectSoundLayout(layout);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('lists booths of unknown or non-exhibit zones as unplaced instead of dropping them', () => {
    const layout = layoutHall({
      zones: [
        { id: 'e', kind: 'exhibit' },
        { id: 's', kind: 'stage' },
      ],
      booths: [
        { id: 'a', zoneId: 'e', size: 'small', position: 0 },
        { id: 'b', zoneId: 's', size: 'small', position: 0 },
        { id: 'c', zoneId: 'gone', size: 'small', position: 0 },
      ],
    });
    expect(layout.plots.map((p) => p.boothId)).toEqual(['a']);
    expect(layout.unplaced).toEqual(['b', 'c']);
  });

  it('gives the stage, the lounge and the entrance their places inside the walls', () => {
    const layout = layoutHall(expoWith(44));
    expect(layout.stages).toHaveLength(1);
    expect(layout.lounges).toHaveLength(1);
    expect(layout.lounges[0]!.tables.length).toBeGreaterThan(0);
    expect(rectContains(layout.bounds, layout.stages[0]!.platform)).toBe(true);
    expect(layout.entrance.z).toBe(layout.bounds.maxZ);
    for (const zone of layout.zones) expect(rectContains(layout.bounds, zone.rect)).toBe(true);
    for (let i = 0; i < layout.zones.length; i++) {
      for (let j = i + 1; j < layout.zones.length; j++) {
        expect(rectsOverlap(layout.zones[i]!.rect, layout.zones[j]!.rect)).toBe(false);
      }
    }
  });
});

describe('resolveCollision', () => {
  const walkable: Rect = { minX: -50, maxX: 50, minZ: -50, maxZ: 50 };
  const wall: Rect = { minX: -1, maxX: 1, minZ: 0, maxZ: 0.1 };

  it('pushes a visitor that walked into a wall back to the wall face', () => {
    const out = { x: 0, z: 0 };
    resolveCollision(0, 0.2, 0.3, [wall], walkable, out);
    expect(out.x).toBeCloseTo(0);
    expect(out.z).toBeCloseTo(0.4);
  });

  it('leaves a visitor clear of every wall where they are, and keeps them inside the hall', () => {
    const out = { x: 0, z: 0 };
    resolveCollision(5, 5, 0.3, [wall], walkable, out);
    expect(out).toEqual({ x: 5, z: 5 });
    resolveCollision(80, -80, 0.3, [wall], walkable, out);
    expect(out).toEqual({ x: 50, z: -50 });
  });

  it('after resolving, a visitor anywhere in a generated hall overlaps no solid', () => {
    const layout = layoutHall(expoWith(44));
    const { bounds } = layout;
    const out = { x: 0, z: 0 };
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), (u, v) => {
        const x = bounds.minX + u * (bounds.maxX - bounds.minX);
        const z = bounds.minZ + v * (bounds.maxZ - bounds.minZ);
        resolveCollision(x, z, VISITOR_RADIUS, layout.solids, layout.walkable, out);
        for (const s of layout.solids) {
          const cx = Math.max(s.minX, Math.min(out.x, s.maxX));
          const cz = Math.max(s.minZ, Math.min(out.z, s.maxZ));
          expect(Math.hypot(out.x - cx, out.z - cz)).toBeGreaterThan(VISITOR_RADIUS - 0.05);
        }
      }),
      { numRuns: 300 },
    );
  });
});
