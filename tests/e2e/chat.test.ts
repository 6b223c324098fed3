import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemoExpo } from '../../server/seed/seed-demo-expo';
import { openPage } from './browser';
import { type ShellFixture, startShell } from './shell';

describe('chatting with a booth in the browser', () => {
  let shell: ShellFixture;
  beforeAll(async () => {
    shell = await startShell();
  });
  afterAll(async () => {
    await shell?.close();
  });

  it('a visitor writes to an unstaffed booth; a staff member who logs in later sees and answers it', async () => {
    const demo = await loadDemoExpo();
    const staff = demo.accounts.find((a) => a.role === 'exhibitor')!;
    const booth = demo.booths.find((b) => b.organisation === staff.organisation)!;
    const visitor = await openPage(shell.browser);
    const exhibitor = await openPage(shell.browser, { locale: 'ja-JP', timezoneId: 'Asia/Tokyo' });
    try {
      // The visitor opens the booth page: no staff online, so the panel offers to leave a message.
      const v = visitor.page;
      await v.goto(`${shell.server.url}/booths/${booth.slug}`);
      const chat = v.locator('#booth-chat');
      await chat.getByText('No staff are online right now', { exact: false }).waitFor();

      // They enter as a guest with a name and a country, then write.
      await chat.getByLabel('Your name').fill('Lena Fischer');
      await chat.getByLabel('Country').selectOption('DE');
      await chat.getByRole('button', { name: 'Enter as a guest' }).click();
      const composer = chat.getByLabel('Your message');
      await composer.waitFor();
      await composer.fill('Hello! Is your hydrogen pilot open to <b>European</b> partners? https://example.com/rfp');
      await composer.press('Enter');
      const sent = chat.locator('.chat-message').filter({ hasText: 'European' });
      await sent.waitFor();
      // Text stays text; the link is a safe link.
      expect(await sent.locator('b').count()).toBe(0);
      expect(await sent.getByRole('link', { name: 'https://example.com/rfp' }).getAttribute('rel')).toContain(
        'noopener',
      );
      await sent.locator('.chat-message__meta time').waitFor();

      // Later, a staff member logs in (in Japanese) and opens the booth: the waiting message is there.
      const e = exhibitor.page;
      await e.goto(`${shell.server.url}/login`);
      await e.getByLabel('メールアドレス').fill(staff.email);
      await e.getByLabel('パスワード').fill(staff.password);
      await e.getByRole('button', { name: 'ログイン' }).click();
      await e.waitForURL(`${shell.server.url}/`);
      await e.goto(`${shell.server.url}/booths/${booth.slug}`);
      const staffChat = e.locator('#booth-chat');
      await staffChat.locator('.chat-message').filter({ hasText: 'European' }).waitFor();

      // The visitor is told someone from the team is now online.
      await chat.locator('[data-staff-online="1"]').waitFor();

      const reply = staffChat.getByLabel('メッセージ', { exact: true });
      await reply.fill('Yes — let us talk. 欧州のパートナーも歓迎です。');
      await staffChat.getByRole('button', { name: '送信' }).click();

      // The visitor sees the answer, marked as coming from the booth's staff.
      const answer = chat.locator('.chat-message').filter({ hasText: '欧州のパートナー' });
      await answer.waitFor();
      expect(await answer.locator('.chat-message__badge').innerText()).toBe('Staff');
      expect(visitor.errors).toEqual([]);
      expect(exhibitor.errors).toEqual([]);
      expect(visitor.blockedRequests).toEqual([]);
    } finally {
      await visitor.close();
      await exhibitor.close();
    }
  });

  it('keeps a message written while offline and sends it when the connection returns', async () => {
    const demo = await loadDemoExpo();
    const booth = demo.booths[3]!;
    const t = await openPage(shell.browser);
    try {
      const p = t.page;
      await p.goto(`${shell.server.url}/booths/${booth.slug}`);
      const chat = p.locator('#booth-chat');
      await chat.getByLabel('Your name').fill('Offline Olli');
      await chat.getByRole('button', { name: 'Enter as a guest' }).click();
      await chat.getByLabel('Your message').waitFor();
      await p.locator('[data-connection="connected"]').waitFor();

      await t.context.setOffline(true);
      await p.locator('[data-connection="reconnecting"]').waitFor();
      await chat.getByLabel('Your message').fill('Written on the train');
      await chat.getByRole('button', { name: 'Send' }).click();
      await chat.locator('.chat-message--pending').filter({ hasText: 'Written on the train' }).waitFor();

      await t.context.setOffline(false);
      await chat
        .locator('.chat-message:not(.chat-message--pending)')
        .filter({ hasText: 'Written on the train' })
        .waitFor();
      expect(await chat.locator('.chat-message--pending').count()).toBe(0);
    } finally {
      await t.close();
    }
  });
});
