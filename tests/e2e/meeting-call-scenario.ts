/**
 * The meeting call, for real, in Chromium: a visitor in Berlin books a slot with a staff member in Tokyo (or in Bangkok,
 * when Tokyo is about to turn the day) through the booking screen, both press Join in "My meetings", and each page receives the other's video frames over
 * peer-to-peer WebRTC signalled through our server. Fake camera and microphone; must run in a network namespace that
 * has only loopback (see meeting-call.test.ts and tests/bench/meeting-call.ts), so no packet leaves 127.0.0.1.
 */
import { type Browser, chromium, type Page } from 'playwright-core';
import { localParts } from '../../shared/time-zones';
import { logIn, type Person } from '../support/clients';
import { DEMO_PASSWORD, postAs } from '../support/meetings';
import { startTestServer } from '../support/server';
import { BASE_FLAGS } from './browser';

const FLAGS = [
  ...BASE_FLAGS,
  '--use-fake-device-for-media-stream',
  '--use-fake-ui-for-media-stream',
  '--allow-loopback-in-peer-connection',
];

export interface MeetingCallResult {
  ms_to_first_remote_frame: number;
  visitor_frames: number;
  staff_frames: number;
  visitor_slot_label: string;
  /** Whom the visitor booked. */
  host: string;
}

/**
 * Who publishes the window: Aiko in Tokyo, unless the 30 minutes would cross Tokyo's midnight (a window is published
 * as a local date and hours, and ends at 24:00 at the latest); Nattaya in Bangkok, two hours behind, then.
 */
const HOSTS = [
  {
    name: 'Aiko Tanaka',
    email: 'aiko.tanaka@minato-hydrogen-works.example',
    booth: 'minato-hydrogen-works',
    zone: 'Asia/Tokyo',
  },
  { name: 'Nattaya Srisuk', email: 'nattaya.srisuk@sawasdee-ev.example', booth: 'sawasdee-ev', zone: 'Asia/Bangkok' },
];

const pad = (n: number) => String(n).padStart(2, '0');

async function pageAs(browser: Browser, base: string, person: Person, timezoneId: string) {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 800 },
    locale: 'en-GB',
    timezoneId,
    permissions: ['camera', 'microphone'],
  });
  const [name, value] = person.cookie.split('=') as [string, string];
  await context.addCookies([{ name, value, url: base }]);
  // Nothing but our own server: a page that reaches for a CDN fails loudly.
  await context.route('**/*', (route) =>
    new URL(route.request().url()).hostname === '127.0.0.1' ? route.continue() : route.abort('blockedbyclient'),
  );
  const page = await context.newPage();
  return { context, page };
}

/**
 * Resolves with the wall-clock time of the first remote video frame and how many frames arrived (`frames`).
 * Written as page source: tsx would otherwise wrap named functions in a helper the page does not have.
 */
function remoteFrames(page: Page, frames: number): Promise<{ firstAt: number; count: number }> {
  return page.evaluate(`new Promise((resolve) => {
    const wanted = ${frames};
    let firstAt = 0;
    let count = 0;
    const watch = (video) => {
      const onFrame = () => {
        count++;
        if (count === 1) firstAt = performance.timeOrigin + performance.now();
        if (count >= wanted) resolve({ firstAt, count });
        else video.requestVideoFrameCallback(onFrame);
      };
      video.requestVideoFrameCallback(onFrame);
    };
    const existing = document.querySelector('video[data-remote]');
    if (existing) return watch(existing);
    const observer = new MutationObserver(() => {
      const video = document.querySelector('video[data-remote]');
      if (video) {
        observer.disconnect();
        watch(video);
      }
    });
    observer.observe(document.body, { childList: true, subtree: true });
  })`);
}

export async function runMeetingCall(): Promise<MeetingCallResult> {
  const server = await startTestServer();
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: FLAGS,
  });
  try {
    const base = server.url;
    const db = server.handle.database;
    // Meetings may be booked now (the demo expo is in December): open the organiser's hours around today.
    await server.handle.meetings.policy();
    const { meetingPolicies } = await import('../../server/db/schema');
    await db.db.update(meetingPolicies).set({
      opensAt: new Date(Date.now() - 86_400_000),
      closesAt: new Date(Date.now() + 7 * 86_400_000),
      dayStartMinute: 0,
      dayEndMinute: 1440,
    });

    // The staff member publishes a window starting two minutes from now, in her own zone.
    const start = Math.ceil(Date.now() / 60_000) * 60_000 + 2 * 60_000;
    const host = HOSTS.find((h) => localParts(start, h.zone).day === localParts(start + 30 * 60_000, h.zone).day)!;
    const hostPerson = await logIn(base, host.email, DEMO_PASSWORD);
    const clara = await logIn(base, 'visitor.berlin@minato-hall.example', 'minato-visitor-2026');
    const booth = (await (await fetch(`${base}/api/booths/${host.booth}`)).json()) as { id: string };
    const from = localParts(start, host.zone);
    const to = localParts(start + 30 * 60_000, host.zone);
    const published = await postAs(
      base,
      '/api/meetings/availability',
      {
        boothId: booth.id,
        slotMinutes: 30,
        windows: [
          {
            date: `${from.year}-${pad(from.month)}-${pad(from.day)}`,
            from: `${pad(from.hour)}:${pad(from.minute)}`,
            to: `${pad(to.hour)}:${pad(to.minute)}`,
          },
        ],
      },
      hostPerson,
    );
    if (published.status !== 200) throw new Error(`publish failed: ${JSON.stringify(published.body)}`);

    const visitor = await pageAs(browser, base, clara, 'Europe/Berlin');
    const staff = await pageAs(browser, base, hostPerson, host.zone);

    // The visitor books through the booking screen, in her own zone.
    await visitor.page.goto(`${base}/booths/${host.booth}/meet`);
    const slot = visitor.page.locator(`button[data-slot-start="${new Date(start).toISOString()}"]`);
    await slot.waitFor();
    const visitorSlotLabel = (await slot.innerText()).replace(/\s+/g, ' ').trim();
    await slot.click();
    await visitor.page.getByLabel('What would you like to talk about? (optional)').fill('Hydrogen bunkering pilot');
    await visitor.page.getByRole('button', { name: /^Book / }).click();
    await visitor.page.getByText(/^Booked!/).waitFor();

    // Both open "My meetings" and press Join (active: the meeting starts within five minutes).
    await visitor.page.goto(`${base}/meetings`);
    await staff.page.goto(`${base}/meetings`);
    const join = (page: Page) =>
      page.locator('.meeting-item[data-status="booked"]').getByRole('link', { name: 'Join' });
    await join(visitor.page).waitFor();
    await join(staff.page).waitFor();

    const visitorFrames = remoteFramesAfterNavigation(visitor.page);
    await join(visitor.page).click();
    await visitor.page.locator('[data-call-status="connected"]').waitFor();
    const joinedAt = Date.now();
    await join(staff.page).click();
    const staffFrames = remoteFramesAfterNavigation(staff.page);
    const [v, s] = await Promise.all([visitorFrames, staffFrames]);
    return {
      ms_to_first_remote_frame: Math.round(Math.max(v.firstAt, s.firstAt) - joinedAt),
      visitor_frames: v.count,
      staff_frames: s.count,
      visitor_slot_label: visitorSlotLabel,
      host: host.name,
    };
  } finally {
    await browser.close();
    await server.close();
  }
}

/** Waits for the call page to render, then for 10 remote frames. */
async function remoteFramesAfterNavigation(page: Page) {
  await page.waitForURL(/\/meetings\/[0-9a-f-]+\/call$/);
  await page.locator('.call-screen').waitFor();
  return remoteFrames(page, 10);
}
