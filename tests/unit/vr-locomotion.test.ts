import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { boothNear, landingSpot, teleportArc } from '../../client/hall/vr/vrLocomotion';
import { layoutHall, VISITOR_RADIUS } from '../../shared/layout';
import { boothViewpoint, resolveCollision } from '../../shared/layout-geometry';
import { logoSheetEntries, logoSheetKey, logoSheetUrl } from '../../shared/logoSheet';

const layout = layoutHall({
  zones: [
    { id: 'z0', kind: 'exhibit' },
    { id: 'z1', kind: 'exhibit' },
    { id: 'stage', kind: 'stage' },
  ],
  booths: Array.from({ length: 12 }, (_, i) => ({
    id: `b${i}`,
    zoneId: `z${i % 2}`,
    size: i % 3 === 0 ? ('medium' as const) : ('small' as const),
    position: Math.floor(i / 2),
  })),
});

describe('VR teleport landing', () => {
  it('accepts the aisle in front of every booth and lands where walking could stand', () => {
    for (const plot of layout.plots) {
      const v = boothViewpoint(plot, 2);
      const spot = landingSpot(layout, v.x, v.z);
      expect(spot).not.toBeNull();
      const out = { x: 0, z: 0 };
      resolveCollision(spot!.x, spot!.z, VISITOR_RADIUS, layout.solids, layout.walkable, out);
      expect(Math.hypot(out.x - spot!.x, out.z - spot!.z)).toBeLessThan(1e-9);
    }
  });

  it('refuses the inside of walls and desks and anywhere outside the hall', () => {
    const { walkable } = layout;
    expect(landingSpot(layout, (walkable.minX + walkable.maxX) / 2, walkable.minZ - 3)).toBeNull();
    expect(landingSpot(layout, walkable.maxX + 5, 0)).toBeNull();
    expect(landingSpot(layout, Number.NaN, 0)).toBeNull();
    const desk = layout.infoDesk.rect;
    expect(landingSpot(layout, (desk.minX + desk.maxX) / 2, (desk.minZ + desk.maxZ) / 2)).toBeNull();
  });

  it('never lands a visitor inside a solid, wherever they aim', () => {
    const { bounds } = layout;
    fc.assert(
      fc.property(
        fc.double({ min: bounds.minX - 5, max: bounds.maxX + 5, noNaN: true }),
        fc.double({ min: bounds.minZ - 5, max: bounds.maxZ + 5, noNaN: true }),
        (x, z) => {
          const spot = landingSpot(layout, x, z);
          if (!spot) return;
          for (const s of layout.solids) {
            const cx = Math.max(s.minX, Math.min(spot.x, s.maxX));
            const cz = Math.max(s.minZ, Math.min(spot.z, s.maxZ));
            expect(Math.hypot(spot.x - cx, spot.z - cz)).toBeGreaterThan(VISITOR_RADIUS - 1e-6);
          }
        },
      ),
      { numRuns: 500 },
    );
  });

  it('shows the booth whose viewpoint is nearest', () => {
    const plot = layout.plots[3]!;
    const v = boothViewpoint(plot, 2);
    expect(boothNear(layout, v.x, v.z)?.boothId).toBe(plot.boothId);
    expect(boothNear(layout, layout.spawn.x, layout.spawn.z + 50)).toBeNull();
  });
});

describe('teleport arc', () => {
  it('comes down ahead of a level controller and ends on the floor', () => {
    const points = new Float32Array(300);
    const hit = teleportArc(0, 1.3, 0, 0, 0, -1, points);
    expect(hit).not.toBeNull();
    // About 4.1 m (projectile range); the 30 Hz steps add a little.
    expect(Math.abs(hit!.z + 8 * Math.sqrt((2 * 1.3) / 9.8))).toBeLessThan(0.3);
    expect(Math.abs(hit!.x)).toBeLessThan(1e-6);
    expect(points[(hit!.count - 1) * 3 + 1]).toBe(0);
  });

  it('reaches no further than about 8 m however high the aim (no teleporting across the hall)', () => {
    const points = new Float32Array(300);
    let furthest = 0;
    for (let deg = -80; deg <= 80; deg += 5) {
      const r = (deg * Math.PI) / 180;
      const hit = teleportArc(0, 1.3, 0, 0, Math.sin(r), -Math.cos(r), points);
      if (hit) furthest = Math.max(furthest, -hit.z);
    }
    expect(furthest).toBeGreaterThan(6);
    expect(furthest).toBeLessThan(8.5);
  });
});

describe('logo sheet addressing', () => {
  const booths = [
    { id: 'b2', logoUrl: '/media/demo/b2.png' },
    { id: 'b1', logoUrl: '/uploads/ab/cd.webp' },
    { id: 'b3', logoUrl: 'https://elsewhere.example/logo.png' },
    { id: 'b4', logoUrl: null },
  ];
  it('orders local logos by booth id and leaves out the rest', () => {
    expect(logoSheetEntries(booths).map((e) => e.boothId)).toEqual(['b1', 'b2']);
  });
  it('changes the version when a logo changes', () => {
    const before = logoSheetKey(logoSheetEntries(booths));
    const after = logoSheetKey(
      logoSheetEntries([{ ...booths[0]!, logoUrl: '/media/demo/b2-v2.png' }, ...booths.slice(1)]),
    );
    expect(after).not.toBe(before);
    expect(logoSheetUrl([{ id: 'x', logoUrl: null }])).toBeNull();
  });
});
