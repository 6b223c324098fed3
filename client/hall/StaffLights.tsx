import { useEffect, useMemo, useRef } from 'react';
import { Color, type InstancedMesh, Object3D } from 'three';
import type { BoothAnchors } from './buildHall';
import { useHallStore } from './hallStore';

const ONLINE = new Color('#2BD67B');
const OFFLINE = new Color('#9AA3AE');

/** A small lamp on each booth's counter, green while staff are online; all lamps draw in one call. */
export function StaffLights({ anchors }: { anchors: ReadonlyMap<string, BoothAnchors> }) {
  const ref = useRef<InstancedMesh>(null);
  const list = useMemo(() => [...anchors.values()], [anchors]);

  useEffect(() => {
    const mesh = ref.current;
    if (!mesh) return;
    const o = new Object3D();
    list.forEach((a, i) => {
      o.position.set(a.staffLight.x, a.staffLight.y, a.staffLight.z);
      o.updateMatrix();
      mesh.setMatrixAt(i, o.matrix);
    });
    mesh.instanceMatrix.needsUpdate = true;
    const paint = (online: Record<string, boolean>) => {
      list.forEach((a, i) => {
        mesh.setColorAt(i, online[a.boothId] ? ONLINE : OFFLINE);
      });
      if (mesh.instanceColor) mesh.instanceColor.needsUpdate = true;
    };
    paint(useHallStore.getState().staffOnline);
    return useHallStore.subscribe((s, prev) => {
      if (s.staffOnline !== prev.staffOnline) paint(s.staffOnline);
    });
  }, [list]);

  if (list.length === 0) return null;
  return (
    <instancedMesh ref={ref} args={[undefined, undefined, list.length]} frustumCulled={false}>
      <sphereGeometry args={[0.07, 10, 8]} />
      <meshBasicMaterial />
    </instancedMesh>
  );
}
