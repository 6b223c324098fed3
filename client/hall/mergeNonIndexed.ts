import { BufferAttribute, BufferGeometry } from 'three';

/**
 * Joins non-indexed geometries into one, keeping the attributes they all have (position, normal, uv…).
 * A few lines instead of three's BufferGeometryUtils.mergeGeometries, whose module costs ~5 KB in the hall's chunk for
 * the one merge the avatars need.
 */
export function mergeNonIndexed(parts: readonly BufferGeometry[]): BufferGeometry {
  const first = parts[0];
  if (!first) return new BufferGeometry();
  const merged = new BufferGeometry();
  for (const name of Object.keys(first.attributes)) {
    if (!parts.every((p) => p.getAttribute(name))) continue;
    const itemSize = first.getAttribute(name).itemSize;
    const total = parts.reduce((n, p) => n + p.getAttribute(name).array.length, 0);
    const array = new Float32Array(total);
    let offset = 0;
    for (const p of parts) {
      const source = p.getAttribute(name).array;
      array.set(source, offset);
      offset += source.length;
    }
    merged.setAttribute(name, new BufferAttribute(array, itemSize));
  }
  merged.computeBoundingSphere();
  return merged;
}
