/**
 * First view of the pages a shared link opens, on a 10 Mbit/s link with 200 ms round trips: how long until the page
 * shows what it is for (the landing page's first booth card, a booth page's name, a booking page's first slot, the
 * hall's map).
 *
 *   npm run build && npm run bench:first-view [-- --runs 4 --mbps 10 --rtt 200]
 *
 * Prints, as its last line, JSON {"rtt_ms","mbps","runs","pages":{"<path>":{"p50_ms","min_ms","max_ms","fcp_p50_ms"}}}:
 * navigation start → that element visible, and → the first paint with content (until then the tab is blank), each run
 * in a fresh browser context (cold caches). No request interception (it would
 * hold every request for a round trip to this process and blur what is measured); the pages ask only this server.
 */
import { parseArgs } from 'node:util';
import { launchChromium } from '../e2e/hallBrowser';
import { startTestServer } from '../support/server';
import { round } from './cli';
import { percentile } from './percentile';
import { throttle } from './slow-link';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '4' },
    mbps: { type: 'string', default: '10' },
    rtt: { type: 'string', default: '200' },
  },
});

/** Each page and what shows that it is there. */
const PAGES: [string, string][] = [
  ['/', '.booth-card'],
  ['/booths/medora-ai', 'h1'],
  ['/booths/medora-ai/meet', 'button[data-slot-start]'],
  // The map: the hall's view on a phone or weak laptop, and for a screen reader.
  ['/hall?view=2d', '.hall2d__map'],
];

const server = await startTestServer();
const browser = await launchChromium();
const times = new Map<string, number[]>(PAGES.map(([path]) => [path, []]));
const firstPaints = new Map<string, number[]>(PAGES.map(([path]) => [path, []]));
try {
  for (let run = 0; run < Number(values.runs); run++) {
    for (const [path, shown] of PAGES) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      const page = await context.newPage();
      await throttle(page, Number(values.rtt), Number(values.mbps));
      await page.goto(`${server.url}${path}`, { waitUntil: 'commit' });
      await page.locator(shown).first().waitFor({ timeout: 30_000 });
      // From the navigation's start, as the page's own clock has it.
      times.get(path)!.push(await page.evaluate(() => performance.now()));
      firstPaints
        .get(path)!
        .push(await page.evaluate(() => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN));
      await context.close();
    }
  }
} finally {
  await browser.close();
  await server.close();
}
const pages = Object.fromEntries(
  [...times].map(([path, ms]) => {
    const sorted = [...ms].sort((a, b) => a - b);
    const paints = [...firstPaints.get(path)!].sort((a, b) => a - b);
    return [
      path,
      {
        p50_ms: round(percentile(sorted, 50), 0),
        min_ms: round(sorted[0]!, 0),
        max_ms: round(sorted.at(-1)!, 0),
        fcp_p50_ms: round(percentile(paints, 50), 0),
      },
    ];
  }),
);
process.stdout.write(
  `${JSON.stringify({ rtt_ms: Number(values.rtt), mbps: Number(values.mbps), runs: Number(values.runs), pages })}\n`,
);
