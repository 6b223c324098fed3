/**
 * Uploads (issue 5): judged by content, not name; limited per kind; stored under random names; served with the
 * right type and nosniff; and a refused or failed upload leaves nothing behind (storage, scratch, database).
 */
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uploads } from '../../server/db/schema';
import { UPLOAD_LIMITS, UploadView } from '../../shared/booth-editor';
import { upload } from '../support/api-client';
import { enterAsGuest, logIn, type Person } from '../support/clients';
import { glbModel, jpegWithExif, mp4Video, pdfDocument, pngImage, windowsExecutable } from '../support/media-fixtures';
import { startTestServer, type TestServer } from '../support/server';

describe('uploads on a real server with local disk storage', () => {
  let server: TestServer;
  let staff: Person;

  beforeAll(async () => {
    server = await startTestServer({ serveClient: false });
    staff = await logIn(server.url, 'aiko.tanaka@minato-hydrogen-works.example', 'minato-exhibitor-2026');
  });
  afterAll(async () => {
    await server?.close();
  });

  const stored = () => server.handle.uploadStorage.list();
  const scratch = () => readdir(path.join(server.dataDir, 'uploads-incoming'));
  const rows = async () => (await server.handle.database.db.select().from(uploads)).length;

  /** Uploads something that must be refused, and proves nothing was kept anywhere. */
  async function expectRefused(kind: string, name: string, data: Uint8Array, message: RegExp) {
    const [before, beforeRows] = [await stored(), await rows()];
    const res = await upload(server.url, staff, kind, name, data);
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'INVALID_PAYLOAD', message: expect.stringMatching(message) });
    expect(await stored()).toEqual(before);
    expect(await scratch()).toEqual([]);
    expect(await rows()).toBe(beforeRows);
  }

  it('stores a PNG under a random name and serves it as image/png with nosniff', async () => {
    const res = await upload(server.url, staff, 'image', 'logo.png', await pngImage());
    expect(res.status).toBe(201);
    const view = UploadView.parse(res.body);
    expect(view.url).toMatch(/^\/uploads\/[0-9a-f]{32}\.png$/);
    expect(view.originalName).toBe('logo.png');
    const file = await fetch(server.url + view.url);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('image/png');
    expect(file.headers.get('x-content-type-options')).toBe('nosniff');
    expect((await sharp(Buffer.from(await file.arrayBuffer())).metadata()).width).toBe(64);
  });

  it('resizes a large JPEG and strips its EXIF metadata', async () => {
    const res = await upload(server.url, staff, 'image', 'photo.jpg', await jpegWithExif());
    expect(res.status).toBe(201);
    const view = UploadView.parse(res.body);
    expect(view.contentType).toBe('image/jpeg');
    const bytes = Buffer.from(await (await fetch(server.url + view.url)).arrayBuffer());
    const meta = await sharp(bytes).metadata();
    expect([meta.width, meta.height]).toEqual([2048, 683]);
    expect(meta.exif).toBeUndefined();
    expect(bytes.includes('secret-owner')).toBe(false);
  });

  it('accepts a GLB model, a PDF and an MP4, each served with its type', async () => {
    for (const [kind, name, data, type] of [
      ['model', 'turbine.glb', glbModel(), 'model/gltf-binary'],
      ['document', 'brochure.pdf', pdfDocument(), 'application/pdf'],
      ['video', 'demo.mp4', mp4Video(), 'video/mp4'],
    ] as const) {
      const res = await upload(server.url, staff, kind, name, data);
      expect(res.status, `${kind}: ${JSON.stringify(res.body)}`).toBe(201);
      const file = await fetch(server.url + UploadView.parse(res.body).url);
      expect(file.headers.get('content-type')).toBe(type);
      expect(Buffer.from(await file.arrayBuffer()).equals(data)).toBe(true);
    }
  });

  it('refuses a renamed executable, saying what it really is', async () => {
    await expectRefused('image', 'logo.png', windowsExecutable(), /Windows program.*not an image/);
    await expectRefused('document', 'brochure.pdf', windowsExecutable(), /Windows program.*not a PDF/);
  });

  it('refuses an oversize file with the limit in words', async () => {
    const big = Buffer.alloc(UPLOAD_LIMITS.image + 1, 0);
    (await pngImage()).copy(big);
    await expectRefused('image', 'huge.png', big, /too large.*at most 10 MB/);
  });

  it('refuses an oversize file sent without a declared length (streamed)', async () => {
    const chunk = Buffer.alloc(1024 * 1024, 7);
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent > UPLOAD_LIMITS.model + 2 * chunk.length) return controller.close();
        sent += chunk.length;
        controller.enqueue(chunk);
      },
    });
    const before = await stored();
    const res = await fetch(`${server.url}/api/uploads/model?name=big.glb`, {
      method: 'POST',
      headers: { cookie: staff.cookie, 'x-requested-with': 'minato', 'content-type': 'application/octet-stream' },
      body,
      duplex: 'half',
    } as RequestInit);
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { message: expect.stringMatching(/too large.*20 MB/) } });
    expect(await stored()).toEqual(before);
    expect(await scratch()).toEqual([]);
  });

  it('refuses a name that climbs folders, and serves no path outside the uploads', async () => {
    await expectRefused('image', '../../x', await pngImage(), /may not contain folders/);
    await expectRefused('image', '..\\..\\x.png', await pngImage(), /may not contain folders/);
    for (const probe of ['/uploads/..%2F..%2Fpackage.json', '/uploads/../package.json', '/uploads/x.png']) {
      const res = await fetch(server.url + probe);
      expect([400, 404]).toContain(res.status);
      expect(await res.text()).not.toContain('"name": "minato-hall"');
    }
  });

  it('refuses a broken GLB with what is wrong with it', async () => {
    const glb = glbModel();
    await expectRefused('model', 'truncated.glb', glb.subarray(0, glb.length - 2), /not a valid \.glb.*length/);
    const badJson = Buffer.from(glb);
    badJson.write('{{{{', 20, 'latin1');
    await expectRefused('model', 'bad-json.glb', badJson, /JSON chunk does not parse/);
    await expectRefused('model', 'text.glb', Buffer.from('glTF is not what this is'), /not a 3D model|not a valid/);
  });

  it('refuses a PNG with a script payload appended', async () => {
    const polyglot = Buffer.concat([await pngImage(), Buffer.from('<script>alert(document.cookie)</script>')]);
    await expectRefused('image', 'innocent.png', polyglot, /other data after the picture/);
  });

  it('lets only exhibitor staff and organisers upload', async () => {
    const guest = await enterAsGuest(server.url, 'Curious Guest');
    const visitor = await logIn(server.url, 'visitor@minato-hall.example', 'minato-visitor-2026');
    const png = await pngImage();
    expect((await upload(server.url, null, 'image', 'a.png', png)).status).toBe(401);
    expect((await upload(server.url, guest, 'image', 'a.png', png)).status).toBe(403);
    expect((await upload(server.url, visitor, 'image', 'a.png', png)).status).toBe(403);
    const organiser = await logIn(server.url, 'organiser@minato-hall.example', 'minato-organiser-2026');
    expect((await upload(server.url, organiser, 'image', 'a.png', png)).status).toBe(201);
  });
});
