/**
 * Two visitors in the 3D hall see each other: each browser joins presence with its profile and pose, and draws the
 * other from the server's batches. Real server, real Socket.IO, two Chromium contexts with software WebGL.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server';
import { blockExternalRequests, launchChromium, waitForHall } from './hallBrowser';

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  server = await startTestServer();
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** A visitor who entered as a guest with `name`, standing in the 3D hall. */
async function visitor(name: string, country: string): Promise<{ page: Page; blocked: string[] }> {
  const context = await browser.newContext({ viewport: { width: 960, height: 600 } });
  const page = await context.newPage();
  const blocked = await blockExternalRequests(page, server.url);
  await page.goto(`${server.url}/`);
  const status = await page.evaluate(
    async ([displayName, c]) =>
      (
        await fetch('/api/auth/guest', {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-requested-with': 'minato' },
          body: JSON.stringify({ displayName, country: c, language: 'en' }),
        })
      ).status,
    [name, country],
  );
  expect(status).toBe(200);
  await page.goto(`${server.url}/hall?view=3d&test=1`);
  await waitForHall(page);
  return { page, blocked };
}

/** The other visitors this page drew last: names and positions. */
const drawn = (page: Page) =>
  page.evaluate(() => {
    const f = window.__minatoHallLiveAvatars;
    if (!f) return [];
    return Array.from({ length: f.count }, (_, i) => ({ name: f.names[i]!, x: f.x[i]!, z: f.z[i]! }));
  });

describe('presence in the hall', () => {
  it('two visitors see each other, and one sees the other walk', async () => {
    const lena = await visitor('Lena', 'DE');
    const kenji = await visitor('Kenji', 'JP');
    try {
      await lena.page.waitForFunction(
        () => window.__minatoHallLiveAvatars?.names.slice(0, window.__minatoHallLiveAvatars.count).includes('Kenji'),
        undefined,
        { timeout: 30_000, polling: 250 },
      );
      await kenji.page.waitForFunction(
        () => window.__minatoHallLiveAvatars?.names.slice(0, window.__minatoHallLiveAvatars.count).includes('Lena'),
        undefined,
        { timeout: 30_000, polling: 250 },
      );

      // The head count beside the map includes both of them.
      await lena.page.locator('.minimap__counts').getByText('2 people in the hall').waitFor({ timeout: 30_000 });

      // Kenji walks (teleports) a few metres; Lena draws him there.
      const from = await kenji.page.evaluate(() => window.__minatoHall!.player());
      const target = { x: from.x + 3, z: from.z - 4 };
      await kenji.page.evaluate(([x, z]) => window.__minatoHall!.teleport(x!, z!), [target.x, target.z]);
      const landed = await kenji.page.evaluate(() => window.__minatoHall!.player());
      // Drawn there, and staying there (for four polls in a row), not overshooting the jump.
      await lena.page.waitForFunction(
        ([x, z]) => {
          const w = window as unknown as { __near?: number };
          const f = window.__minatoHallLiveAvatars;
          const i = f ? f.names.slice(0, f.count).indexOf('Kenji') : -1;
          const near = !!f && i >= 0 && Math.abs(f.x[i]! - x!) < 0.5 && Math.abs(f.z[i]! - z!) < 0.5;
          w.__near = near ? (w.__near ?? 0) + 1 : 0;
          return w.__near >= 4;
        },
        [landed.x, landed.z],
        { timeout: 30_000, polling: 250 },
      );
      const seen = (await drawn(lena.page)).find((a) => a.name === 'Kenji')!;
      expect(Math.hypot(seen.x - landed.x, seen.z - landed.z)).toBeLessThan(0.5);

      // Kenji leaves the hall; Lena stops drawing him.
      await kenji.page.context().close();
      await lena.page.waitForFunction(
        () => !window.__minatoHallLiveAvatars?.names.slice(0, window.__minatoHallLiveAvatars.count).includes('Kenji'),
        undefined,
        { timeout: 30_000, polling: 250 },
      );
      expect(lena.blocked).toEqual([]);
      expect(kenji.blocked).toEqual([]);
    } finally {
      await lena.page.context().close();
      await kenji.page
        .context()
        .close()
        .catch(() => {});
    }
  });
});
