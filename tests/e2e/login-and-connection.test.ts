import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPage } from './browser';
import { type ShellFixture, startShell } from './shell';

const ORGANISER = { email: 'organiser@minato-hall.example', password: 'minato-organiser-2026', name: 'Haruka Mori' };

describe('signing in, and what the visitor is told about the live connection', () => {
  let shell: ShellFixture;
  beforeAll(async () => {
    shell = await startShell();
  });
  afterAll(async () => {
    await shell?.close();
  });

  it('lets the organiser log in, keeps them signed in across a reload, and logs them out', async () => {
    const t = await openPage(shell.browser);
    try {
      await t.page.goto(`${shell.server.url}/login`);
      await t.page.getByLabel('Email').fill(ORGANISER.email);
      await t.page.getByLabel('Password').fill(ORGANISER.password);
      await t.page.getByRole('button', { name: 'Log in' }).click();
      await t.page.waitForURL(`${shell.server.url}/`);
      const header = t.page.locator('.site-header');
      await header.getByText(ORGANISER.name).first().waitFor();

      await t.page.reload();
      await header.getByText(ORGANISER.name).first().waitFor();

      await header.getByRole('button', { name: 'Log out' }).click();
      await header.getByRole('link', { name: 'Log in' }).waitFor();
      expect(await header.innerText()).not.toContain(ORGANISER.name);
      expect(t.errors).toEqual([]);
    } finally {
      await t.close();
    }
  });

  it('explains a wrong password in words and stays on the form', async () => {
    const t = await openPage(shell.browser);
    try {
      await t.page.goto(`${shell.server.url}/login`);
      await t.page.getByLabel('Email').fill(ORGANISER.email);
      await t.page.getByLabel('Password').fill('not-the-password');
      await t.page.getByRole('button', { name: 'Log in' }).click();
      const alert = t.page.getByRole('alert');
      await alert.getByText('That email and password do not match an account.', { exact: false }).waitFor();
      expect(new URL(t.page.url()).pathname).toBe('/login');
      expect(await t.page.locator('.site-header').innerText()).not.toContain(ORGANISER.name);
    } finally {
      await t.close();
    }
  });

  it('flags a malformed email next to the field without asking the server', async () => {
    const t = await openPage(shell.browser);
    const loginCalls: string[] = [];
    t.page.on('request', (r) => {
      if (r.url().includes('/api/auth/login')) loginCalls.push(r.url());
    });
    try {
      await t.page.goto(`${shell.server.url}/login`);
      await t.page.getByLabel('Email').fill('not-an-email');
      await t.page.getByRole('button', { name: 'Log in' }).click();
      await t.page.getByText('Please enter an email address such as name@example.com.').waitFor();
      expect(await t.page.getByLabel('Email').getAttribute('aria-invalid')).toBe('true');
      await t.page.getByText('Please enter your password.').waitFor();
      expect(loginCalls).toEqual([]);
    } finally {
      await t.close();
    }
  });

  it('asks a client with an outdated protocol version, politely, to reload', async () => {
    const t = await openPage(shell.browser);
    try {
      // Play an old client: rewrite the version in the Socket.IO handshake on its way to the real server.
      await t.page.route('**/socket.io/**', (route) => {
        const body = route.request().postData();
        if (route.request().method() === 'POST' && body?.includes('protocolVersion')) {
          return route.continue({ postData: body.replace(/"protocolVersion":\d+/, '"protocolVersion":0') });
        }
        return route.continue();
      });
      await t.page.goto(`${shell.server.url}/`);
      const banner = t.page.getByRole('alert').filter({ hasText: 'A new version of Minato Hall is available.' });
      await banner.waitFor();
      await banner.getByRole('button', { name: 'Reload' }).waitFor();
    } finally {
      await t.close();
    }
  });

  // Last: it stops this file's server.
  it('says it is reconnecting when the server announces a restart', async () => {
    const t = await openPage(shell.browser);
    try {
      await t.page.goto(`${shell.server.url}/`);
      await t.page.locator('.booth-card').first().waitFor();
      await t.page.locator('.app[data-connection="connected"]').waitFor();
      const closing = shell.server.close();
      await t.page.getByRole('status').filter({ hasText: 'reconnecting' }).waitFor();
      await closing;
    } finally {
      await t.close();
    }
  });
});
