/**
 * The booth editor (issue 5): staff edit a draft that visitors do not see; publishing copies it onto the booth and
 * reaches visitors already connected, without a reload; the draft is checked against the plot and the uploads.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BoothDetail, type BoothSummary } from '../../shared/api';
import { type BoothDraft, EditorBoothList, EditorBoothView, UploadView } from '../../shared/booth-editor';
import { call, upload } from '../support/api-client';
import { enterAsGuest, logIn, openSocket, type Person, type TestSocket } from '../support/clients';
import { pdfDocument, pngImage } from '../support/media-fixtures';
import { startTestServer, type TestServer } from '../support/server';

describe('editing and publishing a booth on a real server', () => {
  let server: TestServer;
  let staff: Person;
  let booth: EditorBoothView;
  let visitorSocket: TestSocket;

  beforeAll(async () => {
    server = await startTestServer({ serveClient: false });
    staff = await logIn(server.url, 'aiko.tanaka@minato-hydrogen-works.example', 'minato-exhibitor-2026');
    const list = EditorBoothList.parse((await call(server.url, 'GET', '/api/editor/booths', { as: staff })).body);
    expect(list.booths.length).toBeGreaterThan(0);
    booth = EditorBoothView.parse(
      (await call(server.url, 'GET', `/api/editor/booths/${list.booths[0]!.id}`, { as: staff })).body,
    );
    visitorSocket = await openSocket(server.url, await enterAsGuest(server.url, 'Watching Visitor'));
  });
  afterAll(async () => {
    visitorSocket?.disconnect();
    await server?.close();
  });

  it("lists only the staff member's own organisation's booths", async () => {
    const list = EditorBoothList.parse((await call(server.url, 'GET', '/api/editor/booths', { as: staff })).body);
    expect(new Set(list.booths.map((b) => b.organisation))).toEqual(new Set([booth.organisation.name]));
    expect(booth.templates.length).toBeGreaterThan(0);
    expect(booth.members.map((m) => m.displayName)).toContain('Aiko Tanaka');
  });

  it('keeps a saved draft from visitors until it is published, then tells everyone connected', async () => {
    const logo = UploadView.parse((await upload(server.url, staff, 'image', 'logo.png', await pngImage())).body);
    const pdf = UploadView.parse((await upload(server.url, staff, 'document', 'b.pdf', pdfDocument())).body);
    const draft: BoothDraft = {
      ...booth.draft,
      name: { en: 'Minato Hydrogen Works — new', ja: 'みなと水素ワークス（新）' },
      tagline: { en: 'Hydrogen for ports', ja: '港のための水素' },
      brandColor: '#FF6B5A',
      logoUrl: logo.url,
      tags: ['hydrogen', 'green'],
      content: [
        { kind: 'document', title: { en: 'Brochure', ja: 'パンフレット' }, url: pdf.url, previewUrl: null },
        { kind: 'video', title: { en: 'Film' }, url: 'https://video.example.com/film.mp4', previewUrl: null },
        { kind: 'link', title: { en: 'Website' }, url: 'https://hydrogen.example.com', previewUrl: null },
      ],
    };
    const saved = await call(server.url, 'PUT', `/api/editor/booths/${booth.id}/draft`, { as: staff, body: draft });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(EditorBoothView.parse(saved.body)).toMatchObject({ pendingChanges: true, draft: { brandColor: '#FF6B5A' } });
    const before = BoothDetail.parse((await call(server.url, 'GET', `/api/booths/${booth.slug}`)).body);
    expect(before.name.en).not.toBe(draft.name.en);

    const updated = new Promise<BoothSummary>((resolve) => {
      visitorSocket.on('booth:updated', (b) => {
        if (b.id === booth.id) resolve(b);
      });
    });
    const published = await call(server.url, 'POST', `/api/editor/booths/${booth.id}/publish`, { as: staff });
    expect(published.status, JSON.stringify(published.body)).toBe(200);
    const event = await updated;
    expect(event).toMatchObject({
      name: draft.name,
      brandColor: '#FF6B5A',
      logoUrl: logo.url,
      tags: ['hydrogen', 'green'],
    });

    const after = BoothDetail.parse((await call(server.url, 'GET', `/api/booths/${booth.slug}`)).body);
    expect(after.name).toEqual(draft.name);
    expect(after.content.map((c) => c.url)).toEqual(draft.content.map((c) => c.url));
    const view = EditorBoothView.parse(
      (await call(server.url, 'GET', `/api/editor/booths/${booth.id}`, { as: staff })).body,
    );
    expect(view).toMatchObject({ pendingChanges: false, status: 'published' });
  });

  it('refuses a template the plot size does not allow, foreign media and outside staff', async () => {
    const put = (draft: BoothDraft) =>
      call<{ error: { message: string } }>(server.url, 'PUT', `/api/editor/booths/${booth.id}/draft`, {
        as: staff,
        body: draft,
      });
    const other = booth.size === 'large' ? 'shell-small' : 'shell-large';
    expect((await put({ ...booth.draft, template: other })).body.error.message).toMatch(/plot takes one of/);
    expect(
      (await put({ ...booth.draft, logoUrl: '/uploads/0123456789abcdef0123456789abcdef.png' })).body.error.message,
    ).toMatch(/never uploaded/);
    expect((await put({ ...booth.draft, logoUrl: 'https://evil.example.com/logo.png' })).body.error.message).toMatch(
      /must be an uploaded file/,
    );
    const stranger = await logIn(server.url, 'visitor@minato-hall.example', 'minato-visitor-2026');
    expect((await put({ ...booth.draft, staffIds: [stranger.accountId] })).body.error.message).toMatch(
      /own organisation/,
    );
    const script = await put({
      ...booth.draft,
      content: [{ kind: 'link', title: { en: 'x' }, url: 'javascript:alert(1)', previewUrl: null }],
    });
    expect(script.status).toBe(400);
  });
});
