// Screenshots of pages as a visitor (and logged in) in two languages and zones.
import { chromium } from 'playwright-core';
const base = process.argv[2]!;
const shots: [string, string, string, string][] = JSON.parse(process.argv[3]!); // [name, path, locale, tz]
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--use-angle=swiftshader', '--enable-unsafe-swiftshader'] });
for (const [name, path, locale, tz] of shots) {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale, timezoneId: tz });
  const page = await ctx.newPage();
  if (process.env.LOGIN) {
    const [email, password] = process.env.LOGIN.split(':');
    await page.goto(`${base}/login`);
    await page.locator('input[type=email]').fill(email!);
    await page.locator('input[type=password]').fill(password!);
    await page.keyboard.press('Enter');
    await page.waitForTimeout(1500);
  }
  await page.goto(`${base}${path}`);
  await page.waitForTimeout(2500);
  await page.screenshot({ path: `/tmp/shots/${name}.png`, fullPage: process.env.FULL === '1' });
  await ctx.close();
}
await browser.close();
