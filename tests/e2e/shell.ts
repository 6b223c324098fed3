/** Shared set-up for the client shell's browser tests: the real server with the built client, and Chromium. */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { startTestServer, type TestServer } from '../support/server';
import { launchBrowser } from './browser';

const ROOT = path.resolve(import.meta.dirname, '../..');

export interface ShellFixture {
  server: TestServer;
  browser: Browser;
  close(): Promise<void>;
}

/** Starts the server (demo expo seeded, built client served) and a browser. Needs `npm run build` first. */
export async function startShell(): Promise<ShellFixture> {
  if (!existsSync(path.join(ROOT, 'dist/client/index.html'))) {
    throw new Error('dist/client is missing: run `npm run build` before the e2e tests');
  }
  const server = await startTestServer();
  let browser: Browser;
  try {
    browser = await launchBrowser();
  } catch (err) {
    await server.close();
    throw err;
  }
  return {
    server,
    browser,
    close: async () => {
      await browser.close();
      await server.close();
    },
  };
}
