/**
 * GET /api/hall/logo-sheet?v=<key>: every booth logo of the hall in one WebP (shared/logoSheet.ts), built with sharp
 * on first request and kept in memory until a logo changes. One request instead of one per booth: on a slow venue
 * link with 200 ms round trips that is the difference between the hall's first view taking two seconds or five.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { Router } from 'express';
import sharp from 'sharp';
import {
  LOGO_SHEET_COLUMNS,
  LOGO_SHEET_PATH,
  LOGO_TILE_HEIGHT,
  LOGO_TILE_WIDTH,
  type LogoSheetEntry,
  logoSheetEntries,
  logoSheetKey,
  logoSheetTile,
} from '../../shared/logoSheet';
import type { Db } from '../db/database';
import { getExpo, listPublishedBooths } from '../expo/expo-queries';
import type { Logger } from '../log';
import type { UploadStorage } from '../uploads/upload-storage';

export interface LogoSheetDeps {
  db: Db;
  log: Logger;
  /** Project media root (served at /media). */
  assetsDir: string;
  uploadStorage: UploadStorage;
}

/** Builds the sheet for `entries`; a logo that cannot be read leaves its tile transparent (the client keeps its placeholder). */
export async function buildLogoSheet(
  entries: readonly LogoSheetEntry[],
  read: (url: string) => Promise<Buffer>,
  log?: Logger,
): Promise<Buffer> {
  const rows = Math.max(1, Math.ceil(entries.length / LOGO_SHEET_COLUMNS));
  const tiles = await Promise.all(
    entries.map(async (entry, index) => {
      try {
        const input = await read(entry.logoUrl);
        const tile = await sharp(input, { limitInputPixels: 40_000_000 })
          .resize(LOGO_TILE_WIDTH, LOGO_TILE_HEIGHT, { fit: 'contain', background: '#ffffff' })
          .flatten({ background: '#ffffff' })
          .png()
          .toBuffer();
        const at = logoSheetTile(index);
        return { input: tile, left: at.x, top: at.y };
      } catch (err) {
        log?.warn({ err, logoUrl: entry.logoUrl }, 'logo left out of the logo sheet');
        return null;
      }
    }),
  );
  return sharp({
    create: {
      width: LOGO_SHEET_COLUMNS * LOGO_TILE_WIDTH,
      height: rows * LOGO_TILE_HEIGHT,
      channels: 4,
      background: { r: 0, g: 0, b: 0, alpha: 0 },
    },
  })
    .composite(tiles.filter((t) => t !== null))
    .webp({ quality: 88, alphaQuality: 100, effort: 4 })
    .toBuffer();
}

export function logoSheetRoutes(deps: LogoSheetDeps): Router {
  const router = Router();
  const mediaRoot = path.resolve(deps.assetsDir);
  const read = async (url: string): Promise<Buffer> => {
    if (url.startsWith('/media/')) {
      const file = path.resolve(mediaRoot, decodeURIComponent(url.slice('/media/'.length)));
      if (!file.startsWith(mediaRoot + path.sep)) throw new Error('outside the media folder');
      return readFile(file);
    }
    if (url.startsWith('/uploads/') && deps.uploadStorage.read) return deps.uploadStorage.read(url.slice(9));
    throw new Error('not a local logo');
  };
  // One build per distinct set of logos; concurrent first visitors share it.
  let cached: { key: string; sheet: Promise<Buffer> } | null = null;
  const current = async () => {
    const expo = await getExpo(deps.db);
    const entries = expo ? logoSheetEntries(await listPublishedBooths(deps.db, expo.id)) : [];
    return { entries, key: logoSheetKey(entries) };
  };
  const sheetFor = (key: string, entries: readonly LogoSheetEntry[]): Promise<Buffer> => {
    if (cached?.key !== key) {
      const sheet = buildLogoSheet(entries, read, deps.log);
      cached = { key, sheet };
      sheet.catch(() => {
        if (cached?.sheet === sheet) cached = null;
      });
    }
    return cached.sheet;
  };

  // The hall asks for the booth list about a second before it asks for the sheet: start building then, so the
  // first visitor after a change does not wait for sharp. At most one check every few seconds.
  let lastWarm = 0;
  router.get('/booths', (_req, _res, next) => {
    const now = Date.now();
    if (now - lastWarm > 5_000) {
      lastWarm = now;
      current()
        .then(async ({ key, entries }) => {
          if (entries.length > 0) await sheetFor(key, entries);
        })
        .catch((err: unknown) => deps.log.warn({ err }, 'could not warm the logo sheet'));
    }
    next();
  });

  router.get(LOGO_SHEET_PATH.replace(/^\/api/, ''), async (req, res) => {
    const { entries, key } = await current();
    // The client lays tiles out from the booth list it has: a different list means a different layout.
    if (req.query.v !== key || entries.length === 0) {
      res
        .set('Cache-Control', 'no-store')
        .status(404)
        .json({ error: { code: 'NOT_FOUND', message: 'No such sheet.' } });
      return;
    }
    const body = await sheetFor(key, entries);
    res.set({ 'Content-Type': 'image/webp', 'Cache-Control': 'public, max-age=31536000, immutable' }).send(body);
  });
  return router;
}
