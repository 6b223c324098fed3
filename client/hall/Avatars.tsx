import { useFrame } from '@react-three/fiber';
import { useEffect, useMemo, useRef } from 'react';
import {
  CapsuleGeometry,
  Color,
  Group,
  type InstancedMesh,
  Matrix4,
  MeshLambertMaterial,
  type Object3D,
  Quaternion,
  SphereGeometry,
  Vector3,
} from 'three';
import type { AvatarFrame } from './avatarSource';
import { createHallText } from './HallLabels';
import { drawableText } from './hallText';
import { mergeNonIndexed } from './mergeNonIndexed';

/** Most avatars drawn; beyond this the nearest are kept (the presence work sends only nearby cells anyway). */
export const AVATAR_CAPACITY = 512;
const TAG_COUNT = 8;
const TAG_RADIUS = 8;

const matrix = new Matrix4();
const position = new Vector3();
const quaternion = new Quaternion();
const scale = new Vector3(1, 1, 1);
const up = new Vector3(0, 1, 0);
const color = new Color();

/**
 * Other visitors: a body in each visitor's colour, all in one instanced draw call, and name tags over the few
 * nearest (one more batched call). Reads poses from `source` every frame; no React state per frame.
 */
export function Avatars({ source }: { source: () => AvatarFrame | null }) {
  const meshRef = useRef<InstancedMesh>(null);
  const geometry = useMemo(() => {
    const body = new CapsuleGeometry(0.23, 0.85, 2, 8);
    body.translate(0, 0.23 + 0.425 + 0.02, 0);
    const head = new SphereGeometry(0.16, 10, 8);
    head.translate(0, 1.55, 0);
    // A little "nose" so the facing reads from afar.
    const visor = new SphereGeometry(0.06, 6, 4);
    visor.translate(0, 1.56, -0.15);
    const merged = mergeNonIndexed([body.toNonIndexed(), head.toNonIndexed(), visor.toNonIndexed()]);
    body.dispose();
    head.dispose();
    visor.dispose();
    return merged;
  }, []);
  const material = useMemo(() => new MeshLambertMaterial(), []);
  useEffect(
    () => () => {
      geometry.dispose();
      material.dispose();
    },
    [geometry, material],
  );

  const tags = useMemo(() => {
    // A few separate text meshes (at most TAG_COUNT draw calls, only near other visitors): tags change and move
    // all the time, which troika's BatchedText repacks poorly.
    const group = new Group();
    const members = Array.from({ length: TAG_COUNT }, () => {
      const t = createHallText();
      t.fontSize = 0.16;
      t.maxWidth = 2.5;
      // A white halo keeps the name readable against the dark ceiling and the crowd.
      t.outlineWidth = '12%';
      t.outlineColor = '#FFFFFF';
      t.text = '';
      t.visible = false;
      group.add(t as unknown as Object3D);
      return t;
    });
    return { group, members, assigned: new Int32Array(TAG_COUNT).fill(-1) };
  }, []);
  useEffect(
    () => () => {
      for (const t of tags.members) t.dispose();
    },
    [tags],
  );

  const seenVersion = useRef(-1);
  const tagClock = useRef(0);

  useFrame(({ camera }, delta) => {
    const mesh = meshRef.current;
    const frame = source();
    if (!mesh) return;
    const count = frame ? Math.min(frame.count, AVATAR_CAPACITY) : 0;
    mesh.count = count;
    if (!frame || count === 0) {
      tags.group.visible = false;
      return;
    }
    for (let i = 0; i < count; i++) {
      position.set(frame.x[i]!, 0, frame.z[i]!);
      quaternion.setFromAxisAngle(up, frame.yaw[i]!);
      matrix.compose(position, quaternion, scale);
      mesh.setMatrixAt(i, matrix);
    }
    mesh.instanceMatrix.needsUpdate = true;
    if (frame.version !== seenVersion.current) {
      seenVersion.current = frame.version;
      for (let i = 0; i < count; i++) mesh.setColorAt(i, color.setHex(frame.color[i]!));
      if (mesh.instanceColor) mesh.instanceColor.needsUpdate = true;
      tags.assigned.fill(-1);
    }

    // Name tags: a few times a second pick the nearest visitors within reach.
    tagClock.current += delta;
    if (tagClock.current > 0.3) {
      tagClock.current = 0;
      let used = 0;
      let changed = false;
      for (let i = 0; i < count && used < TAG_COUNT; i++) {
        const dx = frame.x[i]! - camera.position.x;
        const dz = frame.z[i]! - camera.position.z;
        if (dx * dx + dz * dz > TAG_RADIUS * TAG_RADIUS) continue;
        if (tags.assigned[used] !== i) {
          tags.assigned[used] = i;
          const country = frame.countries[i] ?? '';
          tags.members[used]!.text = drawableText(
            `${frame.names[i]}${country ? ` · ${country}` : ''}`,
            frame.names[i] ?? '',
          );
          changed = true;
        }
        used++;
      }
      for (let k = used; k < TAG_COUNT; k++) {
        if (tags.assigned[k] !== -1) {
          tags.assigned[k] = -1;
          tags.members[k]!.text = '';
          changed = true;
        }
      }
      if (changed) for (const t of tags.members) t.sync();
    }
    tags.group.visible = true;
    for (let k = 0; k < TAG_COUNT; k++) {
      const i = tags.assigned[k]!;
      const t = tags.members[k]!;
      t.visible = i >= 0 && i < count;
      if (!t.visible) continue;
      t.position.set(frame.x[i]!, 1.95, frame.z[i]!);
      // Tags turn to face the viewer.
      t.rotation.y = Math.atan2(camera.position.x - frame.x[i]!, camera.position.z - frame.z[i]!);
    }
  });

  return (
    <>
      <instancedMesh ref={meshRef} args={[geometry, material, AVATAR_CAPACITY]} frustumCulled={false} />
      <primitive object={tags.group} />
    </>
  );
}
