/**
 * Load benchmark: how long a visitor on a 10 Mbit/s link with 200 ms round trips waits for the 3D hall.
 *
 *   npm run build && npm run bench:load
 *
 * Prints, as its last line, JSON {"assets_ready_ms","first_walkable_ms","js_gzip_kb","renderer"}:
 * - first_walkable_ms: navigation start → the first frame in which keys move the visitor;
 * - assets_ready_ms: navigation start → everything the first view needs (logos, floor, the subset font laid out);
 * - js_gzip_kb: JavaScript transferred for /hall (compressed bytes on the wire).
 * Caches are cold (a fresh browser context). `--trace` also prints, to stderr, when each request started and ended
 * (to find request waterfalls: each extra round trip costs a full RTT here), and the hall's performance marks (font parsed,
 * first frame, signs laid out).
 */
import { parseArgs } from 'node:util';
import { blockExternalRequests, launchChromium } from '../e2e/hallBrowser';
import { startTestServer } from '../support/server';
import { throttle } from './slow-link';

const { values } = parseArgs({
  options: {
    mbps: { type: 'string', default: '10' },
    rtt: { type: 'string', default: '200' },
    trace: { type: 'boolean', default: false },
  },
});

const server = await startTestServer();
const browser = await launchChromium();
try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const blocked = await blockExternalRequests(page, server.url);
  await throttle(page, Number(values.rtt), Number(values.mbps));
  let jsBytes = 0;
  const pending: Promise<void>[] = [];
  page.on('requestfinished', (request) => {
    if (!/\.m?js(\?|$)/.test(request.url())) return;
    pending.push(
      request.sizes().then((s) => {
        jsBytes += s.responseBodySize;
      }),
    );
  });

  await page.goto(`${server.url}/hall?view=3d&test=1`);
  await page.waitForFunction(() => window.__minatoHall?.timings().assetsReadyAt != null, undefined, {
    timeout: 120_000,
    polling: 100,
  });
  const t = await page.evaluate(() => window.__minatoHall!.timings());
  await Promise.all(pending);
  const renderer = await page.evaluate(() => {
    const gl = document.createElement('canvas').getContext('webgl2');
    const ext = gl?.getExtension('WEBGL_debug_renderer_info');
    return gl && ext ? String(gl.getParameter(ext.UNMASKED_RENDERER_WEBGL)) : 'unknown';
  });
  if (values.trace) {
    const entries = await page.evaluate(() =>
      performance.getEntriesByType('resource').map((e) => {
        const r = e as PerformanceResourceTiming;
        return { url: r.name, start: r.startTime, end: r.responseEnd, kb: r.encodedBodySize / 1024 };
      }),
    );
    for (const e of entries) {
      const name = new URL(e.url).pathname + new URL(e.url).search.slice(0, 20);
      process.stderr.write(
        `${e.start.toFixed(0).padStart(6)} → ${e.end.toFixed(0).padStart(6)} ms ${e.kb.toFixed(1).padStart(7)} KB  ${name}\n`,
      );
    }
    const marks = await page.evaluate(() =>
      performance.getEntriesByType('mark').map((m) => ({ name: m.name, at: m.startTime })),
    );
    for (const m of marks) process.stderr.write(`${m.at.toFixed(0).padStart(6)} ms  mark ${m.name}\n`);
    process.stderr.write(
      `first walkable ${t.firstWalkableAt!.toFixed(0)} ms, assets ready ${t.assetsReadyAt!.toFixed(0)} ms\n`,
    );
  }
  if (blocked.length > 0) process.stderr.write(`blocked external requests: ${blocked.join(', ')}\n`);
  console.log(
    JSON.stringify({
      assets_ready_ms: Math.round(t.assetsReadyAt!),
      first_walkable_ms: Math.round(t.firstWalkableAt!),
      js_gzip_kb: Math.round(jsBytes / 1024),
      renderer,
    }),
  );
  await context.close();
} finally {
  await browser.close();
  await server.close();
}
