/**
 * Issue 5 end to end, in Chromium: an organiser creates an organisation and plot and invites an exhibitor; the
 * exhibitor accepts the link, builds the booth in English and Japanese with logo, video, model and a PDF, and
 * publishes; a visitor who already had the landing page open sees the booth appear without reloading.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { glbModel, mp4Video, pdfDocument, pngImage } from '../support/media-fixtures';
import { openPage, type TestPage } from './browser';
import { type ShellFixture, startShell } from './shell';

describe('organiser invites, exhibitor publishes, visitor sees it live', () => {
  let shell: ShellFixture;
  const pages: TestPage[] = [];
  beforeAll(async () => {
    shell = await startShell();
  });
  afterAll(async () => {
    for (const p of pages) await p.close();
    await shell?.close();
  });

  it('goes from invitation to a published booth that appears for a visitor already on the site', async () => {
    const base = shell.server.url;
    const visitor = await openPage(shell.browser);
    const organiser = await openPage(shell.browser);
    const exhibitor = await openPage(shell.browser, { locale: 'ja-JP', timezoneId: 'Asia/Tokyo' });
    pages.push(visitor, organiser, exhibitor);

    // The visitor is on the landing page, connected, before any of this happens.
    await visitor.page.goto(`${base}/`);
    await visitor.page.locator('.booth-card__name').first().waitFor();
    await visitor.page.locator('.app[data-connection="connected"]').waitFor();

    // The organiser logs in and prepares an organisation, a plot and an invitation.
    await organiser.page.goto(`${base}/login`);
    await organiser.page.getByLabel('Email').fill('organiser@minato-hall.example');
    await organiser.page.getByLabel('Password').fill('minato-organiser-2026');
    await organiser.page.getByRole('button', { name: /log in|sign in/i }).click();
    await organiser.page.waitForURL(`${base}/`);
    await organiser.page.goto(`${base}/organiser`);
    const console = organiser.page.locator('#exhibitors');
    await console.getByLabel('Organisation slug').fill('tidal-robotics');
    await console.getByLabel('Organisation name').fill('Tidal Robotics');
    await console.getByLabel('Country (two letters, e.g. JP)').fill('NO');
    await console.getByRole('button', { name: 'Add organisation' }).click();
    await console.getByRole('row', { name: /Tidal Robotics/ }).waitFor();
    const plotForm = console.locator('form').nth(1);
    await plotForm.getByLabel('Organisation', { exact: true }).selectOption({ label: 'Tidal Robotics' });
    await plotForm.getByLabel('Position in the zone').fill('90');
    await plotForm.getByRole('button', { name: 'Create plot' }).click();
    await console.getByRole('row', { name: /Tidal Robotics.*Draft/ }).waitFor();
    const inviteForm = console.locator('form').nth(2);
    await inviteForm.getByLabel('Organisation', { exact: true }).selectOption({ label: 'Tidal Robotics' });
    await inviteForm.getByLabel('Email').fill('ingrid@tidal-robotics.example');
    await inviteForm.getByRole('button', { name: 'Create invitation' }).click();
    const link = (await organiser.page.getByTestId('invitation-link').textContent()) ?? '';
    expect(link).toMatch(/\/invite#token=/);

    // The exhibitor (Japanese interface) accepts and opens the editor.
    await exhibitor.page.goto(`${base}/`);
    await exhibitor.page.goto(link);
    await exhibitor.page.getByText('Tidal Robotics').waitFor();
    await exhibitor.page.getByLabel('名前').fill('Ingrid Berg');
    await exhibitor.page.getByLabel('新しいパスワード（10文字以上）').fill('tidal robotics 2026');
    await exhibitor.page.getByRole('button', { name: '出展者アカウントを作成' }).click();
    await exhibitor.page.getByRole('link', { name: 'ブースエディターを開く' }).click();
    await exhibitor.page.getByRole('link', { name: /Tidal Robotics を編集/ }).click();
    const editor = exhibitor.page;
    await editor.getByLabel('ブース名 (en)').fill('Tidal Robotics — hull-cleaning drones');
    await editor.getByLabel('ブース名 (ja)').fill('タイダル・ロボティクス — 船体清掃ドローン');
    await editor.getByLabel('キャッチコピー (en)').fill('Cleaner hulls, less fuel');
    await editor.getByLabel('キャッチコピー (ja)').fill('きれいな船体で燃料削減');

    const files = editor.locator('.booth-editor__items li');
    const uploadAs = async (label: string, name: string, mimeType: string, buffer: Buffer, count: number) => {
      await editor.getByLabel(label).setInputFiles({ name, mimeType, buffer });
      if (count > 0) await expect.poll(() => files.count()).toBe(count);
    };
    await uploadAs('ロゴ（PNG・JPEG・WebP）', 'logo.png', 'image/png', await pngImage(120, 60, '#FF6B5A'), 0);
    await editor.locator('.booth-preview__logo, .form-alert').first().waitFor();
    expect(
      await editor.locator('.form-alert').count(),
      `${await editor.locator('.form-alert').allTextContents()} ${exhibitor.errors}`,
    ).toBe(0);
    await editor.locator('.booth-preview__logo').waitFor({ state: 'attached' });
    await uploadAs('PDFをアップロード', 'brochure.pdf', 'application/pdf', pdfDocument(), 1);
    await uploadAs('動画をアップロード（MP4・WebM）', 'demo.mp4', 'video/mp4', mp4Video(), 2);
    await uploadAs('3Dモデルをアップロード（.glb）', 'drone.glb', 'model/gltf-binary', glbModel(), 3);
    await editor.getByLabel('資料のタイトル（ja）').fill('パンフレット');

    await editor.getByRole('button', { name: '公開する' }).click();
    await editor.getByText('公開しました。ホールの来場者にすぐ表示されます。').waitFor();
    expect(await editor.getByTestId('booth-status').textContent()).toBe('公開中');

    // The visitor never reloaded: the new booth is in their directory now.
    await visitor.page.getByText('Tidal Robotics — hull-cleaning drones').waitFor();
    const detail = await (await fetch(`${base}/api/booths/tidal-robotics`)).json();
    expect(detail.name).toEqual({
      en: 'Tidal Robotics — hull-cleaning drones',
      ja: 'タイダル・ロボティクス — 船体清掃ドローン',
    });
    expect(detail.content.map((c: { kind: string }) => c.kind)).toEqual(['document', 'video', 'model']);
    expect(detail.logoUrl).toMatch(/^\/uploads\/[0-9a-f]{32}\.png$/);
    for (const p of [visitor, organiser, exhibitor]) expect(p.blockedRequests).toEqual([]);
  });
});
