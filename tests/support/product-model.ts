/** A small but real product model for tests: one cube with normals and one plain colour, as a self-contained GLB. */
import { Document, NodeIO } from '@gltf-transform/core';

/** A cube `size` metres wide whose material is `rgb` (linear 0–1), written as binary glTF. */
export async function cubeModel(rgb: [number, number, number], size = 1): Promise<Buffer> {
  const doc = new Document();
  const buffer = doc.createBuffer();
  const h = size / 2;
  const positions: number[] = [];
  const normals: number[] = [];
  const indices: number[] = [];
  // Four corners per face, so each face has its own normal and lights evenly.
  const faces: [number[], number[], number[]][] = [
    [
      [1, 0, 0],
      [0, 1, 0],
      [0, 0, 1],
    ],
    [
      [-1, 0, 0],
      [0, 0, 1],
      [0, 1, 0],
    ],
    [
      [0, 1, 0],
      [0, 0, 1],
      [1, 0, 0],
    ],
    [
      [0, -1, 0],
      [1, 0, 0],
      [0, 0, 1],
    ],
    [
      [0, 0, 1],
      [1, 0, 0],
      [0, 1, 0],
    ],
    [
      [0, 0, -1],
      [0, 1, 0],
      [1, 0, 0],
    ],
  ];
  for (const [n, u, v] of faces) {
    const base = positions.length / 3;
    for (const [a, b] of [
      [-1, -1],
      [1, -1],
      [1, 1],
      [-1, 1],
    ] as const) {
      for (let i = 0; i < 3; i++) positions.push((n[i]! + a * u[i]! + b * v[i]!) * h);
      normals.push(...n);
    }
    indices.push(base, base + 1, base + 2, base, base + 2, base + 3);
  }
  const primitive = doc
    .createPrimitive()
    .setAttribute(
      'POSITION',
      doc.createAccessor().setType('VEC3').setArray(new Float32Array(positions)).setBuffer(buffer),
    )
    .setAttribute('NORMAL', doc.createAccessor().setType('VEC3').setArray(new Float32Array(normals)).setBuffer(buffer))
    .setIndices(doc.createAccessor().setType('SCALAR').setArray(new Uint16Array(indices)).setBuffer(buffer))
    .setMaterial(
      doc
        .createMaterial('paint')
        .setBaseColorFactor([...rgb, 1])
        .setMetallicFactor(0)
        .setRoughnessFactor(0.8)
        .setDoubleSided(true),
    );
  const node = doc.createNode('product').setMesh(doc.createMesh('cube').addPrimitive(primitive));
  doc.getRoot().setDefaultScene(doc.createScene('scene').addChild(node));
  return Buffer.from(await new NodeIO().writeBinary(doc));
}
