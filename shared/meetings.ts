/**
 * Meetings: the HTTP bodies and views of availability, booking and calls, the socket events for reminders and
 * peer-to-peer call signalling, and the timing rules both sides use (when "Join" opens, when reminders fire).
 */
import { z } from 'zod';
import { TimeZone } from './domain';
import { LocalizedText } from './i18n';

const MINUTE = 60_000;

/** Reminders arrive this many minutes before a meeting starts. */
export const REMINDER_MINUTES = [10, 1] as const;
/** "Join" becomes active this long before the start (and stays until the end). */
export const JOIN_OPENS_MINUTES = 5;
/** A call token is minted from this long before the start … */
export const CALL_OPENS_MINUTES = 10;
/** … until this long after the end. */
export const CALL_CLOSES_MINUTES = 15;
/** Peer-to-peer calls (without LiveKit) hold at most this many connections. */
export const P2P_MAX_PEERS = 4;

export const MEETING_LENGTHS = [15, 20, 30, 45, 60] as const;

/** Whether the Join button is active at `now` for a meeting. */
export function joinIsOpen(meeting: { startsAt: string; endsAt: string; status: MeetingStatus }, now: number) {
  return (
    meeting.status === 'booked' &&
    now >= Date.parse(meeting.startsAt) - JOIN_OPENS_MINUTES * MINUTE &&
    now <= Date.parse(meeting.endsAt)
  );
}

/** Whether a participant may enter the call (get a token, signal peers) at `now`. */
export function callIsOpen(meeting: { startsAt: number; endsAt: number }, now: number): boolean {
  return now >= meeting.startsAt - CALL_OPENS_MINUTES * MINUTE && now <= meeting.endsAt + CALL_CLOSES_MINUTES * MINUTE;
}

const Instant = z.iso.datetime({ offset: true });
const LocalDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date such as 2026-12-08');
const Clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'a time such as 09:30');

/** 'invited': staff invited the guest, who has not accepted yet. */
export const MeetingStatus = z.enum(['booked', 'invited', 'cancelled', 'declined', 'held']);
export type MeetingStatus = z.infer<typeof MeetingStatus>;

export const MeetingHoursView = z.object({
  timeZone: TimeZone,
  dayStart: Clock,
  dayEnd: Clock,
  opensAt: Instant,
  closesAt: Instant,
  visitorsMayBook: z.boolean(),
  exhibitorsMayInvite: z.boolean(),
});
export type MeetingHoursView = z.infer<typeof MeetingHoursView>;

/** The organiser sets the meeting period, the daily hours (in the expo's zone) and who may book whom. */
export const MeetingHoursBody = z
  .object({
    dayStart: Clock,
    dayEnd: Clock,
    opensAt: Instant,
    closesAt: Instant,
    visitorsMayBook: z.boolean(),
    exhibitorsMayInvite: z.boolean(),
  })
  .refine((h) => h.dayEnd > h.dayStart, 'the day must end after it starts')
  .refine((h) => Date.parse(h.closesAt) > Date.parse(h.opensAt), 'the period must end after it starts');
export type MeetingHoursBody = z.infer<typeof MeetingHoursBody>;

export const SlotView = z.object({ startsAt: Instant, endsAt: Instant });
export type SlotView = z.infer<typeof SlotView>;

export const StaffSlotsView = z.object({
  hostId: z.string(),
  displayName: z.string(),
  jobTitle: z.string(),
  /** The staff member's own zone, for "their local time" beside each slot. */
  timeZone: TimeZone,
  slots: z.array(SlotView),
});
export type StaffSlotsView = z.infer<typeof StaffSlotsView>;

export const BoothSlotsView = z.object({
  boothId: z.string(),
  hours: MeetingHoursView,
  staff: z.array(StaffSlotsView),
});
export type BoothSlotsView = z.infer<typeof BoothSlotsView>;

const Person = z.object({ id: z.string(), displayName: z.string(), timeZone: TimeZone.nullable() });

export const MeetingView = z.object({
  id: z.string(),
  boothId: z.string(),
  boothSlug: z.string(),
  boothName: LocalizedText,
  host: Person,
  guest: Person,
  startsAt: Instant,
  endsAt: Instant,
  status: MeetingStatus,
  agenda: z.string(),
  sequence: z.number().int(),
  /** Why it was declined or cancelled, in the words of who did it. */
  message: z.string().nullable(),
  myRole: z.enum(['host', 'guest']),
});
export type MeetingView = z.infer<typeof MeetingView>;

export const MeetingList = z.object({ meetings: z.array(MeetingView) });

export const BookBody = z.object({
  hostId: z.uuid(),
  boothId: z.uuid(),
  startsAt: Instant,
  endsAt: Instant,
  agenda: z.string().trim().max(500, 'at most 500 characters').default(''),
});
export type BookBody = z.infer<typeof BookBody>;

/**
 * Staff invite someone (by account id, e.g. a chat message's author, or by an account's email) to one of their own
 * free slots at a booth; the organiser must let exhibitors invite.
 */
export const InviteBody = z.object({
  boothId: z.uuid(),
  startsAt: Instant,
  endsAt: Instant,
  invitee: z.union([z.object({ accountId: z.uuid() }).strict(), z.object({ email: z.email().max(254) }).strict()]),
  agenda: z.string().trim().max(500, 'at most 500 characters').default(''),
});
export type InviteBody = z.infer<typeof InviteBody>;

/** The invitee's answer. */
export const RespondBody = z.object({ accept: z.boolean(), message: z.string().trim().max(500).optional() });
export type RespondBody = z.infer<typeof RespondBody>;

export const RescheduleBody = z.object({ startsAt: Instant, endsAt: Instant });
export type RescheduleBody = z.infer<typeof RescheduleBody>;

export const DeclineBody = z.object({ message: z.string().trim().min(1, 'a short message is needed').max(500) });
export const CancelBody = z.object({ message: z.string().trim().max(500).optional() });

export const AvailabilityWindowInput = z
  .object({ date: LocalDate, from: Clock, to: Clock })
  .refine((w) => w.to > w.from, 'the window must end after it starts');

/** Staff publish windows in their own zone (local dates and times); the server stores instants. */
export const PublishAvailabilityBody = z.object({
  boothId: z.uuid(),
  timeZone: TimeZone.optional(),
  slotMinutes: z
    .number()
    .int()
    .refine((n) => (MEETING_LENGTHS as readonly number[]).includes(n), `one of ${MEETING_LENGTHS.join(', ')} minutes`),
  bufferMinutes: z.number().int().min(0).max(60).default(0),
  windows: z.array(AvailabilityWindowInput).max(60),
});
export type PublishAvailabilityBody = z.infer<typeof PublishAvailabilityBody>;

export const AvailabilityView = z.object({
  /** The zone windows are entered in (the staff member's own, else the expo's). */
  timeZone: TimeZone,
  /** The booths where the caller is staff (where they may publish times). */
  booths: z.array(z.object({ id: z.string(), slug: z.string(), name: LocalizedText })),
  windows: z.array(
    z.object({
      id: z.string(),
      boothId: z.string(),
      startsAt: Instant,
      endsAt: Instant,
      slotMinutes: z.number().int(),
      bufferMinutes: z.number().int(),
    }),
  ),
});
export type AvailabilityView = z.infer<typeof AvailabilityView>;

export const IceServer = z.object({
  urls: z.union([z.string(), z.array(z.string())]),
  username: z.string().optional(),
  credential: z.string().optional(),
});

/** How to enter a meeting's call: a LiveKit token, or peer-to-peer over our socket. */
export const CallAccessView = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('livekit'), url: z.string(), token: z.string(), room: z.string() }),
  z.object({ mode: z.literal('p2p'), room: z.string(), iceServers: z.array(IceServer) }),
]);
export type CallAccessView = z.infer<typeof CallAccessView>;

export const CallPeer = z.object({ peerId: z.string(), accountId: z.string(), displayName: z.string() });
export type CallPeer = z.infer<typeof CallPeer>;

/** WebRTC signalling data relayed between two peers as is (the server only checks who may send it). */
export const SignalData = z.discriminatedUnion('type', [
  z.object({ type: z.literal('offer'), sdp: z.string().max(64_000) }),
  z.object({ type: z.literal('answer'), sdp: z.string().max(64_000) }),
  z.object({
    type: z.literal('candidate'),
    candidate: z.object({
      candidate: z.string().max(2_000),
      sdpMid: z.string().max(64).nullable().optional(),
      sdpMLineIndex: z.number().int().nullable().optional(),
    }),
  }),
]);
export type SignalData = z.infer<typeof SignalData>;

const meetingId = z.uuid();

/** A "Talk now" request waits this long for a booth's staff to answer. */
export const TALK_REQUEST_SECONDS = 60;
/** An accepted "Talk now" becomes a meeting of this length, starting at once. */
export const TALK_MEETING_MINUTES = 15;

/** How a "Talk now" request ended; both sides are told. */
export const TalkEndReason = z.enum(['accepted', 'declined', 'cancelled', 'expired', 'failed']);
export type TalkEndReason = z.infer<typeof TalkEndReason>;

export const TalkPrompt = z.object({
  requestId: z.uuid(),
  boothId: z.uuid(),
  boothName: LocalizedText,
  fromName: z.string(),
  expiresAt: Instant,
});
export type TalkPrompt = z.infer<typeof TalkPrompt>;

export const TalkEnded = z.object({ requestId: z.uuid(), reason: TalkEndReason, meetingId: meetingId.nullable() });
export type TalkEnded = z.infer<typeof TalkEnded>;

export const meetingClientEvents = {
  /** Enters a meeting's peer-to-peer call: the peers already there (the newcomer makes the offers). */
  'call:join': {
    payload: z.object({ meetingId }),
    ack: z.object({ selfPeerId: z.string(), peers: z.array(CallPeer), iceServers: z.array(IceServer) }),
  },
  'call:leave': { payload: z.object({ meetingId }), ack: z.object({}) },
  'call:signal': { payload: z.object({ meetingId, to: z.string().max(64), data: SignalData }), ack: z.object({}) },
  /** A visitor asks a booth's online staff for an instant call. */
  'talk:request': {
    payload: z.object({ boothId: z.uuid() }),
    ack: z.object({ requestId: z.uuid(), expiresAt: Instant }),
  },
  /** The visitor withdraws their request. */
  'talk:cancel': { payload: z.object({ requestId: z.uuid() }), ack: z.object({}) },
  /** A staff member of the booth accepts (an ad-hoc meeting starts now) or declines. */
  'talk:answer': {
    payload: z.object({ requestId: z.uuid(), accept: z.boolean() }),
    ack: z.object({ meetingId: meetingId.nullable() }),
  },
} as const;

export const meetingServerEvents = {
  /** A meeting you are in starts soon. */
  'meeting:reminder': z.object({
    meetingId,
    startsAt: Instant,
    minutesBefore: z.number().int(),
    withName: z.string(),
  }),
  /** A meeting you are in was booked, moved, cancelled or declined: refresh "My meetings". */
  'meeting:changed': z.object({ meetingId, status: MeetingStatus, sequence: z.number().int() }),
  'call:peer-joined': z.object({ meetingId, peer: CallPeer }),
  'call:peer-left': z.object({ meetingId, peerId: z.string() }),
  'call:signal': z.object({ meetingId, from: z.string(), data: SignalData }),
  /** To a booth's staff: a visitor asks to talk now. */
  'talk:prompt': TalkPrompt,
  /** To the visitor and the booth's staff: the request was accepted (with the meeting), declined, withdrawn… */
  'talk:ended': TalkEnded,
} as const;
