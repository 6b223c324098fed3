/**
 * Meetings as a plain module: the one object the adapters (http/routes/meeting-routes.ts,
 * realtime/meeting-socket.ts) and talk-now-desk.ts call. No Express or Socket.IO here. It composes the parts below,
 * each in its own module, and owns what they share: every change ends here, where both invitations are recorded
 * and listeners are told.
 * - meeting-rules.ts: the organiser's meeting period, hours and who may book whom;
 * - staff-availability.ts: the windows a booth's staff publish;
 * - meeting-booking.ts: free slots, and booking, inviting and "Talk now" (the meeting rows and their holds);
 * - meeting-changes.ts: accepting, declining, cancelling and moving a meeting once it is made;
 * - call-access.ts: entering a meeting's call; meeting-views.ts: meetings as their participants see them.
 */
import { eq, or } from 'drizzle-orm';
import type {
  AvailabilityView,
  BookBody,
  BoothSlotsView,
  CallAccessView,
  InviteBody,
  MeetingHoursBody,
  MeetingHoursView,
  MeetingView,
  PublishAvailabilityBody,
  RescheduleBody,
  SlotView,
} from '../../shared/meetings';
import type { Db } from '../db/database';
import { meetings } from '../db/schema';
import type { Logger } from '../log';
import type { LiveKitConfig } from '../video/livekit-tokens';
import { CallAccess } from './call-access';
import type { InvitationMailer } from './invitation-mailer';
import { InvitationRecords } from './invitation-records';
import { participantRole, requireAccount } from './meeting-access';
import { MeetingBooking } from './meeting-booking';
import { MeetingChanges } from './meeting-changes';
import { MeetingRules, type Policy } from './meeting-rules';
import { meetingRow, meetingViews } from './meeting-views';
import { StaffAvailability } from './staff-availability';

export interface MeetingServiceDeps {
  db: Db;
  log: Logger;
  now: () => number;
  livekit: LiveKitConfig | undefined;
  iceServers: { urls: string | string[]; username?: string; credential?: string }[];
  /** Where the app is reached, for links in invitations. */
  publicUrl: string | undefined;
  mailer: InvitationMailer | undefined;
}

export interface MeetingChange {
  meetingId: string;
  status: MeetingView['status'];
  sequence: number;
  accountIds: string[];
}

export class MeetingService {
  private readonly listeners = new Set<(change: MeetingChange) => void>();
  private readonly invitations: InvitationRecords;
  private readonly rules: MeetingRules;
  private readonly availability: StaffAvailability;
  private readonly booking: MeetingBooking;
  private readonly changes: MeetingChanges;
  private readonly calls: CallAccess;

  constructor(private readonly deps: MeetingServiceDeps) {
    this.invitations = new InvitationRecords(deps);
    this.rules = new MeetingRules(deps);
    this.availability = new StaffAvailability({ db: deps.db, rules: this.rules });
    const afterChange = (meetingId: string, viewerId: string) => this.afterChange(meetingId, viewerId);
    this.booking = new MeetingBooking({ db: deps.db, now: deps.now, rules: this.rules, afterChange });
    this.changes = new MeetingChanges({ db: deps.db, rules: this.rules, booking: this.booking, afterChange });
    this.calls = new CallAccess(deps);
  }

  private get db() {
    return this.deps.db;
  }

  /** Listens for booked, moved, cancelled and declined meetings; returns an unsubscribe function. */
  onChange(listener: (change: MeetingChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Waits for invitation mails still being sent (on shutdown). */
  async drain(): Promise<void> {
    await this.invitations.drain();
  }

  // ——— the organiser's rules (meeting-rules.ts) ———

  policy(): Promise<Policy> {
    return this.rules.policy();
  }

  hoursView(): Promise<MeetingHoursView> {
    return this.rules.hoursView();
  }

  setHours(actorId: string | null, body: MeetingHoursBody): Promise<MeetingHoursView> {
    return this.rules.setHours(actorId, body);
  }

  // ——— staff availability (staff-availability.ts) ———

  publishAvailability(actorId: string | null, body: PublishAvailabilityBody): Promise<AvailabilityView> {
    return this.availability.publishAvailability(actorId, body);
  }

  availabilityOf(actorId: string | null): Promise<AvailabilityView> {
    return this.availability.availabilityOf(actorId);
  }

  // ——— free slots and booking (meeting-booking.ts) ———

  boothSlots(boothId: string, viewerId: string | null): Promise<BoothSlotsView> {
    return this.booking.boothSlots(boothId, viewerId);
  }

  ownSlots(actorId: string | null, boothId: string): Promise<SlotView[]> {
    return this.booking.ownSlots(actorId, boothId);
  }

  book(actorId: string | null, body: BookBody): Promise<MeetingView> {
    return this.booking.book(actorId, body);
  }

  assertMayMeet(guestId: string, with_: { hostId: string; boothId: string }): Promise<void> {
    return this.booking.assertMayMeet(guestId, with_);
  }

  startNow(input: { hostId: string; guestId: string; boothId: string; minutes: number }): Promise<MeetingView> {
    return this.booking.startNow(input);
  }

  invite(actorId: string | null, body: InviteBody): Promise<MeetingView> {
    return this.booking.invite(actorId, body);
  }

  // ——— changes to a meeting once made (meeting-changes.ts) ———

  respond(actorId: string | null, meetingId: string, accept: boolean, message?: string): Promise<MeetingView> {
    return this.changes.respond(actorId, meetingId, accept, message);
  }

  cancel(actorId: string | null, meetingId: string, message?: string): Promise<MeetingView> {
    return this.changes.cancel(actorId, meetingId, message);
  }

  decline(actorId: string | null, meetingId: string, message: string): Promise<MeetingView> {
    return this.changes.decline(actorId, meetingId, message);
  }

  reschedule(actorId: string | null, meetingId: string, body: RescheduleBody): Promise<MeetingView> {
    return this.changes.reschedule(actorId, meetingId, body);
  }

  // ——— reading meetings (meeting-views.ts) ———

  /** The caller's meetings, earliest first. */
  async myMeetings(actorId: string | null): Promise<MeetingView[]> {
    const accountId = requireAccount(actorId);
    return meetingViews(this.db, or(eq(meetings.hostId, accountId), eq(meetings.guestId, accountId))!, accountId);
  }

  async meeting(actorId: string | null, meetingId: string): Promise<MeetingView> {
    const accountId = requireAccount(actorId);
    participantRole(await meetingRow(this.db, meetingId), accountId);
    const [view] = await meetingViews(this.db, eq(meetings.id, meetingId), accountId);
    return view!;
  }

  /** The meeting's invitation as it stands now (REQUEST, or CANCEL once cancelled or declined). */
  async invitation(actorId: string | null, meetingId: string): Promise<string> {
    const view = await this.meeting(actorId, meetingId);
    return this.invitations.icsOf(view);
  }

  // ——— the call (call-access.ts) ———

  callAccess(actorId: string | null, meetingId: string): Promise<CallAccessView> {
    return this.calls.callAccess(actorId, meetingId);
  }

  assertInCall(accountId: string | null, meetingId: string): Promise<string> {
    return this.calls.assertInCall(accountId, meetingId);
  }

  // ——— internals ———

  /** After a change: store (and mail) both invitations, tell listeners, return the caller's view. */
  private async afterChange(meetingId: string, viewerId: string): Promise<MeetingView> {
    const [view] = await meetingViews(this.db, eq(meetings.id, meetingId), viewerId);
    const v = view!;
    await this.invitations.record(v);
    const change: MeetingChange = {
      meetingId,
      status: v.status,
      sequence: v.sequence,
      accountIds: [v.host.id, v.guest.id],
    };
    for (const listener of this.listeners) listener(change);
    return v;
  }
}
