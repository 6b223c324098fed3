/**
 * Unused uploads are deleted (issue 5): a file no booth draft and no published booth refers to is removed from
 * storage and the database once it is older than the grace period, by a sweep the server runs at start and then
 * periodically. Real server, PGlite and local disk storage; the server's clock is moved instead of waiting a day.
 */
import { mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../server/config';
import type { Database } from '../../server/db/database';
import { uploads } from '../../server/db/schema';
import { type BoothDraft, EditorBoothList, EditorBoothView, UploadView } from '../../shared/booth-editor';
import { call, upload } from '../support/api-client';
import { logIn, type Person } from '../support/clients';
import { openFreshPostgres, openPgliteMemory } from '../support/database';
import { pdfDocument, pngImage } from '../support/media-fixtures';
import { startTestServer, type TestServer } from '../support/server';
import { postgresUrl, serviceOrSkip } from '../support/services';

const HOUR = 3_600_000;
const STAFF = ['aiko.tanaka@minato-hydrogen-works.example', 'minato-exhibitor-2026'] as const;

async function firstEditableBooth(url: string, staff: Person): Promise<EditorBoothView> {
  const list = EditorBoothList.parse((await call(url, 'GET', '/api/editor/booths', { as: staff })).body);
  const id = list.booths[0]!.id;
  return EditorBoothView.parse((await call(url, 'GET', `/api/editor/booths/${id}`, { as: staff })).body);
}

async function uploadAs(url: string, staff: Person, kind: 'image' | 'document', name: string): Promise<string> {
  const data = kind === 'image' ? await pngImage() : pdfDocument();
  const res = await upload(url, staff, kind, name, data);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return UploadView.parse(res.body).url;
}

const nameOf = (url: string) => url.slice('/uploads/'.length);

/** The sweep on one database driver (its reference check is SQL, and PGlite is a newer PostgreSQL than ours). */
function describeSweep(driver: string, open: () => Promise<Database | undefined>): void {
  describe(`the sweep for unused uploads on ${driver}`, () => {
    let database: Database | undefined;
    let server: TestServer;
    let staff: Person;
    let booth: EditorBoothView;
    let now = Date.now();

    beforeAll(async () => {
      database = await open();
      if (!database) return;
      server = await startTestServer({ serveClient: false, database, clock: () => now });
      staff = await logIn(server.url, ...STAFF);
      booth = await firstEditableBooth(server.url, staff);
    });
    afterAll(async () => {
      await server?.close();
      await database?.close();
    });
    /** Skipped (locally only, see services.ts) when the driver's service is absent. */
    const check = (name: string, fn: () => Promise<void>) =>
      it(name, async (ctx) => {
        if (!database) return ctx.skip();
        await fn();
      });

    const saveDraft = async (draft: BoothDraft) => {
      const res = await call(server.url, 'PUT', `/api/editor/booths/${booth.id}/draft`, { as: staff, body: draft });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
    };
    const publish = async () => {
      const res = await call(server.url, 'POST', `/api/editor/booths/${booth.id}/publish`, { as: staff });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
    };
    const stored = async () => new Set(await server.handle.uploadStorage.list());
    const recorded = async () =>
      new Set((await server.handle.database.db.select({ n: uploads.storedName }).from(uploads)).map((r) => r.n));
    const served = async (url: string) => (await fetch(server.url + url)).status;

    check('keeps what drafts and published booths use, and removes the rest only after the grace period', async () => {
      // Published: a logo and a brochure.
      const oldLogo = await uploadAs(server.url, staff, 'image', 'old-logo.png');
      const brochure = await uploadAs(server.url, staff, 'document', 'brochure.pdf');
      const doc = (url: string, en: string) => ({ kind: 'document' as const, title: { en }, url, previewUrl: null });
      await saveDraft({ ...booth.draft, logoUrl: oldLogo, content: [doc(brochure, 'Brochure')] });
      await publish();

      // The draft replaces the logo, adds a poster, adds a price list and removes it again; one file is never used.
      const newLogo = await uploadAs(server.url, staff, 'image', 'new-logo.png');
      const poster = await uploadAs(server.url, staff, 'image', 'poster.png');
      const priceList = await uploadAs(server.url, staff, 'document', 'prices.pdf');
      const neverUsed = await uploadAs(server.url, staff, 'image', 'unused.png');
      const image = { kind: 'image' as const, title: { en: 'Poster' }, url: poster, previewUrl: null };
      const draft: BoothDraft = { ...booth.draft, logoUrl: newLogo, content: [doc(brochure, 'Brochure'), image] };
      await saveDraft({ ...draft, content: [...draft.content, doc(priceList, 'Prices')] });
      await saveDraft(draft);

      const all = [oldLogo, brochure, newLogo, poster, priceList, neverUsed].map(nameOf);
      // Inside the grace period nothing goes, used or not.
      expect((await server.handle.sweepUploadsNow()).deleted).toEqual([]);
      now += 23 * HOUR;
      expect((await server.handle.sweepUploadsNow()).deleted).toEqual([]);
      for (const name of all) expect(await stored()).toContain(name);

      // A day later the two unused files go (record and bytes); a file uploaded just now stays.
      now += 2 * HOUR;
      const fresh = await uploadAs(server.url, staff, 'image', 'fresh.png');
      const { deleted } = await server.handle.sweepUploadsNow();
      expect(new Set(deleted)).toEqual(new Set([nameOf(priceList), nameOf(neverUsed)]));
      const [files, rows] = [await stored(), await recorded()];
      for (const url of [priceList, neverUsed]) {
        expect(files.has(nameOf(url))).toBe(false);
        expect(rows.has(nameOf(url))).toBe(false);
        expect(await served(url)).toBe(404);
      }
      for (const url of [oldLogo, brochure, newLogo, poster, fresh]) {
        expect(files.has(nameOf(url))).toBe(true);
        expect(rows.has(nameOf(url))).toBe(true);
        expect(await served(url)).toBe(200);
      }

      // Publishing the draft replaces the published logo: the old one is no longer used by anything.
      await publish();
      expect((await server.handle.sweepUploadsNow()).deleted).toEqual([nameOf(oldLogo)]);
      expect(await served(oldLogo)).toBe(404);
      for (const url of [brochure, newLogo, poster, fresh]) expect(await served(url)).toBe(200);
    });

    check('removes an old stored file that never got a record, but not a new one', async () => {
      const root = path.join(server.dataDir, 'uploads');
      const stray = `${'a'.repeat(32)}.png`;
      const newStray = `${'b'.repeat(32)}.png`;
      await writeFile(path.join(root, stray), await pngImage());
      await writeFile(path.join(root, newStray), await pngImage());
      const twoDaysAgo = new Date(now - 48 * HOUR);
      await utimes(path.join(root, stray), twoDaysAgo, twoDaysAgo);
      await utimes(path.join(root, newStray), new Date(now), new Date(now));
      expect((await server.handle.sweepUploadsNow()).deleted).toEqual([stray]);
      expect(await stored()).toContain(newStray);
      expect(await stored()).not.toContain(stray);
    });
  });
}

describeSweep('PGlite', openPgliteMemory);
describeSweep('PostgreSQL', async () => {
  const url = await serviceOrSkip('PostgreSQL', postgresUrl());
  return url ? openFreshPostgres(url) : undefined;
});

describe('the sweep at start', () => {
  let database: Database;
  let dataDir: string;
  beforeAll(async () => {
    database = await openPgliteMemory();
    dataDir = await mkdtemp(path.join(tmpdir(), 'minato-sweep-'));
  });
  afterAll(async () => {
    await database?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('removes what piled up while the server was down, with the grace period from the configuration', async () => {
    const started = Date.now();
    const env = { DATA_DIR: dataDir, UPLOAD_ORPHAN_GRACE_HOURS: '2' };
    const first = await startTestServer({ serveClient: false, database, env, clock: () => started });
    let unused: string;
    let kept: string;
    try {
      const staff = await logIn(first.url, ...STAFF);
      unused = nameOf(await uploadAs(first.url, staff, 'image', 'unused.png'));
      kept = nameOf(await uploadAs(first.url, staff, 'image', 'logo.png'));
      const booth = await firstEditableBooth(first.url, staff);
      const res = await call(first.url, 'PUT', `/api/editor/booths/${booth.id}/draft`, {
        as: staff,
        body: { ...booth.draft, logoUrl: `/uploads/${kept}` },
      });
      expect(res.status).toBe(200);
    } finally {
      await first.close();
    }
    // Three hours later (the configured grace is two), a new server process starts on the same data.
    const second = await startTestServer({ serveClient: false, database, env, clock: () => started + 3 * HOUR });
    try {
      const files = await second.handle.uploadStorage.list();
      expect(files).toContain(kept);
      expect(files).not.toContain(unused);
    } finally {
      await second.close();
    }
  });

  it('refuses a grace period that is not a positive number of hours, naming the variable', () => {
    expect(() => loadConfig({ DATA_DIR: dataDir, UPLOAD_ORPHAN_GRACE_HOURS: '0' })).toThrow(ConfigError);
    expect(() => loadConfig({ DATA_DIR: dataDir, UPLOAD_ORPHAN_GRACE_HOURS: 'a day' })).toThrow(
      /UPLOAD_ORPHAN_GRACE_HOURS/,
    );
    expect(loadConfig({ DATA_DIR: dataDir }).uploadSweep.graceMs).toBe(24 * HOUR);
  });
});
