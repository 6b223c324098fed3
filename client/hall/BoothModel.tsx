import { useGLTF } from '@react-three/drei';
import { useFrame } from '@react-three/fiber';
import { useMemo, useRef } from 'react';
import { Box3, type Group, Vector3 } from 'three';
import type { BoothAnchors } from './buildHall';

const box = new Box3();
const size = new Vector3();
const centre = new Vector3();

/** A product model on the booth's pedestal, scaled to fit and turning slowly. */
export default function BoothModel({ url, anchor }: { url: string; anchor: BoothAnchors }) {
  // No Draco or Meshopt decoders: those would be fetched from a CDN, and our models do not need them.
  const gltf = useGLTF(url, false, false);
  const groupRef = useRef<Group>(null);
  const scene = useMemo(() => {
    const clone = gltf.scene.clone(true);
    box.setFromObject(clone);
    box.getSize(size);
    box.getCenter(centre);
    const scale = 0.7 / Math.max(size.x, size.y, size.z, 1e-3);
    clone.scale.setScalar(scale);
    clone.position.set(-centre.x * scale, -box.min.y * scale, -centre.z * scale);
    return clone;
  }, [gltf]);
  useFrame((_, delta) => {
    if (groupRef.current) groupRef.current.rotation.y += delta * 0.4;
  });
  return (
    <group ref={groupRef} position={[anchor.pedestal.x, anchor.pedestal.y, anchor.pedestal.z]}>
      <primitive object={scene} />
    </group>
  );
}
