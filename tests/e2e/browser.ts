/**
 * Chromium for end-to-end tests: the system browser driven by playwright-core, offline except for 127.0.0.1, so a
 * page that reaches for a CDN fails loudly instead of passing on a developer's network.
 */
import { type Browser, type BrowserContext, type BrowserContextOptions, chromium, type Page } from 'playwright-core';

/** Flags every test browser needs here (see LAB.md): headless as root, no background traffic. */
export const BASE_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Software WebGL through SwiftShader (there is no GPU). */
export const WEBGL_FLAGS = ['--use-angle=swiftshader', '--enable-unsafe-swiftshader'];

const CHROMIUM_FLAGS = [...BASE_FLAGS, ...WEBGL_FLAGS];

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_FLAGS });
}

/** A page plus what went wrong on it: console errors, uncaught exceptions and requests we refused. */
export interface TestPage {
  page: Page;
  context: BrowserContext;
  /** Console errors and uncaught page errors, in order. */
  errors: string[];
  /** URLs the page tried to fetch from anywhere but 127.0.0.1. */
  blockedRequests: string[];
  close(): Promise<void>;
}

const LOCAL_HOSTS = new Set(['127.0.0.1']);

/** Opens a fresh context (own cookies and storage) with the given viewport, locale and time zone. */
export async function openPage(browser: Browser, options: BrowserContextOptions = {}): Promise<TestPage> {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 800 },
    locale: 'en-GB',
    timezoneId: 'Europe/Berlin',
    ...options,
  });
  const errors: string[] = [];
  const blockedRequests: string[] = [];
  await context.route('**/*', (route) => {
    const url = new URL(route.request().url());
    if (url.protocol === 'data:' || url.protocol === 'blob:' || LOCAL_HOSTS.has(url.hostname)) {
      return route.continue();
    }
    blockedRequests.push(url.href);
    return route.abort('blockedbyclient');
  });
  const page = await context.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  return { page, context, errors, blockedRequests, close: () => context.close() };
}
