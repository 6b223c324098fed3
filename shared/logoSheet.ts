/**
 * The booth logos of the hall in one image (one request instead of one per booth). Server and client agree on the
 * order and the tile size from the booth list alone, so the sheet needs no manifest.
 */

/** One tile: the logo contained and centred on white, like the hall's logo atlas draws a single logo. */
export const LOGO_TILE_WIDTH = 256;
export const LOGO_TILE_HEIGHT = 128;
export const LOGO_SHEET_COLUMNS = 8;
export const LOGO_SHEET_PATH = '/api/hall/logo-sheet';

export interface LogoSheetEntry {
  boothId: string;
  logoUrl: string;
}

/** Logos the server can read itself (project media and uploads); others load one by one. */
export function isSheetLogo(url: string | null | undefined): url is string {
  return typeof url === 'string' && /^\/(media|uploads)\/[^?#]+$/.test(url) && !url.includes('..');
}

/** The sheet's tiles in order: booths with a local logo, by id. */
export function logoSheetEntries(
  booths: readonly { id: string; logoUrl: string | null | undefined }[],
): LogoSheetEntry[] {
  return booths
    .filter((b): b is { id: string; logoUrl: string } => isSheetLogo(b.logoUrl))
    .map((b) => ({ boothId: b.id, logoUrl: b.logoUrl }))
    .sort((a, b) => (a.boothId < b.boothId ? -1 : a.boothId > b.boothId ? 1 : 0));
}

/** A short fingerprint of the entries (FNV-1a): the sheet's version, so a changed logo gets a new URL. */
export function logoSheetKey(entries: readonly LogoSheetEntry[]): string {
  let h = 0x811c9dc5;
  for (const e of entries) {
    for (const part of [e.boothId, '=', e.logoUrl, ';']) {
      for (let i = 0; i < part.length; i++) {
        h ^= part.charCodeAt(i);
        h = Math.imul(h, 0x01000193) >>> 0;
      }
    }
  }
  return `${entries.length.toString(36)}-${h.toString(36)}`;
}

/** Where tile `index` sits in the sheet, in pixels. */
export function logoSheetTile(index: number): { x: number; y: number; width: number; height: number } {
  return {
    x: (index % LOGO_SHEET_COLUMNS) * LOGO_TILE_WIDTH,
    y: Math.floor(index / LOGO_SHEET_COLUMNS) * LOGO_TILE_HEIGHT,
    width: LOGO_TILE_WIDTH,
    height: LOGO_TILE_HEIGHT,
  };
}

/** The sheet's URL for a booth list, or null when no booth has a logo the server can combine. */
export function logoSheetUrl(booths: readonly { id: string; logoUrl: string | null | undefined }[]): string | null {
  const entries = logoSheetEntries(booths);
  return entries.length > 0 ? `${LOGO_SHEET_PATH}?v=${logoSheetKey(entries)}` : null;
}
