import { useEffect } from 'react';
import { useExpoStore } from '../state/expo';
import type { BoothAnchors } from './buildHall';
import type { TextureAtlas } from './TextureAtlas';

/** Paints each booth's first image into the poster atlas once its details have arrived (they load by distance). */
export function PosterLoader({ atlas, anchors }: { atlas: TextureAtlas; anchors: ReadonlyMap<string, BoothAnchors> }) {
  useEffect(() => {
    const drawn = new Set<string>();
    const paint = (details: ReturnType<typeof useExpoStore.getState>['boothDetails']) => {
      for (const entry of Object.values(details)) {
        if (entry.status !== 'ready' || drawn.has(entry.booth.id)) continue;
        drawn.add(entry.booth.id);
        const anchor = anchors.get(entry.booth.id);
        const image = entry.booth.content.find((c) => c.kind === 'image');
        if (anchor && image) atlas.load(anchor.posterSlot, image.url);
      }
    };
    paint(useExpoStore.getState().boothDetails);
    return useExpoStore.subscribe((state, previous) => {
      if (state.boothDetails !== previous.boothDetails) paint(state.boothDetails);
    });
  }, [atlas, anchors]);
  return null;
}
