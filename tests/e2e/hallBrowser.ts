/** Chromium for hall tests and the render benchmark: software WebGL (SwiftShader), no network beyond the test server. */
import { type Browser, chromium, type Page } from 'playwright-core';
import { BASE_FLAGS, WEBGL_FLAGS } from './browser';

export const CHROMIUM_FLAGS = [...BASE_FLAGS, ...WEBGL_FLAGS, '--autoplay-policy=no-user-gesture-required'];

export async function launchChromium(extraArgs: string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [...CHROMIUM_FLAGS, ...extraArgs],
  });
}

/**
 * Fails any request that leaves the test server, so a CDN call (fonts, decoders, controller models) shows up as an
 * error instead of silently working on a developer's machine. Returns the list of blocked URLs.
 */
export async function blockExternalRequests(page: Page, origin: string): Promise<string[]> {
  const blocked: string[] = [];
  await page.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(origin) || url.startsWith('data:') || url.startsWith('blob:')) return route.continue();
    blocked.push(url);
    return route.abort('blockedbyclient');
  });
  return blocked;
}

/** Waits until the 3D hall reports its first view is laid out (text synced, frames drawn). */
export async function waitForHall(page: Page, timeout = 60_000): Promise<void> {
  await page.waitForFunction(() => window.__minatoHall?.ready() === true, undefined, { timeout, polling: 200 });
}
