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
    status: text('status', { enum: ['booked', 'cancelled', 'declined', 'held'] })
      .notNull()
      .default('booked'),
    agenda: text('agenda').notNull().default(''),
    sequence: integer('sequence').notNull().default(0),
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
    action: text('action', { enum: ['mute', 'ban', 'lift'] }).notNull(),
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
