import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemoExpo } from '../../server/seed/seed-demo-expo';
import { GREEN_TAG } from '../../shared/domain';
import { openPage } from './browser';
import { type ShellFixture, startShell } from './shell';

type Demo = Awaited<ReturnType<typeof loadDemoExpo>>;

async function visibleBoothNames(page: Page): Promise<string[]> {
  return page.locator('.booth-card__name').allInnerTexts();
}

async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

describe('the client shell: landing page, directory and booth pages in a real browser', () => {
  let shell: ShellFixture;
  let demo: Demo;
  beforeAll(async () => {
    [shell, demo] = await Promise.all([startShell(), loadDemoExpo()]);
  });
  afterAll(async () => {
    await shell?.close();
  });

  it('shows the seeded expo, its numbers, zones and every booth in English, without the 3D hall or any CDN', async () => {
    const t = await openPage(shell.browser, { locale: 'en-GB', timezoneId: 'Europe/Berlin' });
    const scripts: string[] = [];
    t.page.on('request', (r) => {
      if (r.resourceType() === 'script') scripts.push(r.url());
    });
    try {
      await t.page.goto(`${shell.server.url}/`);
      await expect.poll(() => t.page.locator('h1').innerText()).toBe(demo.expo.name.en);
      expect(await t.page.locator('html').getAttribute('lang')).toBe('en');
      await t.page.getByText(demo.expo.tagline.en).waitFor();
      await t.page.getByRole('link', { name: /Enter the hall/ }).waitFor();

      // Dates in the visitor's zone (Berlin), the expo's hours in its own zone and on the visitor's clock.
      const dates = await t.page.getByTestId('expo-dates').innerText();
      expect(dates).toContain('Dec 2026');
      expect(dates).toContain('Europe/Berlin');
      await t.page.getByText(/10:00–18:00 Japan Standard Time · 2:00–10:00 your time/).waitFor();

      expect(await t.page.getByTestId('stat-booths').innerText()).toContain(String(demo.booths.length));
      for (const zone of demo.zones) await t.page.getByRole('heading', { name: zone.name.en, exact: true }).waitFor();

      expect(await t.page.getByTestId('directory-count').innerText()).toBe(`${demo.booths.length} booths`);
      const names = await visibleBoothNames(t.page);
      expect(names.sort()).toEqual(demo.booths.map((b) => b.name.en).sort());

      await t.page.waitForLoadState('networkidle');
      expect(t.blockedRequests).toEqual([]);
      expect(t.errors).toEqual([]);
      // The hall (three.js) is a separate chunk that the landing page never asks for.
      expect(scripts.some((url) => url.includes('HallRoute'))).toBe(false);
    } finally {
      await t.close();
    }
  });

  it('switches to Japanese on request, sets <html lang="ja"> and remembers the choice', async () => {
    const t = await openPage(shell.browser, { locale: 'en-GB' });
    try {
      await t.page.goto(`${shell.server.url}/`);
      await t.page.getByRole('heading', { level: 1, name: demo.expo.name.en }).waitFor();
      await t.page.getByRole('button', { name: '日本語' }).click();
      await t.page.getByRole('heading', { level: 1, name: demo.expo.name.ja! }).waitFor();
      expect(await t.page.locator('html').getAttribute('lang')).toBe('ja');
      expect(await t.page.getByRole('button', { name: '日本語' }).getAttribute('aria-pressed')).toBe('true');
      await t.page.getByRole('link', { name: 'ホールに入る' }).waitFor();
      await t.page.getByRole('heading', { name: '出展者一覧' }).waitFor();
      const firstZone = demo.zones[0]!;
      await t.page.getByRole('heading', { name: firstZone.name.ja!, exact: true }).waitFor();

      await t.page.reload();
      await t.page.getByRole('heading', { level: 1, name: demo.expo.name.ja! }).waitFor();
      expect(await t.page.locator('html').getAttribute('lang')).toBe('ja');
      expect(t.errors).toEqual([]);
    } finally {
      await t.close();
    }
  });

  it('greets a visitor whose browser prefers Japanese in Japanese', async () => {
    const t = await openPage(shell.browser, { locale: 'ja-JP', timezoneId: 'Asia/Tokyo' });
    try {
      await t.page.goto(`${shell.server.url}/`);
      await t.page.getByRole('heading', { level: 1, name: demo.expo.name.ja! }).waitFor();
      expect(await t.page.locator('html').getAttribute('lang')).toBe('ja');
      // In Tokyo the visitor's clock and the expo's agree, so only one set of hours is shown.
      expect(await t.page.locator('.hero__hours').innerText()).not.toContain('お使いの地域では');
    } finally {
      await t.close();
    }
  });

  it('narrows the directory by search text, country, zone and the green filter, and keeps the filter in the URL', async () => {
    const t = await openPage(shell.browser);
    try {
      await t.page.goto(`${shell.server.url}/`);
      const count = t.page.getByTestId('directory-count');
      await expect.poll(() => count.innerText()).toBe(`${demo.booths.length} booths`);

      await t.page.getByLabel('Search').fill('hydrogen');
      const hydrogen = demo.booths.filter((b) => b.tags.includes('hydrogen')).map((b) => b.name.en);
      await expect.poll(() => visibleBoothNames(t.page)).toEqual(expect.arrayContaining(hydrogen));
      const names = await visibleBoothNames(t.page);
      expect(names.length).toBeLessThan(demo.booths.length);
      expect(names).not.toContain('Medora AI');
      expect(t.page.url()).toContain('q=hydrogen');

      // By country name: every German exhibitor, nobody else.
      const germanOrgs = new Set(demo.organisations.filter((o) => o.country === 'DE').map((o) => o.slug));
      const german = demo.booths.filter((b) => germanOrgs.has(b.organisation)).map((b) => b.name.en);
      expect(german.length).toBeGreaterThan(0);
      await t.page.getByLabel('Search').fill('Germany');
      await expect.poll(async () => (await visibleBoothNames(t.page)).sort()).toEqual(german.sort());

      // By zone.
      await t.page.getByLabel('Search').fill('');
      const zone = demo.zones.find((z) => z.slug === 'life-science')!;
      await t.page.getByLabel('Zone', { exact: true }).selectOption({ label: zone.name.en });
      const inZone = demo.booths.filter((b) => b.zone === zone.slug).map((b) => b.name.en);
      await expect.poll(async () => (await visibleBoothNames(t.page)).sort()).toEqual(inZone.sort());

      // Green only, across all zones.
      await t.page.getByLabel('Zone', { exact: true }).selectOption({ label: 'All zones' });
      await t.page.getByLabel('Green / decarbonisation only').check();
      const green = demo.booths.filter((b) => b.tags.includes(GREEN_TAG)).map((b) => b.name.en);
      await expect.poll(async () => (await visibleBoothNames(t.page)).sort()).toEqual(green.sort());
      expect(t.page.url()).toContain('green=1');

      // Nothing matches: said in words, and the filters can be cleared in one go.
      await t.page.getByLabel('Search').fill('no such exhibitor anywhere');
      await t.page.getByText('No booth matches your search.').waitFor();
      await t.page.getByRole('button', { name: 'Clear filters' }).click();
      await expect.poll(() => count.innerText()).toBe(`${demo.booths.length} booths`);
    } finally {
      await t.close();
    }
  });

  it('opens a booth from the directory and shows its story, materials and team', async () => {
    const source = demo.booths.find((b) => b.slug === 'minato-hydrogen-works')!;
    const t = await openPage(shell.browser);
    try {
      await t.page.goto(`${shell.server.url}/`);
      await t.page.getByRole('link', { name: source.name.en, exact: true }).click();
      await t.page.waitForURL(`**/booths/${source.slug}`);
      await t.page.getByRole('heading', { level: 1, name: source.name.en }).waitFor();
      await t.page.getByText(source.description.en).waitFor();
      for (const need of source.needs) await t.page.getByText(need.en).waitFor();
      for (const offer of source.offers) await t.page.getByText(offer.en).waitFor();

      const image = source.content.find((c) => c.kind === 'image')!;
      const img = t.page.getByRole('img', { name: image.title.en });
      await img.waitFor();
      await expect.poll(() => img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth > 0)).toBe(true);

      const video = t.page.locator('video');
      expect(await video.getAttribute('controls')).not.toBeNull();
      expect(await video.evaluate((el: HTMLVideoElement) => el.muted)).toBe(true);

      const doc = source.content.find((c) => c.kind === 'document')!;
      const pdf = t.page.getByRole('link', { name: new RegExp(doc.title.en.replace(/[()]/g, '\\$&')) });
      expect(await pdf.getAttribute('href')).toBe(doc.url);
      expect(await pdf.getAttribute('target')).toBe('_blank');
      const response = await t.page.request.get(`${shell.server.url}${doc.url}`);
      expect(response.status()).toBe(200);
      expect(response.headers()['content-type']).toContain('application/pdf');

      const staff = demo.accounts.filter((a) => a.organisation === source.organisation && a.role === 'exhibitor');
      for (const person of staff) await t.page.getByText(person.displayName, { exact: true }).waitFor();
      expect(t.blockedRequests).toEqual([]);
    } finally {
      await t.close();
    }
  });

  it('shows the booth in Japanese, falling back to English where a text has no translation', async () => {
    const source = demo.booths.find((b) => b.slug === 'minato-hydrogen-works')!;
    const t = await openPage(shell.browser, { locale: 'ja-JP' });
    try {
      await t.page.goto(`${shell.server.url}/booths/${source.slug}`);
      await t.page.getByRole('heading', { level: 1, name: source.name.ja! }).waitFor();
      await t.page.getByText(source.description.ja!).waitFor();
      await t.page.getByRole('heading', { name: '求めているもの' }).waitFor();
      // Organisation names are not translated: the one name is shown as given.
      const org = demo.organisations.find((o) => o.slug === source.organisation)!;
      await t.page.getByText(org.name).first().waitFor();
    } finally {
      await t.close();
    }
  });

  it('shows the header and a loading state, not a blank tab, while a booth page opened directly waits for its code', async () => {
    const source = demo.booths.find((b) => b.slug === 'minato-hydrogen-works')!;
    const t = await openPage(shell.browser, { locale: 'ja-JP' });
    // The booth page's chunk is held back until the placeholder has been checked.
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    await t.page.route(/\/assets\/BoothPage-[^/]+\.js$/, async (route) => {
      await held;
      await route.continue();
    });
    try {
      await t.page.goto(`${shell.server.url}/booths/${source.slug}`, { waitUntil: 'commit' });
      await t.page.getByRole('progressbar', { name: '読み込み中…' }).waitFor();
      // The expo's own name, in the visitor's language, in the header.
      await t.page.getByRole('banner').getByText(demo.expo.name.ja!).waitFor();
      expect(await t.page.getByRole('heading', { level: 1 }).count()).toBe(0);
      release();
      await t.page.getByRole('heading', { level: 1, name: source.name.ja! }).waitFor();
      expect(await t.page.getByRole('progressbar').count()).toBe(0);
      expect(t.errors).toEqual([]);
    } finally {
      release();
      await t.close();
    }
  });

  it('explains an unknown booth and an unknown address in words', async () => {
    const t = await openPage(shell.browser);
    try {
      await t.page.goto(`${shell.server.url}/booths/no-such-booth`);
      await t.page.getByText('This booth does not exist or is not published yet.').waitFor();
      await t.page.goto(`${shell.server.url}/no/such/page`);
      await t.page.getByRole('heading', { level: 1, name: 'Page not found' }).waitFor();
    } finally {
      await t.close();
    }
  });

  it('has no serious or critical accessibility violations on the landing and booth pages (axe, WCAG 2.1 AA)', async () => {
    for (const locale of ['en-GB', 'ja-JP']) {
      const t = await openPage(shell.browser, { locale });
      try {
        await t.page.goto(`${shell.server.url}/`);
        await t.page.locator('.booth-card').first().waitFor();
        expect(await seriousViolations(t.page), `landing ${locale}`).toEqual([]);

        await t.page.goto(`${shell.server.url}/booths/minato-hydrogen-works`);
        await t.page.locator('.booth-head').waitFor();
        expect(await seriousViolations(t.page), `booth ${locale}`).toEqual([]);
      } finally {
        await t.close();
      }
    }
  });

  it('can be used on a 360 px phone without sideways scrolling', async () => {
    const t = await openPage(shell.browser, { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
    try {
      for (const path of ['/', '/booths/minato-hydrogen-works', '/login']) {
        await t.page.goto(`${shell.server.url}${path}`);
        await t.page.locator('main#main:not([aria-busy])').waitFor();
        const overflow = await t.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        expect(overflow, path).toBeLessThanOrEqual(0);
      }
    } finally {
      await t.close();
    }
  });
});
