import { loadable } from '../app/loadable';

/**
 * The hall's chunks, each started as soon as it is known to be wanted: the route and the chosen view when /hall
 * renders (startHallDownloads), the booth panel when a booth comes within reach. Small on purpose: it lives in the
 * entry chunk.
 */
export const hallRouteChunk = loadable(() => import('./HallRoute'));
/** three.js and the scene: only when the 3D view is chosen, so a visitor without WebGL never downloads them. */
export const sceneChunk = loadable(() => import('./Hall3D'));
/** The map: the view without WebGL or on a weak device, and one click away from the 3D view. */
export const mapChunk = loadable(() => import('./Hall2D'));
/** The booth panel (chat, meeting slots, materials) is not part of the first view. */
export const boothPanelChunk = loadable(() => import('./BoothPanel'));
