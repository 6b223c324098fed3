/**
 * The organiser console in Chromium: the figures (participants by country, with visitors who just arrived, in
 * English and Japanese, as CSV, without serious accessibility violations), and the expo's dates edited as local
 * times in the expo's own zone, whatever the organiser's browser zone.
 */
import { readFile } from 'node:fs/promises';
import AxeBuilder from '@axe-core/playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enterAsGuest } from '../support/clients';
import { openPage, type TestPage } from './browser';
import { type ShellFixture, startShell } from './shell';

describe('organiser console', () => {
  let shell: ShellFixture;
  let tab: TestPage;
  beforeAll(async () => {
    shell = await startShell();
    // Kenya is not in the demo data: these two are the only participants from there.
    await enterAsGuest(shell.server.url, 'Wanjiru', 'KE');
    await enterAsGuest(shell.server.url, 'Otieno', 'KE');
    // The organiser's browser is in New York; the expo is in Tokyo.
    tab = await openPage(shell.browser, { acceptDownloads: true, timezoneId: 'America/New_York' });
  });
  afterAll(async () => {
    await tab?.close();
    await shell?.close();
  });

  it('shows participants by country, in English and Japanese, and downloads them as CSV', async () => {
    const { page } = tab;
    await page.goto(`${shell.server.url}/login`);
    await page.getByLabel('Email').fill('organiser@minato-hall.example');
    await page.getByLabel('Password').fill('minato-organiser-2026');
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));
    await page.goto(`${shell.server.url}/organiser`);

    const figures = page.locator('#kpis');
    await figures.getByRole('heading', { name: 'Figures' }).waitFor();
    const kenya = figures.getByRole('row', { name: /Kenya/ });
    await kenya.waitFor();
    expect(await kenya.getByRole('cell').textContent()).toBe('2');
    const participants = figures.locator('.kpis__card', { hasText: 'Participants' }).locator('dd');
    expect(Number(await participants.textContent())).toBeGreaterThanOrEqual(2);

    const results = await new AxeBuilder({ page }).include('#kpis').analyze();
    const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(bad.map((v) => v.id)).toEqual([]);

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      figures.getByRole('button', { name: 'Download CSV' }).click(),
    ]);
    const csv = await readFile((await download.path())!, 'utf8');
    expect(csv.split('\r\n')[0]).toBe('"country","name","participants"');
    expect(csv).toContain('"KE","Kenya","2"');

    await page.getByRole('button', { name: '日本語' }).click();
    await figures.getByRole('heading', { name: '実績' }).waitFor();
    expect(
      await figures
        .getByRole('row', { name: /ケニア/ })
        .getByRole('cell')
        .textContent(),
    ).toBe('2');
    expect(tab.errors).toEqual([]);
  });

  it('edits the expo’s opening as a local time in the expo’s zone', async () => {
    const { page } = tab;
    await page.getByRole('button', { name: 'English' }).click();
    const settings = page.locator('#settings');
    const opens = settings.getByLabel('Opens (date and time in the expo’s time zone)');
    expect(await settings.getByLabel('Time zone', { exact: true }).inputValue()).toBe('Asia/Tokyo');
    expect(await opens.inputValue()).toMatch(/^2026-12-08T\d\d:\d\d$/);
    await opens.fill('2026-12-08T09:30');
    await settings.getByRole('button', { name: 'Save' }).click();
    await settings.getByText('Saved.').waitFor();
    const saved = await page.evaluate(async () => (await fetch('/api/organiser/expo')).json());
    expect(saved.startsAt).toBe('2026-12-08T00:30:00.000Z'); // 09:30 in Tokyo, not in New York
    await page.reload();
    expect(
      await page.locator('#settings').getByLabel('Opens (date and time in the expo’s time zone)').inputValue(),
    ).toBe('2026-12-08T09:30');
  });
});
