/**
 * With SMTP_URL, a booking mails both sides an invitation with the ICS as a calendar part, through a real local SMTP
 * server; the mail is recorded in the organisers' outbox like every other mail.
 */
import ICAL from 'ical.js';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { logIn } from '../support/clients';
import { book, boothId, DEMO_PASSWORD, slotsOf } from '../support/meetings';
import { startTestServer, type TestServer } from '../support/server';
import { type SmtpSink, startSmtpSink } from '../support/smtp-sink';

describe('meeting invitations by SMTP', () => {
  let smtp: SmtpSink;
  let server: TestServer;

  beforeAll(async () => {
    smtp = await startSmtpSink();
    server = await startTestServer({ serveClient: false, env: { SMTP_URL: smtp.url } });
  });
  afterAll(async () => {
    await server?.close();
    await smtp?.close();
  });

  it('mails both sides a calendar invitation that opens at the booked instant', async () => {
    const guest = await logIn(server.url, 'visitor.berlin@minato-hall.example', 'minato-visitor-2026');
    const host = await logIn(server.url, 'aiko.tanaka@minato-hydrogen-works.example', DEMO_PASSWORD);
    const booth = await boothId(server.url, 'minato-hydrogen-works');
    const slot = (await slotsOf(server.url, booth, guest)).staff.find((s) => s.hostId === host.accountId)!.slots[0]!;
    const res = await book(server.url, guest, { hostId: host.accountId, boothId: booth, ...slot });
    expect(res.status).toBe(201);
    await smtp.waitFor(2);
    const received = smtp.received;

    expect(received.flatMap((m) => m.to).sort()).toEqual(
      ['aiko.tanaka@minato-hydrogen-works.example', 'visitor.berlin@minato-hall.example'].sort(),
    );
    for (const mail of received) {
      // A real MIME parser finds the calendar part; a real iCalendar parser reads it.
      const parsed = await simpleParser(mail.raw);
      const calendar = parsed.attachments.find((a) => a.contentType.startsWith('text/calendar'));
      expect(calendar?.contentType).toBe('text/calendar');
      const vevent = new ICAL.Component(ICAL.parse(calendar!.content.toString('utf8'))).getFirstSubcomponent('vevent');
      const event = new ICAL.Event(vevent!);
      expect(event.startDate.toJSDate().toISOString()).toBe(new Date(slot.startsAt).toISOString());
      expect(event.endDate.toJSDate().toISOString()).toBe(new Date(slot.endsAt).toISOString());
    }
  });
});
