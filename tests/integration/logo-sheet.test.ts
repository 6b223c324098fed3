/** The hall's logo sheet: one WebP with every local booth logo, addressed by a version the client computes. */
import sharp from 'sharp';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { BoothSummary } from '../../shared/api';
import {
  LOGO_SHEET_COLUMNS,
  LOGO_TILE_HEIGHT,
  logoSheetEntries,
  logoSheetTile,
  logoSheetUrl,
} from '../../shared/logoSheet';
import { startTestServer, type TestServer } from '../support/server';

let server: TestServer;
let booths: BoothSummary[];

beforeAll(async () => {
  server = await startTestServer({ serveClient: false });
  booths = ((await (await fetch(`${server.url}/api/booths`)).json()) as { booths: BoothSummary[] }).booths;
});

afterAll(async () => {
  await server?.close();
});

it('serves every local logo in one cacheable WebP, each tile being that booth’s logo', async () => {
  const url = logoSheetUrl(booths);
  expect(url).not.toBeNull();
  const res = await fetch(`${server.url}${url}`);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('image/webp');
  expect(res.headers.get('cache-control')).toContain('immutable');
  const sheet = Buffer.from(await res.arrayBuffer());
  const entries = logoSheetEntries(booths);
  const meta = await sharp(sheet).metadata();
  expect(meta.width).toBe(LOGO_SHEET_COLUMNS * 256);
  expect(meta.height).toBe(Math.ceil(entries.length / LOGO_SHEET_COLUMNS) * LOGO_TILE_HEIGHT);

  // A tile matches its booth's own logo drawn the same way (contained on white), and not its neighbour's.
  const tileOf = async (index: number) => {
    const t = logoSheetTile(index);
    return sharp(sheet)
      .extract({ left: t.x, top: t.y, width: t.width, height: t.height })
      .removeAlpha()
      .raw()
      .toBuffer();
  };
  const logo = async (logoUrl: string) => {
    const png = Buffer.from(await (await fetch(`${server.url}${logoUrl}`)).arrayBuffer());
    return sharp(png)
      .resize(256, 128, { fit: 'contain', background: '#ffffff' })
      .flatten({ background: '#ffffff' })
      .removeAlpha()
      .raw()
      .toBuffer();
  };
  const diff = (a: Buffer, b: Buffer) => {
    let sum = 0;
    for (let i = 0; i < a.length; i++) sum += Math.abs(a[i]! - b[i]!);
    return sum / a.length;
  };
  const last = entries.length - 1;
  for (const index of [0, 1, last]) {
    const own = diff(await tileOf(index), await logo(entries[index]!.logoUrl));
    const other = diff(await tileOf(index), await logo(entries[index === 0 ? 1 : 0]!.logoUrl));
    expect(own).toBeLessThan(4); // lossy WebP
    expect(other).toBeGreaterThan(own * 2);
  }
});

it('refuses a version that does not match the booths (the client then loads logos one by one)', async () => {
  const res = await fetch(`${server.url}/api/hall/logo-sheet?v=stale`);
  expect(res.status).toBe(404);
});
