/**
 * Render benchmark: the hall with N booths and M avatars, all in view, in Chromium on SwiftShader.
 *
 *   npm run build && npm run bench:render -- --booths 150 --avatars 200
 *
 * The demo expo's booths are cloned (through request interception, so the real client and server code run) until
 * there are N. Prints progress to stderr and, as its last line, JSON:
 * {"booths","avatars","draw_calls","triangles","frame_ms_p50","frame_ms_p95","renderer"}
 * Draw calls and triangles come from three's renderer.info and do not depend on the machine.
 */
import { parseArgs } from 'node:util';
import type { BoothDetail, BoothSummary } from '../../shared/api';
import { blockExternalRequests, launchChromium, waitForHall } from '../e2e/hallBrowser';
import { startTestServer } from '../support/server';
import { percentile } from './percentile';

const { values } = parseArgs({
  options: {
    booths: { type: 'string', default: '150' },
    avatars: { type: 'string', default: '200' },
    frames: { type: 'string', default: '90' },
    width: { type: 'string', default: '1280' },
    height: { type: 'string', default: '800' },
  },
});
const boothCount = Number(values.booths);
const avatarCount = Number(values.avatars);
const frameCount = Number(values.frames);

const server = await startTestServer();
const browser = await launchChromium();
try {
  const demo = ((await (await fetch(`${server.url}/api/booths`)).json()) as { booths: BoothSummary[] }).booths;
  if (demo.length === 0) throw new Error('The demo expo has no booths to clone');
  // Clone booths round-robin, keeping each clone in its original's zone, with positions after the originals.
  const clones = new Map<string, string>();
  const booths: BoothSummary[] = Array.from({ length: boothCount }, (_, i) => {
    const source = demo[i % demo.length]!;
    if (i < demo.length) return source;
    const round = Math.floor(i / demo.length);
    const slug = `${source.slug}-copy-${round}`;
    clones.set(slug, source.slug);
    return { ...source, id: `${source.id}-copy-${round}`, slug, position: source.position + round * 1000 };
  });

  const context = await browser.newContext({
    viewport: { width: Number(values.width), height: Number(values.height) },
  });
  const page = await context.newPage();
  const blocked = await blockExternalRequests(page, server.url);
  await page.route(`${server.url}/api/booths`, (route) => route.fulfill({ json: { booths } }));
  await page.route(`${server.url}/api/booths/*`, async (route) => {
    const slug = decodeURIComponent(new URL(route.request().url()).pathname.split('/').pop()!);
    const original = clones.get(slug);
    if (!original) return route.continue();
    const detail = (await (await fetch(`${server.url}/api/booths/${original}`)).json()) as BoothDetail;
    const clone = booths.find((b) => b.slug === slug)!;
    return route.fulfill({ json: { ...detail, id: clone.id, slug, position: clone.position } });
  });

  const started = Date.now();
  await page.goto(`${server.url}/hall?view=3d&test=1&avatars=${avatarCount}`);
  await waitForHall(page, 120_000);
  process.stderr.write(`hall ready after ${Date.now() - started} ms\n`);
  await page.evaluate(() => window.__minatoHall!.overview());
  // Let the view settle (textures uploaded, avatars placed) before measuring. Strings, not functions: tsx's
  // name-keeping helper does not exist in the page.
  await page.evaluate(`new Promise((resolve) => {
    let n = 0;
    const tick = () => (++n >= 10 ? resolve() : requestAnimationFrame(tick));
    requestAnimationFrame(tick);
  })`);
  const frames = (await page.evaluate(`new Promise((resolve) => {
    const times = [];
    let last = 0;
    const tick = (now) => {
      times.push(now - last);
      last = now;
      if (times.length >= ${frameCount}) resolve(times);
      else requestAnimationFrame(tick);
    };
    requestAnimationFrame((now) => {
      last = now;
      requestAnimationFrame(tick);
    });
  })`)) as number[];
  const info = await page.evaluate(() => window.__minatoHall!.render());
  const renderer = await page.evaluate(() => {
    const gl = document.createElement('canvas').getContext('webgl2');
    const ext = gl?.getExtension('WEBGL_debug_renderer_info');
    return gl && ext ? String(gl.getParameter(ext.UNMASKED_RENDERER_WEBGL)) : 'unknown';
  });
  if (process.env.BENCH_SCREENSHOT) await page.screenshot({ path: process.env.BENCH_SCREENSHOT });
  if (blocked.length > 0) process.stderr.write(`blocked external requests: ${blocked.join(', ')}\n`);
  const sorted = [...frames].sort((a, b) => a - b);
  const round1 = (n: number) => Math.round(n * 10) / 10;
  console.log(
    JSON.stringify({
      booths: boothCount,
      avatars: avatarCount,
      draw_calls: info.calls,
      triangles: info.triangles,
      frame_ms_p50: round1(percentile(sorted, 50)),
      frame_ms_p95: round1(percentile(sorted, 95)),
      renderer,
    }),
  );
  await context.close();
} finally {
  await browser.close();
  await server.close();
}
