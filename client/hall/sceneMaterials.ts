import { useEffect, useMemo } from 'react';
import { type CanvasTexture, MeshBasicMaterial, MeshLambertMaterial } from 'three';
import type { TextureAtlas } from './TextureAtlas';

/**
 * The four materials every hall draw call uses (merged structure, logos, posters, floor), shared by the hall and
 * the booth editor's preview so the preview looks exactly like the hall. Disposed with the atlases or floor.
 */
export function useSceneMaterials(atlases: { logo: TextureAtlas; poster: TextureAtlas }, floor: CanvasTexture) {
  const materials = useMemo(
    () => ({
      structure: new MeshLambertMaterial({ vertexColors: true }),
      logos: new MeshBasicMaterial({ map: atlases.logo.texture }),
      posters: new MeshBasicMaterial({ map: atlases.poster.texture, color: '#F2F2F2' }),
      floor: new MeshLambertMaterial({ map: floor }),
    }),
    [atlases, floor],
  );
  useEffect(
    () => () => {
      for (const m of Object.values(materials)) m.dispose();
    },
    [materials],
  );
  return materials;
}
