/**
 * Where uploaded files live. The interface is what the upload service needs; the local disk version keeps files
 * under DATA_DIR/uploads and serves them itself. Another backend (object storage) would implement the same.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import express, { type RequestHandler } from 'express';
import { UPLOAD_PATH } from '../../shared/booth-editor';

export interface UploadStorage {
  /** A fresh scratch path for a file being received or processed; the caller removes it on failure. */
  scratchPath(): Promise<string>;
  /** Moves a finished file into storage as `name`; readers see the whole file or nothing. */
  putFile(name: string, sourcePath: string): Promise<void>;
  delete(name: string): Promise<void>;
  /** Names of stored files (tests check nothing half-written stays). */
  list(): Promise<string[]>;
  /** Serves stored files at the mount point (mounted at /uploads). */
  serve(): RequestHandler;
  /** Reads a stored file (the hall's logo sheet combines stored logos). */
  read?(name: string): Promise<Buffer>;
  /** When a stored file was written, or null if there is no such file (the orphan sweep ages unrecorded files). */
  storedAt?(name: string): Promise<Date | null>;
}

const CONTENT_TYPES: Record<string, string> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  webp: 'image/webp',
  mp4: 'video/mp4',
  webm: 'video/webm',
  glb: 'model/gltf-binary',
  pdf: 'application/pdf',
};

/** Files under `root`; scratch files in a sibling folder on the same disk, so putting one is an atomic rename. */
export function localDiskStorage(root: string): UploadStorage {
  const scratch = `${root}-incoming`;
  const ready = Promise.all([mkdir(root, { recursive: true }), mkdir(scratch, { recursive: true })]);
  const inRoot = (name: string) => {
    if (!UPLOAD_PATH.test(`/uploads/${name}`)) throw new Error(`Not a stored upload name: ${name}`);
    return path.join(root, name);
  };
  return {
    async scratchPath() {
      await ready;
      return path.join(scratch, randomBytes(16).toString('hex'));
    },
    async putFile(name, sourcePath) {
      await ready;
      await rename(sourcePath, inRoot(name));
    },
    async delete(name) {
      await rm(inRoot(name), { force: true });
    },
    async list() {
      await ready;
      return (await readdir(root)).sort();
    },
    async read(name) {
      return readFile(inRoot(name));
    },
    async storedAt(name) {
      // Anything else in the folder is not ours to age or delete.
      if (!UPLOAD_PATH.test(`/uploads/${name}`)) return null;
      try {
        return (await stat(inRoot(name))).mtime;
      } catch {
        return null;
      }
    },
    serve() {
      const files = express.static(root, {
        dotfiles: 'deny',
        index: false,
        fallthrough: false,
        redirect: false,
        // Stored names are random and never reused: cache them for a year.
        immutable: true,
        maxAge: '1y',
        setHeaders: (res, filePath) => {
          const type = CONTENT_TYPES[path.extname(filePath).slice(1)];
          if (type) res.setHeader('Content-Type', type);
          res.setHeader('X-Content-Type-Options', 'nosniff');
        },
      });
      return (req, res, next) => {
        // Only names we could have stored; anything else (../, odd names) is simply not found.
        if (!UPLOAD_PATH.test(`/uploads${req.path}`)) {
          res.status(404).json({ error: { code: 'NOT_FOUND', message: 'Not found.' } });
          return;
        }
        files(req, res, next);
      };
    },
  };
}
