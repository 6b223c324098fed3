/**
 * Every change to a meeting leaves a calendar invitation (ICS, SEQUENCE-numbered, CANCEL when it ends) for both
 * people: stored, so either can download it from their agenda, and mailed to those with an address.
 */
import { eq, inArray } from 'drizzle-orm';
import type { MeetingView } from '../../shared/meetings';
import { formatWhen } from '../../shared/time-zones';
import type { Db } from '../db/database';
import { accounts, meetingInvitations } from '../db/schema';
import type { Logger } from '../log';
import { buildIcs } from './ics';
import type { InvitationMailer } from './invitation-mailer';

export interface InvitationRecordsDeps {
  db: Db;
  log: Logger;
  now: () => number;
  /** Where the app is reached, for links in invitations. */
  publicUrl: string | undefined;
  mailer: InvitationMailer | undefined;
}

export class InvitationRecords {
  private readonly mailsInFlight = new Set<Promise<void>>();

  constructor(private readonly deps: InvitationRecordsDeps) {}

  /** Stores both people's invitation for the meeting as it is now, and mails them in the background. */
  async record(view: MeetingView): Promise<void> {
    const ics = await this.icsOf(view);
    const method = view.status === 'cancelled' || view.status === 'declined' ? 'CANCEL' : 'REQUEST';
    const change = method === 'CANCEL' ? 'Cancelled: ' : view.sequence > 0 ? 'Updated: ' : '';
    const subject = `${change}Meeting with ${view.host.displayName} (${view.boothName.en || view.boothSlug})`;
    const rows = await this.deps.db
      .insert(meetingInvitations)
      .values(
        [view.host.id, view.guest.id].map((accountId) => ({
          meetingId: view.id,
          accountId,
          method: method as 'REQUEST' | 'CANCEL',
          sequence: view.sequence,
          subject,
          ics,
        })),
      )
      .returning({ id: meetingInvitations.id, accountId: meetingInvitations.accountId });
    if (this.deps.mailer) this.mail(this.deps.mailer, rows, subject, ics, method);
  }

  /** Waits for invitation mails still being sent (on shutdown). */
  async drain(): Promise<void> {
    await Promise.allSettled([...this.mailsInFlight]);
  }

  /** The invitation as the meeting stands now (REQUEST, or CANCEL once it ended). */
  async icsOf(view: MeetingView): Promise<string> {
    const email = await this.emails([view.host.id, view.guest.id]);
    const boothName = view.boothName.en || view.boothSlug;
    // The time in each participant's own zone, once per distinct zone.
    const when = [view.host, view.guest]
      .filter((p, i, all) => p.timeZone && all.findIndex((q) => q.timeZone === p.timeZone) === i)
      .map((p) => `${formatWhen(view.startsAt, p.timeZone!, 'en')} (${p.timeZone}, ${p.displayName})`)
      .join('\n');
    const base = this.deps.publicUrl?.replace(/\/$/, '');
    return buildIcs({
      id: view.id,
      startsAt: new Date(view.startsAt),
      endsAt: new Date(view.endsAt),
      sequence: view.sequence,
      cancelled: view.status === 'cancelled' || view.status === 'declined',
      summary: `Minato Hall: ${view.guest.displayName} × ${view.host.displayName} (${boothName})`,
      description: [
        `Video meeting at ${boothName} in Minato Hall.`,
        when,
        view.agenda ? `Agenda: ${view.agenda}` : '',
        view.message ? `Note: ${view.message}` : '',
      ]
        .filter(Boolean)
        .join('\n'),
      url: base ? `${base}/meetings/${view.id}` : null,
      organizer: { name: view.host.displayName, email: email.get(view.host.id) ?? null },
      attendees: [
        { name: view.host.displayName, email: email.get(view.host.id) ?? null },
        { name: view.guest.displayName, email: email.get(view.guest.id) ?? null },
      ],
      stamp: new Date(this.deps.now()),
    });
  }

  private async emails(accountIds: string[]): Promise<Map<string, string | null>> {
    const people = await this.deps.db
      .select({ id: accounts.id, email: accounts.email })
      .from(accounts)
      .where(inArray(accounts.id, accountIds));
    return new Map(people.map((p) => [p.id, p.email]));
  }

  /** Mails in the background: a slow or broken mail server never holds up a booking. */
  private mail(
    mailer: InvitationMailer,
    rows: { id: string; accountId: string }[],
    subject: string,
    ics: string,
    method: 'REQUEST' | 'CANCEL',
  ) {
    const job = (async () => {
      const email = await this.emails(rows.map((r) => r.accountId));
      for (const row of rows) {
        const to = email.get(row.accountId);
        if (!to) continue; // guests have no address: they download the invitation
        try {
          await mailer.send({ to, subject, text: subject, ics, method });
          await this.deps.db
            .update(meetingInvitations)
            .set({ sentAt: new Date() })
            .where(eq(meetingInvitations.id, row.id));
        } catch (err) {
          this.deps.log.warn({ err, invitation: row.id }, 'invitation mail failed');
        }
      }
    })();
    this.mailsInFlight.add(job);
    void job.finally(() => this.mailsInFlight.delete(job));
  }
}
