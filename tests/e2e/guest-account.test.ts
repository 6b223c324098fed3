import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemoExpo } from '../../server/seed/seed-demo-expo';
import { DEMO_PASSWORD } from '../support/meetings';
import { openPage } from './browser';
import { type ShellFixture, startShell } from './shell';

describe('a guest who becomes an account', () => {
  let shell: ShellFixture;
  beforeAll(async () => {
    shell = await startShell();
  });
  afterAll(async () => {
    await shell?.close();
  });

  it('keeps their name, country and chat when they create an account, and can log in with it later', async () => {
    const booth = (await loadDemoExpo()).booths[5]!;
    const t = await openPage(shell.browser);
    try {
      const p = t.page;
      // Enter as a guest from a booth's chat and write something.
      await p.goto(`${shell.server.url}/booths/${booth.slug}`);
      const chat = p.locator('#booth-chat');
      await chat.getByLabel('Your name').fill('Mira Okafor');
      await chat.getByLabel('Country').selectOption('NG');
      await chat.getByRole('button', { name: 'Enter as a guest' }).click();
      await chat.getByLabel('Your message').fill('Hello from Lagos!');
      await chat.getByRole('button', { name: 'Send' }).click();
      await chat
        .locator('.chat-message:not(.chat-message--pending)')
        .filter({ hasText: 'Hello from Lagos!' })
        .waitFor();

      // Create an account: the form starts from the guest's name.
      await p.goto(`${shell.server.url}/account/register`);
      await p.getByText('your name, chats and meetings stay with your new account', { exact: false }).waitFor();
      expect(await p.getByLabel('Name', { exact: true }).inputValue()).toBe('Mira Okafor');
      // The country is the same picker the guest entry uses (ISO codes, named in the viewer's language), set to
      // what the guest chose, not a free text field.
      const country = p.getByLabel('Country', { exact: true });
      expect(await country.evaluate((el) => el.tagName)).toBe('SELECT');
      expect(await country.inputValue()).toBe('NG');
      expect(await country.locator('option:checked').innerText()).toBe('Nigeria');
      await country.selectOption({ label: 'Ghana' });
      await p.getByLabel('Email').fill('mira@example.org');
      await p.getByLabel('New password', { exact: false }).fill('a-long-enough-password');
      await p.getByRole('button', { name: 'Create account' }).click();
      await p.waitForURL(`${shell.server.url}/account/profile`);
      // The server stored the code picked, and the profile shows it in the same picker.
      const profileCountry = p.getByTestId('profile-form').getByLabel('Country', { exact: true });
      expect(await profileCountry.inputValue()).toBe('GH');

      // Log out, then back in with the new credentials.
      await p.locator('.site-header').getByRole('button', { name: 'Log out' }).click();
      await p.locator('.site-header').getByRole('link', { name: 'Log in' }).click();
      await p.getByLabel('Email').fill('mira@example.org');
      await p.getByLabel('Password').fill('a-long-enough-password');
      await p.getByRole('button', { name: 'Log in' }).click();
      await p.waitForURL(`${shell.server.url}/`);
      await p.locator('.site-header').getByText('Mira Okafor').first().waitFor();

      // The message written as a guest is still theirs.
      await p.goto(`${shell.server.url}/booths/${booth.slug}`);
      const mine = p.locator('#booth-chat .chat-message--own').filter({ hasText: 'Hello from Lagos!' });
      await mine.waitFor();
      expect(await mine.locator('.chat-message__author').innerText()).toContain('Mira Okafor');
      expect(t.errors).toEqual([]);
    } finally {
      await t.close();
    }
  });
  it('offers a way in where meetings need someone known, and logging in from there comes back to the page', async () => {
    const booth = (await loadDemoExpo()).booths[3]!;
    const t = await openPage(shell.browser);
    try {
      const p = t.page;
      // My meetings, signed out: the guest form is right there, and entering shows the (empty) list.
      await p.goto(`${shell.server.url}/meetings`);
      const main = p.locator('main');
      await main.getByLabel('Your name').fill('Tomás Reyes');
      await main.getByLabel('Country').selectOption('CL');
      await main.getByRole('button', { name: 'Enter as a guest' }).click();
      await main.getByText('No meetings yet. Book one from a booth.').waitFor();
      expect(await main.getByRole('button', { name: 'Enter as a guest' }).count()).toBe(0);
    } finally {
      await t.close();
    }

    const u = await openPage(shell.browser);
    try {
      const p = u.page;
      // Booking, signed out: "or log in" leads to the login page and, once in, back to the booking page.
      await p.goto(`${shell.server.url}/booths/${booth.slug}/meet`);
      await p.locator('main').getByRole('button', { name: 'Enter as a guest' }).waitFor();
      // This demo booth's staff have published no times: the page says so rather than showing nothing.
      await p.getByText('Nobody at this booth has published meeting times yet.', { exact: false }).waitFor();
      await p.locator('main').getByRole('link', { name: 'or log in' }).click();
      await p.waitForURL(`${shell.server.url}/login`);
      await p.getByLabel('Email').fill('aiko.tanaka@minato-hydrogen-works.example');
      await p.getByLabel('Password').fill(DEMO_PASSWORD);
      await p.getByRole('button', { name: 'Log in' }).click();
      await p.waitForURL(`${shell.server.url}/booths/${booth.slug}/meet`);
      expect(await p.locator('main').getByRole('button', { name: 'Enter as a guest' }).count()).toBe(0);
      await p.locator('.site-header').getByRole('button', { name: 'Log out' }).click();

      // Publishing meeting times needs an exhibitor account: a login link, which comes back to the form.
      await p.goto(`${shell.server.url}/meetings/availability`);
      await p.getByText('Log in with your exhibitor account to publish your meeting times.').waitFor();
      await p.locator('main').getByRole('link', { name: 'Log in' }).click();
      await p.getByLabel('Email').fill('aiko.tanaka@minato-hydrogen-works.example');
      await p.getByLabel('Password').fill(DEMO_PASSWORD);
      await p.getByRole('button', { name: 'Log in' }).click();
      await p.waitForURL(`${shell.server.url}/meetings/availability`);
      await p.getByRole('button', { name: 'Save times' }).waitFor();
      expect(u.errors).toEqual([]);
    } finally {
      await u.close();
    }
  });
});
