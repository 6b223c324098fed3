/**
 * The one storage schema. PGlite (embedded) and PostgreSQL are two drivers of it; migrations under ./migrations are
 * generated from this file with `npm run db:generate` and applied at start.
 */
import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import type { LocalizedText } from '../../shared/i18n';

const id = () => uuid('id').primaryKey().defaultRandom();
const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
const ltext = (name: string) => jsonb(name).$type<LocalizedText>().notNull().default(sql`'{"en":""}'::jsonb`);

export const expos = pgTable('expos', {
  id: id(),
  slug: text('slug').notNull().unique(),
  name: ltext('name'),
  tagline: ltext('tagline'),
  venue: ltext('venue'),
  startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
  endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
  timeZone: text('time_zone').notNull(),
  createdAt: createdAt(),
});

export const halls = pgTable('halls', {
  id: id(),
  expoId: uuid('expo_id')
    .notNull()
    .references(() => expos.id, { onDelete: 'cascade' }),
  slug: text('slug').notNull(),
  name: ltext('name'),
  sort: integer('sort').notNull().default(0),
});

export const zones = pgTable(
  'zones',
  {
    id: id(),
    hallId: uuid('hall_id')
      .notNull()
      .references(() => halls.id, { onDelete: 'cascade' }),
    slug: text('slug').notNull(),
    kind: text('kind', { enum: ['exhibit', 'stage', 'lounge'] }).notNull(),
    name: ltext('name'),
    description: ltext('description'),
    color: text('color').notNull(),
    sort: integer('sort').notNull().default(0),
  },
  (t) => [uniqueIndex('zones_hall_slug').on(t.hallId, t.slug)],
);

export const organisations = pgTable('organisations', {
  id: id(),
  slug: text('slug').notNull().unique(),
  name: text('name').notNull(),
  country: text('country').notNull(),
  city: text('city').notNull().default(''),
  kind: text('kind', { enum: ['startup', 'corporate', 'public', 'academic', 'investor'] }).notNull(),
  website: text('website'),
  createdAt: createdAt(),
});

export const booths = pgTable(
  'booths',
  {
    id: id(),
    expoId: uuid('expo_id')
      .notNull()
      .references(() => expos.id, { onDelete: 'cascade' }),
    zoneId: uuid('zone_id')
      .notNull()
      .references(() => zones.id),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    slug: text('slug').notNull().unique(),
    /** Order of the plot within its zone; shared/layout.ts turns it into a place on the floor. */
    position: integer('position').notNull(),
    size: text('size', { enum: ['small', 'medium', 'large'] }).notNull(),
    template: text('template').notNull(),
    brandColor: text('brand_color').notNull(),
    name: ltext('name'),
    tagline: ltext('tagline'),
    description: ltext('description'),
    tags: text('tags').array().notNull().default(sql`'{}'::text[]`),
    needs: jsonb('needs').$type<LocalizedText[]>().notNull().default(sql`'[]'::jsonb`),
    offers: jsonb('offers').$type<LocalizedText[]>().notNull().default(sql`'[]'::jsonb`),
    logoUrl: text('logo_url'),
    /** The exhibitor's unpublished edits (shared/booth-editor.ts BoothDraft); null when nothing is pending. */
    draft: jsonb('draft'),
    status: text('status', { enum: ['draft', 'published'] })
      .notNull()
      .default('draft'),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('booths_zone_position').on(t.zoneId, t.position),
    index('booths_expo').on(t.expoId),
    check('booths_brand_color', sql`${t.brandColor} ~ '^#[0-9a-fA-F]{6}$'`),
  ],
);

export const boothContent = pgTable(
  'booth_content',
  {
    id: id(),
    boothId: uuid('booth_id')
      .notNull()
      .references(() => booths.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: ['video', 'image', 'model', 'document', 'link'] }).notNull(),
    title: ltext('title'),
    url: text('url').notNull(),
    previewUrl: text('preview_url'),
    sort: integer('sort').notNull().default(0),
  },
  (t) => [index('booth_content_booth').on(t.boothId, t.sort)],
);

export const accounts = pgTable('accounts', {
  id: id(),
  /** Null for guests, who enter with a name and country only. */
  email: text('email').unique(),
  passwordHash: text('password_hash'),
  displayName: text('display_name').notNull(),
  role: text('role', { enum: ['visitor', 'exhibitor', 'organiser'] })
    .notNull()
    .default('visitor'),
  organisationId: uuid('organisation_id').references(() => organisations.id),
  orgRole: text('org_role', { enum: ['owner', 'admin', 'staff'] }),
  jobTitle: text('job_title').notNull().default(''),
  country: text('country'),
  timeZone: text('time_zone'),
  languages: text('languages').array().notNull().default(sql`'{}'::text[]`),
  /** Profile (issue 5): the visitor's own organisation as free text; exhibitors also have organisationId. */
  company: text('company').notNull().default(''),
  interests: text('interests').array().notNull().default(sql`'{}'::text[]`),
  needTags: text('need_tags').array().notNull().default(sql`'{}'::text[]`),
  offerTags: text('offer_tags').array().notNull().default(sql`'{}'::text[]`),
  needsText: text('needs_text').notNull().default(''),
  offersText: text('offers_text').notNull().default(''),
  /** Consent to show email and organisation to exhibitors this person meets or chats with. */
  shareContact: boolean('share_contact').notNull().default(false),
  avatarColor: text('avatar_color').notNull().default('#1FA39A'),
  createdAt: createdAt(),
});

export const sessions = pgTable(
  'sessions',
  {
    /** SHA-256 of the cookie token: a leaked table does not leak sessions. */
    tokenHash: text('token_hash').primaryKey(),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('sessions_account').on(t.accountId)],
);

export const availabilitySlots = pgTable(
  'availability_slots',
  {
    id: id(),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    boothId: uuid('booth_id')
      .notNull()
      .references(() => booths.id, { onDelete: 'cascade' }),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    /** Meeting length in this window, and the free time kept after each meeting. */
    slotMinutes: integer('slot_minutes').notNull().default(30),
    bufferMinutes: integer('buffer_minutes').notNull().default(0),
  },
  (t) => [
    index('availability_account').on(t.accountId, t.startsAt),
    check('availability_order', sql`${t.endsAt} > ${t.startsAt}`),
  ],
);

export const meetings = pgTable(
  'meetings',
  {
    id: id(),
    boothId: uuid('booth_id')
      .notNull()
      .references(() => booths.id),
    hostId: uuid('host_id')
      .notNull()
      .references(() => accounts.id),
    guestId: uuid('guest_id')
      .notNull()
      .references(() => accounts.id),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    // 'invited': staff invited the guest, who has not answered yet (only the host's time is held).
    status: text('status', { enum: ['booked', 'invited', 'cancelled', 'declined', 'held'] })
      .notNull()
      .default('booked'),
    agenda: text('agenda').notNull().default(''),
    sequence: integer('sequence').notNull().default(0),
    /** Why it was declined or cancelled, in the words of who did it. */
    message: text('message'),
    /** The smallest reminder (minutes before) already sent; claimed atomically so one process sends each. */
    lastReminder: integer('last_reminder'),
    createdAt: createdAt(),
  },
  (t) => [
    index('meetings_host').on(t.hostId, t.startsAt),
    index('meetings_guest').on(t.guestId, t.startsAt),
    check('meetings_order', sql`${t.endsAt} > ${t.startsAt}`),
  ],
);

export const chatMessages = pgTable(
  'chat_messages',
  {
    /** Given by the client, so a message re-sent after a reconnect is stored once. */
    id: uuid('id').primaryKey(),
    /** Commit order across the whole table; a channel's order is this order filtered. */
    seq: bigserial('seq', { mode: 'number' }).notNull().unique(),
    channel: text('channel').notNull(),
    authorId: uuid('author_id')
      .notNull()
      .references(() => accounts.id),
    body: text('body').notNull(),
    lang: text('lang').notNull().default('en'),
    deleted: boolean('deleted').notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [index('chat_channel_seq').on(t.channel, t.seq)],
);

/** Who is staff of which booth, beyond organisation membership (a booth's staff list). */
export const boothStaff = pgTable(
  'booth_staff',
  {
    boothId: uuid('booth_id')
      .notNull()
      .references(() => booths.id, { onDelete: 'cascade' }),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    sort: integer('sort').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.boothId, t.accountId] })],
);

/** Mutes and bans, with who decided, why and until when; the latest row for an account is in force. */
export const moderationActions = pgTable(
  'moderation_actions',
  {
    id: id(),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    /** 'kick' is recorded for the reason only; it restricts nothing after the disconnect. */
    action: text('action', { enum: ['mute', 'ban', 'lift', 'kick'] }).notNull(),
    reason: text('reason').notNull(),
    until: timestamp('until', { withTimezone: true }),
    byId: uuid('by_id')
      .notNull()
      .references(() => accounts.id),
    createdAt: createdAt(),
  },
  (t) => [index('moderation_account').on(t.accountId, t.createdAt)],
);

/** How far each person has read each channel, for unread counts. */
export const chatReads = pgTable(
  'chat_reads',
  {
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    channel: text('channel').notNull(),
    lastSeq: bigint('last_seq', { mode: 'number' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.channel] })],
);

export const chatReports = pgTable('chat_reports', {
  id: id(),
  messageId: uuid('message_id')
    .notNull()
    .references(() => chatMessages.id, { onDelete: 'cascade' }),
  reporterId: uuid('reporter_id')
    .notNull()
    .references(() => accounts.id),
  reason: text('reason').notNull(),
  createdAt: createdAt(),
});

/**
 * The time each participant of a booked meeting is held for (the host's hold includes the buffer). An EXCLUDE
 * constraint (custom migration 0003_meeting_holds_exclude) refuses two active holds of one person that overlap:
 * nobody is double-booked, whichever side of the meeting they are on, however many book at once.
 */
export const meetingHolds = pgTable(
  'meeting_holds',
  {
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => meetings.id, { onDelete: 'cascade' }),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    active: boolean('active').notNull().default(true),
  },
  (t) => [
    primaryKey({ columns: [t.meetingId, t.accountId] }),
    check('meeting_holds_order', sql`${t.endsAt} > ${t.startsAt}`),
  ],
);

/**
 * Who entered a meeting's call, first time each: a meeting both people entered counts as held in the organiser's
 * figures. Recorded when the server hands out call access, which both the LiveKit and the peer-to-peer path ask for.
 */
export const meetingAttendance = pgTable(
  'meeting_attendance',
  {
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => meetings.id, { onDelete: 'cascade' }),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    firstJoinedAt: timestamp('first_joined_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.meetingId, t.accountId] })],
);

/**
 * "Talk now" requests: a visitor asks a booth's online staff for an instant call. Kept here rather than in one
 * process's memory so that, with several processes, staff answer wherever they are connected; every change of
 * status is a conditional UPDATE, so exactly one answer (or the expiry) wins.
 */
export const talkRequests = pgTable(
  'talk_requests',
  {
    id: id(),
    boothId: uuid('booth_id')
      .notNull()
      .references(() => booths.id, { onDelete: 'cascade' }),
    requesterId: uuid('requester_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    /** The staff prompted (those online when asked), told of the outcome. */
    staffIds: jsonb('staff_ids').$type<string[]>().notNull(),
    status: text('status', { enum: ['open', 'accepted', 'declined', 'cancelled', 'expired', 'failed'] })
      .notNull()
      .default('open'),
    meetingId: uuid('meeting_id').references(() => meetings.id, { onDelete: 'set null' }),
    askedAt: timestamp('asked_at', { withTimezone: true }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('talk_requests_requester').on(t.requesterId, t.askedAt),
    index('talk_requests_open').on(t.status, t.expiresAt),
  ],
);

/** The organiser's meeting rules for an expo: the period, daily hours in the expo's zone, who may meet whom. */
export const meetingPolicies = pgTable('meeting_policies', {
  expoId: uuid('expo_id')
    .primaryKey()
    .references(() => expos.id, { onDelete: 'cascade' }),
  opensAt: timestamp('opens_at', { withTimezone: true }).notNull(),
  closesAt: timestamp('closes_at', { withTimezone: true }).notNull(),
  dayStartMinute: integer('day_start_minute').notNull().default(480),
  dayEndMinute: integer('day_end_minute').notNull().default(1320),
  visitorsMayBook: boolean('visitors_may_book').notNull().default(true),
  exhibitorsMayInvite: boolean('exhibitors_may_invite').notNull().default(true),
});

/** Every invitation, update and cancellation sent (or to be sent) to a participant, with its ICS text. */
export const meetingInvitations = pgTable(
  'meeting_invitations',
  {
    id: id(),
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => meetings.id, { onDelete: 'cascade' }),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    method: text('method', { enum: ['REQUEST', 'CANCEL'] }).notNull(),
    sequence: integer('sequence').notNull(),
    subject: text('subject').notNull(),
    ics: text('ics').notNull(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [index('meeting_invitations_meeting').on(t.meetingId, t.createdAt)],
);

/** Password reset tokens: only the SHA-256 is kept; used once (usedAt), valid until expiresAt. */
export const passwordResets = pgTable(
  'password_resets',
  {
    tokenHash: text('token_hash').primaryKey(),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [index('password_resets_account').on(t.accountId)],
);

/** Single-use invitations for exhibitor staff; accepting creates the account in the organisation. */
export const invitations = pgTable('invitations', {
  id: id(),
  tokenHash: text('token_hash').notNull().unique(),
  organisationId: uuid('organisation_id')
    .notNull()
    .references(() => organisations.id, { onDelete: 'cascade' }),
  email: text('email').notNull(),
  orgRole: text('org_role', { enum: ['owner', 'admin', 'staff'] }).notNull(),
  createdById: uuid('created_by_id')
    .notNull()
    .references(() => accounts.id),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  acceptedAt: timestamp('accepted_at', { withTimezone: true }),
  acceptedById: uuid('accepted_by_id').references(() => accounts.id),
  createdAt: createdAt(),
});

/** Every mail the server sent or would have sent; without SMTP this is the outbox organisers read. */
export const mailOutbox = pgTable(
  'mail_outbox',
  {
    id: id(),
    to: text('to_address').notNull(),
    subject: text('subject').notNull(),
    /** The body; kept only when it was not delivered by SMTP (it may carry a reset or invitation link). */
    body: text('body'),
    kind: text('kind', { enum: ['password-reset', 'invitation', 'other'] }).notNull(),
    transport: text('transport', { enum: ['smtp', 'outbox'] }).notNull(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    error: text('error'),
    createdAt: createdAt(),
  },
  (t) => [index('mail_outbox_created').on(t.createdAt)],
);

/** Files people uploaded (booth media); the bytes live in the upload storage under storedName. */
export const uploads = pgTable(
  'uploads',
  {
    id: id(),
    storedName: text('stored_name').notNull().unique(),
    kind: text('kind', { enum: ['image', 'video', 'model', 'document'] }).notNull(),
    contentType: text('content_type').notNull(),
    size: integer('size').notNull(),
    originalName: text('original_name').notNull().default(''),
    ownerId: uuid('owner_id')
      .notNull()
      .references(() => accounts.id),
    createdAt: createdAt(),
  },
  (t) => [index('uploads_owner').on(t.ownerId)],
);
