import { HALL_VIEW_COOKIE } from '../../shared/hall-page';
import type { HallView, TwoDReason } from './hallStore';

const STORAGE_KEY = 'minato.hallView';

export interface GraphicsSupport {
  webgl: boolean;
  /** WebGL only through a software renderer, or a device that reports very little memory. */
  weak: boolean;
}

/** Probes WebGL without loading three.js, and releases the probe context at once. */
export function probeGraphics(): GraphicsSupport {
  try {
    const canvas = document.createElement('canvas');
    const fast = canvas.getContext('webgl2', { failIfMajorPerformanceCaveat: true }) as WebGL2RenderingContext | null;
    const gl = fast ?? (document.createElement('canvas').getContext('webgl2') as WebGL2RenderingContext | null);
    if (!gl) return { webgl: false, weak: true };
    const info = gl.getExtension('WEBGL_debug_renderer_info');
    const renderer = info ? String(gl.getParameter(info.UNMASKED_RENDERER_WEBGL)) : '';
    const software = !fast || /swiftshader|llvmpipe|software|basic render/i.test(renderer);
    gl.getExtension('WEBGL_lose_context')?.loseContext();
    const memory = (navigator as Navigator & { deviceMemory?: number }).deviceMemory;
    return { webgl: true, weak: software || (memory !== undefined && memory < 2) };
  } catch {
    return { webgl: false, weak: true };
  }
}

/**
 * The view a visitor gets: never 3D without WebGL; otherwise `?view=` in the address, then their last choice, then
 * 2D on weak devices and 3D elsewhere.
 */
export function chooseView(search: string, support: GraphicsSupport): { view: HallView; reason: TwoDReason } {
  if (!support.webgl) return { view: '2d', reason: 'no-webgl' };
  const asked = new URLSearchParams(search).get('view');
  if (asked === '2d' || asked === '3d') return { view: asked, reason: null };
  const stored = readStoredView();
  if (stored) return { view: stored, reason: null };
  return support.weak ? { view: '2d', reason: 'weak-device' } : { view: '3d', reason: null };
}

export function storeView(view: HallView): void {
  try {
    localStorage.setItem(STORAGE_KEY, view);
  } catch {
    // Private mode: the choice lasts for this visit only.
  }
  // Also told to the server, which then names only the map's chunks in the hall page's HTML (route-preloads.ts).
  // biome-ignore lint/suspicious/noDocumentCookie: one fixed word, written once per choice; Firefox has no Cookie Store API.
  document.cookie = `${HALL_VIEW_COOKIE}=${view}; path=/; max-age=31536000; SameSite=Lax`;
}

function readStoredView(): HallView | null {
  try {
    const v = localStorage.getItem(STORAGE_KEY);
    return v === '2d' || v === '3d' ? v : null;
  } catch {
    return null;
  }
}
