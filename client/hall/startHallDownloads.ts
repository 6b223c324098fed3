import { preload } from 'react-dom';
import { HALL_FONT_PATH } from '../../shared/hall-page';
import { useExpoStore } from '../state/expo';
import { chooseView, type GraphicsSupport, probeGraphics } from './chooseView';
import { hallRouteChunk, mapChunk, sceneChunk } from './hallChunks';

/**
 * Starts everything the 3D hall needs the moment the /hall route renders, before the hall's own code has arrived:
 * the expo data, the route's chunk, the chosen view's chunk (the scene with three.js and the sign font, or the map), in
 * parallel. Waiting for the route's chunk first cost a full round trip on a slow link. Returns the graphics probe so
 * the route does not probe again. Small on purpose: it lives in the entry chunk.
 */
export function startHallDownloads(search: string): GraphicsSupport {
  const support = probeGraphics();
  void useExpoStore.getState().load();
  // A failed download shows when the route renders (useLoaded asks again).
  hallRouteChunk.load().catch(() => undefined);
  if (chooseView(search, support).view === '3d') {
    sceneChunk.load().then(
      (m) => m.loadHallFont(),
      () => undefined,
    );
    preload(HALL_FONT_PATH, { as: 'fetch', crossOrigin: 'anonymous' });
  } else {
    mapChunk.load().catch(() => undefined);
  }
  return support;
}
