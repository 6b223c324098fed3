/**
 * The exhibitor's booth editor: the draft a booth's staff edit, the view they edit it in, uploads, and the socket
 * event that tells everyone in the hall when a booth is published.
 */
import { z } from 'zod';
import { BoothSummary } from './api';
import { BoothSize, ContentKind, HexColor } from './domain';
import { LocalizedText } from './i18n';

/** Booth templates the organiser's plot size allows. The hall draws each (client/hall). */
export const TEMPLATES_BY_SIZE: Record<BoothSize, readonly string[]> = {
  small: ['shell-small'],
  medium: ['shell-medium', 'open-medium'],
  large: ['shell-large'],
};

export const UploadKind = z.enum(['image', 'video', 'model', 'document']);
export type UploadKind = z.infer<typeof UploadKind>;

/** Largest upload accepted per kind, in bytes (images are resized after). */
export const UPLOAD_LIMITS: Record<UploadKind, number> = {
  image: 10 * 1024 * 1024,
  video: 100 * 1024 * 1024,
  model: 20 * 1024 * 1024,
  document: 20 * 1024 * 1024,
};

/** The file types each kind accepts, as the browser's file picker takes them. */
export const UPLOAD_ACCEPT: Record<UploadKind, string> = {
  image: 'image/png,image/jpeg,image/webp',
  video: 'video/mp4,video/webm',
  model: '.glb,model/gltf-binary',
  document: 'application/pdf',
};

/** A stored upload's public path: /uploads/ + 32 hex characters + a known extension. */
export const UPLOAD_PATH = /^\/uploads\/[0-9a-f]{32}\.(png|jpg|webp|mp4|webm|glb|pdf)$/;

/** Where booth media may point: our uploads, the demo media, or an https address. */
export const MediaRef = z
  .string()
  .max(2000)
  .refine(
    (v) => UPLOAD_PATH.test(v) || /^\/media\/[\w./-]+$/.test(v) || /^https:\/\/[^\s]+$/.test(v),
    'an uploaded file or an https:// address',
  )
  .refine((v) => !v.includes('..'), 'an uploaded file or an https:// address');

export const DraftContentItem = z.object({
  kind: ContentKind,
  title: LocalizedText,
  url: MediaRef,
  previewUrl: MediaRef.nullable().default(null),
});
export type DraftContentItem = z.infer<typeof DraftContentItem>;

const boothTag = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'a tag such as smart-port')
  .max(40);

/** What exhibitor staff edit; publishing copies it onto the booth visitors see. */
export const BoothDraft = z.object({
  name: LocalizedText.refine((t) => t.en.trim().length > 0, 'an English name is needed'),
  tagline: LocalizedText,
  description: LocalizedText,
  brandColor: HexColor,
  template: z.string().min(1).max(40),
  logoUrl: MediaRef.nullable(),
  tags: z.array(boothTag).max(12),
  needs: z.array(LocalizedText).max(8),
  offers: z.array(LocalizedText).max(8),
  content: z.array(DraftContentItem).max(20),
  /** Accounts of the booth's organisation shown as its staff (they get its chat and meetings). */
  staffIds: z.array(z.string().uuid()).max(20),
});
export type BoothDraft = z.infer<typeof BoothDraft>;

export const EditorMember = z.object({
  id: z.string(),
  displayName: z.string(),
  orgRole: z.string().nullable(),
});
export type EditorMember = z.infer<typeof EditorMember>;

/** A booth as its editor sees it: the plot the organiser gave, and the draft. */
export const EditorBoothView = z.object({
  id: z.string(),
  slug: z.string(),
  status: z.enum(['draft', 'published']),
  publishedAt: z.string().nullable(),
  /** The draft differs from what visitors see. */
  pendingChanges: z.boolean(),
  size: BoothSize,
  position: z.number().int(),
  zone: z.object({ id: z.string(), name: LocalizedText }),
  organisation: z.object({ id: z.string(), name: z.string() }),
  templates: z.array(z.string()),
  members: z.array(EditorMember),
  draft: BoothDraft,
});
export type EditorBoothView = z.infer<typeof EditorBoothView>;

export const EditorBoothList = z.object({
  booths: z.array(
    z.object({
      id: z.string(),
      slug: z.string(),
      name: LocalizedText,
      status: z.enum(['draft', 'published']),
      pendingChanges: z.boolean(),
      organisation: z.string(),
    }),
  ),
});
export type EditorBoothList = z.infer<typeof EditorBoothList>;

export const UploadView = z.object({
  id: z.string(),
  kind: UploadKind,
  url: z.string(),
  contentType: z.string(),
  size: z.number().int(),
  originalName: z.string(),
});
export type UploadView = z.infer<typeof UploadView>;

/** Server → client: a booth was published (or its plot changed); the hall and directory replace their copy. */
export const boothServerEvents = {
  'booth:updated': BoothSummary,
  /** This connection is being closed by an organiser, with the reason kept on record. */
  'moderation:kicked': z.object({ reason: z.string() }),
} as const;
