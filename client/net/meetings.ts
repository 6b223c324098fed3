/**
 * Meetings over HTTP (availability, slots, booking, my meetings, call access). Responses are parsed with the shared
 * schemas; failures become ApiErrors with a code the screens turn into words.
 */
import { z } from 'zod';
import { ErrorCode } from '../../shared/errors';
import {
  AvailabilityView,
  type BookBody,
  BoothSlotsView,
  CallAccessView,
  type InviteBody,
  MeetingHoursView,
  MeetingList,
  MeetingView,
  type PublishAvailabilityBody,
  type RescheduleBody,
  SlotView,
} from '../../shared/meetings';
import { ApiError } from './ApiError';

const ErrorResponse = z.object({ error: z.object({ code: z.string(), message: z.string() }) });

async function call<T>(path: string, schema: z.ZodType<T>, body?: unknown, signal?: AbortSignal): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      method: body === undefined ? 'GET' : 'POST',
      headers:
        body === undefined
          ? { Accept: 'application/json' }
          : { Accept: 'application/json', 'Content-Type': 'application/json', 'X-Requested-With': 'minato' },
      credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body),
      signal,
    });
  } catch (cause) {
    if (signal?.aborted) throw cause;
    throw new ApiError(ErrorCode.UNAVAILABLE, `Network error on ${path}`, 0, [], { cause });
  }
  const json: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const err = ErrorResponse.safeParse(json);
    const code = (err.success ? err.data.error.code : ErrorCode.INTERNAL) as ErrorCode;
    throw new ApiError(code, err.success ? err.data.error.message : `HTTP ${response.status}`, response.status);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    throw new ApiError(ErrorCode.INTERNAL, `Unexpected response to ${path}`, response.status, [], {
      cause: parsed.error,
    });
  }
  return parsed.data;
}

export const fetchBoothSlots = (boothId: string, signal?: AbortSignal) =>
  call(`/api/meetings/booths/${encodeURIComponent(boothId)}/slots`, BoothSlotsView, undefined, signal);

export const bookMeeting = (body: BookBody) => call('/api/meetings', MeetingView, body);

export const fetchMyMeetings = async (signal?: AbortSignal) =>
  (await call('/api/meetings', MeetingList, undefined, signal)).meetings;

export const fetchMeeting = (id: string, signal?: AbortSignal) =>
  call(`/api/meetings/${encodeURIComponent(id)}`, MeetingView, undefined, signal);

export const cancelMeeting = (id: string, message?: string) =>
  call(`/api/meetings/${encodeURIComponent(id)}/cancel`, MeetingView, message ? { message } : {});

export const declineMeeting = (id: string, message: string) =>
  call(`/api/meetings/${encodeURIComponent(id)}/decline`, MeetingView, { message });

export const rescheduleMeeting = (id: string, body: RescheduleBody) =>
  call(`/api/meetings/${encodeURIComponent(id)}/reschedule`, MeetingView, body);

export const fetchCallAccess = (id: string) => call(`/api/meetings/${encodeURIComponent(id)}/call`, CallAccessView, {});

export const fetchMyAvailability = (signal?: AbortSignal) =>
  call('/api/meetings/availability', AvailabilityView, undefined, signal);

export const publishAvailability = (body: PublishAvailabilityBody) =>
  call('/api/meetings/availability', AvailabilityView, body);

/** Where the meeting's invitation (ICS) downloads from. */
export const invitationUrl = (id: string) => `/api/meetings/${encodeURIComponent(id)}/invitation.ics`;

export const fetchMeetingHours = (signal?: AbortSignal) =>
  call('/api/meetings/hours', MeetingHoursView, undefined, signal);

/** Staff invite someone (by account id or email) to one of their free slots. */
export const inviteToMeeting = (body: InviteBody) => call('/api/meetings/invitations', MeetingView, body);

/** The invitee accepts or declines. */
export const respondToInvitation = (id: string, accept: boolean) =>
  call(`/api/meetings/${encodeURIComponent(id)}/respond`, MeetingView, { accept });

/** The caller's own free slots at a booth where they are staff. */
export const fetchOwnSlots = async (boothId: string, signal?: AbortSignal) =>
  (
    await call(
      `/api/meetings/booths/${encodeURIComponent(boothId)}/own-slots`,
      z.object({ slots: z.array(SlotView) }),
      undefined,
      signal,
    )
  ).slots;
