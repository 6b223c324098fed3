/**
 * Removes uploads nobody uses: a file uploaded and then removed or replaced in the editor (or never saved into a
 * draft) would otherwise stay on disk for ever. A file is an orphan when it is older than the grace period and
 * neither a booth's draft nor a published booth (logo, content, previews) refers to it. The grace period covers
 * the editor's unsaved state: an upload becomes referenced only when the exhibitor saves the draft.
 */
import { and, eq, lt, notExists, or, sql } from 'drizzle-orm';
import type { Db } from '../db/database';
import { boothContent, booths, uploads } from '../db/schema';
import type { Logger } from '../log';
import type { UploadStorage } from './upload-storage';

export interface OrphanSweepDeps {
  db: Db;
  storage: UploadStorage;
  log: Logger;
  /** ms since the epoch; tests move it forward instead of waiting a day. */
  now: () => number;
  /** How long a file may stay unreferenced (ms). */
  graceMs: number;
}

export interface SweepResult {
  /** Stored names whose file and record were removed. */
  deleted: string[];
}

/**
 * One sweep. The record goes first, in one statement that re-checks the references, so a booth that starts using
 * a file during the sweep keeps its record; the file goes after. Files in storage that never got a record (a
 * crash between storing and recording) go too once their age passes the grace period.
 */
export async function sweepOrphanedUploads(deps: OrphanSweepDeps): Promise<SweepResult> {
  const { db, storage, log } = deps;
  const cutoff = new Date(deps.now() - deps.graceMs);
  const publicPath = sql`'/uploads/' || ${uploads.storedName}`;
  const rows = await db
    .delete(uploads)
    .where(
      and(
        lt(uploads.createdAt, cutoff),
        // Drafts are JSON (logo, content, previews): any mention of the random name counts, which errs on keeping.
        notExists(
          db
            .select({ one: sql`1` })
            .from(booths)
            .where(
              or(
                eq(booths.logoUrl, publicPath),
                sql`strpos(coalesce(${booths.draft}::text, ''), ${uploads.storedName}) > 0`,
              ),
            ),
        ),
        notExists(
          db
            .select({ one: sql`1` })
            .from(boothContent)
            .where(or(eq(boothContent.url, publicPath), eq(boothContent.previewUrl, publicPath))),
        ),
      ),
    )
    .returning({ storedName: uploads.storedName });
  const deleted = rows.map((r) => r.storedName);

  if (storage.storedAt) {
    const stored = await storage.list();
    const recorded = new Set((await db.select({ name: uploads.storedName }).from(uploads)).map((r) => r.name));
    for (const name of stored) {
      if (recorded.has(name) || deleted.includes(name)) continue;
      const at = await storage.storedAt(name);
      if (at && at < cutoff) deleted.push(name);
    }
  }

  for (const name of deleted) await storage.delete(name);
  if (deleted.length > 0) log.info({ count: deleted.length }, 'removed uploads no booth uses');
  return { deleted };
}

/**
 * Sweeps every `intervalMs` until stopped. A sweep that fails is logged and the next one tries again; sweeps never
 * overlap.
 */
export function startOrphanSweeper(deps: OrphanSweepDeps & { intervalMs: number }): {
  sweepNow(): Promise<SweepResult>;
  stop(): Promise<void>;
} {
  let running: Promise<SweepResult> | undefined;
  const sweepNow = () => {
    running ??= sweepOrphanedUploads(deps).finally(() => {
      running = undefined;
    });
    return running;
  };
  const timer = setInterval(() => {
    sweepNow().catch((err: unknown) => deps.log.error({ err }, 'sweeping unused uploads failed'));
  }, deps.intervalMs);
  timer.unref();
  return {
    sweepNow,
    async stop() {
      clearInterval(timer);
      await running?.catch(() => undefined);
    },
  };
}
