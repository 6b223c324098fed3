/**
 * iCalendar (RFC 5545) invitations for meetings: times in UTC (every calendar shows them in its own zone), a
 * stable UID per meeting, SEQUENCE raised on every change, METHOD:REQUEST for new and moved meetings and
 * METHOD:CANCEL for cancelled or declined ones. The description names each side's local time too.
 */

export interface IcsPerson {
  name: string;
  email: string | null;
}

export interface IcsMeeting {
  id: string;
  startsAt: Date;
  endsAt: Date;
  sequence: number;
  cancelled: boolean;
  summary: string;
  description: string;
  url: string | null;
  organizer: IcsPerson;
  attendees: IcsPerson[];
  /** When this version of the meeting was written (DTSTAMP). */
  stamp: Date;
}

export const ICS_PRODID = '-//Minato Hall//Meetings//EN';

/** The UID calendars match updates and cancellations on. */
export const icsUid = (meetingId: string) => `${meetingId}@minato-hall`;

/** 20261208T010000Z */
export function icsUtc(date: Date): string {
  return date
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

/** Escapes TEXT values: backslash, semicolon, comma and newlines. */
export function icsText(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');
}

/** Folds a content line at 75 octets, never inside a UTF-8 character. */
export function foldLine(line: string): string {
  const encoder = new TextEncoder();
  if (encoder.encode(line).length <= 75) return line;
  const parts: string[] = [];
  let current = '';
  let size = 0;
  for (const ch of line) {
    const n = encoder.encode(ch).length;
    const limit = parts.length === 0 ? 75 : 74;
    if (size + n > limit) {
      parts.push(current);
      current = '';
      size = 0;
    }
    current += ch;
    size += n;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

function person(prop: string, p: IcsPerson, extra = ''): string {
  // A guest without an e-mail address still appears, with a non-mail URI calendars accept.
  const address = p.email ? `mailto:${p.email}` : 'urn:minato-hall:guest';
  return `${prop};CN="${p.name.replace(/"/g, "'")}"${extra}:${address}`;
}

export function buildIcs(meeting: IcsMeeting): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    `PRODID:${ICS_PRODID}`,
    'CALSCALE:GREGORIAN',
    `METHOD:${meeting.cancelled ? 'CANCEL' : 'REQUEST'}`,
    'BEGIN:VEVENT',
    `UID:${icsUid(meeting.id)}`,
    `SEQUENCE:${meeting.sequence}`,
    `DTSTAMP:${icsUtc(meeting.stamp)}`,
    `DTSTART:${icsUtc(meeting.startsAt)}`,
    `DTEND:${icsUtc(meeting.endsAt)}`,
    `SUMMARY:${icsText(meeting.summary)}`,
    `DESCRIPTION:${icsText(meeting.description)}`,
    ...(meeting.url ? [`URL:${meeting.url}`, `LOCATION:${icsText(meeting.url)}`] : []),
    `STATUS:${meeting.cancelled ? 'CANCELLED' : 'CONFIRMED'}`,
    person('ORGANIZER', meeting.organizer),
    ...meeting.attendees.map((a) => person('ATTENDEE', a, ';ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED')),
    ...(meeting.cancelled
      ? []
      : ['BEGIN:VALARM', 'ACTION:DISPLAY', 'DESCRIPTION:Reminder', 'TRIGGER:-PT10M', 'END:VALARM']),
    'END:VEVENT',
    'END:VCALENDAR',
  ];
  return `${lines.map(foldLine).join('\r\n')}\r\n`;
}
