/**
 * The hall in VR, in real Chromium with Meta's WebXR emulator (iwer) standing in for a headset: "Enter VR" starts an
 * immersive-vr session, the emulated controller's thumbstick teleports onto walkable floor (and refuses a spot
 * outside the hall or behind a booth wall, showing the aim as invalid), snaps the view by 30°, the booth the visitor
 * lands at shows its info board, and "Exit VR" ends the session and hands the hall back to the screen view.
 * Needs the built client (`npm run build`).
 */
import path from 'node:path';
import { build } from 'esbuild';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  boothNear,
  landingSpot,
  lineOfSightClear,
  SNAP_TURN,
  teleportBlockers,
} from '../../client/hall/vr/vrLocomotion';
import { type HallLayout, VISITOR_RADIUS } from '../../shared/layout';
import { resolveCollision } from '../../shared/layout-geometry';
import { startTestServer, type TestServer } from '../support/server';
import { blockExternalRequests, launchChromium, waitForHall } from './hallBrowser';

let server: TestServer;
let browser: Browser;
let iwerScript: string;
const pages: Page[] = [];
let blocked: string[] = [];
let errors: string[] = [];

/** Headset and right controller poses the test puts the emulator in (metres, in the session's local-floor space). */
const HEAD = { x: 0, y: 1.6, z: 0 };
const HAND = { x: 0.2, y: 1.3, z: -0.3 };

interface IwerHandle {
  device: {
    position: { set(x: number, y: number, z: number): void };
    quaternion: { set(x: number, y: number, z: number, w: number): void };
    controllers: Record<'left' | 'right', IwerController>;
  };
}
interface IwerController {
  position: { set(x: number, y: number, z: number): void };
  quaternion: { set(x: number, y: number, z: number, w: number): void };
  updateAxes(id: string, x: number, y: number): void;
}

beforeAll(async () => {
  // iwer for the page: the emulator never ships in the app; the test bundles it and installs it before load.
  const bundled = await build({
    stdin: {
      contents: `import { XRDevice, metaQuest3 } from 'iwer';
        const device = new XRDevice(metaQuest3);
        device.installRuntime({ forceInstall: true });
        window.__iwer = { device };`,
      resolveDir: path.resolve(import.meta.dirname, '../..'),
      loader: 'js',
    },
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'chrome120',
    write: false,
    logLevel: 'silent',
  });
  iwerScript = `delete Navigator.prototype.xr;\n${bundled.outputFiles[0]!.text}`;
  server = await startTestServer();
  browser = await launchChromium();
});

afterEach(async () => {
  while (pages.length) await pages.pop()!.context().close();
  // Controller profiles, fonts and models must come from the hall's own server (no CDN at venues).
  expect(blocked).toEqual([]);
  expect(errors).toEqual([]);
  blocked = [];
  errors = [];
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function openHall(options: { headset: boolean; language?: 'en' | 'ja' }): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 960, height: 600 } });
  const page = await context.newPage();
  pages.push(page);
  blocked = await blockExternalRequests(page, server.url);
  await page.addInitScript((lang) => localStorage.setItem('minato-hall.language', lang), options.language ?? 'en');
  if (options.headset) await page.addInitScript({ content: iwerScript });
  // A controller profile that fails to load, or a session that throws, only shows up as a console error.
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${server.url}/hall?view=3d&test=1`);
  await waitForHall(page);
  return page;
}

/** Waits until the scene has drawn `count` more frames (XR frames while in a session). */
async function frames(page: Page, count: number): Promise<void> {
  const start = await page.evaluate(() => window.__minatoHall!.render().frames);
  await page.waitForFunction((n) => window.__minatoHall!.render().frames >= n, start + count, { polling: 50 });
}

/** Pushes the right thumbstick, holds it for a few frames, and lets it spring back. */
async function flick(page: Page, x: number, y: number): Promise<void> {
  await page.evaluate(
    ([ax, ay]) => {
      (window as unknown as { __iwer: IwerHandle }).__iwer.device.controllers.right.updateAxes('thumbstick', ax!, ay!);
    },
    [x, y],
  );
  await frames(page, 6);
  await page.evaluate(() => {
    (window as unknown as { __iwer: IwerHandle }).__iwer.device.controllers.right.updateAxes('thumbstick', 0, 0);
  });
  await frames(page, 4);
}

/** Pushes the right thumbstick forward and keeps it there (aiming the teleport arc) for a few frames. */
async function holdAim(page: Page): Promise<void> {
  await page.evaluate(() => {
    (window as unknown as { __iwer: IwerHandle }).__iwer.device.controllers.right.updateAxes('thumbstick', 0, -1);
  });
  await frames(page, 6);
}

/** Lets the thumbstick spring back (which jumps, if the aim was valid). */
async function releaseAim(page: Page): Promise<void> {
  await page.evaluate(() => {
    (window as unknown as { __iwer: IwerHandle }).__iwer.device.controllers.right.updateAxes('thumbstick', 0, 0);
  });
  await frames(page, 4);
}

async function enterVr(page: Page, buttonName = 'Enter VR'): Promise<void> {
  // Headset upright at 1.6 m, right controller at the hip, both looking straight ahead (-z).
  await page.evaluate(
    ([head, hand]) => {
      const { device } = (window as unknown as { __iwer: IwerHandle }).__iwer;
      device.position.set(head!.x, head!.y, head!.z);
      device.quaternion.set(0, 0, 0, 1);
      device.controllers.right.position.set(hand!.x, hand!.y, hand!.z);
      device.controllers.right.quaternion.set(0, 0, 0, 1);
    },
    [HEAD, HAND],
  );
  await page.getByRole('button', { name: buttonName }).click();
  await page.waitForFunction(() => window.__minatoHall!.xrSession()?.presenting === true, undefined, {
    timeout: 20_000,
  });
  await frames(page, 3);
}

const vrState = (page: Page) => page.evaluate(() => window.__minatoHall!.vr());
const playerOf = (page: Page) => page.evaluate(() => window.__minatoHall!.player());

/** Where the arc from a level controller held at HAND lands, relative to the head (metres ahead along -z). */
function levelArcReach(): number {
  return -HAND.z + 8 * Math.sqrt((2 * HAND.y) / 9.8);
}

/** A standing spot, facing -z, whose level-aim landing (about 4 m ahead) is walkable floor near a booth. */
function validStart(layout: HallLayout): { x: number; z: number; land: { x: number; z: number } } {
  const reach = levelArcReach();
  for (const plot of layout.plots) {
    if (plot.facing !== 'entrance') continue;
    // The aisle in front of a booth opening towards the entrance (+z): land 2 m in front of it, facing it.
    const land = { x: plot.x, z: plot.rect.maxZ + 2 };
    const start = { x: land.x - HAND.x, z: land.z + reach };
    if (!landingSpot(layout, land.x, land.z) || !landingSpot(layout, start.x, start.z)) continue;
    return { ...start, land };
  }
  throw new Error('no walkable start found in the demo layout');
}

/**
 * A standing spot inside a booth, facing -z towards its back wall, whose level-aim landing (about 4 m ahead) is floor
 * a visitor could stand on, but behind that wall.
 */
function blockedStart(layout: HallLayout): { x: number; z: number; land: { x: number; z: number } } {
  const reach = levelArcReach();
  const walls = teleportBlockers(layout);
  for (const plot of layout.plots) {
    if (plot.facing !== 'entrance') continue;
    const start = { x: plot.x - HAND.x, z: plot.rect.maxZ - 0.8 };
    const land = landingSpot(layout, plot.x, start.z - reach);
    const at = landingSpot(layout, start.x, start.z);
    if (!land || !at || Math.hypot(at.x - start.x, at.z - start.z) > 0.01) continue;
    if (lineOfSightClear(walls, start.x, start.z, land.x, land.z)) continue;
    return { ...start, land };
  }
  throw new Error('no spot with a booth wall ahead found in the demo layout');
}

describe('Hall in VR', () => {
  it('offers no "Enter VR" where the browser cannot run immersive VR', async () => {
    const page = await openHall({ headset: false });
    // Chromium on http has navigator.xr, but no immersive-vr: the check has had time to settle once the hall is up.
    await frames(page, 10);
    expect(await page.getByRole('button', { name: 'Enter VR' }).count()).toBe(0);
  });

  it('enters VR from the button, teleports with the thumbstick onto walkable floor only, and snap-turns', async () => {
    const page = await openHall({ headset: true });
    const layout = (await page.evaluate(() => window.__minatoHall!.layout())) as HallLayout;
    const start = validStart(layout);
    await page.evaluate(([x, z]) => window.__minatoHall!.teleport(x!, z!, 0), [start.x, start.z]);

    await enterVr(page);
    const session = await page.evaluate(() => window.__minatoHall!.xrSession());
    expect(session).toMatchObject({ mode: 'immersive-vr', presenting: true, visibilityState: 'visible' });
    expect(session?.blendMode).toBe('opaque');

    // Entering puts the headset where the visitor stood on screen.
    let p = await playerOf(page);
    expect(Math.hypot(p.x - start.x, p.z - start.z)).toBeLessThan(0.05);
    const camera = (await vrState(page)).camera!;
    expect(Math.hypot(camera.x - start.x, camera.z - start.z)).toBeLessThan(0.05);
    expect(camera.y).toBeGreaterThan(1.4);

    // Thumbstick forward aims the arc (shown as valid), release jumps: the visitor lands about 4 m ahead, on walkable
    // floor.
    await holdAim(page);
    const aim = (await vrState(page)).aim;
    expect(aim?.valid).toBe(true);
    expect(Math.hypot(aim!.x - start.land.x, aim!.z - start.land.z)).toBeLessThan(0.6);
    await releaseAim(page);
    await page.waitForFunction(() => window.__minatoHall!.vr().landings === 1, undefined, { timeout: 10_000 });
    await frames(page, 3);
    p = await playerOf(page);
    const vr = await vrState(page);
    expect(Math.hypot(p.x - start.land.x, p.z - start.land.z)).toBeLessThan(0.6);
    expect(Math.hypot(vr.camera!.x - p.x, vr.camera!.z - p.z)).toBeLessThan(0.05);
    const resolved = { x: 0, z: 0 };
    resolveCollision(p.x, p.z, VISITOR_RADIUS, layout.solids, layout.walkable, resolved);
    expect(Math.hypot(resolved.x - p.x, resolved.z - p.z)).toBeLessThan(0.26);
    // The booth there shows its info board in the headset.
    expect(vr.panelBoothId).toBe(boothNear(layout, p.x, p.z)?.boothId);
    expect(vr.panelBoothId).not.toBeNull();

    // Snap turn: a flick right turns 30° to the right, on the spot.
    const before = p;
    await flick(page, 1, 0);
    p = await playerOf(page);
    const turned = Math.atan2(Math.sin(p.yaw - before.yaw), Math.cos(p.yaw - before.yaw));
    expect(turned).toBeCloseTo(-SNAP_TURN, 2);
    expect(Math.hypot(p.x - before.x, p.z - before.z)).toBeLessThan(0.02);
    // Holding the stick does not keep turning: one flick, one step.
    await flick(page, -1, 0);
    p = await playerOf(page);
    expect(Math.atan2(Math.sin(p.yaw - before.yaw), Math.cos(p.yaw - before.yaw))).toBeCloseTo(0, 2);
  });

  it('refuses a teleport past the hall wall: the visitor stays put', async () => {
    const page = await openHall({ headset: true });
    const layout = (await page.evaluate(() => window.__minatoHall!.layout())) as HallLayout;
    // Stand 1 m from the back wall, facing it: the arc comes down outside the hall.
    const x = (layout.walkable.minX + layout.walkable.maxX) / 2 + 0.5;
    let z = layout.walkable.minZ + 1;
    const at = landingSpot(layout, x, z);
    expect(at).not.toBeNull();
    z = at!.z;
    await page.evaluate(([sx, sz]) => window.__minatoHall!.teleport(sx!, sz!, 0), [at!.x, z]);
    await enterVr(page);
    const before = await playerOf(page);
    await flick(page, 0, -1);
    await frames(page, 5);
    const after = await playerOf(page);
    expect((await vrState(page)).landings).toBe(0);
    expect(Math.hypot(after.x - before.x, after.z - before.z)).toBeLessThan(0.02);
  });

  it('refuses a teleport to floor behind a booth wall, and shows the aim as invalid', async () => {
    const page = await openHall({ headset: true });
    const layout = (await page.evaluate(() => window.__minatoHall!.layout())) as HallLayout;
    const start = blockedStart(layout);
    await page.evaluate(([sx, sz]) => window.__minatoHall!.teleport(sx!, sz!, 0), [start.x, start.z]);
    await enterVr(page);
    const before = await playerOf(page);

    // The arc comes down on floor a visitor could stand on, but the booth's back wall is in the way.
    await holdAim(page);
    const aim = (await vrState(page)).aim;
    expect(aim).not.toBeNull();
    expect(aim!.valid).toBe(false);
    expect(Math.hypot(aim!.x - start.land.x, aim!.z - start.land.z)).toBeLessThan(0.6);
    await releaseAim(page);

    const after = await playerOf(page);
    expect((await vrState(page)).landings).toBe(0);
    expect(Math.hypot(after.x - before.x, after.z - before.z)).toBeLessThan(0.02);
    // The same spot is refused however the teleport is asked for.
    expect(
      await page.evaluate(([x, z]) => window.__minatoHall!.vrTeleportTo(x!, z!), [start.land.x, start.land.z]),
    ).toBe(false);
  });

  it('leaves VR from the in-page "Exit VR" button and hands the hall back to the screen view', async () => {
    const page = await openHall({ headset: true });
    await enterVr(page);
    expect(await page.getByRole('button', { name: 'Enter VR' }).count()).toBe(0);
    // The emulator lays its own view over the page, as a headset's browser would: press the button by keyboard.
    await page.getByRole('button', { name: 'Exit VR' }).press('Enter');

    await page.waitForFunction(() => window.__minatoHall!.xrSession() === null, undefined, { timeout: 10_000 });
    await page.getByRole('button', { name: 'Enter VR' }).waitFor({ state: 'visible', timeout: 10_000 });
    expect(await page.getByRole('button', { name: 'Exit VR' }).count()).toBe(0);
    // The screen view runs again: frames are drawn outside the session and the keyboard walks the visitor.
    await frames(page, 3);
    const before = await playerOf(page);
    await page.keyboard.down('KeyW');
    await page.waitForFunction(
      ([x, z]) => {
        const p = window.__minatoHall!.player();
        return Math.hypot(p.x - x!, p.z - z!) > 0.5;
      },
      [before.x, before.z],
      { timeout: 10_000, polling: 50 },
    );
    await page.keyboard.up('KeyW');
  });

  it('names the buttons in Japanese for Japanese visitors', async () => {
    const page = await openHall({ headset: true, language: 'ja' });
    await page.getByRole('button', { name: 'VRで入場' }).waitFor({ state: 'visible', timeout: 10_000 });
    await enterVr(page, 'VRで入場');
    await page.getByRole('button', { name: 'VRを終了' }).press('Enter');
    await page.waitForFunction(() => window.__minatoHall!.xrSession() === null, undefined, { timeout: 10_000 });
  });
});
