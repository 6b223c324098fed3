/**
 * What an uploaded file really is, judged by its bytes (never its name): magic bytes via file-type, then the
 * structure of each accepted format, so a file that only starts like an image (a PNG with a script appended, a
 * truncated GLB) is refused rather than stored.
 */
import type { UploadKind } from '../../shared/booth-editor';

/** A refusal the uploader reads: what the file is and what was expected. */
export class FileRefused extends Error {
  override name = 'FileRefused';
}

export interface Detected {
  ext: string;
  mime: string;
}

/** The formats each upload kind accepts: detected extension → the extension and type we store and serve. */
export const ACCEPTED: Record<UploadKind, Record<string, { ext: string; mime: string }>> = {
  image: {
    png: { ext: 'png', mime: 'image/png' },
    jpg: { ext: 'jpg', mime: 'image/jpeg' },
    webp: { ext: 'webp', mime: 'image/webp' },
  },
  video: {
    mp4: { ext: 'mp4', mime: 'video/mp4' },
    webm: { ext: 'webm', mime: 'video/webm' },
  },
  model: { glb: { ext: 'glb', mime: 'model/gltf-binary' } },
  document: { pdf: { ext: 'pdf', mime: 'application/pdf' } },
};

const EXPECTED: Record<UploadKind, string> = {
  image: 'an image (PNG, JPEG or WebP)',
  video: 'a video (MP4 or WebM)',
  model: 'a 3D model (binary glTF, .glb)',
  document: 'a PDF document',
};

/** Words for what a refused file turned out to be. */
export function describeDetected(detected: Detected | undefined): string {
  if (!detected) return 'a file of a type we could not recognise';
  switch (detected.ext) {
    case 'exe':
      return 'a Windows program (.exe)';
    case 'elf':
      return 'a Linux program (ELF)';
    case 'macho':
      return 'a macOS program';
    case 'sh':
      return 'a shell script';
    case 'zip':
      return 'a ZIP archive';
    default:
      return `a ${detected.ext.toUpperCase()} file (${detected.mime})`;
  }
}

/** Checks the detected type against the kind; returns what to store it as, or throws FileRefused. */
export function acceptType(kind: UploadKind, detected: Detected | undefined): { ext: string; mime: string } {
  const accepted = detected ? ACCEPTED[kind][detected.ext] : undefined;
  if (!accepted) throw new FileRefused(`This file is ${describeDetected(detected)}, not ${EXPECTED[kind]}.`);
  return accepted;
}

/** Refuses bytes after the end of the image (a script or archive hidden behind a valid picture). */
export function assertImageEndsCleanly(ext: string, data: Buffer): void {
  const end = ext === 'png' ? pngEnd(data) : ext === 'jpg' ? jpegEnd(data) : webpEnd(data);
  if (end === null) throw new FileRefused('This image is damaged or incomplete.');
  const rest = data.subarray(end);
  if (rest.some((b) => b !== 0)) {
    throw new FileRefused(
      `This image has ${rest.length} bytes of other data after the picture; save it again from an image editor.`,
    );
  }
}

function pngEnd(d: Buffer): number | null {
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  if (d.length < 8 || !d.subarray(0, 8).equals(signature)) return null;
  let pos = 8;
  while (pos + 12 <= d.length) {
    const length = d.readUInt32BE(pos);
    const type = d.toString('latin1', pos + 4, pos + 8);
    pos += 12 + length;
    if (pos > d.length) return null;
    if (type === 'IEND') return pos;
  }
  return null;
}

function jpegEnd(d: Buffer): number | null {
  if (d.length < 4 || d[0] !== 0xff || d[1] !== 0xd8) return null;
  let pos = 2;
  while (pos < d.length) {
    if (d[pos] !== 0xff) return null;
    while (d[pos] === 0xff) pos++; // fill bytes
    const marker = d[pos++];
    if (marker === undefined) return null;
    if (marker === 0xd9) return pos;
    if ((marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) continue;
    if (pos + 2 > d.length) return null;
    const length = d.readUInt16BE(pos);
    pos += length;
    if (marker === 0xda) {
      // Entropy-coded data runs until a marker that is not stuffing (FF00) or a restart (FFD0–FFD7).
      while (pos + 1 < d.length) {
        if (d[pos] === 0xff) {
          const next = d[pos + 1]!;
          if (next !== 0x00 && !(next >= 0xd0 && next <= 0xd7) && next !== 0xff) break;
        }
        pos++;
      }
    }
  }
  return null;
}

function webpEnd(d: Buffer): number | null {
  if (d.length < 12 || d.toString('latin1', 0, 4) !== 'RIFF' || d.toString('latin1', 8, 12) !== 'WEBP') return null;
  const end = 8 + d.readUInt32LE(4);
  return end <= d.length ? end : null;
}

/** A PDF starts with %PDF- and ends (give or take a newline) with %%EOF. */
export function assertPdf(head: Buffer, tail: Buffer): void {
  if (!head.toString('latin1', 0, 5).startsWith('%PDF-')) throw new FileRefused('This file is not a PDF document.');
  if (!tail.toString('latin1').includes('%%EOF')) throw new FileRefused('This PDF is incomplete (it has no end).');
}

const GLB_MAGIC = 0x46546c67; // 'glTF'
const CHUNK_JSON = 0x4e4f534a;
const CHUNK_BIN = 0x004e4942;

/**
 * Validates a binary glTF 2.0 file: header, chunk table, a JSON chunk that parses as a glTF asset, and buffer views
 * that stay inside the binary chunk. External references are refused: a booth model must be one self-contained file.
 */
export function assertGlb(d: Buffer): void {
  const broken = (why: string) => new FileRefused(`This 3D model is not a valid .glb file: ${why}.`);
  if (d.length < 20 || d.readUInt32LE(0) !== GLB_MAGIC) throw broken('it does not start with the glTF header');
  if (d.readUInt32LE(4) !== 2) throw broken('only glTF version 2 is supported');
  if (d.readUInt32LE(8) !== d.length) throw broken('its length does not match its header (truncated?)');
  const jsonLength = d.readUInt32LE(12);
  if (d.readUInt32LE(16) !== CHUNK_JSON) throw broken('its first chunk is not JSON');
  if (20 + jsonLength > d.length) throw broken('its JSON chunk runs past the end');
  let gltf: {
    asset?: { version?: unknown };
    buffers?: { uri?: unknown; byteLength?: unknown }[];
    bufferViews?: { buffer?: unknown; byteOffset?: unknown; byteLength?: unknown }[];
    images?: { uri?: unknown }[];
  };
  try {
    gltf = JSON.parse(d.toString('utf8', 20, 20 + jsonLength));
  } catch {
    throw broken('its JSON chunk does not parse');
  }
  if (typeof gltf !== 'object' || gltf === null || typeof gltf.asset?.version !== 'string') {
    throw broken('it has no asset version');
  }
  if (!gltf.asset.version.startsWith('2.')) throw broken('only glTF version 2 is supported');

  let pos = 20 + jsonLength;
  let binLength = 0;
  if (pos + 8 <= d.length) {
    const length = d.readUInt32LE(pos);
    if (d.readUInt32LE(pos + 4) !== CHUNK_BIN) throw broken('its second chunk is not binary data');
    if (pos + 8 + length > d.length) throw broken('its binary chunk runs past the end');
    binLength = length;
    pos += 8 + length;
  }
  const external = [...(gltf.buffers ?? []), ...(gltf.images ?? [])].some(
    (r) => typeof r.uri === 'string' && !r.uri.startsWith('data:'),
  );
  if (external) throw broken('it refers to outside files; export it as a single self-contained .glb');
  const buffers = gltf.buffers ?? [];
  for (const view of gltf.bufferViews ?? []) {
    const buffer = buffers[Number(view.buffer)];
    const end = Number(view.byteOffset ?? 0) + Number(view.byteLength);
    if (!buffer || !Number.isFinite(end) || end > Number(buffer.byteLength))
      throw broken('a buffer view is out of range');
    if (buffer.uri === undefined && end > binLength) throw broken('a buffer view runs past the binary data');
  }
}
