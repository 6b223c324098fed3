/**
 * Issue 5 end to end, in Chromium: an organiser creates an organisation and plot and invites an exhibitor; the
 * exhibitor accepts the link, builds the booth in English and Japanese with logo, video, model and a PDF, watching
 * the live 3D preview follow (brand colour, template, logo, model; read from the canvas's pixels under SwiftShader),
 * and publishes; a visitor who already had the landing page open sees the booth appear without reloading.
 */
import AxeBuilder from '@axe-core/playwright';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { mp4Video, pdfDocument, pngImage } from '../support/media-fixtures';
import { cubeModel } from '../support/product-model';
import { openPage, type TestPage } from './browser';
import { hueShare } from './canvasColours';
import { type ShellFixture, startShell } from './shell';

/** The product model's paint (linear RGB); on screen it is about #7C3FED, a hue nothing else in the hall has. */
const VIOLET: [number, number, number] = [0.2, 0.05, 0.85];

describe('organiser invites, exhibitor publishes, visitor sees it live', () => {
  let shell: ShellFixture;
  const pages: TestPage[] = [];
  beforeAll(async () => {
    shell = await startShell();
  });
  afterEach(async () => {
    // A preview with a turning model draws every frame: close pages so the next test has the CPU.
    while (pages.length) await pages.pop()!.close();
  });
  afterAll(async () => {
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
    await plotForm.getByLabel('Size').selectOption('medium');
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

    // The live 3D preview: the hall's own booth for this medium plot, named for screen readers, with the flat
    // card's words still in the page for them.
    const canvas = editor.getByRole('img', { name: /3Dプレビュー/ });
    expect(await canvas.getAttribute('aria-label')).toContain('タイダル・ロボティクス — 船体清掃ドローン');
    await editor
      .getByTestId('booth-preview')
      .locator('.visually-hidden')
      .getByText('きれいな船体で燃料削減')
      .waitFor({ state: 'attached' });
    const showing = (brand: string, template: string) =>
      editor.waitForSelector(`[data-testid="booth-preview-3d"][data-brand="${brand}"][data-template="${template}"]`, {
        timeout: 60_000,
      });
    // The preview and its controls pass axe (names for the canvas and the turn buttons, contrast, roles).
    const axe = await new AxeBuilder({ page: editor })
      .include('[data-testid="booth-preview"]')
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
      .analyze();
    expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
    const RED = '#D7263D';
    const GREEN = '#2BA84A';
    await editor.getByLabel('ブランドカラー').fill(RED.toLowerCase());
    await showing(RED, 'shell-medium');
    const red = await canvas.screenshot();
    expect(await hueShare(red, RED)).toBeGreaterThan(0.02);
    expect(await hueShare(red, GREEN)).toBeLessThan(0.002);
    await editor.getByLabel('ブランドカラー').fill(GREEN.toLowerCase());
    await showing(GREEN, 'shell-medium');
    const green = await canvas.screenshot();
    expect(await hueShare(green, GREEN)).toBeGreaterThan(0.02);
    expect(await hueShare(green, RED)).toBeLessThan(0.002);
    expect(await hueShare(green, '#FF6B5A', 8)).toBeLessThan(0.001);

    // Templates offered are those of the size the organiser gave; the preview redraws with the one chosen.
    const template = editor.getByLabel('テンプレート');
    expect(await template.locator('option').allTextContents()).toEqual(['shell-medium', 'open-medium']);
    await template.selectOption('open-medium');
    await showing(GREEN, 'open-medium');
    // The open booth looks different from the shell (low rails, a header over the back wall), and going back to
    // the shell gives exactly the shell's picture again: the difference is the template, not the clock.
    expect((await canvas.screenshot()).equals(green)).toBe(false);
    await template.selectOption('shell-medium');
    await showing(GREEN, 'shell-medium');
    await expect.poll(async () => (await canvas.screenshot()).equals(green)).toBe(true);
    await template.selectOption('open-medium');
    await showing(GREEN, 'open-medium');

    // Dragging turns the booth; "reset view" brings the first view back, the turn buttons turn it without a mouse.
    const still = await canvas.screenshot();
    const box = (await canvas.boundingBox())!;
    await editor.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await editor.mouse.down();
    await editor.mouse.move(box.x + box.width / 2 - 120, box.y + box.height / 2, { steps: 6 });
    await editor.mouse.up();
    await expect.poll(async () => (await canvas.screenshot()).equals(still)).toBe(false);
    await editor.getByRole('button', { name: '向きを戻す' }).click();
    await expect.poll(async () => (await canvas.screenshot()).equals(still)).toBe(true);
    await editor.getByRole('button', { name: '右に回す' }).click();
    await expect.poll(async () => (await canvas.screenshot()).equals(still)).toBe(false);
    await editor.getByRole('button', { name: '向きを戻す' }).click();

    const files = editor.locator('.booth-editor__items li');
    const uploadAs = async (label: string, name: string, mimeType: string, buffer: Buffer, count: number) => {
      await editor.getByLabel(label).setInputFiles({ name, mimeType, buffer });
      if (count > 0) await expect.poll(() => files.count()).toBe(count);
    };
    await uploadAs('ロゴ（PNG・JPEG・WebP）', 'logo.png', 'image/png', await pngImage(120, 60, '#FF6B5A'), 0);
    await editor.locator('.booth-preview__logo, .form-alert').first().waitFor({ state: 'attached' });
    expect(
      await editor.locator('.form-alert').count(),
      `${await editor.locator('.form-alert').allTextContents()} ${exhibitor.errors}`,
    ).toBe(0);
    await editor.locator('.booth-preview__logo').waitFor({ state: 'attached' });
    // The uploaded logo (plain coral) goes onto the fascia and the screen of the 3D booth.
    await expect.poll(async () => await hueShare(await canvas.screenshot(), '#FF6B5A', 8)).toBeGreaterThan(0.005);
    await uploadAs('PDFをアップロード', 'brochure.pdf', 'application/pdf', pdfDocument(), 1);
    await uploadAs('動画をアップロード（MP4・WebM）', 'demo.mp4', 'video/mp4', mp4Video(), 2);
    await uploadAs('3Dモデルをアップロード（.glb）', 'drone.glb', 'model/gltf-binary', await cubeModel(VIOLET), 3);
    // The product model stands on the booth's pedestal in the preview.
    await expect.poll(async () => await hueShare(await canvas.screenshot(), '#7C3FED', 20)).toBeGreaterThan(0.001);
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
    expect(exhibitor.errors).toEqual([]);
  });

  it('shows the flat preview, and never downloads the 3D one, where WebGL is missing', async () => {
    const t = await openPage(shell.browser);
    pages.push(t);
    await t.page.addInitScript(() => {
      const original = HTMLCanvasElement.prototype.getContext;
      HTMLCanvasElement.prototype.getContext = function (this: HTMLCanvasElement, type: string, ...rest: unknown[]) {
        if (/webgl/i.test(type)) return null;
        return (original as (...a: unknown[]) => unknown).call(this, type, ...rest);
      } as typeof original;
    });
    const scripts: string[] = [];
    t.page.on('request', (r) => {
      if (r.resourceType() === 'script') scripts.push(r.url());
    });
    const base = shell.server.url;
    await t.page.goto(`${base}/login`);
    await t.page.getByLabel('Email').fill('aiko.tanaka@minato-hydrogen-works.example');
    await t.page.getByLabel('Password').fill('minato-exhibitor-2026');
    await t.page.getByRole('button', { name: 'Log in' }).click();
    await t.page.waitForURL(`${base}/`);
    await t.page.goto(`${base}/editor`);
    await t.page
      .getByRole('link', { name: /^Edit / })
      .first()
      .click();
    const card = t.page.getByTestId('booth-preview').locator('.booth-preview__card');
    await card.locator('.booth-preview__name').waitFor();
    expect(await card.locator('.booth-preview__name').innerText()).toBe(
      await t.page.getByLabel('Booth name (en)').inputValue(),
    );
    expect(await t.page.getByTestId('booth-preview-3d').count()).toBe(0);
    expect(scripts.filter((u) => /BoothPreview3D|TextureAtlas/.test(u))).toEqual([]);
    expect(t.errors).toEqual([]);
  });
});
