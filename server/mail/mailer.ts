/**
 * Outgoing mail (password reset links, invitations). With SMTP_URL the mail goes through SMTP (nodemailer);
 * without it, it lands in the outbox table organisers read in their console, and in the server log. Every mail is
 * recorded either way, so an organiser can see what was sent to whom; a mail's secret (a password reset token) never
 * is: it would let whoever reads the outbox (or the database) into someone else's account. Without SMTP the server log,
 * the operator's copy, is the one place it can be read.
 */
import { desc } from 'drizzle-orm';
import nodemailer from 'nodemailer';
import type { Db } from '../db/database';
import { mailOutbox } from '../db/schema';
import type { Logger } from '../log';

export interface Mail {
  to: string;
  subject: string;
  text: string;
  kind: 'password-reset' | 'invitation' | 'other';
  /** A secret in `text` only its recipient may read (a reset token): the outbox keeps the text without it. */
  secret?: string;
  /** A calendar invitation (ICS) sent as a calendar part, so mail clients offer accept and decline. */
  calendar?: { method: 'REQUEST' | 'CANCEL'; ics: string };
}

export interface Mailer {
  /** Sends (or queues in the outbox); resolves once the mail is recorded. SMTP failures are recorded, not thrown. */
  send(mail: Mail): Promise<{ delivered: boolean }>;
  close(): void;
}

export interface MailerDeps {
  db: Db;
  log: Logger;
  smtpUrl: string | undefined;
  from?: string;
}

export function createMailer(deps: MailerDeps): Mailer {
  const { db, log } = deps;
  const from = deps.from ?? 'Minato Hall <no-reply@minato-hall.example>';
  const transport = deps.smtpUrl ? nodemailer.createTransport(deps.smtpUrl) : undefined;

  return {
    async send(mail) {
      if (!transport) {
        await db.insert(mailOutbox).values({ ...mailRow(mail), body: recordedText(mail), transport: 'outbox' });
        // Without SMTP the log is the operator's copy; the body carries the link they may need to pass on.
        log.info({ to: mail.to, subject: mail.subject, kind: mail.kind, body: mail.text }, 'mail queued in outbox');
        return { delivered: false };
      }
      try {
        await transport.sendMail({
          from,
          to: mail.to,
          subject: mail.subject,
          text: mail.text,
          ...(mail.calendar
            ? { icalEvent: { method: mail.calendar.method, filename: 'invitation.ics', content: mail.calendar.ics } }
            : {}),
        });
        await db.insert(mailOutbox).values({ ...mailRow(mail), body: null, transport: 'smtp', sentAt: new Date() });
        log.info({ to: mail.to, kind: mail.kind }, 'mail sent');
        return { delivered: true };
      } catch (err) {
        log.error({ err, to: mail.to, kind: mail.kind }, 'mail could not be sent');
        await db.insert(mailOutbox).values({
          ...mailRow(mail),
          body: recordedText(mail),
          transport: 'smtp',
          error: 'The mail server refused or could not be reached.',
        });
        return { delivered: false };
      }
    },
    close: () => transport?.close(),
  };
}

/** What the outbox keeps of a mail's text: all of it but its secret. */
function recordedText(mail: Mail): string {
  return mail.secret ? mail.text.replaceAll(mail.secret, HIDDEN_SECRET) : mail.text;
}

/** Stands in the outbox for a mail's secret. */
export const HIDDEN_SECRET = '[hidden: only the recipient and the server log have it]';

function mailRow(mail: Mail) {
  return { to: mail.to, subject: mail.subject, kind: mail.kind };
}

/** The latest mails, newest first, for the organiser's outbox. */
export async function readOutbox(db: Db, limit = 100) {
  return db.select().from(mailOutbox).orderBy(desc(mailOutbox.createdAt)).limit(limit);
}
