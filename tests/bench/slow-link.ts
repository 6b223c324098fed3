/** A page's network as a slow link: Chromium's own throttling (DevTools protocol), no request interception. */
import type { Page } from 'playwright-core';

/** Every request of `page` from now on takes `rttMs` more and shares `mbps` each way. */
export async function throttle(page: Page, rttMs: number, mbps: number): Promise<void> {
  const bytesPerSecond = (mbps * 1_000_000) / 8;
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: rttMs,
    downloadThroughput: bytesPerSecond,
    uploadThroughput: bytesPerSecond,
  });
}
