/**
 * Meeting invitations by mail: the ICS as a calendar part, through the one mailer (server/mail) so every mail is
 * recorded the same way. Used only with SMTP: without it, invitations stay in the meeting_invitations table and
 * are downloaded from "My meetings".
 */
import type { Mailer } from '../mail/mailer';

export interface InvitationMail {
  to: string;
  subject: string;
  text: string;
  ics: string;
  method: 'REQUEST' | 'CANCEL';
}

export interface InvitationMailer {
  send(mail: InvitationMail): Promise<void>;
  close(): void;
}

export function invitationMailer(mailer: Mailer): InvitationMailer {
  return {
    async send(mail) {
      await mailer.send({
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        kind: 'invitation',
        calendar: { method: mail.method, ics: mail.ics },
      });
    },
    // The shared mailer is closed by its owner.
    close: () => {},
  };
}
