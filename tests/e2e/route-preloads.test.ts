/**
 * A page opened directly (a shared booth link, a link in a mail, the hall) names its route's chunks in its HTML, so
 * they download beside the entry script rather than after it (server/http/route-preloads.ts). Needs the build.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadRoutePreloads } from '../../server/http/route-preloads';
import { HALL_FONT_PATH } from '../../shared/hall-page';
import { openPage } from './browser';
import { type ShellFixture, startShell } from './shell';

const CLIENT_DIR = path.resolve(import.meta.dirname, '../../dist/client');

const linksIn = (html: string, rel: string) =>
  [...html.matchAll(new RegExp(`<link rel="${rel}"[^>]* href="([^"]+)">`, 'g'))].map((m) => m[1]!);

describe('route preloads', () => {
  let shell: ShellFixture;
  beforeAll(async () => {
    shell = await startShell();
  });
  afterAll(async () => {
    await shell?.close();
  });
  const html = async (pathname: string, cookie?: string) =>
    (
      await fetch(`${shell.server.url}${pathname}`, { headers: { Accept: 'text/html', ...(cookie ? { cookie } : {}) } })
    ).text();

  it('a booth page names its chunks and its API reads; the browser fetches each once, beside the entry', async () => {
    const page = await html('/booths/minato-hydrogen-works');
    const booth = (await (await fetch(`${shell.server.url}/api/booths/minato-hydrogen-works`)).json()) as {
      id: string;
    };
    const reads = [
      '/api/expo',
      '/api/booths',
      '/api/auth/session',
      '/api/booths/minato-hydrogen-works',
      // Its meeting times, which the page could otherwise ask for only once the booth's record had arrived.
      `/api/meetings/booths/${booth.id}/slots`,
    ];
    expect(linksIn(page, 'preload')).toEqual(expect.arrayContaining(reads));
    const scripts = linksIn(page, 'modulepreload');
    expect(scripts.some((href) => /^\/assets\/BoothPage-[\w-]+\.js$/.test(href))).toBe(true);
    for (const href of scripts) {
      const res = await fetch(`${shell.server.url}${href}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/javascript/);
    }

    const t = await openPage(shell.browser);
    try {
      // 150 ms a round trip: the entry takes at least that long, so a chunk asked for only after it ran starts later.
      const cdp = await t.context.newCDPSession(t.page);
      await cdp.send('Network.enable');
      await cdp.send('Network.emulateNetworkConditions', {
        offline: false,
        latency: 150,
        downloadThroughput: 5_000_000,
        uploadThroughput: 5_000_000,
      });
      const requested: string[] = [];
      t.page.on('request', (r) => requested.push(new URL(r.url()).pathname));
      await t.page.goto(`${shell.server.url}/booths/minato-hydrogen-works`);
      await expect.poll(() => t.page.locator('h1').innerText(), { timeout: 20_000 }).toBe('Minato Hydrogen Works');
      const timings = await t.page.evaluate(() =>
        performance.getEntriesByType('resource').map((e) => ({
          path: new URL(e.name).pathname,
          start: e.startTime,
          end: (e as PerformanceResourceTiming).responseEnd,
        })),
      );
      const entry = timings.find((e) => /^\/assets\/index-[\w-]+\.js$/.test(e.path))!;
      const chunk = timings.find((e) => /^\/assets\/BoothPage-[\w-]+\.js$/.test(e.path))!;
      expect(chunk.start).toBeLessThan(entry.end);
      expect(requested.filter((p) => p === chunk.path)).toHaveLength(1);
      // The page's data is on its way before the entry has arrived, and the page's own fetches took the preloads.
      for (const read of reads) {
        expect(timings.find((e) => e.path === read)!.start).toBeLessThan(entry.end);
        expect(requested.filter((p) => p === read)).toHaveLength(1);
      }
      expect(t.errors).toEqual([]);
    } finally {
      await t.close();
    }
  });

  it('the hall names the 3D scene and its font, and only the map’s chunks for a visitor who chose the map', async () => {
    const hall = await html('/hall');
    expect(linksIn(hall, 'modulepreload').some((href) => /\/Hall3D-/.test(href))).toBe(true);
    expect(linksIn(hall, 'preload')).toContain(HALL_FONT_PATH);
    for (const map of [await html('/hall?view=2d'), await html('/hall', 'hall_view=2d')]) {
      expect(linksIn(map, 'modulepreload').some((href) => /\/HallRoute-/.test(href))).toBe(true);
      expect(linksIn(map, 'modulepreload').some((href) => /\/Hall3D-/.test(href))).toBe(false);
      expect(linksIn(map, 'preload')).not.toContain(HALL_FONT_PATH);
    }
    // The landing page is the entry alone, and the reads every page makes.
    const landing = await html('/');
    expect(linksIn(landing, 'modulepreload')).toEqual([]);
    expect(linksIn(landing, 'preload')).toEqual(['/api/expo', '/api/booths', '/api/auth/session']);
  });

  it('every module the route table names is in the build (a renamed page would silently lose its hints)', () => {
    const manifest = JSON.parse(readFileSync(path.join(CLIENT_DIR, '.vite', 'manifest.json'), 'utf8'));
    const preloads = loadRoutePreloads(CLIENT_DIR)!;
    expect(preloads.modules.length).toBeGreaterThan(10);
    expect(preloads.modules.filter((m) => !(m in manifest))).toEqual([]);
  });
});
