/**
 * The format of the demo expo under assets/demo-expo/expo.json. The seeder parses the file with this schema, so a
 * mistake in the demo data stops the start with a clear message instead of seeding half an expo.
 */
import { z } from 'zod';
import { BoothSize, ContentKind, CountryCode, HexColor, OrgKind, Role, TimeZone, ZoneKind } from '../../shared/domain';
import { LocalizedText } from '../../shared/i18n';

const slug = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'a slug such as harbour-energy');
/** A path under assets/ (served at /media/…) or an https URL. */
const mediaRef = z.string().regex(/^(\/media\/[\w./-]+|https:\/\/\S+)$/, 'a /media/… path or an https URL');

export const DemoContentItem = z.object({
  kind: ContentKind,
  title: LocalizedText,
  url: mediaRef,
  previewUrl: mediaRef.optional(),
});

export const DemoBooth = z.object({
  slug,
  organisation: slug,
  zone: slug,
  size: BoothSize,
  template: z.string().min(1),
  brandColor: HexColor,
  name: LocalizedText,
  tagline: LocalizedText,
  description: LocalizedText,
  tags: z.array(z.string().regex(/^[a-z0-9-]+$/)).max(12),
  needs: z.array(LocalizedText).max(8),
  offers: z.array(LocalizedText).max(8),
  logoUrl: mediaRef.optional(),
  content: z.array(DemoContentItem).max(20),
});

export const DemoAccount = z.object({
  email: z.email(),
  password: z.string().min(8),
  displayName: z.string().min(1),
  role: Role,
  organisation: slug.optional(),
  orgRole: z.enum(['owner', 'admin', 'staff']).optional(),
  jobTitle: z.string(),
  country: CountryCode,
  timeZone: TimeZone,
  languages: z.array(z.string()).min(1),
});

export const DemoExpo = z.object({
  expo: z.object({
    slug,
    name: LocalizedText,
    tagline: LocalizedText,
    venue: LocalizedText,
    startsAt: z.iso.datetime({ offset: true }),
    endsAt: z.iso.datetime({ offset: true }),
    timeZone: TimeZone,
  }),
  zones: z.array(z.object({ slug, kind: ZoneKind, name: LocalizedText, description: LocalizedText, color: HexColor })),
  organisations: z.array(
    z.object({
      slug,
      name: z.string(),
      country: CountryCode,
      city: z.string(),
      kind: OrgKind,
      website: z.string().nullable(),
    }),
  ),
  booths: z.array(DemoBooth),
  accounts: z.array(DemoAccount),
});
export type DemoExpo = z.infer<typeof DemoExpo>;
