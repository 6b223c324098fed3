import type { HallLayout } from '../../shared/layout';

/**
 * Other visitors' poses as flat arrays, so hundreds can be drawn without an object per avatar. The presence store
 * fills one of these from the server's batches; the render benchmark drives synthetic walkers through the same shape.
 */
export interface AvatarFrame {
  count: number;
  x: Float32Array;
  z: Float32Array;
  /** Radians; 0 faces -z. */
  yaw: Float32Array;
  /** 0xRRGGBB body colour. */
  color: Uint32Array;
  names: string[];
  /** ISO country codes, shown beside the name. */
  countries: string[];
  /** Bump when colours or names change, so the view repaints them. */
  version: number;
}

export function createAvatarFrame(capacity: number): AvatarFrame {
  return {
    count: 0,
    x: new Float32Array(capacity),
    z: new Float32Array(capacity),
    yaw: new Float32Array(capacity),
    color: new Uint32Array(capacity),
    names: new Array<string>(capacity).fill(''),
    countries: new Array<string>(capacity).fill(''),
    version: 0,
  };
}

const COLOURS = [0x1fa39a, 0xff6b5a, 0x4c86c6, 0xb0709e, 0xad7e28, 0x3f9262, 0x8a7fd4, 0x2e6fb7];
const NAMES = ['Aiko', 'Lars', 'Mina', 'Tomás', 'Priya', 'Kenji', 'Sofia', 'Daniel', 'Hana', 'Yusuf', 'Emma', 'Ren'];
const COUNTRIES = ['JP', 'DK', 'DE', 'KR', 'SG', 'FR', 'US', 'TW', 'NL', 'CL', 'IN', 'VN'];

/** Fills a frame with `count` synthetic visitors strolling along the hall's aisles (benchmarks and tests). */
export function seedSyntheticAvatars(frame: AvatarFrame, layout: HallLayout, count: number): void {
  const aisles = layout.aisles.filter((a) => a.kind !== 'perimeter');
  const n = Math.min(count, frame.x.length);
  for (let i = 0; i < n; i++) {
    const aisle = aisles[i % aisles.length]!.rect;
    // A deterministic spread: golden-ratio steps through each aisle.
    const u = (i * 0.618034) % 1;
    const v = (i * 0.381966) % 1;
    frame.x[i] = aisle.minX + 0.5 + u * Math.max(0, aisle.maxX - aisle.minX - 1);
    frame.z[i] = aisle.minZ + 0.5 + v * Math.max(0, aisle.maxZ - aisle.minZ - 1);
    frame.yaw[i] = (i * 2.399) % (Math.PI * 2);
    frame.color[i] = COLOURS[i % COLOURS.length]!;
    frame.names[i] = `${NAMES[i % NAMES.length]} ${String.fromCharCode(65 + (i % 26))}.`;
    frame.countries[i] = COUNTRIES[i % COUNTRIES.length]!;
  }
  frame.count = n;
  frame.version++;
}

/** Moves synthetic visitors a little (they turn back at the hall's walkable edge). Allocation-free. */
export function stepSyntheticAvatars(frame: AvatarFrame, layout: HallLayout, dt: number): void {
  const w = layout.walkable;
  for (let i = 0; i < frame.count; i++) {
    const speed = 0.6 + (i % 5) * 0.15;
    let x = frame.x[i]! - Math.sin(frame.yaw[i]!) * speed * dt;
    let z = frame.z[i]! - Math.cos(frame.yaw[i]!) * speed * dt;
    if (x < w.minX || x > w.maxX || z < w.minZ || z > w.maxZ) {
      frame.yaw[i] = frame.yaw[i]! + Math.PI;
      x = Math.max(w.minX, Math.min(w.maxX, x));
      z = Math.max(w.minZ, Math.min(w.maxZ, z));
    }
    frame.x[i] = x;
    frame.z[i] = z;
  }
}
