/**
 * Receiving an upload: the bytes go to a scratch file (counted against the kind's limit), are judged by content,
 * images are re-encoded without metadata, and only a file that passed everything is moved into storage under a
 * random name. Any failure removes the scratch files, so nothing half-written or refused is ever stored.
 */
import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { open, readFile, rm, stat } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { fileTypeFromFile } from 'file-type';
import sharp from 'sharp';
import { UPLOAD_LIMITS, type UploadKind, type UploadView } from '../../shared/booth-editor';
import { ErrorCode } from '../../shared/errors';
import { assertMayUpload } from '../booths/booth-access';
import type { Db } from '../db/database';
import { uploads } from '../db/schema';
import { DomainError } from '../errors';
import type { Logger } from '../log';
import { acceptType, assertGlb, assertImageEndsCleanly, assertPdf, FileRefused } from './file-inspection';
import type { UploadStorage } from './upload-storage';

/** Images are scaled down to fit this box (booth walls and panels need no more). */
const IMAGE_MAX_SIDE = 2048;

export interface IncomingFile {
  kind: UploadKind;
  /** The name the uploader's computer gave it: kept for display only, never used as a path. */
  originalName: string;
  /** Content-Length, when the client declared it. */
  declaredLength: number | undefined;
  body: Readable;
}

export function megabytes(bytes: number): string {
  return `${Math.round(bytes / (1024 * 1024))} MB`;
}

export class UploadService {
  constructor(
    private readonly deps: {
      db: Db;
      storage: UploadStorage;
      log: Logger;
      /** The server's clock: the upload's time is what the orphan sweep's grace period counts from. */
      now?: () => number;
    },
  ) {}

  /** Checks who uploads and the name before any bytes are read. Throws DomainError. */
  async precheck(accountId: string | null, file: Omit<IncomingFile, 'body'>): Promise<string> {
    const actor = await assertMayUpload(this.deps.db, accountId);
    checkName(file.originalName);
    if (file.declaredLength !== undefined && file.declaredLength > UPLOAD_LIMITS[file.kind]) {
      throw tooLarge(file.kind);
    }
    return actor.id;
  }

  /** Receives, checks and stores one file; returns its public view. Throws DomainError with words on refusal. */
  async receive(ownerId: string, file: IncomingFile): Promise<UploadView> {
    const { storage, db } = this.deps;
    const limit = UPLOAD_LIMITS[file.kind];
    const scratch = await storage.scratchPath();
    const processed = `${scratch}.out`;
    try {
      const size = await receiveToFile(file.body, scratch, limit);
      if (size === null) throw tooLarge(file.kind);
      if (size === 0) throw new FileRefused('The file is empty.');
      const type = acceptType(file.kind, await fileTypeFromFile(scratch));
      let finalPath = scratch;
      switch (file.kind) {
        case 'image':
          await reencodeImage(scratch, processed, type.ext);
          finalPath = processed;
          break;
        case 'model':
          assertGlb(await readFile(scratch));
          break;
        case 'document': {
          const { head, tail } = await headAndTail(scratch, size);
          assertPdf(head, tail);
          break;
        }
        case 'video':
          break;
      }
      const storedName = `${randomBytes(16).toString('hex')}.${type.ext}`;
      const finalSize = finalPath === scratch ? size : (await stat(finalPath)).size;
      await storage.putFile(storedName, finalPath);
      try {
        const [row] = await db
          .insert(uploads)
          .values({
            storedName,
            kind: file.kind,
            contentType: type.mime,
            size: finalSize,
            originalName: file.originalName.slice(0, 200),
            ownerId,
            createdAt: new Date((this.deps.now ?? Date.now)()),
          })
          .returning();
        return toView(row!);
      } catch (err) {
        await storage.delete(storedName);
        throw err;
      }
    } catch (err) {
      if (err instanceof FileRefused) throw new DomainError(ErrorCode.INVALID_PAYLOAD, err.message);
      throw err;
    } finally {
      await Promise.all([rm(scratch, { force: true }), rm(processed, { force: true })]);
    }
  }
}

export function toView(row: typeof uploads.$inferSelect): UploadView {
  return {
    id: row.id,
    kind: row.kind,
    url: `/uploads/${row.storedName}`,
    contentType: row.contentType,
    size: row.size,
    originalName: row.originalName,
  };
}

function tooLarge(kind: UploadKind): DomainError {
  return new DomainError(
    ErrorCode.INVALID_PAYLOAD,
    `The file is too large: ${kind} uploads may be at most ${megabytes(UPLOAD_LIMITS[kind])}.`,
  );
}

/** The original name is shown to editors only, but a name that tries to climb folders is refused outright. */
function checkName(name: string): void {
  if (name.length > 200) throw new DomainError(ErrorCode.INVALID_PAYLOAD, 'The file name is too long.');
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this refuses.
  if (/[/\\\u0000-\u001f]/.test(name) || name.split('.').every((p) => p === '') || name.includes('..')) {
    throw new DomainError(
      ErrorCode.INVALID_PAYLOAD,
      'The file name may not contain folders, "..", or control characters. Rename the file and try again.',
    );
  }
}

/**
 * Streams the body to `path`. Past the limit it stops writing, deletes the file and keeps reading (so the client
 * gets our answer rather than a reset connection), up to a hard cap. Resolves to the size, or null if too large.
 */
async function receiveToFile(body: Readable, path: string, limit: number): Promise<number | null> {
  const out = createWriteStream(path, { flags: 'wx' });
  let size = 0;
  let over = false;
  const hardCap = limit * 2 + 8 * 1024 * 1024;
  try {
    for await (const chunk of body as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > hardCap) {
        body.destroy();
        break;
      }
      if (over) continue;
      if (size > limit) {
        over = true;
        out.destroy();
        continue;
      }
      if (!out.write(chunk)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
    }
  } finally {
    if (!out.destroyed) {
      out.end();
      await finished(out);
    }
  }
  return over || size > hardCap ? null : size;
}

async function reencodeImage(source: string, target: string, ext: string): Promise<void> {
  assertImageEndsCleanly(ext, await readFile(source));
  try {
    // sharp writes no EXIF, GPS, XMP or ICC unless asked: the output carries only pixels. rotate() bakes in the
    // EXIF orientation first, so stripping it does not turn photos sideways.
    let pipeline = sharp(source, { limitInputPixels: 50_000_000 })
      .rotate()
      .resize({ width: IMAGE_MAX_SIDE, height: IMAGE_MAX_SIDE, fit: 'inside', withoutEnlargement: true });
    pipeline =
      ext === 'png'
        ? pipeline.png({ compressionLevel: 9 })
        : ext === 'webp'
          ? pipeline.webp({ quality: 85 })
          : pipeline.jpeg({ quality: 85, mozjpeg: true });
    await pipeline.toFile(target);
  } catch {
    throw new FileRefused('This image could not be read; it may be damaged.');
  }
}

async function headAndTail(path: string, size: number): Promise<{ head: Buffer; tail: Buffer }> {
  const handle = await open(path);
  try {
    const head = Buffer.alloc(Math.min(1024, size));
    await handle.read(head, 0, head.length, 0);
    const tail = Buffer.alloc(Math.min(2048, size));
    await handle.read(tail, 0, tail.length, size - tail.length);
    return { head, tail };
  } finally {
    await handle.close();
  }
}
