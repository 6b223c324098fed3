/**
 * Makes every media file that assets/demo-expo/expo.json refers to: logos, posters, PDF brochures, GLB models and
 * WebM videos (with their preview frames). Run with `npx tsx scripts/make-assets.ts`.
 *
 * Everything is drawn from the JSON and from code, so the output is the same on every run. Videos need Debian's
 * ffmpeg; without it, existing videos are kept and only missing ones are reported. Files in the generated folders
 * that the JSON no longer refers to are removed.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Document, NodeIO } from '@gltf-transform/core';
import PDFDocument from 'pdfkit';
import sharp from 'sharp';
import { DemoExpo, type DemoExpo as DemoExpoData } from '../server/seed/demo-expo-schema';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const ASSETS = join(ROOT, 'assets');
const EXPO_DIR = join(ASSETS, 'demo-expo');
const MEDIA_PREFIX = '/media/';

const NAVY = '#0B1F3A';
const TEAL = '#1FA39A';
const OFF_WHITE = '#F5F1E8';
const CORAL = '#FF6B5A';
/** System fonts (Debian fonts-noto-cjk, fonts-dejavu); video frames are drawn as SVG too, so one stack serves all. */
const SANS = "'Noto Sans CJK JP', 'DejaVu Sans', sans-serif";

type Booth = DemoExpoData['booths'][number];
type Rgb = readonly [number, number, number];

// ---------------------------------------------------------------------------------------------------------------
// Small helpers

function hexToRgb(hex: string): Rgb {
  return [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16) / 255) as unknown as Rgb;
}

function srgbToLinear(v: number): number {
  return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
}

function luminance(hex: string): number {
  const [r, g, b] = hexToRgb(hex).map(srgbToLinear) as unknown as Rgb;
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** The text colour (off-white or navy) that reads better on a background. */
function inkOn(background: string): string {
  return contrast(background, OFF_WHITE) >= contrast(background, NAVY) ? OFF_WHITE : NAVY;
}

/** Mixes a colour towards another; t = 0 keeps a, t = 1 gives b. */
function mix(a: string, b: string, t: number): string {
  const ca = hexToRgb(a);
  const cb = hexToRgb(b);
  const out = ca.map((v, i) => Math.round((v + ((cb[i] ?? 0) - v) * t) * 255));
  return `#${out.map((v) => v.toString(16).padStart(2, '0')).join('')}`;
}

function xml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** A stable small number from a string, so each organisation gets the same shape on every run. */
function hash(text: string): number {
  let h = 2166136261;
  for (const ch of text) h = Math.imul(h ^ (ch.codePointAt(0) ?? 0), 16777619);
  return h >>> 0;
}

/** Rough advance width in em, good enough to wrap lines for SVG (which cannot wrap by itself). */
function charWidth(ch: string): number {
  const code = ch.codePointAt(0) ?? 0;
  if (code >= 0x2e80) return 1;
  if (ch === ' ') return 0.28;
  if (/[il.,'’:;|!]/.test(ch)) return 0.28;
  if (/[A-Z&@%]/.test(ch)) return 0.68;
  if (/[mw]/.test(ch)) return 0.85;
  return 0.56;
}

function textWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += charWidth(ch);
  return w;
}

const NO_LINE_START = '、。，．・ー）」』！？：%';

/** Wraps text to lines no wider than maxEm: at spaces for Latin text, between characters for Japanese. */
function wrap(text: string, maxEm: number): string[] {
  const cjk = /[\u3000-\u9fff]/.test(text);
  const units = cjk ? [...text] : text.split(/(?<= )/);
  const lines: string[] = [];
  let line = '';
  for (const unit of units) {
    const candidate = line + unit;
    if (line && textWidth(candidate.trimEnd()) > maxEm && !(cjk && NO_LINE_START.includes(unit))) {
      lines.push(line.trimEnd());
      line = unit.trimStart();
    } else {
      line = candidate;
    }
  }
  if (line.trim()) lines.push(line.trimEnd());
  return lines;
}

function textLines(
  lines: string[],
  x: number,
  y: number,
  size: number,
  lineHeight: number,
  fill: string,
  weight = 400,
  anchor = 'start',
): string {
  return lines
    .map(
      (l, i) =>
        `<text x="${x}" y="${y + i * lineHeight}" font-family="${SANS}" font-size="${size}" font-weight="${weight}" fill="${fill}" text-anchor="${anchor}">${xml(l)}</text>`,
    )
    .join('');
}

/** Two letters that stand for a name: "Minato Hydrogen Works" → MH, "VoltDock" → VD. */
function initials(name: string): string {
  const words = name.split(/[\s-]+/).filter((w) => /^[A-Z0-9]/.test(w));
  if (words.length >= 2) return (words[0]!.charAt(0) + words[1]!.charAt(0)).toUpperCase();
  const caps = (words[0] ?? name).match(/[A-Z0-9]/g) ?? [];
  if (caps.length >= 2) return caps.slice(0, 2).join('');
  return (words[0] ?? name).slice(0, 2).toUpperCase();
}

function mediaPath(url: string): string {
  return join(ASSETS, url.slice(MEDIA_PREFIX.length));
}

function ensureDir(file: string): void {
  mkdirSync(dirname(file), { recursive: true });
}

// ---------------------------------------------------------------------------------------------------------------
// Logos

/** The brand monogram as an SVG fragment inside a size×size box at the origin. */
function monogram(name: string, color: string, size: number): string {
  const ink = inkOn(color);
  const s = size;
  const shapes = [
    `<circle cx="${s / 2}" cy="${s / 2}" r="${s * 0.46}" fill="${color}"/>`,
    `<rect x="${s * 0.05}" y="${s * 0.05}" width="${s * 0.9}" height="${s * 0.9}" rx="${s * 0.2}" fill="${color}"/>`,
    `<polygon points="${[0, 1, 2, 3, 4, 5]
      .map((i) => {
        const a = (Math.PI / 3) * i + Math.PI / 6;
        return `${(s / 2 + Math.cos(a) * s * 0.48).toFixed(2)},${(s / 2 + Math.sin(a) * s * 0.48).toFixed(2)}`;
      })
      .join(' ')}" fill="${color}"/>`,
    `<path d="M${s * 0.05} ${s * 0.5} A${s * 0.45} ${s * 0.45} 0 0 1 ${s * 0.5} ${s * 0.05} H${s * 0.95} V${s * 0.5} A${s * 0.45} ${s * 0.45} 0 0 1 ${s * 0.5} ${s * 0.95} H${s * 0.05} Z" fill="${color}"/>`,
  ];
  const shape = shapes[hash(name) % shapes.length];
  const letters = initials(name);
  // A thin wave under the letters ties every logo to the harbour theme without making them all look alike.
  const wave = `<path d="M${s * 0.27} ${s * 0.7} q${s * 0.06} ${-s * 0.05} ${s * 0.115} 0 t${s * 0.115} 0 t${s * 0.115} 0 t${s * 0.115} 0" fill="none" stroke="${ink}" stroke-opacity="0.7" stroke-width="${s * 0.025}" stroke-linecap="round"/>`;
  return `${shape}<text x="${s / 2}" y="${s * 0.6}" font-family="${SANS}" font-size="${s * 0.34}" font-weight="700" fill="${ink}" text-anchor="middle" letter-spacing="${s * 0.005}">${xml(letters)}</text>${wave}`;
}

async function makeLogo(booth: Booth, file: string): Promise<void> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="256" height="256" viewBox="0 0 256 256">${monogram(booth.name.en, booth.brandColor, 256)}</svg>`;
  await writePng(svg, file);
}

async function writePng(svg: string, file: string): Promise<void> {
  ensureDir(file);
  const png = await sharp(Buffer.from(svg)).png({ compressionLevel: 9, palette: false }).toBuffer();
  writeFileSync(file, png);
}

// ---------------------------------------------------------------------------------------------------------------
// Posters

/** Calm shapes for the poster header, one motif per zone so a hall of posters looks related but not repeated. */
function motif(zone: string, color: string, w: number, h: number, seed: number): string {
  const light = mix(color, '#FFFFFF', 0.35);
  const dark = mix(color, '#000000', 0.25);
  const out: string[] = [];
  switch (zone) {
    case 'decarbonisation-energy': {
      out.push(`<circle cx="${w * 0.78}" cy="${h * 0.42}" r="${h * 0.26}" fill="${light}" fill-opacity="0.55"/>`);
      for (let i = 0; i < 4; i++) {
        const y = h * (0.62 + i * 0.1);
        out.push(
          `<path d="M0 ${y} C ${w * 0.25} ${y - 30}, ${w * 0.5} ${y + 30}, ${w * 0.75} ${y} S ${w} ${y - 20}, ${w} ${y}" fill="none" stroke="${OFF_WHITE}" stroke-opacity="${0.5 - i * 0.1}" stroke-width="6"/>`,
        );
      }
      break;
    }
    case 'smart-mobility': {
      for (let i = 0; i < 7; i++) {
        const x = -h + i * (w / 4) + (seed % 40);
        out.push(
          `<line x1="${x}" y1="${h}" x2="${x + h}" y2="0" stroke="${i % 2 ? light : dark}" stroke-opacity="0.45" stroke-width="${18 + (i % 3) * 10}"/>`,
        );
      }
      out.push(
        `<circle cx="${w * 0.22}" cy="${h * 0.35}" r="14" fill="${OFF_WHITE}"/><circle cx="${w * 0.8}" cy="${h * 0.7}" r="14" fill="${OFF_WHITE}"/><path d="M${w * 0.22} ${h * 0.35} C ${w * 0.5} ${h * 0.2}, ${w * 0.5} ${h * 0.85}, ${w * 0.8} ${h * 0.7}" fill="none" stroke="${OFF_WHITE}" stroke-width="5" stroke-dasharray="14 12"/>`,
      );
      break;
    }
    case 'life-science': {
      for (let i = 0; i < 9; i++) {
        const cx = ((seed >>> i) % 100) / 100;
        const cy = ((seed >>> (i + 3)) % 100) / 100;
        const r = 30 + ((seed >>> (i + 5)) % 70);
        out.push(
          `<circle cx="${w * (0.1 + cx * 0.8)}" cy="${h * (0.15 + cy * 0.7)}" r="${r}" fill="${i % 2 ? light : OFF_WHITE}" fill-opacity="${0.18 + (i % 3) * 0.08}"/>`,
        );
      }
      break;
    }
    default: {
      for (let gx = 0; gx < 12; gx++) {
        for (let gy = 0; gy < 8; gy++) {
          const on = (hash(`${seed}:${gx}:${gy}`) & 7) === 0;
          out.push(
            `<circle cx="${(gx + 0.5) * (w / 12)}" cy="${(gy + 0.5) * (h / 8)}" r="${on ? 9 : 4}" fill="${on ? OFF_WHITE : light}" fill-opacity="${on ? 0.9 : 0.6}"/>`,
          );
        }
      }
      out.push(
        `<rect x="${w * 0.58}" y="${h * 0.3}" width="${w * 0.3}" height="${h * 0.45}" rx="16" fill="none" stroke="${OFF_WHITE}" stroke-opacity="0.7" stroke-width="5"/>`,
      );
    }
  }
  return out.join('');
}

async function makePoster(booth: Booth, expo: DemoExpoData, file: string): Promise<void> {
  const W = 768;
  const H = 1024;
  const HEAD = 400;
  const color = booth.brandColor;
  const zone = expo.zones.find((z) => z.slug === booth.zone);
  const seed = hash(booth.slug);
  const pad = 64;
  const maxEm = (size: number) => (W - pad * 2) / size;

  const nameSize = textWidth(booth.name.en) * 54 > W - pad * 2 ? 44 : 54;
  const nameLines = wrap(booth.name.en, maxEm(nameSize));
  let y = HEAD + 120;
  const parts: string[] = [];
  parts.push(textLines(nameLines, pad, y, nameSize, nameSize * 1.15, NAVY, 700));
  y += (nameLines.length - 1) * nameSize * 1.15 + 52;
  parts.push(textLines(wrap(booth.name.ja ?? '', maxEm(30)), pad, y, 30, 38, mix(NAVY, OFF_WHITE, 0.25), 700));
  y += 40;
  parts.push(`<rect x="${pad}" y="${y}" width="96" height="8" rx="4" fill="${color}"/>`);
  y += 70;
  const headline = wrap(booth.tagline.en, maxEm(40));
  parts.push(textLines(headline, pad, y, 40, 50, NAVY, 700));
  y += (headline.length - 1) * 50 + 52;
  const headlineJa = wrap(booth.tagline.ja ?? '', maxEm(26));
  parts.push(textLines(headlineJa, pad, y, 26, 36, mix(NAVY, OFF_WHITE, 0.25)));
  y += (headlineJa.length - 1) * 36 + 60;
  const offers = booth.offers.slice(0, 2);
  if (offers.length > 0) {
    parts.push(textLines(['WE OFFER'], pad, y, 18, 24, mix(color, NAVY, 0.3), 700));
    y += 36;
    for (const offer of offers) {
      const lines = wrap(offer.en, maxEm(24) - 1.5);
      parts.push(`<circle cx="${pad + 7}" cy="${y - 8}" r="6" fill="${color}"/>`);
      parts.push(textLines(lines, pad + 28, y, 24, 32, NAVY));
      y += lines.length * 32 + 8;
    }
  }

  const footer = `<rect x="0" y="${H - 88}" width="${W}" height="88" fill="${NAVY}"/>
    <path d="M${pad} ${H - 44} q10 -8 20 0 t20 0 t20 0" fill="none" stroke="${TEAL}" stroke-width="4" stroke-linecap="round"/>
    ${textLines([expo.expo.name.en], pad + 78, H - 52, 20, 24, OFF_WHITE, 700)}
    ${textLines([`${zone?.name.en ?? ''} · 8–10 December 2026`], pad + 78, H - 24, 18, 24, mix(OFF_WHITE, NAVY, 0.3))}`;

  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}">
    <rect width="${W}" height="${H}" fill="${OFF_WHITE}"/>
    <rect width="${W}" height="${HEAD}" fill="${color}"/>
    ${motif(booth.zone, color, W, HEAD, seed)}
    <g transform="translate(${pad}, ${HEAD - 110})"><circle cx="70" cy="70" r="76" fill="${OFF_WHITE}"/><g transform="translate(6, 6)">${monogram(booth.name.en, color, 128)}</g></g>
    ${parts.join('')}
    ${footer}
  </svg>`;
  await writePng(svg, file);
}

// ---------------------------------------------------------------------------------------------------------------
// PDF brochures

/** PDF's standard fonts only know WinAnsi: swap the few characters outside it that the demo texts use. */
function winAnsi(text: string): string {
  return text.replace(/₂/g, '2').replace(/[^\n\x20-\x7e\u00a0-\u00ff’‘“”–—…·€]/g, '');
}

function makeBrochure(booth: Booth, expo: DemoExpoData, logoPng: Buffer, file: string): Promise<void> {
  const org = expo.organisations.find((o) => o.slug === booth.organisation);
  const zone = expo.zones.find((z) => z.slug === booth.zone);
  const fixedDate = new Date('2026-11-01T00:00:00Z');
  const doc = new PDFDocument({
    size: 'A4',
    margin: 56,
    info: {
      Title: `${booth.name.en} – ${expo.expo.name.en}`,
      Author: booth.name.en,
      Subject: booth.tagline.en,
      Creator: 'Minato Hall demo assets',
      Producer: 'pdfkit',
      CreationDate: fixedDate,
      ModDate: fixedDate,
    },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolveDone, reject) => {
    doc.on('end', () => {
      ensureDir(file);
      writeFileSync(file, Buffer.concat(chunks));
      resolveDone();
    });
    doc.on('error', reject);
  });

  const W = doc.page.width;
  const left = 56;
  const width = W - 112;
  doc.rect(0, 0, W, 150).fill(booth.brandColor);
  doc.circle(W - 56 - 48, 75, 56).fill(OFF_WHITE);
  doc.image(logoPng, W - 56 - 96, 27, { width: 96, height: 96 });
  const ink = inkOn(booth.brandColor);
  doc
    .fillColor(ink)
    .font('Helvetica-Bold')
    .fontSize(26)
    .text(winAnsi(booth.name.en), left, 48, { width: width - 120 });
  doc
    .font('Helvetica')
    .fontSize(13)
    .text(winAnsi(booth.tagline.en), left, doc.y + 6, { width: width - 120 });

  doc.fillColor(NAVY).font('Helvetica').fontSize(10);
  const facts = [
    org ? `${org.name} · ${org.city}, ${org.country} · ${org.kind}` : '',
    `${expo.expo.name.en} · ${zone?.name.en ?? ''}`,
  ].filter(Boolean);
  doc.text(winAnsi(facts.join('\n')), left, 175, { width, lineGap: 2 });

  const section = (title: string) => {
    doc.moveDown(1.2);
    doc.fillColor(booth.brandColor).font('Helvetica-Bold').fontSize(12).text(title.toUpperCase(), left, doc.y, {
      width,
      characterSpacing: 1,
    });
    doc.moveDown(0.3);
    doc.fillColor(NAVY).font('Helvetica').fontSize(11);
  };
  section('About us');
  doc.text(winAnsi(booth.description.en), { width, lineGap: 3 });
  if (booth.offers.length > 0) {
    section('What we offer');
    doc.list(
      booth.offers.map((o) => winAnsi(o.en)),
      { width, bulletRadius: 2.5, lineGap: 3 },
    );
  }
  if (booth.needs.length > 0) {
    section('What we are looking for');
    doc.list(
      booth.needs.map((n) => winAnsi(n.en)),
      { width, bulletRadius: 2.5, lineGap: 3 },
    );
  }
  section('Topics');
  doc.text(booth.tags.map((t) => `#${t}`).join('   '), { width });
  section('Meet us');
  doc.text(
    winAnsi(
      `Find us in the ${zone?.name.en ?? ''} zone. ${expo.expo.venue.en}. ` +
        'Book a meeting from our booth page, or leave a message and we will reply within one working day.',
    ),
    { width, lineGap: 3 },
  );
  if (org?.website) doc.moveDown(0.5).fillColor(TEAL).text(org.website, { width, link: org.website });

  const H = doc.page.height;
  // The footer sits inside the bottom margin; without this pdfkit would start a new page for it.
  doc.page.margins.bottom = 0;
  doc.rect(0, H - 40, W, 40).fill(NAVY);
  doc
    .fillColor(OFF_WHITE)
    .font('Helvetica')
    .fontSize(9)
    .text(`${winAnsi(expo.expo.name.en)} · 8–10 December 2026 · Demo content, fictional organisation`, left, H - 26, {
      width,
      lineBreak: false,
    });
  doc.end();
  return done;
}

// ---------------------------------------------------------------------------------------------------------------
// GLB models: simple primitives baked into one mesh per model, one primitive per material.

type Vec3 = [number, number, number];
type Step = { rx: number } | { ry: number } | { rz: number } | { t: Vec3 };

interface Part {
  positions: number[];
  normals: number[];
  indices: number[];
}

interface MaterialSpec {
  color: string;
  metallic: number;
  roughness: number;
  emissive?: string;
}

function rotate(v: Vec3, axis: 'x' | 'y' | 'z', a: number): Vec3 {
  const c = Math.cos(a);
  const s = Math.sin(a);
  const [x, y, z] = v;
  if (axis === 'x') return [x, y * c - z * s, y * s + z * c];
  if (axis === 'y') return [x * c + z * s, y, -x * s + z * c];
  return [x * c - y * s, x * s + y * c, z];
}

function transform(part: Part, steps: Step[]): Part {
  const positions: number[] = [];
  const normals: number[] = [];
  for (let i = 0; i < part.positions.length; i += 3) {
    let p: Vec3 = [part.positions[i]!, part.positions[i + 1]!, part.positions[i + 2]!];
    let n: Vec3 = [part.normals[i]!, part.normals[i + 1]!, part.normals[i + 2]!];
    for (const step of steps) {
      if ('t' in step) p = [p[0] + step.t[0], p[1] + step.t[1], p[2] + step.t[2]];
      else {
        const [axis, a] =
          'rx' in step
            ? (['x', step.rx] as const)
            : 'ry' in step
              ? (['y', step.ry] as const)
              : (['z', step.rz] as const);
        p = rotate(p, axis, a);
        n = rotate(n, axis, a);
      }
    }
    positions.push(...p);
    normals.push(...n);
  }
  return { positions, normals, indices: part.indices };
}

function box(w: number, h: number, d: number): Part {
  const part: Part = { positions: [], normals: [], indices: [] };
  const faces: { n: Vec3; u: Vec3; v: Vec3 }[] = [
    { n: [1, 0, 0], u: [0, 0, -1], v: [0, 1, 0] },
    { n: [-1, 0, 0], u: [0, 0, 1], v: [0, 1, 0] },
    { n: [0, 1, 0], u: [1, 0, 0], v: [0, 0, -1] },
    { n: [0, -1, 0], u: [1, 0, 0], v: [0, 0, 1] },
    { n: [0, 0, 1], u: [1, 0, 0], v: [0, 1, 0] },
    { n: [0, 0, -1], u: [-1, 0, 0], v: [0, 1, 0] },
  ];
  const half: Vec3 = [w / 2, h / 2, d / 2];
  for (const f of faces) {
    const base = part.positions.length / 3;
    for (const [su, sv] of [
      [-1, -1],
      [1, -1],
      [1, 1],
      [-1, 1],
    ] as const) {
      for (let k = 0; k < 3; k++) part.positions.push((f.n[k]! + f.u[k]! * su + f.v[k]! * sv) * half[k]!);
      part.normals.push(...f.n);
    }
    part.indices.push(base, base + 1, base + 2, base, base + 2, base + 3);
  }
  return part;
}

/** A cylinder or cone frustum along +Y, centred on the origin, with flat caps. */
function cylinder(rTop: number, rBottom: number, h: number, segments = 24, caps = true): Part {
  const part: Part = { positions: [], normals: [], indices: [] };
  const slope = (rBottom - rTop) / h;
  for (let i = 0; i <= segments; i++) {
    const a = (i / segments) * Math.PI * 2;
    const c = Math.cos(a);
    const s = Math.sin(a);
    const len = Math.hypot(1, slope);
    for (const [r, y] of [
      [rBottom, -h / 2],
      [rTop, h / 2],
    ] as const) {
      part.positions.push(r * c, y, r * s);
      part.normals.push(c / len, slope / len, s / len);
    }
  }
  for (let i = 0; i < segments; i++) {
    const a = i * 2;
    part.indices.push(a, a + 1, a + 3, a, a + 3, a + 2);
  }
  if (caps) {
    for (const [r, y, ny] of [
      [rTop, h / 2, 1],
      [rBottom, -h / 2, -1],
    ] as const) {
      if (r <= 0) continue;
      const centre = part.positions.length / 3;
      part.positions.push(0, y, 0);
      part.normals.push(0, ny, 0);
      for (let i = 0; i <= segments; i++) {
        const a = (i / segments) * Math.PI * 2;
        part.positions.push(r * Math.cos(a), y, r * Math.sin(a));
        part.normals.push(0, ny, 0);
      }
      for (let i = 0; i < segments; i++) {
        if (ny > 0) part.indices.push(centre, centre + i + 2, centre + i + 1);
        else part.indices.push(centre, centre + i + 1, centre + i + 2);
      }
    }
  }
  return part;
}

/** A sphere, or part of one: thetaEnd = π/2 gives the upper hemisphere. */
function sphere(r: number, widthSegments = 24, heightSegments = 12, thetaEnd = Math.PI): Part {
  const part: Part = { positions: [], normals: [], indices: [] };
  for (let iy = 0; iy <= heightSegments; iy++) {
    const theta = (iy / heightSegments) * thetaEnd;
    for (let ix = 0; ix <= widthSegments; ix++) {
      const phi = (ix / widthSegments) * Math.PI * 2;
      const n: Vec3 = [Math.sin(theta) * Math.cos(phi), Math.cos(theta), Math.sin(theta) * Math.sin(phi)];
      part.positions.push(n[0] * r, n[1] * r, n[2] * r);
      part.normals.push(...n);
    }
  }
  const row = widthSegments + 1;
  for (let iy = 0; iy < heightSegments; iy++) {
    for (let ix = 0; ix < widthSegments; ix++) {
      const a = iy * row + ix;
      part.indices.push(a, a + 1, a + row, a + 1, a + row + 1, a + row);
    }
  }
  return part;
}

/** A torus in the XZ plane (ring around +Y); arc < 2π gives an open bend, e.g. a hanging cable. */
function torus(R: number, r: number, radial = 10, tubular = 32, arc = Math.PI * 2): Part {
  const part: Part = { positions: [], normals: [], indices: [] };
  for (let j = 0; j <= radial; j++) {
    const v = (j / radial) * Math.PI * 2;
    for (let i = 0; i <= tubular; i++) {
      const u = (i / tubular) * arc;
      const n: Vec3 = [Math.cos(v) * Math.cos(u), Math.sin(v), Math.cos(v) * Math.sin(u)];
      part.positions.push((R + r * Math.cos(v)) * Math.cos(u), r * Math.sin(v), (R + r * Math.cos(v)) * Math.sin(u));
      part.normals.push(...n);
    }
  }
  for (let j = 0; j < radial; j++) {
    for (let i = 0; i < tubular; i++) {
      const a = j * (tubular + 1) + i;
      const b = a + tubular + 1;
      part.indices.push(a, b, a + 1, b, b + 1, a + 1);
    }
  }
  return part;
}

class ModelBuilder {
  private readonly parts = new Map<string, Part[]>();
  constructor(readonly materials: Record<string, MaterialSpec>) {}

  add(material: string, part: Part, steps: Step[] = []): this {
    if (!this.materials[material]) throw new Error(`unknown material ${material}`);
    const list = this.parts.get(material) ?? [];
    list.push(transform(part, steps));
    this.parts.set(material, list);
    return this;
  }

  build(name: string): Document {
    const doc = new Document();
    doc.getRoot().getAsset().generator = 'Minato Hall make-assets';
    const buffer = doc.createBuffer();
    const mesh = doc.createMesh(name);
    for (const [materialName, list] of this.parts) {
      const spec = this.materials[materialName]!;
      const positions: number[] = [];
      const normals: number[] = [];
      const indices: number[] = [];
      for (const part of list) {
        const offset = positions.length / 3;
        positions.push(...part.positions);
        normals.push(...part.normals);
        indices.push(...part.indices.map((i) => i + offset));
      }
      const [r, g, b] = hexToRgb(spec.color).map(srgbToLinear) as unknown as Rgb;
      const material = doc
        .createMaterial(materialName)
        .setBaseColorFactor([r, g, b, 1])
        .setMetallicFactor(spec.metallic)
        .setRoughnessFactor(spec.roughness);
      if (spec.emissive)
        material.setEmissiveFactor(hexToRgb(spec.emissive).map(srgbToLinear) as unknown as Rgb as Vec3);
      const IndexArray = positions.length / 3 > 65535 ? Uint32Array : Uint16Array;
      const primitive = doc
        .createPrimitive()
        .setMaterial(material)
        .setAttribute(
          'POSITION',
          doc.createAccessor().setType('VEC3').setArray(new Float32Array(positions)).setBuffer(buffer),
        )
        .setAttribute(
          'NORMAL',
          doc.createAccessor().setType('VEC3').setArray(new Float32Array(normals)).setBuffer(buffer),
        )
        .setIndices(doc.createAccessor().setType('SCALAR').setArray(new IndexArray(indices)).setBuffer(buffer));
      mesh.addPrimitive(primitive);
    }
    const node = doc.createNode(name).setMesh(mesh);
    doc.createScene(name).addChild(node);
    doc.getRoot().setDefaultScene(doc.getRoot().listScenes()[0]!);
    return doc;
  }
}

const MATERIALS: Record<string, MaterialSpec> = {
  shell: { color: '#ECE8DF', metallic: 0.1, roughness: 0.55 },
  steel: { color: '#8D959E', metallic: 0.85, roughness: 0.35 },
  dark: { color: '#2B3440', metallic: 0.2, roughness: 0.6 },
  teal: { color: TEAL, metallic: 0.1, roughness: 0.45 },
  navy: { color: NAVY, metallic: 0.3, roughness: 0.3 },
  coral: { color: CORAL, metallic: 0, roughness: 0.5, emissive: '#5A1A12' },
  screen: { color: '#10324F', metallic: 0.2, roughness: 0.15, emissive: '#0B3A4A' },
  solar: { color: '#1C2E4A', metallic: 0.4, roughness: 0.2 },
  kraft: { color: '#C8A165', metallic: 0, roughness: 0.8 },
};

const TAU = Math.PI * 2;

/** Each model stands on y = 0 with its base centred on the origin, +Y up, in metres. */
const MODEL_BUILDERS: Record<string, () => Document> = {
  'hydrogen-tank': () => {
    const m = new ModelBuilder(MATERIALS);
    const r = 0.34;
    const bottom = 0.44;
    const top = 0.94;
    m.add('steel', box(0.9, 0.06, 0.9), [{ t: [0, 0.03, 0] }]);
    for (const [x, z] of [
      [0.2, 0.2],
      [-0.2, 0.2],
      [0.2, -0.2],
      [-0.2, -0.2],
    ] as const) {
      m.add('steel', cylinder(0.025, 0.025, 0.2, 10), [{ t: [x, 0.16, z] }]);
    }
    m.add('shell', cylinder(r, r, top - bottom, 40, false), [{ t: [0, (top + bottom) / 2, 0] }]);
    m.add('shell', sphere(r, 40, 10, Math.PI / 2), [{ t: [0, top, 0] }]);
    m.add('shell', sphere(r, 40, 10, Math.PI / 2), [{ rx: Math.PI }, { t: [0, bottom, 0] }]);
    m.add('teal', cylinder(r + 0.005, r + 0.005, 0.08, 40, false), [{ t: [0, 0.8, 0] }]);
    m.add('navy', cylinder(r + 0.005, r + 0.005, 0.025, 40, false), [{ t: [0, 0.72, 0] }]);
    m.add('steel', cylinder(0.035, 0.035, 0.12, 12), [{ t: [0, top + r, 0] }]);
    m.add('coral', torus(0.06, 0.01, 8, 24), [{ t: [0, top + r + 0.07, 0] }]);
    m.add('steel', cylinder(0.012, 0.012, 0.12, 8), [{ rz: Math.PI / 2 }, { t: [0, top + r + 0.07, 0] }]);
    return m.build('hydrogen-tank');
  },
  'wind-turbine': () => {
    const m = new ModelBuilder(MATERIALS);
    m.add('steel', cylinder(0.2, 0.22, 0.04, 32), [{ t: [0, 0.02, 0] }]);
    m.add('shell', cylinder(0.03, 0.055, 1.0, 24, false), [{ t: [0, 0.54, 0] }]);
    m.add('teal', cylinder(0.056, 0.058, 0.06, 24, false), [{ t: [0, 0.1, 0] }]);
    m.add('shell', box(0.09, 0.08, 0.22), [{ t: [0, 1.07, -0.02] }]);
    m.add('shell', sphere(0.045, 16, 8), [{ t: [0, 1.07, 0.11] }]);
    for (let i = 0; i < 3; i++) {
      // Blades taper from root to tip; the slight twist makes them read as blades rather than sticks.
      m.add('shell', cylinder(0.008, 0.03, 0.4, 6), [
        { ry: 0.3 },
        { t: [0, 0.22, 0] },
        { rz: (i * TAU) / 3 },
        { t: [0, 1.07, 0.13] },
      ]);
    }
    m.add('teal', box(0.092, 0.012, 0.16), [{ t: [0, 1.09, -0.03] }]);
    return m.build('wind-turbine');
  },
  'ev-charger': () => {
    const m = new ModelBuilder(MATERIALS);
    m.add('dark', box(0.5, 0.05, 0.36), [{ t: [0, 0.025, 0] }]);
    m.add('shell', box(0.4, 1.15, 0.26), [{ t: [0, 0.625, 0] }]);
    m.add('shell', cylinder(0.13, 0.13, 0.4, 24, true), [{ rz: Math.PI / 2 }, { t: [0, 1.2, 0] }]);
    m.add('screen', box(0.26, 0.18, 0.01), [{ t: [0, 1.0, 0.131] }]);
    m.add('teal', box(0.4, 0.04, 0.262), [{ t: [0, 0.78, 0] }]);
    m.add('coral', box(0.06, 0.015, 0.01), [{ t: [0, 1.13, 0.131] }]);
    m.add('dark', box(0.08, 0.14, 0.08), [{ t: [0.24, 0.8, 0.02] }]);
    m.add('dark', torus(0.18, 0.018, 8, 28, Math.PI), [
      { rx: -Math.PI / 2 },
      { rz: Math.PI / 2 },
      { t: [0.24, 0.55, 0.02] },
    ]);
    return m.build('ev-charger');
  },
  'delivery-drone': () => {
    const m = new ModelBuilder(MATERIALS);
    for (const x of [-0.14, 0.14]) {
      m.add('dark', cylinder(0.01, 0.01, 0.42, 8), [{ rx: Math.PI / 2 }, { t: [x, 0.01, 0] }]);
      for (const z of [-0.12, 0.12]) m.add('dark', cylinder(0.008, 0.008, 0.28, 8), [{ t: [x, 0.15, z] }]);
    }
    m.add('kraft', box(0.2, 0.14, 0.2), [{ t: [0, 0.14, 0] }]);
    m.add('teal', box(0.202, 0.02, 0.202), [{ t: [0, 0.17, 0] }]);
    m.add('shell', cylinder(0.12, 0.14, 0.08, 32), [{ t: [0, 0.33, 0] }]);
    m.add('shell', sphere(0.12, 32, 8, Math.PI / 2), [{ t: [0, 0.37, 0] }]);
    m.add('coral', box(0.04, 0.012, 0.01), [{ t: [0, 0.33, 0.14] }]);
    for (let i = 0; i < 4; i++) {
      const a = TAU / 8 + (i * TAU) / 4;
      const ex = Math.cos(a) * 0.32;
      const ez = Math.sin(a) * 0.32;
      m.add('dark', box(0.32, 0.025, 0.035), [{ ry: -a }, { t: [Math.cos(a) * 0.17, 0.34, Math.sin(a) * 0.17] }]);
      m.add('dark', cylinder(0.03, 0.03, 0.05, 16), [{ t: [ex, 0.36, ez] }]);
      m.add('steel', box(0.26, 0.004, 0.025), [{ ry: a + 0.6 }, { t: [ex, 0.39, ez] }]);
    }
    return m.build('delivery-drone');
  },
  'sensor-node': () => {
    const m = new ModelBuilder(MATERIALS);
    m.add('steel', cylinder(0.12, 0.12, 0.02, 24), [{ t: [0, 0.01, 0] }]);
    m.add('steel', cylinder(0.022, 0.022, 0.9, 16), [{ t: [0, 0.47, 0] }]);
    m.add('shell', box(0.16, 0.22, 0.1), [{ t: [0, 0.6, 0.07] }]);
    m.add('teal', box(0.16, 0.02, 0.102), [{ t: [0, 0.68, 0.07] }]);
    m.add('coral', sphere(0.01, 10, 6), [{ t: [0.05, 0.54, 0.122] }]);
    m.add('dark', cylinder(0.03, 0.03, 0.04, 16), [{ rx: Math.PI / 2 }, { t: [-0.03, 0.55, 0.125] }]);
    m.add('steel', box(0.03, 0.03, 0.08), [{ rx: 0.5 }, { t: [0, 0.9, -0.01] }]);
    m.add('solar', box(0.3, 0.012, 0.22), [{ rx: -0.5 }, { t: [0, 0.95, 0] }]);
    m.add('steel', cylinder(0.004, 0.004, 0.22, 6), [{ t: [0.1, 1.02, 0.07] }]);
    m.add('dark', sphere(0.008, 8, 6), [{ t: [0.1, 1.13, 0.07] }]);
    return m.build('sensor-node');
  },
  'battery-module': () => {
    const m = new ModelBuilder(MATERIALS);
    for (const [x, z] of [
      [0.33, 0.18],
      [-0.33, 0.18],
      [0.33, -0.18],
      [-0.33, -0.18],
    ] as const) {
      m.add('dark', box(0.06, 0.05, 0.06), [{ t: [x, 0.025, z] }]);
    }
    m.add('shell', box(0.8, 0.95, 0.45), [{ t: [0, 0.525, 0] }]);
    m.add('navy', box(0.82, 0.04, 0.47), [{ t: [0, 1.02, 0] }]);
    for (let i = 0; i < 4; i++) {
      const y = 0.17 + i * 0.21;
      m.add('steel', box(0.72, 0.18, 0.02), [{ t: [0, y, 0.235] }]);
      m.add('teal', box(0.12, 0.02, 0.012), [{ t: [-0.26, y + 0.05, 0.25] }]);
      m.add('coral', sphere(0.008, 8, 6), [{ t: [-0.16, y + 0.05, 0.25] }]);
      m.add('dark', box(0.2, 0.02, 0.03), [{ t: [0.18, y - 0.03, 0.255] }]);
      for (let v = 0; v < 5; v++) m.add('dark', box(0.006, 0.08, 0.005), [{ t: [0.04 + v * 0.025, y + 0.02, 0.247] }]);
    }
    return m.build('battery-module');
  },
};

// ---------------------------------------------------------------------------------------------------------------
// Videos: frames drawn as SVG by sharp and encoded by ffmpeg, so the text uses the same fonts as the posters.

const VIDEO = { width: 640, height: 360, fps: 24, seconds: 10 } as const;

/** One frame of a calm, seamlessly looping title card: waves and bubbles move with a period of the clip length. */
function videoFrameSvg(booth: Booth, expo: DemoExpoData, t: number): string {
  const { width: W, height: H, seconds } = VIDEO;
  const phase = (t / seconds) * TAU;
  const color = booth.brandColor;
  const waves: string[] = [];
  for (let k = 0; k < 3; k++) {
    const base = H * (0.72 + k * 0.09);
    const amp = 10 + k * 4;
    const pts: string[] = [];
    for (let x = 0; x <= W; x += 16) {
      const y = base + Math.sin((x / W) * TAU * (1 + k * 0.5) + phase * (k % 2 ? -1 : 1) * (k + 1)) * amp;
      pts.push(`${x},${y.toFixed(1)}`);
    }
    waves.push(
      `<polygon points="0,${H} ${pts.join(' ')} ${W},${H}" fill="${k === 1 ? mix(color, NAVY, 0.35) : color}" fill-opacity="${0.55 + k * 0.15}"/>`,
    );
  }
  const bubbles: string[] = [];
  const seed = hash(booth.slug);
  for (let i = 0; i < 6; i++) {
    const cx = W * (0.55 + 0.4 * (((seed >>> (i * 3)) & 15) / 15));
    const cy = H * 0.6 + Math.sin(phase + i) * 14;
    const r = 8 + ((seed >>> (i * 2)) & 7) * 3;
    bubbles.push(
      `<circle cx="${(cx + Math.cos(phase + i * 1.3) * 12).toFixed(1)}" cy="${cy.toFixed(1)}" r="${r}" fill="${mix(color, OFF_WHITE, 0.4)}" fill-opacity="0.22"/>`,
    );
  }
  const nameSize = textWidth(booth.name.en) * 40 > W - 80 ? 30 : 40;
  const name = wrap(booth.name.en, (W - 80) / nameSize).slice(0, 2);
  const tagY = 110 + name.length * nameSize * 1.15;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}">
    <rect width="${W}" height="${H}" fill="${NAVY}"/>
    ${bubbles.join('')}
    ${waves.join('')}
    <rect x="40" y="48" width="56" height="6" rx="3" fill="${color}"/>
    ${textLines(name, 40, 100, nameSize, nameSize * 1.15, OFF_WHITE, 700)}
    ${textLines([booth.name.ja ?? ''], 40, tagY - 10, 20, 26, mix(OFF_WHITE, NAVY, 0.25), 700)}
    ${textLines(wrap(booth.tagline.en, (W - 80) / 20).slice(0, 2), 40, tagY + 28, 20, 26, OFF_WHITE)}
    ${textLines([expo.expo.name.en], W - 24, H - 18, 13, 16, OFF_WHITE, 700, 'end')}
  </svg>`;
}

function hasFfmpeg(): boolean {
  return spawnSync('ffmpeg', ['-version'], { stdio: 'ignore' }).status === 0;
}

async function makeVideo(booth: Booth, expo: DemoExpoData, file: string): Promise<void> {
  ensureDir(file);
  const { width, height, fps, seconds } = VIDEO;
  // Single-threaded and bit-exact so the same frames give the same bytes on every run.
  const ffmpeg = spawn(
    'ffmpeg',
    [
      '-y',
      '-loglevel',
      'error',
      '-f',
      'rawvideo',
      '-pix_fmt',
      'rgb24',
      '-s',
      `${width}x${height}`,
      '-r',
      String(fps),
      '-i',
      '-',
      '-an',
      '-c:v',
      'libvpx-vp9',
      '-pix_fmt',
      'yuv420p',
      '-b:v',
      '0',
      '-crf',
      '34',
      '-deadline',
      'good',
      '-cpu-used',
      '4',
      '-threads',
      '1',
      '-row-mt',
      '0',
      '-g',
      String(fps * seconds),
      '-map_metadata',
      '-1',
      '-fflags',
      '+bitexact',
      '-flags:v',
      '+bitexact',
      file,
    ],
    { stdio: ['pipe', 'inherit', 'inherit'] },
  );
  const finished = new Promise<void>((resolveDone, reject) => {
    ffmpeg.on('error', reject);
    ffmpeg.on('close', (code) => (code === 0 ? resolveDone() : reject(new Error(`ffmpeg exited with ${code}`))));
  });
  for (let i = 0; i < fps * seconds; i++) {
    const frame = await sharp(Buffer.from(videoFrameSvg(booth, expo, i / fps)))
      .removeAlpha()
      .raw()
      .toBuffer();
    if (!ffmpeg.stdin.write(frame)) await new Promise((r) => ffmpeg.stdin.once('drain', r));
  }
  ffmpeg.stdin.end();
  await finished;
}

// ---------------------------------------------------------------------------------------------------------------

function pruneFolder(folder: string, keep: Set<string>): number {
  if (!existsSync(folder)) return 0;
  let removed = 0;
  for (const name of readdirSync(folder)) {
    const file = join(folder, name);
    if (!keep.has(file)) {
      rmSync(file);
      removed++;
    }
  }
  return removed;
}

async function main(): Promise<void> {
  const only = process.argv.slice(2);
  const want = (kind: string) => only.length === 0 || only.includes(kind);
  const expo = DemoExpo.parse(JSON.parse(readFileSync(join(EXPO_DIR, 'expo.json'), 'utf8')));
  const expected = new Set<string>();
  const ffmpeg = hasFfmpeg();
  const models = new Set<string>();
  const missingVideos: string[] = [];

  for (const booth of expo.booths) {
    if (!booth.logoUrl?.startsWith(MEDIA_PREFIX)) continue;
    const logoFile = mediaPath(booth.logoUrl);
    expected.add(logoFile);
    if (want('logos') || want('brochures')) await makeLogo(booth, logoFile);
  }

  for (const booth of expo.booths) {
    for (const item of booth.content) {
      if (!item.url.startsWith(MEDIA_PREFIX)) continue;
      const file = mediaPath(item.url);
      expected.add(file);
      switch (item.kind) {
        case 'image':
          if (want('posters')) await makePoster(booth, expo, file);
          break;
        case 'document': {
          if (!want('brochures')) break;
          const logo = booth.logoUrl
            ? readFileSync(mediaPath(booth.logoUrl))
            : await sharp({ create: { width: 1, height: 1, channels: 4, background: '#0000' } })
                .png()
                .toBuffer();
          await makeBrochure(booth, expo, logo, file);
          break;
        }
        case 'model':
          models.add(file);
          break;
        case 'video':
          if (item.previewUrl?.startsWith(MEDIA_PREFIX)) {
            const preview = mediaPath(item.previewUrl);
            expected.add(preview);
            if (want('videos')) await writePng(videoFrameSvg(booth, expo, 0), preview);
          }
          if (!want('videos')) break;
          if (ffmpeg) {
            process.stdout.write(`video ${booth.slug}… `);
            await makeVideo(booth, expo, file);
            console.log('done');
          } else if (!existsSync(file)) missingVideos.push(file);
          break;
        case 'link':
          break;
        default: {
          const unknown: never = item.kind;
          throw new Error(`no generator for content kind ${unknown}`);
        }
      }
    }
  }

  if (want('models')) {
    const io = new NodeIO();
    for (const file of models) {
      const id = file
        .split('/')
        .pop()!
        .replace(/\.glb$/, '');
      const builder = MODEL_BUILDERS[id];
      if (!builder) throw new Error(`no model builder for ${id} (referenced as ${file})`);
      ensureDir(file);
      writeFileSync(file, await io.writeBinary(builder()));
    }
  }

  let pruned = 0;
  for (const folder of ['logos', 'posters', 'brochures', 'models', 'videos']) {
    pruned += pruneFolder(join(EXPO_DIR, folder), expected);
  }
  console.log(`assets: ${expected.size} files referenced, ${pruned} stale files removed`);
  if (missingVideos.length > 0) {
    console.error(`ffmpeg is not installed; ${missingVideos.length} videos are missing:\n${missingVideos.join('\n')}`);
    process.exitCode = 1;
  }
}

await main();
