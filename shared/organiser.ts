/** The organiser's console: expo settings, zones, booth plots, invitations, moderation, overview and outbox. */
import { z } from 'zod';
import { BoothSize, CountryCode, HexColor, OrgKind, TimeZone, ZoneKind } from './domain';
import { LocalizedText } from './i18n';

const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'a time such as 09:00');
const slug = z
  .string()
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'a slug such as harbour-energy')
  .max(60);

export const ExpoSettings = z
  .object({
    name: LocalizedText.refine((t) => t.en.trim().length > 0, 'an English name is needed'),
    tagline: LocalizedText,
    startsAt: z.iso.datetime({ offset: true }),
    endsAt: z.iso.datetime({ offset: true }),
    timeZone: TimeZone,
    /** Daily meeting hours in the expo's time zone. */
    meetingHours: z.object({ start: clock, end: clock }),
  })
  .refine((s) => Date.parse(s.endsAt) > Date.parse(s.startsAt), {
    message: 'the end is after the start',
    path: ['endsAt'],
  })
  .refine((s) => s.meetingHours.end > s.meetingHours.start, {
    message: 'meetings end after they start',
    path: ['meetingHours', 'end'],
  });
export type ExpoSettings = z.infer<typeof ExpoSettings>;

export const ZoneBody = z.object({
  slug,
  kind: ZoneKind,
  name: LocalizedText,
  description: LocalizedText,
  color: HexColor,
  sort: z.number().int().min(0).max(1000),
});
export type ZoneBody = z.infer<typeof ZoneBody>;

export const ZoneAdminView = ZoneBody.extend({ id: z.string(), hall: z.string(), booths: z.number().int() });
export type ZoneAdminView = z.infer<typeof ZoneAdminView>;

export const OrganisationBody = z.object({
  slug,
  name: z.string().trim().min(1).max(120),
  country: CountryCode,
  city: z.string().trim().max(80).default(''),
  kind: OrgKind,
  website: z
    .string()
    .regex(/^https:\/\/\S+$/, 'an https:// address')
    .max(300)
    .nullable()
    .default(null),
});
export type OrganisationBody = z.infer<typeof OrganisationBody>;

/** A booth plot: which organisation, how big, where. Creating one makes an empty draft booth. */
export const PlotBody = z.object({
  organisationId: z.string().uuid(),
  zoneId: z.string().uuid(),
  size: BoothSize,
  position: z.number().int().min(0).max(500),
});
export type PlotBody = z.infer<typeof PlotBody>;

export const InvitationBody = z.object({
  organisationId: z.string().uuid(),
  email: z.email().max(254),
  orgRole: z.enum(['owner', 'admin', 'staff']).default('staff'),
});
export type InvitationBody = z.infer<typeof InvitationBody>;

export const InvitationCreated = z.object({
  id: z.string(),
  /** The single-use link; the token is in the fragment, so it never reaches a server log or a Referer. */
  url: z.string(),
  expiresAt: z.string(),
});
export type InvitationCreated = z.infer<typeof InvitationCreated>;

export const InvitationToken = z.object({ token: z.string().min(20).max(200) });

export const InvitationPreview = z.object({
  email: z.string(),
  organisation: z.string(),
  orgRole: z.string(),
  expiresAt: z.string(),
});
export type InvitationPreview = z.infer<typeof InvitationPreview>;

export const AcceptInvitationBody = InvitationToken.extend({
  displayName: z.string().trim().min(1, 'a name is needed').max(60),
  password: z.string().min(10, 'at least 10 characters').max(200),
});
export type AcceptInvitationBody = z.infer<typeof AcceptInvitationBody>;

export const ModerationBody = z.object({
  accountId: z.string().uuid(),
  action: z.enum(['mute', 'kick', 'ban', 'lift']),
  reason: z.string().trim().min(3, 'say why, in a few words').max(500),
  /** For a mute: how long; absent = until lifted. */
  minutes: z
    .number()
    .int()
    .min(1)
    .max(60 * 24 * 30)
    .optional(),
});
export type ModerationBody = z.infer<typeof ModerationBody>;

export const PersonAdminView = z.object({
  id: z.string(),
  displayName: z.string(),
  email: z.string().nullable(),
  role: z.string(),
  organisation: z.string().nullable(),
  restriction: z.object({ action: z.string(), reason: z.string(), until: z.string().nullable() }).nullable(),
  history: z.array(z.object({ action: z.string(), reason: z.string(), at: z.string(), by: z.string() })),
});
export type PersonAdminView = z.infer<typeof PersonAdminView>;

export const ExhibitorOverview = z.object({
  organisations: z.array(
    z.object({
      id: z.string(),
      slug: z.string(),
      name: z.string(),
      country: z.string(),
      kind: z.string(),
      members: z.number().int(),
      pendingInvitations: z.number().int(),
      booths: z.array(
        z.object({
          id: z.string(),
          slug: z.string(),
          name: LocalizedText,
          zoneId: z.string(),
          size: BoothSize,
          position: z.number().int(),
          status: z.enum(['draft', 'published']),
          pendingChanges: z.boolean(),
          publishedAt: z.string().nullable(),
        }),
      ),
    }),
  ),
});
export type ExhibitorOverview = z.infer<typeof ExhibitorOverview>;

export const OutboxView = z.object({
  mails: z.array(
    z.object({
      id: z.string(),
      to: z.string(),
      subject: z.string(),
      body: z.string().nullable(),
      kind: z.string(),
      transport: z.string(),
      sentAt: z.string().nullable(),
      error: z.string().nullable(),
      createdAt: z.string(),
    }),
  ),
});
export type OutboxView = z.infer<typeof OutboxView>;

const count = z.number().int().nonnegative();

/** The figures the organiser reports to the city: who came from where, and what meetings and matches came of it. */
export const KpiView = z.object({
  generatedAt: z.string(),
  participants: z.object({
    /** Visitors (guests and registered): exhibitor staff and organisers are not counted. */
    total: count,
    registered: count,
    guests: count,
    countries: count,
    /** Most first; `country` is an ISO code, or '' for visitors who did not say. */
    byCountry: z.array(z.object({ country: z.string(), count })),
  }),
  exhibitors: z.object({ organisations: count, publishedBooths: count, draftBooths: count, staff: count }),
  meetings: z.object({
    /** Agreed meetings (booked, by slot, invitation or "talk now"), whether past or to come. */
    agreed: count,
    upcoming: count,
    /** Agreed meetings whose call both people entered. */
    held: count,
    cancelled: count,
    declined: count,
    talkNow: count,
  }),
  /** Visitor–exhibitor pairs (a visitor and an organisation) that agreed at least one meeting, each pair once. */
  matches: count,
  chatMessages: count,
});
export type KpiView = z.infer<typeof KpiView>;
