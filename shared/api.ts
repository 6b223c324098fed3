/**
 * The HTTP API's bodies and responses. The server parses every request body with these schemas and the client
 * infers its types from them, so neither side writes a payload type by hand.
 */
import { z } from 'zod';
import { BoothSize, ContentKind, CountryCode, HexColor, OrgKind, Role, TimeZone, ZoneKind } from './domain';
import { LocalizedText } from './i18n';

export const ZoneView = z.object({
  id: z.string(),
  slug: z.string(),
  kind: ZoneKind,
  name: LocalizedText,
  description: LocalizedText,
  color: HexColor,
  sort: z.number().int(),
});
export type ZoneView = z.infer<typeof ZoneView>;

export const ExpoView = z.object({
  id: z.string(),
  slug: z.string(),
  name: LocalizedText,
  tagline: LocalizedText,
  venue: LocalizedText,
  startsAt: z.iso.datetime({ offset: true }),
  endsAt: z.iso.datetime({ offset: true }),
  timeZone: TimeZone,
  zones: z.array(ZoneView),
  stats: z.object({ booths: z.number().int(), organisations: z.number().int(), countries: z.number().int() }),
});
export type ExpoView = z.infer<typeof ExpoView>;

export const OrganisationView = z.object({
  id: z.string(),
  name: z.string(),
  country: CountryCode,
  city: z.string(),
  kind: OrgKind,
  website: z.string().nullable(),
});
export type OrganisationView = z.infer<typeof OrganisationView>;

export const BoothSummary = z.object({
  id: z.string(),
  slug: z.string(),
  zoneId: z.string(),
  /** Order of the booth's plot within its zone; layout.ts turns it into a place on the floor. */
  position: z.number().int(),
  size: BoothSize,
  template: z.string(),
  brandColor: HexColor,
  name: LocalizedText,
  tagline: LocalizedText,
  tags: z.array(z.string()),
  logoUrl: z.string().nullable(),
  organisation: OrganisationView,
});
export type BoothSummary = z.infer<typeof BoothSummary>;

export const ContentItemView = z.object({
  id: z.string(),
  kind: ContentKind,
  title: LocalizedText,
  url: z.string(),
  /** Poster frame for videos, thumbnail for documents; optional. */
  previewUrl: z.string().nullable(),
});
export type ContentItemView = z.infer<typeof ContentItemView>;

export const StaffView = z.object({
  id: z.string(),
  displayName: z.string(),
  jobTitle: z.string(),
  languages: z.array(z.string()),
});
export type StaffView = z.infer<typeof StaffView>;

export const BoothDetail = BoothSummary.extend({
  description: LocalizedText,
  needs: z.array(LocalizedText),
  offers: z.array(LocalizedText),
  content: z.array(ContentItemView),
  staff: z.array(StaffView),
});
export type BoothDetail = z.infer<typeof BoothDetail>;

export const AccountView = z.object({
  id: z.string(),
  email: z.string().nullable(),
  displayName: z.string(),
  role: Role,
  organisationId: z.string().nullable(),
  country: z.string().nullable(),
  timeZone: z.string().nullable(),
});
export type AccountView = z.infer<typeof AccountView>;

export const LoginBody = z.object({
  email: z.email().max(254),
  password: z.string().min(1).max(200),
});
export type LoginBody = z.infer<typeof LoginBody>;

/** Entering as a guest: a name, a country and a language, nothing else. */
export const GuestBody = z.object({
  displayName: z.string().trim().min(1, 'a name is needed').max(60),
  country: CountryCode,
  language: z
    .string()
    .regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/)
    .max(20),
  timeZone: TimeZone.optional(),
});
export type GuestBody = z.infer<typeof GuestBody>;

export const SessionView = z.object({ account: AccountView.nullable() });
export type SessionView = z.infer<typeof SessionView>;

export const HealthView = z.object({ status: z.literal('ok'), uptimeS: z.number() });
export const ReadyView = z.object({ status: z.literal('ready'), database: z.enum(['pglite', 'postgres']) });
