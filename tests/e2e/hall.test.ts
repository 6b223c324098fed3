/**
 * The 3D hall and its 2D twin in real Chromium (software WebGL), against the real server with the demo expo.
 * Needs the built client (`npm run build`).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { BoothDetail, BoothSummary } from '../../shared/api';
import type { BoothPlot, HallLayout } from '../../shared/layout';
import { startTestServer, type TestServer } from '../support/server';
import { blockExternalRequests, launchChromium, waitForHall } from './hallBrowser';

let server: TestServer;
let browser: Browser;
let booths: BoothSummary[];
const pages: Page[] = [];
let blocked: string[] = [];

beforeAll(async () => {
  server = await startTestServer();
  browser = await launchChromium();
  booths = ((await (await fetch(`${server.url}/api/booths`)).json()) as { booths: BoothSummary[] }).booths;
});

afterEach(async () => {
  while (pages.length) await pages.pop()!.context().close();
  // Nothing in the hall may reach the internet (fonts, decoders, controller models): venues have no CDN.
  expect(blocked).toEqual([]);
  blocked = [];
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function openPage(options: { language?: 'en' | 'ja'; noWebgl?: boolean } = {}): Promise<Page> {
  // A context per page: axe-core needs one, and it keeps tests from sharing storage.
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  pages.push(page);
  blocked = await blockExternalRequests(page, server.url);
  await page.addInitScript((lang) => localStorage.setItem('minato-hall.language', lang), options.language ?? 'en');
  if (options.noWebgl) {
    await page.addInitScript(() => {
      const original = HTMLCanvasElement.prototype.getContext;
      HTMLCanvasElement.prototype.getContext = function (this: HTMLCanvasElement, type: string, ...rest: unknown[]) {
        if (/webgl/i.test(type)) return null;
        return (original as (...a: unknown[]) => unknown).call(this, type, ...rest);
      } as typeof original;
    });
  }
  return page;
}

async function open3d(language: 'en' | 'ja' = 'en'): Promise<Page> {
  const page = await openPage({ language });
  await page.goto(`${server.url}/hall?view=3d&test=1`);
  await waitForHall(page);
  return page;
}

const layoutOf = (page: Page) => page.evaluate(() => window.__minatoHall!.layout() as HallLayout);

/** Resolves once the visitor has stood still across two polls (walking stopped, e.g. at a wall). */
async function waitUntilStill(page: Page): Promise<{ x: number; z: number }> {
  await page.waitForFunction(
    () => {
      const w = window as unknown as { __last?: string };
      const p = window.__minatoHall!.player();
      const now = `${p.x.toFixed(3)},${p.z.toFixed(3)}`;
      const still = w.__last === now;
      w.__last = now;
      return still;
    },
    undefined,
    { polling: 400, timeout: 30_000 },
  );
  return page.evaluate(() => window.__minatoHall!.player());
}

describe('the 3D hall', () => {
  it('renders the hall: the canvas holds a varied picture, not a blank frame', async () => {
    const page = await open3d();
    const pixels = await page.evaluate(() => {
      const canvas = document.querySelector('.hall3d canvas[data-engine]') as HTMLCanvasElement;
      const copy = document.createElement('canvas');
      copy.width = 64;
      copy.height = 40;
      const ctx = copy.getContext('2d')!;
      ctx.drawImage(canvas, 0, 0, 64, 40);
      const data = ctx.getImageData(0, 0, 64, 40).data;
      const colours = new Set<string>();
      for (let i = 0; i < data.length; i += 4)
        colours.add(`${data[i]! >> 4},${data[i + 1]! >> 4},${data[i + 2]! >> 4}`);
      return { colours: colours.size, width: canvas.width };
    });
    expect(pixels.width).toBeGreaterThan(0);
    expect(pixels.colours).toBeGreaterThan(30);
    const info = await page.evaluate(() => window.__minatoHall!.render());
    expect(info.calls).toBeGreaterThan(2);
    expect(info.calls).toBeLessThanOrEqual(20);
  });

  it('keys move the visitor, and a booth wall stops them', async () => {
    const page = await open3d();
    const layout = await layoutOf(page);
    const plot = layout.plots.find((p) => p.size === 'small' && p.facing === 'entrance') as BoothPlot;
    // In the aisle in front of the booth, looking in (towards -z).
    const start = { x: plot.x, z: plot.rect.maxZ + 2.5 };
    await page.evaluate(([x, z]) => window.__minatoHall!.teleport(x!, z!, 0), [start.x, start.z]);
    await page.keyboard.down('KeyW');
    await page.waitForFunction((z0) => window.__minatoHall!.player().z < z0 - 1, start.z, { polling: 100 });
    const stopped = await waitUntilStill(page);
    await page.keyboard.up('KeyW');
    // Walked through the open front and stopped at the back wall (10 cm thick) one body radius away.
    expect(stopped.z).toBeLessThan(start.z - 2);
    expect(stopped.z).toBeGreaterThanOrEqual(plot.rect.minZ + 0.1 + 0.3 - 0.02);
    expect(Math.abs(stopped.x - start.x)).toBeLessThan(0.05);

    // Sideways into the booth's side wall: stopped there too.
    await page.keyboard.down('KeyD');
    const side = await waitUntilStill(page);
    await page.keyboard.up('KeyD');
    expect(side.x).toBeGreaterThan(stopped.x + 0.5);
    expect(side.x).toBeLessThanOrEqual(plot.rect.maxX - 0.1 - 0.3 + 0.02);
  });

  it('a click on the floor walks the visitor there', async () => {
    const page = await open3d();
    const start = await page.evaluate(() => window.__minatoHall!.player());
    const box = (await page.locator('.hall3d canvas[data-engine]').boundingBox())!;
    // The floor a few metres ahead, straight down the middle.
    await page.mouse.click(box.x + box.width / 2, box.y + box.height * 0.72);
    await page.waitForFunction((z0) => window.__minatoHall!.player().z < z0 - 1, start.z, { polling: 100 });
    const end = await waitUntilStill(page);
    expect(end.z).toBeLessThan(start.z - 1.5);
    expect(Math.abs(end.x - start.x)).toBeLessThan(0.3);
  });

  it('the directory takes you to a booth whose panel shows its content in English and in Japanese', async () => {
    const target = booths.find((b) => b.size === 'medium')!;
    const detail = (await (await fetch(`${server.url}/api/booths/${target.slug}`)).json()) as BoothDetail;
    const page = await open3d();
    await page.getByRole('button', { name: 'Find a booth' }).click();
    await page.getByRole('searchbox', { name: 'Search' }).fill(target.name.en);
    await page.locator(`.hall-directory__item[data-booth-slug="${target.slug}"]`).click();

    const panel = page.locator(`.booth-panel[data-booth-slug="${target.slug}"]`);
    await expect.poll(() => panel.locator('h2').textContent()).toBe(target.name.en);
    await expect.poll(() => panel.textContent()).toContain(detail.description.en.slice(0, 40));
    // The visitor now stands at that booth.
    await page.waitForFunction((id) => window.__minatoHall!.nearBoothId() === id, target.id);

    await page.getByRole('button', { name: '日本語' }).click();
    await expect.poll(() => panel.locator('h2').textContent()).toBe(target.name.ja);
    await expect.poll(() => panel.textContent()).toContain(detail.description.ja!.slice(0, 20));
    // The 3D signs are redrawn in Japanese too, with the local font (no CDN request: see afterEach).
    await waitForHall(page);
  });

  it('a booth video plays muted on approach and pauses when the visitor walks away', async () => {
    // A booth whose video file the demo assets actually hold.
    let chosen: { booth: BoothSummary; detail: BoothDetail } | null = null;
    for (const booth of booths) {
      const detail = (await (await fetch(`${server.url}/api/booths/${booth.slug}`)).json()) as BoothDetail;
      const video = detail.content.find((c) => c.kind === 'video');
      if (video && existsSync(path.join('assets', video.url.replace(/^\/media\//, '')))) {
        chosen = { booth, detail };
        break;
      }
    }
    expect(chosen, 'the demo expo has a booth with a video file').not.toBeNull();
    const page = await open3d();
    const layout = await layoutOf(page);
    const plot = layout.plots.find((p) => p.boothId === chosen!.booth.id)!;
    const front = plot.facing === 'entrance' ? plot.rect.maxZ + 3 : plot.rect.minZ - 3;
    await page.evaluate(
      ([x, z, yaw]) => window.__minatoHall!.teleport(x!, z!, yaw),
      [plot.x, front, plot.facing === 'entrance' ? 0 : Math.PI],
    );
    await page.waitForFunction(
      (id) => {
        const v = window.__minatoHall!.video();
        return v !== null && v.boothId === id && !v.paused && v.currentTime > 0;
      },
      chosen!.booth.id,
      { timeout: 30_000 },
    );
    expect((await page.evaluate(() => window.__minatoHall!.video()))!.muted).toBe(true);

    await page.evaluate(() => window.__minatoHall!.teleport(0, -3, 0));
    await page.waitForFunction(() => window.__minatoHall!.video() === null);
    expect(await page.evaluate(() => window.__minatoHall!.lastVideo())).toEqual({ paused: true });
  });
});

describe('the 2D view', () => {
  it('is where a visitor without WebGL lands, with no canvas at all', async () => {
    const page = await openPage({ noWebgl: true });
    await page.goto(`${server.url}/hall`);
    await page.locator('.hall2d').waitFor();
    expect(await page.locator('canvas').count()).toBe(0);
    await expect.poll(() => page.getByRole('status').textContent()).toContain('cannot show 3D');
    expect(await page.getByRole('button', { name: '3D hall' }).isDisabled()).toBe(true);
  });

  it('has no serious or critical accessibility violations (axe-core)', async () => {
    const page = await openPage();
    await page.goto(`${server.url}/hall?view=2d`);
    await page.locator('.hall2d__booth').first().waitFor();
    // With a booth panel open too, since it is part of the page a visitor uses.
    await page.locator('.hall2d__item').first().click();
    await page.locator('.booth-panel h2').waitFor();
    const results = await new AxeBuilder({ page }).include('#main').analyze();
    const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  });

  it('works by keyboard alone: Tab to the map, arrows between booths, Enter opens the panel', async () => {
    const page = await openPage();
    await page.goto(`${server.url}/hall?view=2d`);
    await page.locator('.hall2d__booth').first().waitFor();
    let onMap = false;
    for (let i = 0; i < 40 && !onMap; i++) {
      await page.keyboard.press('Tab');
      onMap = await page.evaluate(() => document.activeElement?.classList.contains('hall2d__booth') ?? false);
    }
    expect(onMap).toBe(true);
    const first = await page.evaluate(() => document.activeElement!.getAttribute('data-booth-slug'));
    await page.keyboard.press('ArrowRight');
    const second = await page.evaluate(() => document.activeElement!.getAttribute('data-booth-slug'));
    expect(second).not.toBe(first);
    expect(second).not.toBeNull();
    await page.keyboard.press('Enter');
    const booth = booths.find((b) => b.slug === second)!;
    await expect.poll(() => page.locator('.booth-panel h2').textContent()).toBe(booth.name.en);
    // Only one map booth is in the tab order (roving focus), so Tab leaves the map rather than crossing 44 booths.
    expect(await page.locator('.hall2d__booth[tabindex="0"]').count()).toBe(1);
  });
});
