/**
 * Sends meeting invitations by mail when SMTP_URL is set (nodemailer, the ICS as a calendar part so mail clients
 * show accept/decline). Without SMTP the invitations stay in the meeting_invitations table (and the download).
 */
import nodemailer from 'nodemailer';

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

export function createSmtpMailer(
  smtpUrl: string,
  from = 'Minato Hall <meetings@minato-hall.example>',
): InvitationMailer {
  const transport = nodemailer.createTransport(smtpUrl);
  return {
    async send(mail) {
      await transport.sendMail({
        from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        icalEvent: { method: mail.method, filename: 'invitation.ics', content: mail.ics },
      });
    },
    close: () => transport.close(),
  };
}
