/**
 * The organiser's figures in Chromium: the console opens on participants by country (with visitors who just
 * arrived), the same in Japanese, a CSV download of the table, and no serious accessibility violations.
 */
import { readFile } from 'node:fs/promises';
import AxeBuilder from '@axe-core/playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enterAsGuest } from '../support/clients';
import { openPage, type TestPage } from './browser';
import { type ShellFixture, startShell } from './shell';

describe('organiser figures', () => {
  let shell: ShellFixture;
  let tab: TestPage;
  beforeAll(async () => {
    shell = await startShell();
    // Kenya is not in the demo data: these two are the only participants from there.
    await enterAsGuest(shell.server.url, 'Wanjiru', 'KE');
    await enterAsGuest(shell.server.url, 'Otieno', 'KE');
    tab = await openPage(shell.browser, { acceptDownloads: true });
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
});
