/**
 * The organiser's running of the expo: settings and meeting hours, zones, organisations, booth plots and the
 * overview of exhibitors. Callers check organiser rights first (organiser-access.ts).
 */
import { and, asc, count, eq, gt, isNull, ne } from 'drizzle-orm';
import { TEMPLATES_BY_SIZE } from '../../shared/booth-editor';
import { ErrorCode } from '../../shared/errors';
import type {
  ExhibitorOverview,
  ExpoSettings,
  OrganisationBody,
  PlotBody,
  ZoneAdminView,
  ZoneBody,
} from '../../shared/organiser';
import { uniqueViolation } from '../accounts/registration';
import { readSummary } from '../booths/booth-editor';
import type { Db } from '../db/database';
import { accounts, booths, expos, halls, invitations, meetingPolicies, organisations, zones } from '../db/schema';
import { DomainError } from '../errors';
import { defaultMeetingPolicy } from '../meetings/meeting-policy';
import type { LiveNotifier } from '../realtime/live-notifier';

const clock = (minute: number) =>
  `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
const minuteOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

async function theExpo(db: Db) {
  const [expo] = await db.select().from(expos).orderBy(asc(expos.createdAt)).limit(1);
  if (!expo) throw new DomainError(ErrorCode.NOT_FOUND, 'No expo has been set up on this server yet.');
  return expo;
}

async function theHall(db: Db, expoId: string) {
  const [hall] = await db.select().from(halls).where(eq(halls.expoId, expoId)).orderBy(asc(halls.sort)).limit(1);
  if (hall) return hall;
  const [created] = await db
    .insert(halls)
    .values({ expoId, slug: 'main-hall', name: { en: 'Main Hall', ja: 'メインホール' } })
    .returning();
  return created!;
}

function conflictOnDuplicate(message: string) {
  return (err: unknown) => {
    throw uniqueViolation(err) ? new DomainError(ErrorCode.CONFLICT, message) : err;
  };
}

export class ExpoAdmin {
  constructor(private readonly deps: { db: Db; notifier: LiveNotifier }) {}

  async settings(): Promise<ExpoSettings> {
    const { db } = this.deps;
    const expo = await theExpo(db);
    const [policy] = await db.select().from(meetingPolicies).where(eq(meetingPolicies.expoId, expo.id));
    const p = policy ?? defaultMeetingPolicy(expo);
    return {
      name: expo.name,
      tagline: expo.tagline,
      startsAt: expo.startsAt.toISOString(),
      endsAt: expo.endsAt.toISOString(),
      timeZone: expo.timeZone,
      meetingHours: { start: clock(p.dayStartMinute), end: clock(p.dayEndMinute) },
    };
  }

  /** Updates the expo and its meeting hours; the meeting period follows the expo's new dates. */
  async updateSettings(body: ExpoSettings): Promise<ExpoSettings> {
    const { db } = this.deps;
    const expo = await theExpo(db);
    const startsAt = new Date(body.startsAt);
    const endsAt = new Date(body.endsAt);
    const period = defaultMeetingPolicy({ id: expo.id, startsAt, endsAt, timeZone: body.timeZone });
    const hours = { dayStartMinute: minuteOf(body.meetingHours.start), dayEndMinute: minuteOf(body.meetingHours.end) };
    await db.transaction(async (tx) => {
      await tx
        .update(expos)
        .set({ name: body.name, tagline: body.tagline, startsAt, endsAt, timeZone: body.timeZone })
        .where(eq(expos.id, expo.id));
      await tx
        .insert(meetingPolicies)
        .values({ ...period, ...hours })
        .onConflictDoUpdate({
          target: meetingPolicies.expoId,
          set: { opensAt: period.opensAt, closesAt: period.closesAt, ...hours },
        });
    });
    return this.settings();
  }

  async listZones(): Promise<ZoneAdminView[]> {
    const { db } = this.deps;
    const expo = await theExpo(db);
    const rows = await db
      .select({ zone: zones, hall: halls.slug, booths: count(booths.id) })
      .from(zones)
      .innerJoin(halls, eq(zones.hallId, halls.id))
      .leftJoin(booths, eq(booths.zoneId, zones.id))
      .where(eq(halls.expoId, expo.id))
      .groupBy(zones.id, halls.slug, halls.sort)
      .orderBy(asc(halls.sort), asc(zones.sort));
    return rows.map(({ zone, hall, booths: n }) => ({
      id: zone.id,
      hall,
      booths: n,
      slug: zone.slug,
      kind: zone.kind,
      name: zone.name,
      description: zone.description,
      color: zone.color,
      sort: zone.sort,
    }));
  }

  async createZone(body: ZoneBody): Promise<{ id: string }> {
    const { db } = this.deps;
    const hall = await theHall(db, (await theExpo(db)).id);
    const [zone] = await db
      .insert(zones)
      .values({ ...body, hallId: hall.id })
      .returning({ id: zones.id })
      .catch(conflictOnDuplicate('A zone with this slug already exists.'));
    return zone!;
  }

  async updateZone(zoneId: string, body: ZoneBody): Promise<void> {
    const { db } = this.deps;
    const [zone] = await db
      .update(zones)
      .set(body)
      .where(eq(zones.id, zoneId))
      .returning({ id: zones.id })
      .catch(conflictOnDuplicate('A zone with this slug already exists.'));
    if (!zone) throw new DomainError(ErrorCode.NOT_FOUND, 'No such zone.');
  }

  async createOrganisation(body: OrganisationBody): Promise<{ id: string }> {
    const [org] = await this.deps.db
      .insert(organisations)
      .values(body)
      .returning({ id: organisations.id })
      .catch(conflictOnDuplicate('An organisation with this slug already exists.'));
    return org!;
  }

  /** Gives an organisation a plot: an empty draft booth of that size, in that zone, at that position. */
  async createPlot(body: PlotBody): Promise<{ id: string; slug: string }> {
    const { db } = this.deps;
    const expo = await theExpo(db);
    const [org] = await db.select().from(organisations).where(eq(organisations.id, body.organisationId));
    if (!org) throw new DomainError(ErrorCode.NOT_FOUND, 'No such organisation.');
    await this.assertZone(body.zoneId);
    const taken = await db.select({ slug: booths.slug }).from(booths).where(eq(booths.organisationId, org.id));
    const slug = taken.length === 0 ? org.slug : `${org.slug}-${taken.length + 1}`;
    const [booth] = await db
      .insert(booths)
      .values({
        expoId: expo.id,
        zoneId: body.zoneId,
        organisationId: org.id,
        slug,
        position: body.position,
        size: body.size,
        template: TEMPLATES_BY_SIZE[body.size][0]!,
        brandColor: '#1FA39A',
        name: { en: org.name },
        status: 'draft',
      })
      .returning({ id: booths.id, slug: booths.slug })
      .catch(conflictOnDuplicate('That position in the zone is already taken.'));
    return booth!;
  }

  /** Moves or resizes a plot; a published booth's move reaches the hall at once. */
  async updatePlot(boothId: string, body: Omit<PlotBody, 'organisationId'>): Promise<void> {
    const { db } = this.deps;
    await this.assertZone(body.zoneId);
    const [current] = await db.select().from(booths).where(eq(booths.id, boothId));
    if (!current) throw new DomainError(ErrorCode.NOT_FOUND, 'No such booth.');
    const templates = TEMPLATES_BY_SIZE[body.size];
    const template = templates.includes(current.template) ? current.template : templates[0]!;
    await db
      .update(booths)
      .set({ zoneId: body.zoneId, position: body.position, size: body.size, template, updatedAt: new Date() })
      .where(eq(booths.id, boothId))
      .catch(conflictOnDuplicate('That position in the zone is already taken.'));
    if (current.status === 'published') this.deps.notifier.boothUpdated(await readSummary(db, boothId));
  }

  private async assertZone(zoneId: string) {
    const [zone] = await this.deps.db.select({ id: zones.id }).from(zones).where(eq(zones.id, zoneId));
    if (!zone) throw new DomainError(ErrorCode.NOT_FOUND, 'No such zone.');
  }

  /** Every organisation with its members, open invitations and booths with their publishing state. */
  async overview(now = new Date()): Promise<ExhibitorOverview> {
    const { db } = this.deps;
    const [orgs, boothRows, memberRows, inviteRows] = await Promise.all([
      db.select().from(organisations).orderBy(asc(organisations.name)),
      db.select().from(booths).orderBy(asc(booths.slug)),
      db
        .select({ organisationId: accounts.organisationId, n: count() })
        .from(accounts)
        .where(ne(accounts.role, 'visitor'))
        .groupBy(accounts.organisationId),
      db
        .select({ organisationId: invitations.organisationId, n: count() })
        .from(invitations)
        .where(and(isNull(invitations.acceptedAt), gt(invitations.expiresAt, now)))
        .groupBy(invitations.organisationId),
    ]);
    const members = new Map(memberRows.map((r) => [r.organisationId, r.n]));
    const invites = new Map(inviteRows.map((r) => [r.organisationId, r.n]));
    return {
      organisations: orgs.map((o) => ({
        id: o.id,
        slug: o.slug,
        name: o.name,
        country: o.country,
        kind: o.kind,
        members: members.get(o.id) ?? 0,
        pendingInvitations: invites.get(o.id) ?? 0,
        booths: boothRows
          .filter((b) => b.organisationId === o.id)
          .map((b) => ({
            id: b.id,
            slug: b.slug,
            name: b.name,
            zoneId: b.zoneId,
            size: b.size,
            position: b.position,
            status: b.status,
            pendingChanges: b.draft !== null,
            publishedAt: b.publishedAt?.toISOString() ?? null,
          })),
      })),
    };
  }
}
