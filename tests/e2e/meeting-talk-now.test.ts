/**
 * Issue 7 in Chromium: "Talk now" — a visitor at a booth whose staff member is online (on another page of the app)
 * asks for an instant call; the staff member is prompted, accepts, and both land on the same meeting's call screen.
 * And staff publish their meeting times on /meetings/availability, reached from "My meetings", which visitors then
 * see as slots; and invite a visitor, who accepts in "My meetings".
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AvailabilityView, BoothSlotsView } from '../../shared/meetings';
import { enterAsGuest, logIn, type Person } from '../support/clients';
import { boothId, DEMO_PASSWORD, getAs } from '../support/meetings';
import { openPage, type TestPage } from './browser';
import { type ShellFixture, startShell } from './shell';

describe('talk now and publishing meeting times', () => {
  let shell: ShellFixture;
  let base: string;
  const pages: TestPage[] = [];

  async function pageAs(person: Person, options: Parameters<typeof openPage>[1] = {}) {
    const p = await openPage(shell.browser, options);
    pages.push(p);
    const [name, value] = person.cookie.split('=') as [string, string];
    await p.context.addCookies([{ name, value, url: base }]);
    return p;
  }

  /** Saves and returns once the page reports the outcome; fails with the page's words if it was refused. */
  async function saveTimes(page: TestPage['page']) {
    await page.getByRole('button', { name: 'Save times' }).click();
    const outcome = page.locator('.availability-form [role="status"]');
    await outcome.waitFor();
    expect(await outcome.innerText()).toBe('Saved. Visitors now see these times.');
  }

  beforeAll(async () => {
    shell = await startShell();
    base = shell.server.url;
  });
  afterAll(async () => {
    for (const p of pages) await p.close();
    await shell?.close();
  });

  it('a visitor asks to talk now, the staff member accepts from another page, and both open the same call', async () => {
    const staff = await logIn(base, 'nattaya.srisuk@sawasdee-ev.example', DEMO_PASSWORD);
    const visitor = await enterAsGuest(base, 'Frankfurt Founder', 'DE');
    const staffPage = await pageAs(staff, { timezoneId: 'Asia/Bangkok' });
    const visitorPage = await pageAs(visitor);

    // The staff member is elsewhere in the app ("My meetings"), connected.
    await staffPage.page.goto(`${base}/meetings`);
    await staffPage.page.locator('.app[data-connection="connected"]').waitFor();

    // The booth page shows "Talk now" once it knows a staff member is online.
    await visitorPage.page.goto(`${base}/booths/sawasdee-ev`);
    await visitorPage.page.getByRole('button', { name: 'Talk now' }).click();
    await visitorPage.page.getByText('Asking the team').waitFor();

    const prompt = staffPage.page.getByTestId('talk-prompt');
    await prompt.getByText('Frankfurt Founder would like to talk now').waitFor();
    await prompt.getByRole('button', { name: 'Accept and join' }).click();

    const callUrl = /\/meetings\/([0-9a-f-]{36})\/call$/;
    await staffPage.page.waitForURL(callUrl);
    await visitorPage.page.waitForURL(callUrl);
    const staffMeeting = callUrl.exec(staffPage.page.url())?.[1];
    expect(staffMeeting).toBeTruthy();
    expect(callUrl.exec(visitorPage.page.url())?.[1]).toBe(staffMeeting);
  });

  it('a staff member adds a window in their own zone on the availability page and visitors see its slots', async () => {
    const lena = await logIn(base, 'lena.vogel@hafenh2-logistik.example', DEMO_PASSWORD);
    const page = (await pageAs(lena)).page;
    await page.goto(`${base}/meetings`);
    await page.getByRole('link', { name: 'Set my meeting times' }).click();
    await page.waitForURL(`${base}/meetings/availability`);
    await page.getByText('Europe/Berlin').first().waitFor();

    // She starts afresh: the demo's windows are removed, then one is added in her zone (Berlin).
    const rows = page.getByTestId('availability-window');
    await rows.first().waitFor();
    while ((await rows.count()) > 0) await rows.first().getByRole('button', { name: 'Remove' }).click();
    await page.getByLabel('Meeting length (minutes)').selectOption('45');
    await page.getByLabel('Buffer after each meeting (minutes)').fill('15');
    await page.getByRole('button', { name: 'Add window' }).click();
    await rows.first().getByLabel('Date 1').fill('2026-12-08');
    await rows.first().getByLabel('From 1').fill('09:00');
    await rows.first().getByLabel('To 1').fill('11:00');
    await saveTimes(page);

    // Stored as instants: 09:00–11:00 in Berlin on 8 December is 08:00–10:00 UTC, and the only window left.
    const mine = (await getAs(base, '/api/meetings/availability', lena)).body as AvailabilityView;
    expect(mine.windows).toEqual([
      expect.objectContaining({
        startsAt: '2026-12-08T08:00:00.000Z',
        endsAt: '2026-12-08T10:00:00.000Z',
        slotMinutes: 45,
        bufferMinutes: 15,
      }),
    ]);
    const hafen = await boothId(base, 'hafenh2-logistik');
    const slots = (await getAs(base, `/api/meetings/booths/${hafen}/slots`)).body as BoothSlotsView;
    // 45 minutes with 15 minutes' buffer in 09:00–11:00 Berlin: 09:00 and 10:00.
    expect(slots.staff.find((s) => s.hostId === lena.accountId)!.slots.map((s) => s.startsAt)).toEqual([
      '2026-12-08T08:00:00.000Z',
      '2026-12-08T09:00:00.000Z',
    ]);

    // After a reload the page shows the window in her zone again.
    await page.reload();
    await expect.poll(() => rows.first().getByLabel('From 1').inputValue()).toBe('09:00');
    expect(await rows.first().getByLabel('To 1').inputValue()).toBe('11:00');
    expect(await page.getByLabel('Meeting length (minutes)').inputValue()).toBe('45');
  });

  it('the staff member invites a visitor by email from the same page, and the visitor accepts in My meetings', async () => {
    const lena = await logIn(base, 'lena.vogel@hafenh2-logistik.example', DEMO_PASSWORD);
    const clara = await logIn(base, 'visitor.berlin@minato-hall.example', 'minato-visitor-2026');
    const staffPage = (await pageAs(lena)).page;
    await staffPage.goto(`${base}/meetings/availability`);
    const form = staffPage.locator('.invite-form');
    // Her first free time (the window added above): 09:00 on 8 December, Berlin.
    await expect.poll(() => form.getByLabel('One of your free times').inputValue()).toBe('2026-12-08T08:00:00.000Z');
    await form.getByLabel(/Their email/).fill('visitor.berlin@minato-hall.example');
    await form.getByLabel('What about? (optional)').fill('Cold-chain hydrogen');
    await form.getByRole('button', { name: 'Send invitation' }).click();
    const sent = form.locator('[role="status"]');
    await sent.waitFor();
    expect(await sent.innerText()).toMatch(/^Invitation sent to /);

    const visitorPage = (await pageAs(clara)).page;
    await visitorPage.goto(`${base}/meetings`);
    const item = visitorPage.locator('.meeting-item[data-status="invited"]');
    await item.getByText('Cold-chain hydrogen').waitFor();
    await item.getByRole('button', { name: 'Accept' }).click();
    await visitorPage.locator('.meeting-item[data-status="booked"]').getByText('Cold-chain hydrogen').waitFor();
    const mine = (await getAs(base, '/api/meetings', clara)).body as { meetings: { status: string; agenda: string }[] };
    expect(mine.meetings).toContainEqual(expect.objectContaining({ status: 'booked', agenda: 'Cold-chain hydrogen' }));
  });
});
