import { BufferAttribute, BufferGeometry, Color } from 'three';

const tmpColor = new Color();

/**
 * Collects boxes, cylinders and quads into one vertex-coloured geometry so a whole hall of booths draws in a
 * single call. Every shape is placed in the frame of a plot: (ox, oz) origin and a rotation about +Y.
 */
export class GeometryBuilder {
  private positions: number[] = [];
  private normals: number[] = [];
  private colors: number[] = [];
  private uvs: number[] = [];
  private ox = 0;
  private oz = 0;
  private cos = 1;
  private sin = 0;

  /** Places following shapes in a frame at (x, z) turned by `rotation` about +Y. */
  frame(x: number, z: number, rotation: number): this {
    this.ox = x;
    this.oz = z;
    this.cos = Math.cos(rotation);
    this.sin = Math.sin(rotation);
    return this;
  }

  private vertex(lx: number, y: number, lz: number, nx: number, ny: number, nz: number, c: Color, u = 0, v = 0) {
    // Rotation about +Y: x' = x cos + z sin, z' = -x sin + z cos.
    this.positions.push(this.ox + lx * this.cos + lz * this.sin, y, this.oz - lx * this.sin + lz * this.cos);
    this.normals.push(nx * this.cos + nz * this.sin, ny, -nx * this.sin + nz * this.cos);
    this.colors.push(c.r, c.g, c.b);
    this.uvs.push(u, v);
  }

  /** A quad from four corners given counter-clockwise seen from the front. */
  private quad(
    a: [number, number, number],
    b: [number, number, number],
    c: [number, number, number],
    d: [number, number, number],
    n: [number, number, number],
    color: Color,
    uv: [number, number, number, number] = [0, 0, 1, 1],
  ) {
    const [u0, v0, u1, v1] = uv;
    this.vertex(a[0], a[1], a[2], n[0], n[1], n[2], color, u0, v0);
    this.vertex(b[0], b[1], b[2], n[0], n[1], n[2], color, u1, v0);
    this.vertex(c[0], c[1], c[2], n[0], n[1], n[2], color, u1, v1);
    this.vertex(a[0], a[1], a[2], n[0], n[1], n[2], color, u0, v0);
    this.vertex(c[0], c[1], c[2], n[0], n[1], n[2], color, u1, v1);
    this.vertex(d[0], d[1], d[2], n[0], n[1], n[2], color, u0, v1);
  }

  /** An axis-aligned box (in the current frame) centred at (x, y, z) with sizes (sx, sy, sz). Bottom face omitted. */
  box(x: number, y: number, z: number, sx: number, sy: number, sz: number, color: string | Color): this {
    const c = typeof color === 'string' ? tmpColor.set(color) : color;
    const x0 = x - sx / 2;
    const x1 = x + sx / 2;
    const y0 = y - sy / 2;
    const y1 = y + sy / 2;
    const z0 = z - sz / 2;
    const z1 = z + sz / 2;
    this.quad([x0, y0, z1], [x1, y0, z1], [x1, y1, z1], [x0, y1, z1], [0, 0, 1], c);
    this.quad([x1, y0, z0], [x0, y0, z0], [x0, y1, z0], [x1, y1, z0], [0, 0, -1], c);
    this.quad([x1, y0, z1], [x1, y0, z0], [x1, y1, z0], [x1, y1, z1], [1, 0, 0], c);
    this.quad([x0, y0, z0], [x0, y0, z1], [x0, y1, z1], [x0, y1, z0], [-1, 0, 0], c);
    this.quad([x0, y1, z1], [x1, y1, z1], [x1, y1, z0], [x0, y1, z0], [0, 1, 0], c);
    return this;
  }

  /** An upright cylinder with `segments` flat sides and a top cap. */
  cylinder(x: number, y: number, z: number, radius: number, height: number, color: string, segments = 10): this {
    const c = tmpColor.set(color);
    const y0 = y - height / 2;
    const y1 = y + height / 2;
    for (let i = 0; i < segments; i++) {
      const a0 = (i / segments) * Math.PI * 2;
      const a1 = ((i + 1) / segments) * Math.PI * 2;
      const am = (a0 + a1) / 2;
      const p0: [number, number] = [x + Math.sin(a0) * radius, z + Math.cos(a0) * radius];
      const p1: [number, number] = [x + Math.sin(a1) * radius, z + Math.cos(a1) * radius];
      this.quad(
        [p0[0], y0, p0[1]],
        [p1[0], y0, p1[1]],
        [p1[0], y1, p1[1]],
        [p0[0], y1, p0[1]],
        [Math.sin(am), 0, Math.cos(am)],
        c,
      );
      // Cap triangle.
      this.vertex(x, y1, z, 0, 1, 0, c);
      this.vertex(p0[0], y1, p0[1], 0, 1, 0, c);
      this.vertex(p1[0], y1, p1[1], 0, 1, 0, c);
    }
    return this;
  }

  /** A flat rectangle facing local +z, centred at (x, y, z), with texture coordinates `uv` (u0, v0, u1, v1). */
  panel(
    x: number,
    y: number,
    z: number,
    width: number,
    height: number,
    uv: [number, number, number, number],
    color = '#ffffff',
  ): this {
    const c = tmpColor.set(color);
    const x0 = x - width / 2;
    const x1 = x + width / 2;
    const y0 = y - height / 2;
    const y1 = y + height / 2;
    this.quad([x0, y0, z], [x1, y0, z], [x1, y1, z], [x0, y1, z], [0, 0, 1], c, uv);
    return this;
  }

  get vertexCount(): number {
    return this.positions.length / 3;
  }

  build(): BufferGeometry {
    const geometry = new BufferGeometry();
    geometry.setAttribute('position', new BufferAttribute(new Float32Array(this.positions), 3));
    geometry.setAttribute('normal', new BufferAttribute(new Float32Array(this.normals), 3));
    geometry.setAttribute('color', new BufferAttribute(new Float32Array(this.colors), 3));
    geometry.setAttribute('uv', new BufferAttribute(new Float32Array(this.uvs), 2));
    geometry.computeBoundingSphere();
    return geometry;
  }
}
